import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { listContacts, listGroups } from '#lib/server/relations/index.ts';
import { createMeetingRoom, roomSettings } from '#lib/server/rooms/index.ts';
import { actorOf, failWith } from '#lib/server/http.ts';

/** /rooms/new: an ad-hoc meeting room for contacts or a contact group. */
export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const actor = actorOf(event);
	const [contacts, groups] = await Promise.all([listContacts(actor), listGroups(actor)]);
	return {
		contacts: contacts.map((c) => ({ id: c.id, name: `${c.firstName} ${c.lastName}` })),
		groups: groups.map((g) => ({ id: g.id, name: g.name, size: g.size })),
		max: roomSettings().maxParticipants
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await event.request.formData();
		const title = String(form.get('title') ?? '');
		const groupId = String(form.get('groupId') ?? '');
		let slug: string;
		try {
			({ slug } = await createMeetingRoom(actorOf(event), {
				title,
				memberIds: form.getAll('memberIds').map(String),
				...(groupId ? { groupId } : {})
			}));
		} catch (e) {
			return failWith(e, event.locals.locale, { title });
		}
		redirect(303, `/rooms/${slug}`);
	}
};
