import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { answerVisitorMessage, createGroup, groupCandidates, listConversations, listVisitorMessages, markVisitorMessageRead } from '#lib/server/chat/index.ts';
import { presenceOf } from '#lib/server/presence/index.ts';
import { actorOf, echo, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const actor = actorOf(event);
	const [{ conversations, unreadTotal }, visitorMessages, candidates] = await Promise.all([listConversations(actor), listVisitorMessages(actor), groupCandidates(actor)]);
	const peers = conversations.flatMap((c) => (c.peer ? [c.peer.id] : []));
	return { conversations, unreadTotal, visitorMessages, candidates, presence: presenceOf(peers), me: event.locals.member.id };
};

export const actions: Actions = {
	group: async (event) => {
		const form = await event.request.formData();
		try {
			const { conversationId } = await createGroup(actorOf(event), { name: String(form.get('name') ?? ''), memberIds: form.getAll('memberIds').map(String) });
			redirect(303, `/messages/${conversationId}`);
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'group', ...echo(form, 'name') });
		}
	},
	answer: async (event) => {
		const form = await event.request.formData();
		try {
			await answerVisitorMessage(actorOf(event), formObject(form));
			return { section: `answer-${form.get('visitorMessageId')}`, success: translate(event.locals.locale, 'chat.inbox.answer_sent') };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: `answer-${form.get('visitorMessageId')}`, ...echo(form, 'body') });
		}
	},
	read: async (event) => {
		const form = await event.request.formData();
		try {
			await markVisitorMessageRead(actorOf(event), formObject(form));
			return { section: 'read', success: '' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'read' });
		}
	}
};
