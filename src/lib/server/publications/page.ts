import { context } from '../context.ts';
import { notFound, throttled } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { can, directPermission, publicationPublic, publicationVisibleWhere, requireMember, requirePermission, resolveActor, type ActorRef } from '../access/index.ts';
import { presenceOf, type PresenceStatus } from '../presence/index.ts';
import { PROVIDER_CATEGORIES, type Category } from '../../categories.ts';
import { formatLocalDate, localDateOf } from '../calendar/tz.ts';
import { publicationTarget, reportInput } from './inputs.ts';
import { readablePublication } from './tabs.ts';
import { cardSelect, toCard, type PublicationCard } from './views.ts';
import { plainText } from './sanitize.ts';

const REPORTS_PER_DAY = 20;

export interface PublicationPage {
	publication: PublicationCard;
	isAuthor: boolean;
	canManage: boolean;
	canHide: boolean;
	canReport: boolean;
	/** "Envoyer un message" (conversation.write) for a logged-in reader who is not the author */
	messaging: { allowed: boolean; reason: string | null } | null;
	/** "Appeler" when the author is a provider (their availability decides, live) */
	callable: boolean;
	presence: PresenceStatus;
	/** the private audience, for its author and managers only */
	audienceDetail: { recipients: string[]; groups: string[] } | null;
	/** share previews: public publications only */
	openGraph: { title: string; description: string; image: string | null; url: string } | null;
}

/** The page of one publication (/publications/<id>): what its reader may see and do. */
export async function publicationPage(actorRef: ActorRef, rawId: string, now: Date = new Date()): Promise<PublicationPage> {
	const { actor, row } = await readablePublication(actorRef, rawId, now);
	const publication = toCard(row, now);
	const isAuthor = actor?.memberId === row.authorId;
	const canManage = await can(actor, 'publication.manage', { authorId: row.authorId, companyId: row.companyId });
	let messaging: PublicationPage['messaging'] = null;
	if (actor && !isAuthor) {
		const allowed = await can(actor, 'conversation.write', { memberId: row.authorId });
		messaging = { allowed, reason: allowed ? null : (await directPermission(actor.memberId, row.authorId)).reason };
	}
	let audienceDetail: PublicationPage['audienceDetail'] = null;
	if (canManage && row.audience === 'selected') {
		const detail = await context().db.publication.findUnique({
			where: { id: row.id },
			select: { recipients: { select: { member: { select: { firstName: true, lastName: true } } } }, groups: { select: { group: { select: { name: true } } } } }
		});
		audienceDetail = {
			recipients: detail?.recipients.map((r) => `${r.member.firstName} ${r.member.lastName}`) ?? [],
			groups: detail?.groups.map((g) => g.group.name) ?? []
		};
	}
	const { publicUrl } = context().config;
	return {
		publication,
		isAuthor,
		canManage,
		canHide: await can(actor, 'publication.hide'),
		canReport: !!actor && !isAuthor,
		messaging,
		callable: !isAuthor && PROVIDER_CATEGORIES.includes(row.author.category as Category),
		presence: presenceOf([row.authorId])[row.authorId] ?? 'offline',
		audienceDetail,
		openGraph: publicationPublic(row, now)
			? { title: row.title, description: plainText(row.body, 200), image: publication.photos[0] ? `${publicUrl}${publication.photos[0]}` : null, url: `${publicUrl}/publications/${row.id}` }
			: null
	};
}

/** Moderators hide a publication (after a report) or show it again; its author still sees it, marked. */
export async function hidePublication(actor: ActorRef, rawId: unknown, hidden = true, now: Date = new Date()): Promise<void> {
	await requirePermission(actor, 'publication.hide');
	const { id } = parseInput(publicationTarget, { id: rawId });
	const { count } = await context().db.publication.updateMany({ where: { id }, data: { hiddenAt: hidden ? now : null } });
	if (count === 0) throw notFound('publications.error.not_found');
}

/**
 * Anyone logged in may report a publication they can read: it joins the moderators' queue
 * (/admin/reports) as a report on its author, naming the publication, its title kept as evidence.
 */
