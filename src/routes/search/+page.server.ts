import type { PageServerLoad } from './$types';
import { LANGUAGES, listDepartements, searchMembers, skillSuggestions, type MemberSearchPage } from '#lib/server/directory/index.ts';
import { DomainError, localizedFields } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** /search: the whole query lives in the URL (shareable, back button); one domain call. */
export const load: PageServerLoad = async (event) => {
	const params = Object.fromEntries(event.url.searchParams);
	const choices = { departements: listDepartements(), skills: await skillSuggestions(), languages: LANGUAGES };
	try {
		const search: MemberSearchPage = await searchMembers(actorOf(event), params);
		return { search, params, invalid: null, ...choices };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		const locale = event.locals.locale;
		const fields = localizedFields(error, locale);
		return { search: null, params, invalid: { message: translate(locale, error.key, error.params), fields }, ...choices };
	}
};
