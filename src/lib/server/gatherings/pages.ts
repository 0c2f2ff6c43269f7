import QRCode from 'qrcode';
import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { can, gatheringReader, gatheringVisibleWhere, isOrganiser, requirePermission, resolveActor, type ActorRef } from '../access/index.ts';
import { paymentsOnline } from '../payments/index.ts';
import { counters } from './registration.ts';
import { readToken, signToken } from './tokens.ts';
import { ticketUrl } from './mail.ts';

/** What the events pages show: the list, one event (with the reader's registration), the organiser's view, a ticket. */

export interface GatheringCard {
	id: string;
	title: string;
	start: string;
	end: string;
	timezone: string;
	place: string | null;
	online: boolean;
	priceCents: number;
	currency: string;
	capacity: number | null;
	placesLeft: number | null;
	audience: string;
	cancelled: boolean;
}

const cardSelect = { id: true, title: true, startAt: true, endAt: true, timezone: true, place: true, roomSlug: true, priceCents: true, currency: true, capacity: true, audience: true, cancelledAt: true } as const;

async function placesLeft(ids: string[]): Promise<Map<string, number>> {
	if (!ids.length) return new Map();
	const rows = await context().db.gatheringRegistration.groupBy({ by: ['gatheringId'], where: { gatheringId: { in: ids }, status: { in: ['registered', 'payment_pending'] } }, _count: { _all: true } });
	return new Map(rows.map((r) => [r.gatheringId, r._count._all]));
}

function card(row: { id: string; title: string; startAt: Date; endAt: Date; timezone: string; place: string | null; roomSlug: string | null; priceCents: number; currency: string; capacity: number | null; audience: string; cancelledAt: Date | null }, taken: number): GatheringCard {
	return {
		id: row.id,
		title: row.title,
		start: row.startAt.toISOString(),
		end: row.endAt.toISOString(),
		timezone: row.timezone,
		place: row.place,
		online: !!row.roomSlug,
		priceCents: row.priceCents,
		currency: row.currency,
		capacity: row.capacity,
		placesLeft: row.capacity === null ? null : Math.max(0, row.capacity - taken),
		audience: row.audience,
		cancelled: !!row.cancelledAt
	};
}

/** /evenements: the events the actor may see, upcoming (soonest first) and the recent past. */
export async function gatheringsPage(actorRef: ActorRef, now: Date = new Date()) {
	const actor = await resolveActor(actorRef);
	const { db } = context();
	const visible = gatheringVisibleWhere(actor, await gatheringReader(actor));
	const [upcoming, past] = await Promise.all([
		db.gathering.findMany({ where: { AND: [visible, { endAt: { gt: now } }] }, orderBy: { startAt: 'asc' }, take: 100, select: cardSelect }),
		db.gathering.findMany({ where: { AND: [visible, { endAt: { lte: now } }] }, orderBy: { startAt: 'desc' }, take: 20, select: cardSelect })
	]);
	const taken = await placesLeft(upcoming.map((g) => g.id));
	const mine = actor
		? new Map((await db.gatheringRegistration.findMany({ where: { memberId: actor.memberId, status: { not: 'cancelled' } }, select: { gatheringId: true, status: true } })).map((r) => [r.gatheringId, r.status]))
		: new Map<string, string>();
	return {
		upcoming: upcoming.map((g) => ({ ...card(g, taken.get(g.id) ?? 0), myStatus: mine.get(g.id) ?? null })),
		past: past.map((g) => ({ ...card(g, 0), myStatus: mine.get(g.id) ?? null })),
		canCreate: await isOrganiser(actor)
	};
}

/** /evenements/<id>: the event, the actor's registration (and ticket link), what they may do. */
export async function gatheringPage(actorRef: ActorRef, id: string, now: Date = new Date()) {
	const actor = await requirePermission(actorRef, 'gathering.view', id);
	const { db } = context();
	const g = await db.gathering.findUniqueOrThrow({ where: { id }, select: { ...cardSelect, description: true, organiserName: true, organiserEmail: true, registrationDeadline: true, createdById: true, rescheduledAt: true } });
	const taken = (await placesLeft([id])).get(id) ?? 0;
	const reg = actor ? await db.gatheringRegistration.findUnique({ where: { gatheringId_memberId: { gatheringId: id, memberId: actor.memberId } } }) : null;
	const live = reg && reg.status !== 'cancelled' ? reg : null;
	const open = !g.cancelledAt && g.startAt > now && (!g.registrationDeadline || g.registrationDeadline > now);
	const manages = await can(actor, 'gathering.manage', id);
	// the place in the queue now (positions of members who left are skipped)
	const rank = live?.status === 'waiting' ? (await db.gatheringRegistration.count({ where: { gatheringId: id, status: 'waiting', waitPosition: { lt: live.waitPosition ?? 0 } } })) + 1 : null;
	return {
		gathering: {
			...card(g, taken),
			description: g.description,
			organiserName: g.organiserName,
			organiserEmail: g.organiserEmail,
			deadline: g.registrationDeadline?.toISOString() ?? null,
			rescheduledAt: g.rescheduledAt?.toISOString() ?? null,
			roomSlug: live?.status === 'registered' || manages ? g.roomSlug : null
		},
		registration: live ? { status: live.status, payment: live.payment, waitPosition: rank, payBy: live.status === 'payment_pending' ? (live.payBy?.toISOString() ?? null) : null, ticketUrl: live.status === 'registered' ? ticketUrl(await signToken('ticket', live.id)) : null } : null,
		open,
		loggedIn: !!actor,
		manages,
		paymentsOnline: paymentsOnline(),
		started: g.startAt <= now
	};
}

