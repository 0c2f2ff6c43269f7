import type { PageServerLoad } from './$types';
import { optOutState } from '#lib/server/admin/index.ts';
import { DomainError } from '#lib/server/errors.ts';
import { translate } from '#lib/i18n/index.ts';

/**
 * The unsubscribe link of invitation mails, no login needed: confirms before changing anything
 * (link scanners follow GET links). The button's POST — like a mail provider's one-click POST
 * (RFC 8058) — is answered by server/invitation-unsubscribe.ts, which comes back here.
 */
export const load: PageServerLoad = async (event) => {
	try {
		return { valid: true as const, ...(await optOutState(event.params.token)) };
	} catch (error) {
		if (error instanceof DomainError) return { valid: false as const, message: translate(event.locals.locale, error.key) };
		throw error;
	}
};
