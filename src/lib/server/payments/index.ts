import { context } from '../context.ts';
import { conflict, invalid } from '../errors.ts';
import { recordEvent, type Tx } from '../outbox/index.ts';
import type { PaymentPurpose } from '../generated/prisma/enums.ts';
import { createCheckout, readWebhook, refund } from './stripe.ts';
import { paymentSettings, paymentsOnline } from './settings.ts';

/**
 * Payments (tickets and dues) behind one interface: a Payment row per attempt, Stripe Checkout for
 * online payment (stripe.ts), and what the verified webhook says recorded as outbox events
 * (`payment.succeeded`, `payment.expired`) that the events and membership domains subscribe to.
 * Nothing is granted on the way back from Stripe's page: only the signed webhook counts.
 */
export { paymentSettings, paymentsOnline };

export interface CheckoutInput {
	memberId: string;
	purpose: PaymentPurpose;
	/** the registration or dues row the payment is for */
	reference: string;
	amountCents: number;
	label: string;
	email: string;
	successUrl: string;
	cancelUrl: string;
	now?: Date;
}

const CHECKOUT_MINUTES = 30;

/** Opens a Stripe Checkout for one payment; returns where to send the payer. */
export async function openCheckout(input: CheckoutInput): Promise<{ paymentId: string; url: string }> {
	const { db } = context();
	const now = input.now ?? new Date();
	const currency = paymentSettings.get().currency;
	const payment = await db.payment.create({
		data: { memberId: input.memberId, purpose: input.purpose, reference: input.reference, amountCents: input.amountCents, currency, provider: 'stripe' },
		select: { id: true }
	});
	try {
		const { checkoutId, url } = await createCheckout({
			paymentId: payment.id,
			amountCents: input.amountCents,
			currency,
			label: input.label,
			email: input.email,
			successUrl: input.successUrl,
			cancelUrl: input.cancelUrl,
			expiresAt: new Date(Math.max(now.getTime(), Date.now()) + CHECKOUT_MINUTES * 60_000)
		});
		await db.payment.update({ where: { id: payment.id }, data: { checkoutId } });
		return { paymentId: payment.id, url };
	} catch (error) {
		console.error(`[payments] checkout for ${input.purpose} ${input.reference} failed: ${(error as Error).message}`);
		await db.payment.update({ where: { id: payment.id }, data: { status: 'expired' } });
		throw conflict('payments.error.unavailable');
	}
}

/** A payment made otherwise (cash, transfer, on the spot), recorded as paid in the caller's transaction. */
export async function recordOfflinePayment(tx: Tx, input: { memberId: string; purpose: PaymentPurpose; reference: string; amountCents: number; now?: Date }): Promise<string> {
	const row = await tx.payment.create({
		data: { memberId: input.memberId, purpose: input.purpose, reference: input.reference, amountCents: input.amountCents, currency: paymentSettings.get().currency, provider: 'offline', status: 'paid', paidAt: input.now ?? new Date() },
		select: { id: true }
	});
	return row.id;
}

export type WebhookOutcome = 'paid' | 'expired' | 'ignored' | 'duplicate';

/**
 * Stripe's webhook (/webhooks/stripe): the RAW body and its Stripe-Signature header. A bad
 * signature throws `invalid` (400); each payment changes state once, whatever Stripe re-sends.
 */
export async function handleStripeWebhook(rawBody: string | Buffer, signature: string, now: Date = new Date()): Promise<WebhookOutcome> {
	let event;
	try {
		event = readWebhook(rawBody, signature);
	} catch {
		throw invalid('payments.error.bad_signature');
	}
	if (event.type === 'ignored') return 'ignored';
	const { db } = context();
	return db.$transaction(async (tx) => {
		const payment = await tx.payment.findFirst({ where: event.paymentId ? { id: event.paymentId } : { checkoutId: event.checkoutId } });
		if (!payment || (payment.checkoutId && payment.checkoutId !== event.checkoutId)) return 'ignored';
		const facts = { paymentId: payment.id, purpose: payment.purpose, reference: payment.reference, memberId: payment.memberId };
		if (event.type === 'paid') {
			// a payment that arrives after the checkout was written off still counts: the subscriber decides (place or refund)
			const { count } = await tx.payment.updateMany({
				where: { id: payment.id, status: { in: ['open', 'expired'] } },
				data: { status: 'paid', paidAt: now, paymentIntentId: event.paymentIntentId, checkoutId: event.checkoutId }
			});
			if (!count) return 'duplicate';
			await recordEvent(tx, 'payment.succeeded', facts);
			return 'paid';
		}
		const { count } = await tx.payment.updateMany({ where: { id: payment.id, status: 'open' }, data: { status: 'expired' } });
		if (!count) return 'duplicate';
		await recordEvent(tx, 'payment.expired', facts);
		return 'expired';
	});
}

/**
 * Gives a paid payment back (an event cancelled by its organiser): through Stripe for an online
 * payment (idempotent per payment), simply marked for one made otherwise. Throws when Stripe
 * fails, so the job retries.
 */
export async function refundPayment(paymentId: string, now: Date = new Date()): Promise<boolean> {
	const { db } = context();
	const payment = await db.payment.findUnique({ where: { id: paymentId } });
	if (!payment || payment.status !== 'paid') return false;
	if (payment.provider === 'stripe' && payment.paymentIntentId) await refund(payment.paymentIntentId, `refund-${payment.id}`);
	await db.payment.updateMany({ where: { id: payment.id, status: 'paid' }, data: { status: 'refunded', refundedAt: now } });
	return true;
}
