import type { PageServerLoad } from './$types';
import { activate } from '#lib/server/auth/accounts.ts';
import { DomainError } from '#lib/server/errors.ts';
import { requestMeta, setSessionCookie } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	try {
		const { session } = await activate(event.url.searchParams.get('token'), requestMeta(event));
		setSessionCookie(event.cookies, session);
		return { activated: true as const };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		return { activated: false as const, message: translate(event.locals.locale, error.key) };
	}
};
