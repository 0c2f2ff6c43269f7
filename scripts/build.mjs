// `npm run build` (and the build step of `npm start` / `npm run test:e2e`): vite build, minus
// SvelteKit's closing hint to run `npm run preview` — Relais has no preview: `npm start` serves the build.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Runs the build; returns its exit status. */
export function build(extraArgs = []) {
	const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', ...extraArgs], {
		cwd: root,
		stdio: ['inherit', 'pipe', 'inherit'],
		maxBuffer: 64 * 1024 * 1024
	});
	const out = (result.stdout?.toString() ?? '')
		.split('\n')
		.filter((line) => !line.includes('npm run preview'))
		.join('\n');
	process.stdout.write(out);
	return result.status ?? 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exit(build(process.argv.slice(2)));
