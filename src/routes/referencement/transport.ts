import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { echo, failWith } from '#lib/server/http.ts';
import { translate, type Locale, type MessageKey } from '#lib/i18n/index.ts';

/** A domain error met while loading a referencing page: login when needed, else a localized error page. */
export function loadFailure(failure: unknown, locale: Locale, url: URL): never {
	if (!(failure instanceof DomainError)) throw failure;
	if (failure.kind === 'unauthenticated') redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	error(httpStatus[failure.kind], translate(locale, failure.key, failure.params));
}

/** One form action, one domain call: a localized success line, or the localized failure with the form echoed. */
export async function act(event: RequestEvent, done: MessageKey, run: (form: FormData) => Promise<unknown>, ...echoed: string[]) {
	const form = await event.request.formData();
	try {
		await run(form);
		return { success: translate(event.locals.locale, done), section: String(form.get('section') ?? '') };
	} catch (failure) {
		return failWith(failure, event.locals.locale, { section: String(form.get('section') ?? ''), ...echo(form, ...echoed) });
	}
}
