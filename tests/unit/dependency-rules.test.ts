import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IConfiguration } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

/**
 * The rules `npm run check` enforces (.dependency-cruiser.cjs) do catch what they forbid: run over
 * tests/fixtures/layout, a miniature of the repository broken on purpose, they report each break
 * and nothing else.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const config = createRequire(import.meta.url)(path.join(root, '.dependency-cruiser.cjs')) as IConfiguration;

describe('dependency rules', () => {
	it('report an import cycle, a transport reaching Prisma or db.ts, and the domain importing a transport', async () => {
		const fixture = path.join(root, 'tests', 'fixtures', 'layout');
		const previous = process.cwd();
		process.chdir(fixture);
		try {
			const result = await cruise(['src', 'server'], { validate: true, ruleSet: { forbidden: config.forbidden }, tsPreCompilationDeps: true, doNotFollow: config.options!.doNotFollow });
			const summary = typeof result.output === 'string' ? null : result.output.summary;
			// a package is named by its name, wherever node_modules sits
			const named = (to: string) => (to.includes('node_modules/') ? to.slice(to.lastIndexOf('node_modules/') + 'node_modules/'.length).split('/').slice(0, 2).join('/') : to);
			const found = summary!.violations.map((v) => `${v.rule.name}: ${v.from} → ${named(v.to)}`).sort();
			expect(found).toEqual(
				[
					'domain-not-to-transport: src/lib/server/clean/uses-transport.ts → src/routes/bad/+page.server.ts',
					'no-circular: src/lib/server/loop/a.ts → src/lib/server/loop/b.ts',
					'transport-not-to-database: server/realtime/bad.ts → @prisma/client',
					'transport-not-to-database: src/routes/api/+server.ts → src/lib/server/generated/prisma/client.ts',
					'transport-not-to-database: src/routes/bad/+page.server.ts → src/lib/server/db.ts'
				].sort()
			);
		} finally {
			process.chdir(previous);
		}
	});
});
