import type { PageServerLoad } from './$types';
import { ticketPage } from '#lib/server/gatherings/pages.ts';
import { loadFailure } from '../../load-errors.ts';

/** A ticket: its signed token is the credential (opened from the confirmation mail, no login). */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	try {
		return { ticket: await ticketPage(event.params.token), timezone: event.locals.member?.timezone ?? null };
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};
