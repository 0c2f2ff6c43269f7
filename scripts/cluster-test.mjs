// `npm run test:cluster`: builds the web app when there is no build yet (the nodes serve it), then
// runs tests/cluster with vitest. Needs Debian's redis-server and haproxy (.ci/run installs them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
for (const [bin, pkg, env] of [
	['/usr/bin/redis-server', 'redis-server', 'REDIS_SERVER'],
	['/usr/sbin/haproxy', 'haproxy', 'HAPROXY']
]) {
	if (!existsSync(process.env[env] ?? bin)) {
		console.error(`No ${pkg} at ${process.env[env] ?? bin}: install Debian's package (apt-get install -y ${pkg}) or set ${env}.`);
		process.exit(1);
	}
}
if (!existsSync(path.join(root, 'build', 'handler.js')) && build(['--logLevel', 'warn']) !== 0) process.exit(1);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
process.exit(spawnSync(process.execPath, [vitest, 'run', '--config', 'vitest.cluster.config.ts', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' }).status ?? 1);
