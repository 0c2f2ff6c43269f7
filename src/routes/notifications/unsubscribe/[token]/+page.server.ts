import type { PageServerLoad } from './$types';
import { unsubscribeState, typeLabel } from '#lib/server/notifications/index.ts';
import { DomainError } from '#lib/server/errors.ts';
import { translate } from '#lib/i18n/index.ts';

/**
 * The unsubscribe link of a notification mail, no login needed: confirms before changing anything
 * (link scanners follow GET links). The button's POST — like a mail provider's one-click POST
 * (RFC 8058) — is answered by server/unsubscribe.ts, which comes back here to show it is done.
 */
export const load: PageServerLoad = async (event) => {
	const locale = event.locals.locale;
	try {
		const state = await unsubscribeState(event.params.token);
		const label = state.scope === 'digest' ? translate(locale, 'notifications.mail.digest_label') : typeLabel(locale, state.scope);
		return { valid: true as const, digest: state.scope === 'digest', off: state.off, label };
	} catch (error) {
		if (error instanceof DomainError) return { valid: false as const, message: translate(locale, error.key) };
		throw error;
	}
};