const STATUS_ORDER = { registered: 0, payment_pending: 1, waiting: 2, cancelled: 3 } as const;

/** The organiser's page: attendees (registered, waiting in order, cancelled) and counters. */
export async function organiserPage(actorRef: ActorRef, id: string) {
	await requirePermission(actorRef, 'gathering.manage', id);
	const { db } = context();
	const g = await db.gathering.findUnique({ where: { id }, select: { ...cardSelect, invitationsSentAt: true } });
	if (!g) throw notFound('gatherings.error.not_found');
	const regs = await db.gatheringRegistration.findMany({
		where: { gatheringId: id },
		orderBy: [{ waitPosition: 'asc' }, { registeredAt: 'asc' }],
		select: { id: true, status: true, payment: true, waitPosition: true, ticketCode: true, checkedInAt: true, registeredAt: true, member: { select: { firstName: true, lastName: true, email: true, promotion: true } } }
	});
	regs.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
	const invitations = await db.gatheringInvitation.count({ where: { gatheringId: id, sentAt: { not: null } } });
	return {
		gathering: { ...card(g, regs.filter((r) => r.status === 'registered' || r.status === 'payment_pending').length), invitationsSent: invitations },
		attendees: regs.map((r) => ({
			id: r.id,
			name: `${r.member.firstName} ${r.member.lastName}`,
			email: r.member.email,
			promotion: r.member.promotion,
			status: r.status,
			payment: r.payment,
			waitPosition: r.waitPosition,
			code: r.ticketCode,
			checkedInAt: r.checkedInAt?.toISOString() ?? null,
			registeredAt: r.registeredAt.toISOString()
		})),
		counters: await counters(id)
	};
}

const csvCell = (value: string | number | null) => {
	const text = value === null ? '' : String(value);
	// a cell a spreadsheet would run as a formula is quoted as text
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The attendee list as CSV for spreadsheets in French: UTF-8 with BOM, `;` between cells, CRLF. */
export async function attendeesCsv(actorRef: ActorRef, id: string): Promise<{ filename: string; body: string }> {
	const page = await organiserPage(actorRef, id);
	const header = ['Nom', 'E-mail', 'Promotion', 'Statut', "Position d'attente", 'Paiement', 'Code billet', 'Inscrit le', 'Arrivé à'];
	const rows = page.attendees.map((a) => [a.name, a.email, a.promotion, a.status, a.waitPosition, a.payment, a.code, a.registeredAt, a.checkedInAt]);
	const body = '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(';')).join('\r\n') + '\r\n';
	const slug = page.gathering.title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 40) || 'evenement';
	return { filename: `participants-${slug}.csv`, body };
}

/** A ticket (the signed token is the credential: no login): QR code as SVG, short code, the event. */
export async function ticketPage(token: unknown) {
	const id = await readToken('ticket', token);
	const { db } = context();
	const reg = id
		? await db.gatheringRegistration.findUnique({
				where: { id },
				select: { status: true, ticketCode: true, payment: true, checkedInAt: true, member: { select: { firstName: true, lastName: true } }, gathering: { select: { ...cardSelect, organiserName: true } } }
			})
		: null;
	if (!reg) throw notFound('gatherings.error.ticket_unknown');
	const valid = reg.status === 'registered' && !reg.gathering.cancelledAt;
	const qrSvg = valid ? await QRCode.toString(ticketUrl(token as string), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }) : null;
	return {
		valid,
		status: reg.status,
		payment: reg.payment,
		code: reg.ticketCode,
		holder: `${reg.member.firstName} ${reg.member.lastName}`,
		checkedInAt: reg.checkedInAt?.toISOString() ?? null,
		qrSvg,
		gathering: { ...card(reg.gathering, 0), organiserName: reg.gathering.organiserName }
	};
}

/** The creation form: refused to non-organisers; the organiser's contact groups and defaults. */
export async function newGatheringForm(actorRef: ActorRef) {
	const actor = await requirePermission(actorRef, 'gathering.create');
	const { db } = context();
	const [me, groups] = await Promise.all([
		db.member.findUniqueOrThrow({ where: { id: actor!.memberId }, select: { firstName: true, lastName: true, email: true, timezone: true } }),
		db.contactGroup.findMany({ where: { ownerId: actor!.memberId }, orderBy: { name: 'asc' }, select: { id: true, name: true } })
	]);
	return { groups, defaults: { organiserName: `${me.firstName} ${me.lastName}`, organiserEmail: me.email, timezone: me.timezone } };
}
