import Stripe from 'stripe';
import { paymentSettings } from './settings.ts';

/**
 * The payment provider behind one small interface: Stripe Checkout (hosted payment page), its
 * signed webhooks, refunds. The only file that names Stripe; the rest of Relais speaks of
 * checkouts, payment events and refunds (payments/index.ts).
 */
export interface CheckoutRequest {
	/** our Payment id: Stripe's client_reference_id and metadata, read back from the webhook */
	paymentId: string;
	amountCents: number;
	currency: string;
	label: string;
	email: string;
	successUrl: string;
	cancelUrl: string;
	/** Stripe closes the checkout then (at least 30 minutes ahead) */
	expiresAt: Date;
}

export type ProviderEvent =
	| { type: 'paid'; checkoutId: string; paymentId: string | null; paymentIntentId: string | null }
	| { type: 'expired'; checkoutId: string; paymentId: string | null }
	| { type: 'ignored' };

let cached: { key: string; url: string | null; client: Stripe } | null = null;

function client(): Stripe {
	const { secretKey, apiUrl } = paymentSettings.get();
	if (!secretKey) throw new Error('payments: STRIPE_SECRET_KEY is not set');
	if (cached && cached.key === secretKey && cached.url === apiUrl) return cached.client;
	const target = apiUrl ? new URL(apiUrl) : null;
	const options: ConstructorParameters<typeof Stripe>[1] = target
		? { host: target.hostname, port: target.port || (target.protocol === 'https:' ? 443 : 80), protocol: target.protocol === 'http:' ? 'http' : 'https', maxNetworkRetries: 1, timeout: 20_000 }
		: { maxNetworkRetries: 2, timeout: 20_000 };
	cached = { key: secretKey, url: apiUrl, client: new Stripe(secretKey, options) };
	return cached.client;
}

export async function createCheckout(request: CheckoutRequest): Promise<{ checkoutId: string; url: string }> {
	const session = await client().checkout.sessions.create(
		{
			mode: 'payment',
			client_reference_id: request.paymentId,
			customer_email: request.email,
			metadata: { paymentId: request.paymentId },
			payment_intent_data: { metadata: { paymentId: request.paymentId } },
			line_items: [{ quantity: 1, price_data: { currency: request.currency, unit_amount: request.amountCents, product_data: { name: request.label } } }],
			success_url: request.successUrl,
			cancel_url: request.cancelUrl,
			expires_at: Math.floor(request.expiresAt.getTime() / 1000)
		},
		{ idempotencyKey: `checkout-${request.paymentId}` }
	);
	if (!session.url) throw new Error('payments: Stripe returned a checkout without a URL');
	return { checkoutId: session.id, url: session.url };
}

/** Verifies the signature (STRIPE_WEBHOOK_SECRET) over the RAW body and reads what matters; throws on a bad signature. */
export function readWebhook(rawBody: string | Buffer, signature: string): ProviderEvent {
	const { webhookSecret } = paymentSettings.get();
	if (!webhookSecret) throw new Error('payments: STRIPE_WEBHOOK_SECRET is not set');
	const event = client().webhooks.constructEvent(rawBody, signature, webhookSecret);
	if (event.type === 'checkout.session.completed' || event.type === 'checkout.session.async_payment_succeeded') {
		const session = event.data.object;
		if (session.payment_status !== 'paid') return { type: 'ignored' };
		const intent = typeof session.payment_intent === 'string' ? session.payment_intent : (session.payment_intent?.id ?? null);
		return { type: 'paid', checkoutId: session.id, paymentId: session.client_reference_id ?? session.metadata?.paymentId ?? null, paymentIntentId: intent };
	}
	if (event.type === 'checkout.session.expired' || event.type === 'checkout.session.async_payment_failed') {
		const session = event.data.object;
		return { type: 'expired', checkoutId: session.id, paymentId: session.client_reference_id ?? session.metadata?.paymentId ?? null };
	}
	return { type: 'ignored' };
}

export async function refund(paymentIntentId: string, idempotencyKey: string): Promise<void> {
	await client().refunds.create({ payment_intent: paymentIntentId }, { idempotencyKey });
}
