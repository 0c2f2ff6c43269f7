import type { PageServerLoad } from './$types';
import { confirmEmailChange } from '#lib/server/auth/accounts.ts';
import { DomainError } from '#lib/server/errors.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async ({ url, locals }) => {
	try {
		await confirmEmailChange(url.searchParams.get('token'));
		return { ok: true, message: translate(locals.locale, 'settings.email_changed') };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		return { ok: false, message: translate(locals.locale, error.key) };
	}
};
