import type { Request, Response } from 'express';
import { DomainError } from '../src/lib/server/errors.ts';
import { unsubscribe } from '../src/lib/server/notifications/index.ts';
import { optOut } from '../src/lib/server/admin/index.ts';
import { localeFromAcceptLanguage, translate } from '../src/lib/i18n/index.ts';
import type { Logger } from './log.ts';

/** Path of the notifications' one-click unsubscribe link (GET: SvelteKit's confirmation page; POST: here). */
export const UNSUBSCRIBE_PATH = '/notifications/unsubscribe/:token';
/** Path of the invitation mails' unsubscribe link (administrators' invitations, reminders, members' invitations). */
export const INVITATION_UNSUBSCRIBE_PATH = '/invitation/unsubscribe/:token';

/**
 * RFC 8058 one-click unsubscribe: mail providers POST to the List-Unsubscribe URL from their own
 * servers, with no Origin and no session — SvelteKit's CSRF check would refuse such a form post, so
 * it is answered here. The signed token is the only credential (no cookie is read). A browser
 * (the confirmation page's button) is sent back to the page, which then shows it is done.
 */
function oneClick(action: (token: unknown) => Promise<unknown>, what: string, log: Pick<Logger, 'error'>) {
	return async (req: Request, res: Response) => {
		const locale = localeFromAcceptLanguage(req.headers['accept-language']);
		try {
			await action(req.params.token);
			if (req.accepts(['text/plain', 'text/html']) === 'text/html') res.redirect(303, req.originalUrl);
			else res.type('text/plain').send('unsubscribed');
		} catch (error) {
			if (error instanceof DomainError) {
				res.status(400).type('text/plain').send(translate(locale, error.key));
				return;
			}
			log.error(`${what} failed: ${(error as Error).message}`);
			res.status(500).type('text/plain').send(translate(locale, 'error.unexpected'));
		}
	};
}

/** Notifications' e-mails: the type (or all) the token names stops being mailed. */
export const oneClickUnsubscribe = (log: Pick<Logger, 'error'>) => oneClick(unsubscribe, 'unsubscribe', log);
/** Invitation mails: the address opts out of every invitation and reminder. */
export const oneClickInvitationOptOut = (log: Pick<Logger, 'error'>) => oneClick(optOut, 'invitation opt-out', log);
