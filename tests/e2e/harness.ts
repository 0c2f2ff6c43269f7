import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { freePort, readEmbeddedPassword } from '../../server/db/embedded.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningApp {
	url: string;
	dataDir: string;
	output: () => string;
	stop(): Promise<void>;
}

/**
 * Starts Relais the way `npm start` does (server/index.ts through tsx, embedded PostgreSQL in a
 * throw-away DATA_DIR) and waits until it listens. The build must exist (scripts/e2e.mjs makes it).
 */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
	const dataDir = await mkdtemp(path.join(os.tmpdir(), 'relais-e2e-'));
	// a caller that must know the address beforehand (an OAuth fake's redirect URI) passes PORT
	const port = env.PORT ? Number(env.PORT) : await freePort();
	const url = `http://127.0.0.1:${port}`;
	let log = '';
	const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], {
		cwd: root,
		env: { ...process.env, NODE_ENV: 'development', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: url, DATA_DIR: dataDir, DATABASE_URL: '', SMTP_URL: '', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${log}`)), 90_000);
		const check = () => {
			if (log.includes('Relais is listening')) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', check);
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}:\n${log}`));
		});
	});
	return {
		url,
		dataDir,
		output: () => log,
		async stop() {
			if (child.exitCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				child.kill('SIGTERM');
				await exited;
			}
			await rm(dataDir, { recursive: true, force: true });
		}
	};
}

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
	return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** Every seeded member shares this password (prisma/seed). */
export const DEMO_PASSWORD = 'Relais-demo-2026';

/** Logs a seeded member in through the login form and waits for the signed-in header (or says what the page shows). */
export async function logInAsDemo(page: Page, app: RunningApp, email: string) {
	await page.goto(`${app.url}/login`);
	await page.getByLabel(/Adresse e-mail|Email address/).fill(email);
	await page.getByLabel(/^(Mot de passe|Password)$/).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: /^(Se connecter|Log in)$/ }).click();
	try {
		await page.waitForURL(`${app.url}/`, { timeout: 15_000, waitUntil: 'commit' });
		await page.getByTestId('messages-link').waitFor();
	} catch (error) {
		throw new Error(`login of ${email} did not reach the home page; ${page.url()} shows: ${(await page.locator('main').innerText()).slice(0, 400)}\n${app.output().slice(-1500)}`, { cause: error });
	}
}

/** A fresh French browser context with the demo member `email` logged in. */
export async function demoPage(e2e: { app: RunningApp; browser: Browser }, email: string): Promise<Page> {
	const context = await e2e.browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	await logInAsDemo(page, e2e.app, email);
	return page;
}

/**
 * Opens Claire Martin's public profile as `paul` with the two NOT in contact (the demo data
 * connects them): relation journeys start from a clean slate.
 */
export async function openClaireAsNonContact(e2e: { app: RunningApp }, claire: Page, paul: Page) {
	await claire.goto(`${e2e.app.url}/profile`);
	const claireProfile = await claire.getByRole('link', { name: 'Voir mon profil public' }).getAttribute('href');
	await paul.goto(`${e2e.app.url}${claireProfile}`);
	await paul.getByRole('heading', { level: 1, name: 'Claire Martin' }).waitFor();
	const remove = paul.getByRole('button', { name: 'Retirer de mes contacts : Claire Martin' });
	if (await remove.isVisible()) {
		await remove.click();
		await paul.getByText('Contact retiré.').waitFor();
	}
}

/**
 * The app and a Chromium for one test file: started before its tests, stopped after. The fields
 * are filled in `beforeAll`; `enabled: false` starts nothing (a file skipped for a missing tool).
 */
export function useAppInBrowser(options: { env?: Record<string, string>; browserArgs?: string[]; enabled?: boolean } = {}) {
	const e2e = {} as { app: RunningApp; browser: Browser };
	beforeAll(async () => {
		if (options.enabled === false) return;
		e2e.app = await startApp(options.env);
		e2e.browser = await launchBrowser(options.browserArgs);
	});
	// a journey that fails on a loaded CI machine says what the server said meanwhile
	afterEach(({ task }) => {
		if (task.result?.state === 'fail' && e2e.app) console.log(`server output (tail) for "${task.name}":\n${e2e.app.output().slice(-4000)}`);
	});
	afterAll(async () => {
		await e2e.browser?.close();
		await e2e.app?.stop();
	});
	return e2e;
}

/** axe-core on the rendered page: no serious or critical accessibility violation. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/**
 * Waits until the page is hydrated (the root layout marks <body data-enhanced>): forms whose
 * fields mirror the URL (search) are controlled by the app from then on.
 */
export async function waitForApp(page: Page) {
	await page.waitForSelector('body[data-enhanced]', { state: 'attached', timeout: 30_000 });
}

/** A direct connection to the running app's embedded database, for test set-up and lookups. */
export async function connectAppDatabase(app: RunningApp) {
	const port = /embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(app.output())?.[1];
	if (!port) throw new Error('the app did not report its embedded PostgreSQL port');
	const { default: pg } = await import('pg');
	const password = await readEmbeddedPassword(path.join(app.dataDir, 'postgres'));
	const client = new pg.Client({ host: '127.0.0.1', port: Number(port), user: 'relais', password: password ?? '', database: 'relais' });
	await client.connect();
	return client;
}
