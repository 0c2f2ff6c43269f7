import type { Request, Response } from 'express';
import { DomainError } from '../src/lib/server/errors.ts';
import { optOut } from '../src/lib/server/admin/index.ts';
import { localeFromAcceptLanguage, translate } from '../src/lib/i18n/index.ts';
import type { Logger } from './log.ts';

/** Path of the unsubscribe link of invitation mails (GET: SvelteKit's confirmation page; POST: here). */
export const INVITATION_UNSUBSCRIBE_PATH = '/invitation/unsubscribe/:token';

/**
 * RFC 8058 one-click unsubscribe from invitation mails (administrators' invitations, reminders,
 * members' invitations): mail providers POST without an Origin, so SvelteKit's CSRF check would
 * refuse it; the signed token is the only credential. A browser is sent back to the page.
 */
export function oneClickInvitationOptOut(log: Pick<Logger, 'error'>) {
	return async (req: Request, res: Response) => {
		const locale = localeFromAcceptLanguage(req.headers['accept-language']);
		try {
			await optOut(req.params.token);
			if (req.accepts(['text/plain', 'text/html']) === 'text/html') res.redirect(303, req.originalUrl);
			else res.type('text/plain').send('unsubscribed');
		} catch (error) {
			if (error instanceof DomainError) {
				res.status(400).type('text/plain').send(translate(locale, error.key));
				return;
			}
			log.error(`invitation opt-out failed: ${(error as Error).message}`);
			res.status(500).type('text/plain').send(translate(locale, 'error.unexpected'));
		}
	};
}
