// Part of `npm install` (postinstall): get mediasoup's prebuilt worker the way mediasoup itself does.
//
// package.json keeps `"allowScripts": {"mediasoup": false}`: mediasoup's own postinstall falls back
// to building the worker with meson/python when the download fails, which fails or hangs offline.
// This step runs only the download part of mediasoup's npm-scripts.mjs (downloadPrebuiltWorker:
// its release URL, its tar extraction, its check that the binary runs here), once, in a child
// process killed after MEDIASOUP_DOWNLOAD_TIMEOUT_SECONDS (default 20). Whatever happens it prints
// one line and exits 0: an install never fails because of it, and offline it costs at most the time-out.
import { spawn } from 'node:child_process';
import { accessSync, constants, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const self = fileURLToPath(import.meta.url);
const say = (line) => console.log(`mediasoup worker: ${line}`);

function mediasoupDir() {
	try {
		// node/lib/index.js → the package folder
		return path.resolve(path.dirname(createRequire(import.meta.url).resolve('mediasoup')), '..', '..');
	} catch {
		return null;
	}
}

function isExecutable(file) {
	try {
		accessSync(file, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

/** In the child: load mediasoup's npm-scripts.mjs without running its task, call downloadPrebuiltWorker(). */
async function download(dir) {
	const source = readFileSync(path.join(dir, 'npm-scripts.mjs'), 'utf8');
	if (!source.includes('async function downloadPrebuiltWorker(') || !source.includes('void run();')) {
		console.error('this mediasoup version has no downloadPrebuiltWorker() in npm-scripts.mjs');
		process.exit(2);
	}
	// next to the original, so that its imports (./package.json, node-fetch, tar) resolve the same way
	const copy = path.join(dir, `.relais-download-${process.pid}.mjs`);
	writeFileSync(copy, `${source.replace('void run();', '')}\nexport { downloadPrebuiltWorker };\n`);
	try {
		process.chdir(dir); // its paths (worker/out/Release…) are relative to the package
		const { downloadPrebuiltWorker } = await import(pathToFileURL(copy).href);
		rmSync(copy, { force: true });
		process.exit((await downloadPrebuiltWorker()) ? 0 : 1);
	} finally {
		rmSync(copy, { force: true });
	}
}

async function main() {
	if (process.env.MEDIASOUP_WORKER_BIN) return say(`MEDIASOUP_WORKER_BIN is set (${process.env.MEDIASOUP_WORKER_BIN}), no download.`);
	const dir = mediasoupDir();
	if (!dir) return say('mediasoup is not installed, nothing to do.');
	const bin = path.join(dir, 'worker', 'out', 'Release', 'mediasoup-worker');
	if (isExecutable(bin)) return say(`already there (${bin}).`);
	const seconds = Number(process.env.MEDIASOUP_DOWNLOAD_TIMEOUT_SECONDS) || 20;
	const child = spawn(process.execPath, [self, '--download', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		child.kill('SIGKILL');
	}, seconds * 1000);
	const code = await new Promise((resolve) => {
		child.on('error', () => resolve(-1));
		child.on('close', (status) => resolve(status));
	});
	clearTimeout(timer);
	if (code === 0 && isExecutable(bin)) return say(`prebuilt worker downloaded (${bin}); group video rooms can use the SFU.`);
	// eslint-disable-next-line no-control-regex
	const last = output.replace(/\x1b\[[0-9;]*m/g, '').trim().split('\n').filter(Boolean).at(-1) ?? '';
	const reason = /reason: (.+)$/.exec(last)?.[1] ?? /\| (.+)$/.exec(last)?.[1] ?? (last || `exit ${code}`);
	const why = timedOut ? `no answer within ${seconds} s` : `download failed: ${reason.slice(0, 160)}`;
	say(`no prebuilt worker (${why}); rooms stay peer-to-peer until MEDIASOUP_WORKER_BIN points at one — see the README.`);
}

if (process.argv[2] === '--download') await download(process.argv[3]);
else await main().catch((error) => say(`skipped (${error?.message ?? error}).`));
process.exitCode = 0;
