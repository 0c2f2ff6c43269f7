import type { LayoutServerLoad } from './$types';
import { googleSignInEnabled } from '#lib/server/auth/google.ts';
import { context } from '#lib/server/context.ts';
import { actorOfMember, isAdmin, isModerator, isRecruiterOnly } from '#lib/server/access/index.ts';

export const load: LayoutServerLoad = ({ locals }) => {
	const actor = actorOfMember(locals.member);
	const { firstName, lastName, slug } = locals.member ?? {};
	return {
		locale: locals.locale,
		// admin: the admin pages' links; moderator: the reports queue (moderators validate reports)
		member: locals.member ? { firstName: firstName!, lastName: lastName!, slug: slug!, admin: isAdmin(actor), moderator: isModerator(actor), mentoring: !isRecruiterOnly(actor) } : null,
		googleSignIn: googleSignInEnabled(),
		devTools: context().config.devTools
	};
};
