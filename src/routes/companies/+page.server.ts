import type { PageServerLoad } from './$types';
import { companySectors, listDepartements, searchCompanies, type CompanySearchPage } from '#lib/server/directory/index.ts';
import { DomainError, localizedFields } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** /companies: the public company search; the query lives in the URL. */
export const load: PageServerLoad = async (event) => {
	const params = Object.fromEntries(event.url.searchParams);
	const choices = { departements: listDepartements(), sectors: await companySectors() };
	try {
		const search: CompanySearchPage = await searchCompanies(actorOf(event), params);
		return { search, params, invalid: null, ...choices };
	} catch (error) {
		if (!(error instanceof DomainError)) throw error;
		const locale = event.locals.locale;
		const fields = localizedFields(error, locale);
		return { search: null, params, invalid: { message: translate(locale, error.key, error.params), fields }, ...choices };
	}
};
