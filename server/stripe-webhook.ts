import express, { type Request, type Response } from 'express';
import { DomainError } from '../src/lib/server/errors.ts';
import { handleStripeWebhook } from '../src/lib/server/payments/index.ts';
import type { Logger } from './log.ts';

/** Where Stripe posts its events (configure this URL in the Stripe dashboard). */
export const STRIPE_WEBHOOK_PATH = '/webhooks/stripe';

/**
 * Stripe's webhook: mounted before the cross-site form guard and the visitors' write throttle
 * (Stripe posts from its servers, without Origin or session), with the body kept RAW — the
 * signature (Stripe-Signature, STRIPE_WEBHOOK_SECRET) is computed over the exact bytes. One
 * domain call; a bad signature is a 400, a failure a 500 (Stripe then retries).
 */
export function stripeWebhook(log: Pick<Logger, 'error' | 'warn'>) {
	return [
		express.raw({ type: '*/*', limit: '1mb' }),
		async (req: Request, res: Response) => {
			const signature = req.headers['stripe-signature'];
			if (typeof signature !== 'string' || !Buffer.isBuffer(req.body)) return void res.status(400).json({ error: 'missing signature' });
			try {
				const outcome = await handleStripeWebhook(req.body, signature);
				res.status(200).json({ received: true, outcome });
			} catch (error) {
				if (error instanceof DomainError) {
					log.warn(`stripe webhook refused: ${error.key}`);
					return void res.status(400).json({ error: error.key });
				}
				log.error(`stripe webhook failed: ${(error as Error).message}`);
				res.status(500).json({ error: 'internal' });
			}
		}
	];
}
