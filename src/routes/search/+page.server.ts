import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { LANGUAGES, listDepartements, searchMembers, skillSuggestions, type MemberSearchPage } from '#lib/server/directory/index.ts';
import { DomainError, httpStatus, localizedFields } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** /search: the whole query lives in the URL (shareable, back button); one domain call. */
export const load: PageServerLoad = async (event) => {
	const params = Object.fromEntries(event.url.searchParams);
	const choices = { departements: listDepartements(), skills: await skillSuggestions(), languages: LANGUAGES };
	try {
		const search: MemberSearchPage = await searchMembers(actorOf(event), params);
		return { search, params, invalid: null, ...choices };
	} catch (failure) {
		if (!(failure instanceof DomainError)) throw failure;
		const locale = event.locals.locale;
		// not allowed to search at all (a recruiter): the page itself is refused
		if (failure.kind !== 'invalid') error(httpStatus[failure.kind], translate(locale, failure.key));
		const fields = localizedFields(failure, locale);
		return { search: null, params, invalid: { message: translate(locale, failure.key, failure.params), fields }, ...choices };
	}
};
