import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import { attachRealtime } from './realtime/io.ts';
import type { Logger } from './log.ts';

type Handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void;

/** express hosting the SvelteKit handler, with socket.io on the same HTTP server. */
export async function createHttpServer(options: { handler: Handler; log: Logger }) {
	const app = express();
	app.disable('x-powered-by');
	app.set('trust proxy', process.env.TRUST_PROXY === 'true' ? true : 'loopback');
	app.use((_req, res, next) => {
		res.setHeader('X-Content-Type-Options', 'nosniff');
		res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
		res.setHeader('X-Frame-Options', 'DENY');
		next();
	});
	app.get('/healthz', (_req, res) => {
		res.json({ ok: true });
	});
	app.use(options.handler);
	const httpServer: HttpServer = createServer(app);
	const realtime = attachRealtime(httpServer);
	return { app, httpServer, realtime };
}
