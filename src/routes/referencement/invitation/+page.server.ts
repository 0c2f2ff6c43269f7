import type { PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { redeemInvitation } from '#lib/server/referencing/index.ts';
import { DomainError } from '#lib/server/errors.ts';
import { translate } from '#lib/i18n/index.ts';

/** The pre-registration mail's link: once, it becomes the accounts' password-setting link. */
export const load: PageServerLoad = async (event) => {
	let target: string;
	try {
		target = await redeemInvitation(event.url.searchParams.get('token'));
	} catch (failure) {
		if (!(failure instanceof DomainError)) throw failure;
		error(400, translate(event.locals.locale, failure.key));
	}
	redirect(303, target);
};
