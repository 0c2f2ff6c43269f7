// CPU profile of a child server process around one phase of a benchmark, through the inspector
// protocol (the child is started with `--inspect=127.0.0.1:0`), and a summary of where the time
// went: self time per function and per module (npm package, project file, Node internals, GC).
// Used by `BENCH_PROFILE=<file>.cpuprofile npm run bench:realtime`; `npx tsx bench/profile.ts
// <file>.cpuprofile` prints the summary of a saved profile again.
import { writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Waits for "Debugger listening on ws://…" on the child's stderr. */
export function inspectorUrl(stderr: NodeJS.ReadableStream, timeoutMs = 60_000): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		const timer = setTimeout(() => reject(new Error('no inspector address from the server')), timeoutMs);
		const onData = (chunk: Buffer) => {
			text += chunk.toString();
			const match = /Debugger listening on (ws:\/\/\S+)/.exec(text);
			if (match) {
				clearTimeout(timer);
				stderr.off('data', onData);
				resolve(match[1]!);
			}
		};
		stderr.on('data', onData);
	});
}

export async function connectProfiler(url: string) {
	const ws = new WebSocket(url);
	await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
	let nextId = 1;
	const waiting = new Map<number, (result: unknown) => void>();
	ws.on('message', (data) => {
		const reply = JSON.parse(String(data)) as { id?: number; result?: unknown };
		if (reply.id) waiting.get(reply.id)?.(reply.result), waiting.delete(reply.id);
	});
	const call = (method: string, params: Record<string, unknown> = {}) =>
		new Promise<any>((resolve) => {
			const id = nextId++;
			waiting.set(id, resolve);
			ws.send(JSON.stringify({ id, method, params }));
		});
	await call('Profiler.enable');
	await call('Profiler.setSamplingInterval', { interval: 200 });
	return {
		start: () => call('Profiler.start'),
		async stop(file: string) {
			const { profile } = await call('Profiler.stop');
			writeFileSync(file, JSON.stringify(profile));
			ws.close();
			return profile as CpuProfile;
		}
	};
}

interface CpuNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}
export interface CpuProfile {
	nodes: CpuNode[];
	samples: number[];
	timeDeltas: number[];
	startTime: number;
	endTime: number;
}

/** npm package, project file, node internal, or a V8 pseudo-frame. */
function moduleOf(url: string, name: string): string {
	if (!url) return name.startsWith('(') ? name : '(native)';
	const nm = url.lastIndexOf('node_modules/');
	if (nm >= 0) {
		const rest = url.slice(nm + 'node_modules/'.length).split('/');
		return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
	}
	if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
	const file = url.replace(/^file:\/\//, '');
	return file.startsWith(root) ? path.relative(root, file) : file;
}

export function summarize(profile: CpuProfile, top = 30): string {
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const parent = new Map<number, number>();
	for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
	const self = new Map<number, number>();
	profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
	const total = [...self.values()].reduce((a, b) => a + b, 0);
	const idle = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, v]) => a + v, 0);
	const busy = total - idle;
	const fn = new Map<string, number>();
	const mod = new Map<string, number>();
	// inclusive time per module: a sample counts once for each module on its stack
	const incl = new Map<string, number>();
	const inclFn = new Map<string, number>();
	for (const [id, t] of self) {
		const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
		if (functionName === '(idle)') continue;
		const key = `${functionName || '(anonymous)'}  ${moduleOf(url, functionName)}${url ? `:${lineNumber + 1}` : ''}`;
		fn.set(key, (fn.get(key) ?? 0) + t);
		const m = moduleOf(url, functionName);
		mod.set(m, (mod.get(m) ?? 0) + t);
		const seenFn = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const cf = byId.get(cur)!.callFrame;
			if (!cf.url) continue;
			const name = `${cf.functionName || '(anonymous)'}  ${moduleOf(cf.url, cf.functionName)}:${cf.lineNumber + 1}`;
			if (seenFn.has(name)) continue;
			seenFn.add(name);
			inclFn.set(name, (inclFn.get(name) ?? 0) + t);
		}
		const seen = new Set<string>();
		for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
			const cf = byId.get(cur)!.callFrame;
			const name = moduleOf(cf.url, cf.functionName);
			if (name === '(root)' || seen.has(name)) continue;
			seen.add(name);
			incl.set(name, (incl.get(name) ?? 0) + t);
		}
	}
	const pct = (v: number) => `${((v / busy) * 100).toFixed(1).padStart(5)} %`;
	const lines = [`profile: ${(total / 1000).toFixed(0)} ms sampled, ${(busy / 1000).toFixed(0)} ms busy (idle excluded)`, '', 'self time by module:'];
	for (const [k, v] of [...mod].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
	lines.push('', 'inclusive time by module (stack contains it):');
	for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
	if (process.env.PROFILE_INCLUSIVE) {
		lines.push('', 'inclusive time by function:');
		for (const [k, v] of [...inclFn].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_INCLUSIVE))) lines.push(`  ${pct(v)}  ${k}`);
	}
	lines.push('', 'self time by function:');
	for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(v)}  ${k}`);
	return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	console.log(summarize(JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as CpuProfile, Number(process.argv[3] ?? 30)));
}
