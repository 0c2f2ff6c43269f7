import { context } from '../context.ts';
import { forbidden, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requireMember, type Actor } from './access.ts';
import { requirePermission } from '../access/index.ts';
import { handleReportInput, memberTarget, reportInput } from './inputs.ts';

/** Blocks (a blocked member cannot write to the blocker, and vice versa) and reports for moderation. */

export async function blockMember(actor: Actor, raw: unknown): Promise<void> {
	const me = requireMember(actor);
	const { memberId } = parseInput(memberTarget, raw);
	if (memberId === me) throw invalid('chat.error.self');
	const { db } = context();
	if (!(await db.member.findUnique({ where: { id: memberId }, select: { id: true } }))) throw notFound('chat.error.member_not_found');
	await db.memberBlock.upsert({ where: { blockerId_blockedId: { blockerId: me, blockedId: memberId } }, create: { blockerId: me, blockedId: memberId }, update: {} });
}

export async function unblockMember(actor: Actor, raw: unknown): Promise<void> {
	const me = requireMember(actor);
	const { memberId } = parseInput(memberTarget, raw);
	await context().db.memberBlock.deleteMany({ where: { blockerId: me, blockedId: memberId } });
}

export async function listBlocked(actor: Actor) {
	const me = requireMember(actor);
	const rows = await context().db.memberBlock.findMany({
		where: { blockerId: me },
		orderBy: { createdAt: 'desc' },
		select: { createdAt: true, blocked: { select: { id: true, slug: true, firstName: true, lastName: true } } }
	});
	return rows.map((r) => ({ ...r.blocked, blockedAt: r.createdAt.toISOString() }));
}

export async function isBlocked(actor: Actor, memberId: string): Promise<boolean> {
	if (!actor) return false;
	return !!(await context().db.memberBlock.findUnique({ where: { blockerId_blockedId: { blockerId: actor.memberId, blockedId: memberId } }, select: { blockerId: true } }));
}

const REPORTS_PER_DAY = 30;

/** Report a message the actor can see, or a member (abuse, "arnaque"…): goes to /admin/reports. */
export async function report(actor: Actor, raw: unknown): Promise<{ reportId: string }> {
	const me = requireMember(actor);
	const input = parseInput(reportInput, raw);
	const { db } = context();
	const today = await db.report.count({ where: { reporterId: me, createdAt: { gt: new Date(Date.now() - 86400_000) } } });
	if (today >= REPORTS_PER_DAY) throw forbidden('chat.error.rate_limited');
	let memberId = input.memberId ?? null;
	let excerpt: string | null = null;
	if (input.messageId) {
		const message = await db.message.findFirst({
			where: { id: input.messageId, conversation: { members: { some: { memberId: me, leftAt: null } } } },
			select: { body: true, senderId: true }
		});
		if (!message) throw notFound('chat.error.message_not_found');
		if (message.senderId === me) throw invalid('chat.error.self');
		memberId = message.senderId;
		excerpt = message.body.slice(0, 2000);
	} else if (memberId) {
		if (memberId === me) throw invalid('chat.error.self');
		if (!(await db.member.findUnique({ where: { id: memberId }, select: { id: true } }))) throw notFound('chat.error.member_not_found');
	}
	const created = await db.report.create({
		data: { reporterId: me, messageId: input.messageId ?? null, memberId, reason: input.reason, details: input.details ?? null, excerpt },
		select: { id: true }
	});
	return { reportId: created.id };
}

export async function listReports(actor: Actor, options: { status?: 'open' | 'resolved' | 'dismissed' } = {}) {
	await requirePermission(actor, 'report.read');
	const rows = await context().db.report.findMany({
		where: options.status ? { status: options.status } : {},
		orderBy: { createdAt: 'desc' },
		take: 200,
		select: {
			id: true,
			reason: true,
			details: true,
			excerpt: true,
			status: true,
			createdAt: true,
			handledAt: true,
			messageId: true,
			reporter: { select: { id: true, slug: true, firstName: true, lastName: true } },
			member: { select: { id: true, slug: true, firstName: true, lastName: true, status: true } }
		}
	});
	return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), handledAt: r.handledAt?.toISOString() ?? null }));
}

export async function handleReport(actor: Actor, raw: unknown): Promise<void> {
	const me = requireMember(await requirePermission(actor, 'report.handle'));
	const input = parseInput(handleReportInput, raw);
	const { count } = await context().db.report.updateMany({
		where: { id: input.reportId },
		data: input.status === 'open' ? { status: 'open', handledAt: null, handledById: null } : { status: input.status, handledAt: new Date(), handledById: me }
	});
	if (count === 0) throw notFound();
}
