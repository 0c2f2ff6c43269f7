import type { Actions, PageServerLoad } from './$types';
import { error, redirect } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import {
	addMembers,
	blockMember,
	chatSettings,
	conversationDetail,
	groupCandidates,
	history,
	leaveConversation,
	removeMember,
	renameGroup,
	report
} from '#lib/server/chat/index.ts';
import { presenceOf } from '#lib/server/presence/index.ts';
import { actorOf, failWith, formObject } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	const actor = actorOf(event);
	try {
		const conversation = await conversationDetail(actor, { conversationId: event.params.id });
		const [page, candidates] = await Promise.all([
			history(actor, { conversationId: event.params.id, limit: 30 }),
			conversation.myRole === 'admin' && conversation.kind === 'group' ? groupCandidates(actor) : Promise.resolve([])
		]);
		return {
			conversation,
			history: page,
			candidates: candidates.filter((c) => !conversation.members.some((m) => m.id === c.id)),
			presence: presenceOf(conversation.members.map((m) => m.id)),
			me: event.locals.member.id,
			editWindowMs: chatSettings().editWindowMs
		};
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
};

const act =
	(section: string, run: (event: Parameters<Actions[string]>[0], form: Record<string, string>, raw: FormData) => Promise<unknown>, success?: Parameters<typeof translate>[1]) =>
	async (event: Parameters<Actions[string]>[0]) => {
		const raw = await event.request.formData();
		try {
			await run(event, formObject(raw), raw);
			return { section, success: success ? translate(event.locals.locale, success) : '' };
		} catch (e) {
			return failWith(e, event.locals.locale, { section });
		}
	};

export const actions: Actions = {
	leave: async (event) => {
		try {
			await leaveConversation(actorOf(event), { conversationId: event.params.id });
		} catch (e) {
			return failWith(e, event.locals.locale, { section: 'members' });
		}
		redirect(303, '/messages');
	},
	add: act('members', (event, _f, raw) => addMembers(actorOf(event), { conversationId: event.params.id, memberIds: raw.getAll('memberIds').map(String) })),
	remove: act('members', (event, f) => removeMember(actorOf(event), { conversationId: event.params.id, memberId: f.memberId })),
	rename: act('members', (event, f) => renameGroup(actorOf(event), { conversationId: event.params.id, name: f.name ?? '' })),
	report: act(
		'report',
		(event, f) =>
			report(actorOf(event), {
				reason: f.reason,
				...(f.messageId ? { messageId: f.messageId } : { memberId: f.memberId }),
				...(f.details ? { details: f.details } : {})
			}),
		'chat.report.sent'
	),
	block: act('block', (event, f) => blockMember(actorOf(event), { memberId: f.memberId }), 'chat.blocked.done')
};
