/**
 * The house keeps its shape (ARCHITECTURE.md): run by `npm run check` (`npm run check:deps`).
 * Rules are written over paths, not file lists, so new files are held to them too.
 * - no import cycle anywhere (type-only imports count: they are cycles of meaning all the same);
 * - a transport (pages, form actions and API endpoints under src/routes, src/hooks.server.ts,
 *   socket handlers under server/realtime, queue handlers under server/jobs) never reaches the
 *   database directly: no Prisma, no generated client, no src/lib/server/db.ts — it calls the domain;
 * - the domain (src/lib/server/**) never imports a transport (src/routes, server/).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			severity: 'error',
			comment: 'Import cycles make the layers meaningless: move the shared piece down into its own module.',
			from: {},
			to: { circular: true }
		},
		{
			name: 'transport-not-to-database',
			severity: 'error',
			comment: 'Transports parse input and call ONE domain function; only the domain (src/lib/server/<domain>) talks to Prisma.',
			from: { path: ['^src/routes/', '^src/hooks\\.server\\.ts$', '^server/realtime/', '^server/jobs/'] },
			to: { path: ['^src/lib/server/db\\.ts$', '^src/lib/server/generated/', '(^|/)node_modules/(@prisma|prisma)/', '^(@prisma|prisma)(/|$)'] }
		},
		{
			name: 'domain-not-to-transport',
			severity: 'error',
			comment: 'The domain knows nothing of HTTP, sockets or the process: it never imports src/routes or server/.',
			from: { path: '^src/lib/server/' },
			to: { path: ['^src/routes/', '^src/hooks\\.server\\.ts$', '^server/'] }
		}
	],
	options: {
		// the generated Prisma client is seen (so a transport importing it is caught) but not walked
		doNotFollow: { path: ['node_modules', '^src/lib/server/generated/'] },
		exclude: { path: ['^\\.svelte-kit/', '^build/'] },
		
		tsPreCompilationDeps: true,
		combinedDependencies: false,
		enhancedResolveOptions: {
			exportsFields: ['exports'],
			conditionNames: ['import', 'require', 'node', 'default', 'types'],
			extensions: ['.ts', '.js', '.mjs', '.cjs', '.svelte', '.json']
		},
		tsConfig: { fileName: 'tsconfig.server.json' }
	}
};
