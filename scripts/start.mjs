// `npm start`: build the SvelteKit app when the build is missing or older than the sources, then run
// the server (TypeScript, through tsx) in this same terminal.
import { spawn } from 'node:child_process';
import { build } from './build.mjs';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const stamp = path.join(root, 'build', 'handler.js');

function newest(dir) {
	let latest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.name === 'generated' || entry.name.startsWith('.')) continue;
		const full = path.join(dir, entry.name);
		latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
	}
	return latest;
}

const sourcesChanged = () =>
	Math.max(newest(path.join(root, 'src')), statSync(path.join(root, 'vite.config.ts')).mtimeMs) > statSync(stamp).mtimeMs;

if (!existsSync(stamp) || sourcesChanged()) {
	console.log('Building the web app (vite build)…');
	const status = build(['--logLevel', 'warn']);
	if (status !== 0) process.exit(status);
}

const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], { cwd: root, stdio: 'inherit', env: process.env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
