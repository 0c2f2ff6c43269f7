import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { listenOnLoopback } from '../listen.ts';

/**
 * A loopback server speaking the part of Stripe's HTTP API the payments domain uses, the way the
 * `stripe` package calls it (form-encoded bodies, Bearer secret key, Idempotency-Key):
 *   POST /v1/checkout/sessions   → a checkout session (id cs_…, url, payment_status unpaid)
 *   POST /v1/refunds             → a refund of a payment intent
 * Anything else answers 404 with Stripe's error shape; a wrong key answers 401. The test then plays
 * Stripe's side of the webhook: `event(sessionId, type)` builds the event's JSON and `sign(body)`
 * its Stripe-Signature header (stripe.webhooks.generateTestHeaderString with the webhook secret).
 */
export interface FakeCheckout {
	id: string;
	url: string;
	params: Record<string, string>;
	idempotencyKey: string | null;
	payment_intent: string;
}

export interface FakeStripe {
	url: string;
	secretKey: string;
	webhookSecret: string;
	checkouts: FakeCheckout[];
	refunds: { paymentIntent: string; idempotencyKey: string | null }[];
	/** make the next calls fail with a 500 (Stripe down) */
	failing: boolean;
	event(checkoutId: string, type: 'checkout.session.completed' | 'checkout.session.expired', options?: { paymentStatus?: 'paid' | 'unpaid' }): string;
	sign(body: string, secret?: string): string;
	close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => resolve(body));
		req.on('error', reject);
	});
}

const json = (res: ServerResponse, status: number, body: unknown) => {
	res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
	res.end(JSON.stringify(body));
};

export async function startFakeStripe(): Promise<FakeStripe> {
	const secretKey = `sk_test_${randomBytes(12).toString('hex')}`;
	const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
	const checkouts: FakeCheckout[] = [];
	const refunds: FakeStripe['refunds'] = [];
	const signer = new Stripe(secretKey);
	const state = { failing: false };
	let base = '';

	const server = createServer(async (req, res) => {
		const body = await readBody(req);
		if (req.headers.authorization !== `Bearer ${secretKey}`) return json(res, 401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
		if (state.failing) return json(res, 500, { error: { type: 'api_error', message: 'Stripe is down (fake)' } });
		const params = Object.fromEntries(new URLSearchParams(body));
		const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
		if (req.method === 'POST' && req.url === '/v1/checkout/sessions') {
			const again = idempotencyKey ? checkouts.find((c) => c.idempotencyKey === idempotencyKey) : undefined;
			const checkout = again ?? { id: `cs_test_${randomBytes(10).toString('hex')}`, url: '', params, idempotencyKey, payment_intent: `pi_${randomBytes(10).toString('hex')}` };
			checkout.url = `${base}/pay/${checkout.id}`;
			if (!again) checkouts.push(checkout);
			return json(res, 200, sessionObject(checkout, 'unpaid', 'open'));
		}
		if (req.method === 'POST' && req.url === '/v1/refunds') {
			if (!params.payment_intent) return json(res, 400, { error: { type: 'invalid_request_error', message: 'Missing payment_intent' } });
			if (!refunds.some((r) => r.idempotencyKey && r.idempotencyKey === idempotencyKey)) refunds.push({ paymentIntent: params.payment_intent, idempotencyKey });
			return json(res, 200, { id: `re_${randomBytes(8).toString('hex')}`, object: 'refund', payment_intent: params.payment_intent, status: 'succeeded' });
		}
		return json(res, 404, { error: { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.url})` } });
	});
	base = await listenOnLoopback(server);

	function sessionObject(c: FakeCheckout, paymentStatus: 'paid' | 'unpaid', status: 'open' | 'complete' | 'expired') {
		return {
			id: c.id,
			object: 'checkout.session',
			mode: 'payment',
			url: status === 'open' ? c.url : null,
			status,
			payment_status: paymentStatus,
			client_reference_id: c.params.client_reference_id ?? null,
			customer_email: c.params.customer_email ?? null,
			metadata: { paymentId: c.params['metadata[paymentId]'] },
			amount_total: Number(c.params['line_items[0][price_data][unit_amount]'] ?? 0),
			currency: c.params['line_items[0][price_data][currency]'] ?? 'eur',
			payment_intent: paymentStatus === 'paid' ? c.payment_intent : null
		};
	}

	return {
		url: base,
		secretKey,
		webhookSecret,
		checkouts,
		refunds,
		get failing() {
			return state.failing;
		},
		set failing(value: boolean) {
			state.failing = value;
		},
		event(checkoutId, type, options = {}) {
			const c = checkouts.find((x) => x.id === checkoutId);
			if (!c) throw new Error(`fake stripe: no checkout ${checkoutId}`);
			const paid = type === 'checkout.session.completed' ? (options.paymentStatus ?? 'paid') : 'unpaid';
			return JSON.stringify({
				id: `evt_${randomBytes(10).toString('hex')}`,
				object: 'event',
				api_version: '2025-01-27.acacia',
				created: Math.floor(Date.now() / 1000),
				type,
				data: { object: sessionObject(c, paid, type === 'checkout.session.completed' ? 'complete' : 'expired') }
			});
		},
		sign(body, secret = webhookSecret) {
			return signer.webhooks.generateTestHeaderString({ payload: body, secret });
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