export async function reportPublication(actorRef: ActorRef, rawId: unknown, raw: unknown, now: Date = new Date()): Promise<{ reportId: string }> {
	const actor = await requirePermission(actorRef, 'publication.report');
	const me = requireMember(actor);
	const { id } = parseInput(publicationTarget, { id: rawId });
	const input = parseInput(reportInput, raw);
	const { db } = context();
	const row = await db.publication.findFirst({ where: { AND: [{ id }, publicationVisibleWhere(actor, now)] }, select: { id: true, authorId: true, title: true } });
	if (!row) throw notFound('publications.error.not_found');
	const today = await db.report.count({ where: { reporterId: me, createdAt: { gt: new Date(now.getTime() - 86_400_000) } } });
	if (today >= REPORTS_PER_DAY) throw throttled('publications.error.report_limit');
	const created = await db.report.create({
		data: { reporterId: me, memberId: row.authorId, publicationId: row.id, reason: input.reason, details: input.details ?? null, excerpt: `[/publications/${row.id}] ${row.title}`, createdAt: now },
		select: { id: true }
	});
	return { reportId: created.id };
}

/** Everything the actor wrote (every state, expired and hidden included) and the posts of companies they administer. */
export async function myPublications(actorRef: ActorRef, now: Date = new Date()): Promise<PublicationCard[]> {
	const actor = await resolveActor(actorRef);
	const me = requireMember(actor);
	const rows = await context().db.publication.findMany({
		where: {
			kind: { not: 'job' },
			OR: [{ authorId: me }, { company: { memberships: { some: { memberId: me, role: 'admin', status: 'active' } } } }]
		},
		orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
		take: 200,
		select: cardSelect
	});
	return rows.map((r) => toCard(r, now));
}

/** What the publish form offers: the companies I may publish for, my contacts and my contact groups. */
export async function publishChoices(actorRef: ActorRef) {
	const actor = await resolveActor(actorRef);
	const me = requireMember(actor);
	const { db } = context();
	const [companies, contacts, groups] = await Promise.all([
		db.company.findMany({
			where: { memberships: { some: { memberId: me, status: 'active', role: { in: ['admin', 'advertiser'] } } } },
			orderBy: { title: 'asc' },
			select: { id: true, title: true }
		}),
		db.contact.findMany({ where: { ownerId: me, other: { status: 'active' } }, orderBy: [{ other: { lastName: 'asc' } }, { other: { firstName: 'asc' } }], select: { other: { select: { id: true, firstName: true, lastName: true } } } }),
		db.contactGroup.findMany({ where: { ownerId: me }, orderBy: { name: 'asc' }, select: { id: true, name: true, _count: { select: { entries: true } } } })
	]);
	return {
		companies,
		contacts: contacts.map((c) => ({ id: c.other.id, name: `${c.other.firstName} ${c.other.lastName}` })),
		groups: groups.map((g) => ({ id: g.id, name: g.name, size: g._count.entries }))
	};
}

/** The edit form of a publication the actor may manage: its current values and the author's choices. */
export async function editForm(actorRef: ActorRef, rawId: unknown) {
	const actor = await resolveActor(actorRef);
	requireMember(actor);
	const { id } = parseInput(publicationTarget, { id: rawId });
	const row = await context().db.publication.findUnique({
		where: { id },
		select: {
			...cardSelect,
			latitude: true,
			recipients: { select: { memberId: true } },
			groups: { select: { groupId: true } }
		}
	});
	if (!row) throw notFound('publications.error.not_found');
	await requirePermission(actor, 'publication.manage', { authorId: row.authorId, companyId: row.companyId });
	// a company admin editing an advertiser's post keeps its audience: the author's contacts are not theirs to see
	const isAuthor = actor!.memberId === row.authorId;
	const choices = isAuthor ? await publishChoices(actor) : { companies: [], contacts: [], groups: [] };
	return {
		id: row.id,
		kind: row.kind,
		isAuthor,
		values: {
			title: row.title,
			body: row.body,
			place: row.postcode ?? row.city ?? '',
			price: row.priceCents === null ? '' : String(row.priceCents / 100),
			expiresOn: row.expiresAt ? formatLocalDate(localDateOf('Europe/Paris', row.expiresAt.getTime() - 1)) : '',
			audience: row.audience,
			recipientIds: row.recipients.map((r) => r.memberId),
			groupIds: row.groups.map((g) => g.groupId)
		},
		photos: toCard(row, new Date()).photos.map((url, i) => ({ url, name: row.photos[i]! })),
		choices
	};
}
