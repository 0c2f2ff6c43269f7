import type { LayoutServerLoad } from './$types';
import { googleSignInEnabled } from '#lib/server/auth/google.ts';
import { context } from '#lib/server/context.ts';

export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	member: locals.member ? { firstName: locals.member.firstName, lastName: locals.member.lastName, slug: locals.member.slug, admin: locals.member.roles.includes('admin') } : null,
	googleSignIn: googleSignInEnabled(),
	devTools: context().config.devTools
});
