import type { PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { joinByInvitation } from '#lib/server/gatherings/registration.ts';

/**
 * The "Participer" button of an invitation mail: one click registers, no login — the signed,
 * single-use link is the proof. Used, expired or broken links get a page that says which.
 */
export const load: PageServerLoad = async (event) => {
	const outcome = await joinByInvitation(event.params.token);
	if (outcome.kind === 'checkout') redirect(303, outcome.url);
	event.setHeaders({ 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' });
	return { outcome };
};
