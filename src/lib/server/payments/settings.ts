import { z } from 'zod';
import { envSettings } from '../env-settings.ts';

/**
 * Online payments (README "Évènements et cotisations"): Stripe Checkout when STRIPE_SECRET_KEY is
 * set, its webhook verified with STRIPE_WEBHOOK_SECRET. STRIPE_API_URL points the client at another
 * server speaking Stripe's API (the tests' loopback fake, stripe-mock); PAYMENT_CURRENCY is the
 * currency of tickets and dues.
 */
const schema = z.object({
	STRIPE_SECRET_KEY: z.string().optional(),
	STRIPE_WEBHOOK_SECRET: z.string().optional(),
	STRIPE_API_URL: z.url().optional(),
	PAYMENT_CURRENCY: z.string().regex(/^[a-z]{3}$/).default('eur')
});

export interface PaymentSettings {
	secretKey: string | null;
	webhookSecret: string | null;
	apiUrl: string | null;
	currency: string;
}

export const paymentSettings = envSettings('payments', schema, (v): PaymentSettings => ({
	secretKey: v.STRIPE_SECRET_KEY || null,
	webhookSecret: v.STRIPE_WEBHOOK_SECRET || null,
	apiUrl: v.STRIPE_API_URL || null,
	currency: v.PAYMENT_CURRENCY
}));

/** Online payment is on when a Stripe key is configured; otherwise paid events take reservations paid on the spot. */
export const paymentsOnline = () => paymentSettings.get().secretKey !== null;
