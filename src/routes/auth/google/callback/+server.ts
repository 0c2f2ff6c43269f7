import type { RequestHandler } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { signInWithGoogle } from '#lib/server/auth/google.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { requestMeta, setLocaleCookie, setSessionCookie } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { entrySurveyDue } from '#lib/server/surveys/index.ts';
import { timingSafeEqual } from 'node:crypto';

const STATE_COOKIE = 'relais_google_state';

function sameState(a: string | undefined, b: string | null) {
	if (!a || !b || a.length !== b.length) return false;
	return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export const GET: RequestHandler = async (event) => {
	const { url, cookies, locals } = event;
	const expected = cookies.get(STATE_COOKIE);
	cookies.delete(STATE_COOKIE, { path: '/auth/google' });
	if (!sameState(expected, url.searchParams.get('state'))) error(400, translate(locals.locale, 'error.google_failed'));
	let target = '/';
	try {
		const result = await signInWithGoogle(url.searchParams.get('code') ?? '', locals.locale, requestMeta(event));
		setSessionCookie(cookies, result.session);
		setLocaleCookie(cookies, result.locale);
		if (result.reactivated) target = '/settings?reactivated=1';
		// an alumnus' first login: the entry questionnaire (France Compétences) first
		else if (await entrySurveyDue({ memberId: result.memberId })) target = '/enquete';
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(locals.locale, e.key));
		throw e;
	}
	redirect(303, target);
};
