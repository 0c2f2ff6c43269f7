import { createServer, type Server as HttpServer } from 'node:http';
import express from 'express';
import { attachRealtime } from './realtime/io.ts';
import type { Logger } from './log.ts';
import { visitorWriteThrottle } from './visitor-throttle.ts';
import { crossSiteFormGuard } from './cross-site.ts';
import { malformedUrlGuard } from './url-guard.ts';
import { sessionCookieName } from '../src/lib/server/auth/sessions.ts';
import { INVITATION_UNSUBSCRIBE_PATH, oneClickInvitationOptOut, oneClickUnsubscribe, UNSUBSCRIBE_PATH } from './unsubscribe.ts';
import { STRIPE_WEBHOOK_PATH, stripeWebhook } from './stripe-webhook.ts';
import { context } from '../src/lib/server/context.ts';
import { liveRedis, redisAnswers } from '../src/lib/server/live/index.ts';
import { CLIENT_ADDRESS_HEADER, clientAddress, DIRECT_LOOPBACK_HEADER, isDirectLoopback } from '../src/lib/server/client-address.ts';

export const ORIGIN_PROTOCOL_HEADER = 'x-relais-public-protocol';
export const ORIGIN_HOST_HEADER = 'x-relais-public-host';

type Handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: () => void) => void;

/** express hosting the SvelteKit handler, with socket.io on the same HTTP server. */
export async function createHttpServer(options: { handler: Handler; log: Logger; publicUrl: string; visitorWritesPerMinute?: number; trustProxyHops?: number; healthTimeoutMs?: number }) {
	const app = express();
	const publicUrl = new URL(options.publicUrl);
	const hops = options.trustProxyHops ?? context().config.trustProxyHops;
	app.disable('x-powered-by');
	// express's req.ip follows the same rule (N trusted hops from the right); ours is the header below
	app.set('trust proxy', hops);
	// the client's address (client-address.ts) for the throttles, SvelteKit (ADDRESS_HEADER) and the
	// dev outbox; whatever a client sent under these names is overwritten
	app.use((req, _res, next) => {
		req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], hops);
		req.headers[DIRECT_LOOPBACK_HEADER] = isDirectLoopback(req.socket.remoteAddress, req.headers) ? '1' : '0';
		next();
	});
	app.use((_req, res, next) => {
		res.setHeader('X-Content-Type-Options', 'nosniff');
		res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
		res.setHeader('X-Frame-Options', 'DENY');
		// only when users browse over https: browsers then refuse plain http for a year
		if (publicUrl.protocol === 'https:') res.setHeader('Strict-Transport-Security', 'max-age=31536000');
		next();
	});
	app.use(malformedUrlGuard());
	// RFC 8058 one-click unsubscribe: mail providers POST without an Origin; the signed token is the proof
	app.post(UNSUBSCRIBE_PATH, oneClickUnsubscribe(options.log));
	app.post(INVITATION_UNSUBSCRIBE_PATH, oneClickInvitationOptOut(options.log));
	// Stripe posts from its servers (no Origin, no session); the signature over the raw body is the proof
	app.post(STRIPE_WEBHOOK_PATH, ...stripeWebhook(options.log));
	app.use(crossSiteFormGuard(publicUrl));
	app.use(
		visitorWriteThrottle({
			perMinute: options.visitorWritesPerMinute ?? 30,
			sessionCookies: [sessionCookieName(true), sessionCookieName(false)]
		})
	);
	// alive = this process answers (a supervisor restarts it otherwise); a database outage is not
	// cured by restarting every node, so it only makes the node "not ready"
	let draining = false;
	app.get('/healthz', (_req, res) => {
		res.setHeader('Cache-Control', 'no-store');
		res.status(200).json({ ok: true });
	});
	// ready = the database (and Redis, when REDIS_URL) answer within the time-out, and the node is
	// not draining: load balancers send new connections only to ready nodes
	app.get('/readyz', async (_req, res) => {
		const timeoutMs = options.healthTimeoutMs ?? 2000;
		const live = liveRedis();
		const [database, redis] = await Promise.all([databaseAnswers(timeoutMs), live ? redisAnswers(live, timeoutMs) : Promise.resolve(null)]);
		const ok = database && redis !== false && !draining;
		res.setHeader('Cache-Control', 'no-store');
		res.status(ok ? 200 : 503).json({
			ok,
			database: database ? 'up' : 'down',
			...(redis === null ? {} : { redis: redis ? 'up' : 'down' }),
			...(draining ? { draining: true } : {})
		});
	});
	// SvelteKit derives the request origin from these headers (set by server/index.ts as
	// PROTOCOL_HEADER/HOST_HEADER); forcing them to PUBLIC_URL makes its CSRF check compare a
	// form's Origin with the address users really browse, and ignores client-sent spoofs.
	app.use((req, _res, next) => {
		req.headers[ORIGIN_PROTOCOL_HEADER] = publicUrl.protocol.replace(':', '');
		req.headers[ORIGIN_HOST_HEADER] = publicUrl.host;
		next();
	});
	app.use(options.handler);
	const httpServer: HttpServer = createServer(app);
	const realtime = attachRealtime(httpServer);
	return {
		app,
		httpServer,
		realtime,
		/** SIGTERM: /readyz answers 503 from now on */
		startDraining() {
			draining = true;
		}
	};
}

async function databaseAnswers(timeoutMs: number): Promise<boolean> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
	try {
		return await Promise.race([context().db.$queryRaw`SELECT 1`.then(() => true as const), timeout]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}
