import { error, redirect } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { translate, type Locale } from '#lib/i18n/index.ts';

/** A domain error met while loading an events page: login when needed, else a localized error page. */
export function loadFailure(failure: unknown, locale: Locale, url: URL): never {
	if (!(failure instanceof DomainError)) throw failure;
	if (failure.kind === 'unauthenticated') redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	error(httpStatus[failure.kind], translate(locale, failure.key, failure.params));
}
