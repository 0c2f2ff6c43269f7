import { context } from '../context.ts';
import { PROVIDER_CATEGORIES } from '../../categories.ts';
import { unreadCounts } from './messages.ts';
import { unreadVisitorMessages } from './visitor.ts';
import type { UnreadCounts } from './views.ts';

export interface SessionState {
	memberId: string;
	provider: boolean;
	availableForCalls: boolean;
	unread: UnreadCounts;
	visitorUnread: number;
}

/** What a freshly connected tab needs at once: the header's switch, badges and unread counts. */
export async function sessionState(memberId: string): Promise<SessionState> {
	const [unread, account, visitorUnread] = await Promise.all([
		unreadCounts(memberId),
		context().db.member.findUnique({ where: { id: memberId }, select: { availableForCalls: true, category: true } }),
		unreadVisitorMessages({ memberId })
	]);
	return {
		memberId,
		provider: !!account && (PROVIDER_CATEGORIES as readonly string[]).includes(account.category),
		availableForCalls: account?.availableForCalls ?? false,
		unread,
		visitorUnread
	};
}
