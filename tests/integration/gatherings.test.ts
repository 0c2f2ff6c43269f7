import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit, runDueJobs } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';
import { loadActor, type Actor } from '../../src/lib/server/access/index.ts';
import { cancelGathering, createGathering, setOrganiser } from '../../src/lib/server/gatherings/manage.ts';
import { checkIn, joinByInvitation, markPaidOnSite, register, unregister } from '../../src/lib/server/gatherings/registration.ts';
import { attendeesCsv, gatheringPage, gatheringsPage, organiserPage, ticketPage } from '../../src/lib/server/gatherings/pages.ts';
import { INVITE_BATCH } from '../../src/lib/server/gatherings/jobs.ts';
import type { MemberRole } from '../../src/lib/server/generated/prisma/enums.ts';

/**
 * Association events (issue 13 "Events"): who creates and sees them, the invitations and their
 * one-click "Participer" link (valid, expired, reused), the waiting list under 50 concurrent
 * registrations for the last place, tickets (QR, ICS), reminder, check-in, CSV, cancellation.
 */
const DAY = 86_400_000;
let ctx: TestContext;
let n = 0;
let admin: Actor;

async function member(data: { roles?: MemberRole[]; promotion?: number | null; email?: string } = {}) {
	const i = ++n;
	return ctx.prisma.member.create({
		data: {
			email: data.email ?? `membre${i}@exemple.fr`,
			firstName: `Prénom${i}`,
			lastName: `Nom${i}`,
			slug: `membre-${i}`,
			status: 'active',
			activatedAt: new Date(),
			roles: data.roles ?? ['member', 'alumni'],
			promotion: data.promotion ?? null
		},
		select: { id: true, email: true }
	});
}

/** "2026-12-10T18:30"-style local time `days` from now, in Paris. */
function local(days: number, hour = 18): string {
	const d = new Date(Date.now() + days * DAY);
	return `${d.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:30`;
}

const base = (over: Record<string, unknown> = {}) => ({
	title: 'Afterwork des anciens',
	description: 'Un verre entre diplômés, présentation des projets de l’association.',
	organiserName: 'Bureau des alumni',
	organiserEmail: 'bureau@exemple.fr',
	mode: 'place',
	place: '12 rue de la Paix, 75002 Paris',
	start: local(10),
	end: local(10, 21),
	timezone: 'Europe/Paris',
	price: '',
	capacity: '',
	deadline: '',
	audience: 'members',
	...over
});

async function invitationTo(to: string, title: string) {
	const mails = (await mailsTo(to)).filter((m) => m.subject === `Invitation : ${title}`);
	expect(mails).toHaveLength(1);
	return mails[0]!;
}
async function mailsTo(to: string) {
	return ctx.prisma.outboxMail.findMany({ where: { to }, orderBy: { createdAt: 'asc' } });
}
const attachmentsOf = (mail: { attachments: unknown }) => (mail.attachments ?? []) as { filename: string; contentType: string; content: string }[];

beforeAll(async () => {
	ctx = await useTestContext();
	const a = await member({ roles: ['member', 'admin'], email: 'admin@exemple.fr' });
	admin = await loadActor(a.id);
});
afterAll(async () => ctx?.close());

describe('creating events', () => {
	it('administrators and the members they name organisers create events; other members are refused', async () => {
		const m = await member();
		const actor = await loadActor(m.id);
		expect((await rejection(createGathering(actor, base()))).kind).toBe('forbidden');
		expect((await rejection(createGathering(null, base()))).kind).toBe('unauthenticated');
		await setOrganiser(admin, { email: m.email });
		const { id } = await createGathering(actor, base());
		expect((await organiserPage(actor, id)).gathering.title).toBe('Afterwork des anciens');
		await setOrganiser(admin, { email: m.email, organiser: false });
		expect((await rejection(createGathering(actor, base()))).kind).toBe('forbidden');
	});

	it('bad input gives localized field errors and writes nothing', async () => {
		const before = await ctx.prisma.gathering.count();
		const error = await rejection(createGathering(admin, base({ title: '', price: 'abc', timezone: 'Mars/Olympus' })));
		expect(error.kind).toBe('invalid');
		expect(error.fields).toMatchObject({ title: 'error.required', price: 'gatherings.error.price', timezone: 'gatherings.error.timezone' });
		const rules = await rejection(createGathering(admin, base({ place: '', audience: 'promotions', promotions: '' })));
		expect(rules.fields).toMatchObject({ place: 'gatherings.error.place_required', promotions: 'gatherings.error.promotions' });
		const order = await rejection(createGathering(admin, base({ end: local(9) })));
		expect(order.fields).toMatchObject({ end: 'gatherings.error.end_before_start' });
		expect(await ctx.prisma.gathering.count()).toBe(before);
	});

	it('stores times from the organiser’s zone (18:30 in Paris is 17:30 UTC in winter) and opens a video room for an online event', async () => {
		const { id } = await createGathering(admin, base({ mode: 'online', place: '', start: '2027-01-15T18:30', end: '2027-01-15T20:00' }));
		const row = await ctx.prisma.gathering.findUniqueOrThrow({ where: { id } });
		expect(row.startAt.toISOString()).toBe('2027-01-15T17:30:00.000Z');
		expect(row.place).toBeNull();
		const room = await ctx.prisma.room.findUniqueOrThrow({ where: { slug: row.roomSlug! } });
		expect(room.hostId).toBe(admin!.memberId);
		expect(room.opensAt.getTime()).toBeLessThan(row.startAt.getTime());
	});
});

describe('who sees which event', () => {
	it('visitors see public events only; members their promotion’s; recruiters only public ones', async () => {
		const p2020 = await member({ promotion: 2020 });
		const p2019 = await member({ promotion: 2019 });
		const recruiter = await member({ roles: ['member', 'recruiter'] });
		const pub = await createGathering(admin, base({ title: 'Conférence publique', audience: 'public' }));
		const promo = await createGathering(admin, base({ title: 'Soirée promo 2020', audience: 'promotions', promotions: '2020' }));
		const titles = async (actor: Actor) => (await gatheringsPage(actor)).upcoming.map((g) => g.title);
		expect(await titles(null)).toContain('Conférence publique');
		expect(await titles(null)).not.toContain('Afterwork des anciens');
		expect(await titles(await loadActor(p2020.id))).toEqual(expect.arrayContaining(['Soirée promo 2020', 'Afterwork des anciens']));
		expect(await titles(await loadActor(p2019.id))).not.toContain('Soirée promo 2020');
		expect((await rejection(gatheringPage(await loadActor(p2019.id), promo.id))).kind).toBe('not_found');
		expect(await titles(await loadActor(recruiter.id))).toEqual(expect.arrayContaining(['Conférence publique']));
		expect(await titles(await loadActor(recruiter.id))).not.toContain('Afterwork des anciens');
		expect((await gatheringPage(null, pub.id)).gathering.title).toBe('Conférence publique');
		expect((await rejection(gatheringPage(null, promo.id))).kind).toBe('unauthenticated');
	});
});

describe('invitations and the one-click "Participer" link', () => {
	let gatheringId: string;
	let paul: { id: string; email: string };
	let other: { id: string; email: string };

	beforeAll(async () => {
		paul = await member({ promotion: 2031, email: 'paul.2031@exemple.fr' });
		other = await member({ promotion: 2031 });
		await member({ promotion: 2032, email: 'pas-invite@exemple.fr' });
		gatheringId = (await createGathering(admin, base({ title: 'Dîner promo 2031', audience: 'promotions', promotions: '2031', capacity: '40', price: '' }))).id;
		await afterCommit(ctx);
	});

	it('mails the audience once, with every practical detail and a personal link; nobody outside it', async () => {
		const mail = await invitationTo(paul.email, 'Dîner promo 2031');
		for (const detail of ['Bureau des alumni <bureau@exemple.fr>', '12 rue de la Paix, 75002 Paris', 'Participation : gratuite', 'Places : 40', '(Europe/Paris)', '/evenements/participer/']) expect(mail!.text).toContain(detail);
		expect((await mailsTo('pas-invite@exemple.fr')).filter((m) => m.subject.includes('Dîner promo 2031'))).toEqual([]);
		// delivering and running again sends nothing twice
		await afterCommit(ctx);
		await invitationTo(paul.email, 'Dîner promo 2031');
	});

	it('valid: registers without a login, then mails the ticket with its ICS', async () => {
		const outcome = await joinByInvitation(tokenFrom(linkIn((await invitationTo(paul.email, 'Dîner promo 2031')).text)));
		expect(outcome).toMatchObject({ kind: 'registered', gatheringId, title: 'Dîner promo 2031' });
		await afterCommit(ctx);
		const confirmation = (await mailsTo(paul.email)).at(-1)!;
		expect(confirmation.subject).toBe('Inscription confirmée : Dîner promo 2031');
		expect(confirmation.text).toMatch(/\/evenements\/billet\/\S+/);
		const [ics] = attachmentsOf(confirmation);
		expect(ics!.contentType).toContain('text/calendar');
		expect(ics!.content).toContain('BEGIN:VEVENT');
		expect(ics!.content).toContain('SUMMARY:Dîner promo 2031');
		// the ticket the mail links to: a QR code as SVG and the short code
		const ticket = await ticketPage(/\/evenements\/billet\/(\S+)/.exec(confirmation.text)![1]);
		expect(ticket.valid).toBe(true);
		expect(ticket.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
		expect(ticket.code).toMatch(/^[A-Z2-9]{8}$/);
	});

	it('reused: the second click gets a clear "already used" answer and changes nothing', async () => {
		const token = tokenFrom(linkIn((await invitationTo(paul.email, 'Dîner promo 2031')).text));
		expect(await joinByInvitation(token)).toMatchObject({ kind: 'used', gatheringId });
		expect(await ctx.prisma.gatheringRegistration.count({ where: { gatheringId, memberId: paul.id } })).toBe(1);
	});

	it('expired: after the registration closes the link says so and registers nobody', async () => {
		const token = tokenFrom(linkIn((await invitationTo(other.email, 'Dîner promo 2031')).text));
		const start = (await ctx.prisma.gathering.findUniqueOrThrow({ where: { id: gatheringId } })).startAt;
		expect(await joinByInvitation(token, new Date(start.getTime() + 60_000))).toMatchObject({ kind: 'expired', gatheringId });
		expect(await ctx.prisma.gatheringRegistration.count({ where: { gatheringId, memberId: other.id } })).toBe(0);
		// forged or truncated links are refused too
		expect(await joinByInvitation(token.slice(0, -3) + 'abc')).toMatchObject({ kind: 'invalid' });
		expect(await joinByInvitation('n’importe quoi')).toMatchObject({ kind: 'invalid' });
		// …and the still-valid link works before then
		expect(await joinByInvitation(token)).toMatchObject({ kind: 'registered' });
	});

	it(`goes out in batches of ${INVITE_BATCH}: a large audience is mailed exactly once each`, async () => {
		const many = [];
		for (let i = 0; i < INVITE_BATCH + 7; i++) many.push(await member({ promotion: 2040 }));
		const { id } = await createGathering(admin, base({ title: 'Grand gala 2040', audience: 'promotions', promotions: '2040' }));
		await afterCommit(ctx);
		const counts = await Promise.all(many.map(async (m) => (await mailsTo(m.email)).filter((x) => x.subject === 'Invitation : Grand gala 2040').length));
		expect(counts.every((c) => c === 1)).toBe(true);
		expect(await ctx.prisma.gatheringInvitation.count({ where: { gatheringId: id, sentAt: { not: null } } })).toBe(INVITE_BATCH + 7);
		expect((await ctx.prisma.gathering.findUniqueOrThrow({ where: { id } })).invitationsSentAt).not.toBeNull();
	});
});

function linkIn(text: string): string {
	return /https?:\/\/\S+\/evenements\/participer\/\S+/.exec(text)![0];
}
function tokenFrom(link: string): string {
	return link.split('/evenements/participer/')[1]!;
}

describe('capacity and the waiting list', () => {
	it('50 members registering at once for the last place: exactly one gets it, 49 wait in order', async () => {
		const { id } = await createGathering(admin, base({ title: 'Atelier CV (10 places)', capacity: '10' }));
		const early = [];
		for (let i = 0; i < 9; i++) early.push(await member());
		for (const m of early) expect((await register(await loadActor(m.id), id)).status).toBe('registered');
		const crowd = [];
		for (let i = 0; i < 50; i++) crowd.push(await loadActor((await member()).id));
		const outcomes = await Promise.all(crowd.map((actor) => register(actor, id)));
		expect(outcomes.filter((o) => o.status === 'registered')).toHaveLength(1);
		const waiting = outcomes.filter((o) => o.status === 'waiting');
		expect(waiting).toHaveLength(49);
		expect(waiting.map((o) => o.waitPosition).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
		const rows = await ctx.prisma.gatheringRegistration.findMany({ where: { gatheringId: id } });
		expect(rows.filter((r) => r.status === 'registered')).toHaveLength(10);
		const byPosition = rows.filter((r) => r.status === 'waiting').sort((a, b) => a.waitPosition! - b.waitPosition!);

		// a place frees: the first waiting member gets it, with an e-mail; the others move up
		const first = byPosition[0]!;
		await unregister(await loadActor(early[0]!.id), id);
		const promoted = await ctx.prisma.gatheringRegistration.findUniqueOrThrow({ where: { id: first.id } });
		expect(promoted).toMatchObject({ status: 'registered', waitPosition: null });
		expect(await ctx.prisma.gatheringRegistration.count({ where: { gatheringId: id, status: 'registered' } })).toBe(10);
		await afterCommit(ctx);
		const email = (await ctx.prisma.member.findUniqueOrThrow({ where: { id: first.memberId } })).email;
		const mail = (await mailsTo(email)).find((m) => m.subject === 'Une place s’est libérée : Atelier CV (10 places)');
		expect(mail).toBeDefined();
		expect(attachmentsOf(mail!)[0]!.content).toContain('BEGIN:VEVENT');
		// the waiting members moved up: the third in line is now second
		expect((await gatheringPage(await loadActor(byPosition[2]!.memberId), id)).registration).toMatchObject({ status: 'waiting', waitPosition: 2 });
		const counters = (await organiserPage(admin, id)).counters;
		expect(counters).toEqual({ registered: 10, checkedIn: 0, waiting: 48 });
	}, 120_000);

	it('unregistering is free until the start, not after', async () => {
		const { id } = await createGathering(admin, base({ title: 'Visite d’entreprise' }));
		const m = await loadActor((await member()).id);
		await register(m, id);
		const start = (await ctx.prisma.gathering.findUniqueOrThrow({ where: { id } })).startAt;
		expect((await rejection(unregister(m, id, new Date(start.getTime() + 1000)))).key).toBe('gatherings.error.started');
		await unregister(m, id);
		expect((await gatheringPage(m, id)).registration).toBeNull();
		// registering again works
		expect((await register(m, id)).status).toBe('registered');
	});

	it('registration closes at the deadline', async () => {
		const { id } = await createGathering(admin, base({ title: 'Tournoi de pétanque', deadline: local(5) }));
		const m = await loadActor((await member()).id);
		expect((await rejection(register(m, id, new Date(Date.now() + 6 * DAY)))).key).toBe('gatherings.error.deadline_passed');
	});
});

describe('tickets, reminder, check-in, CSV, paying on the spot, cancelling', () => {
	let id: string;
	let alice: Actor;
	let aliceEmail: string;

	beforeAll(async () => {
		id = (await createGathering(admin, base({ title: 'Soirée de gala', price: '25', capacity: '100' }))).id;
		const a = await member({ email: 'alice.gala@exemple.fr' });
		aliceEmail = a.email;
		alice = await loadActor(a.id);
	});

	it('without Stripe, a paid event takes a reservation "à régler sur place" that the organiser marks as paid', async () => {
		const outcome = await register(alice, id);
		expect(outcome.status).toBe('registered');
		expect(outcome.checkoutUrl).toBeUndefined();
		await afterCommit(ctx);
		expect((await mailsTo(aliceEmail)).find((m) => m.subject === 'Inscription confirmée : Soirée de gala')!.text).toContain('Participation à régler sur place.');
		expect((await rejection(markPaidOnSite(alice, id, outcome.registrationId))).kind).toBe('not_found');
		await markPaidOnSite(admin, id, outcome.registrationId);
		expect((await ctx.prisma.gatheringRegistration.findUniqueOrThrow({ where: { id: outcome.registrationId } })).payment).toBe('on_site_paid');
		expect(await ctx.prisma.payment.count({ where: { reference: outcome.registrationId, status: 'paid', provider: 'offline' } })).toBe(1);
		// a paid place is the organiser's to cancel
		expect((await rejection(unregister(alice, id))).key).toBe('gatherings.error.paid_no_unregister');
	});

	it('reminds the registered 24 h before the start, once', async () => {
		const start = (await ctx.prisma.gathering.findUniqueOrThrow({ where: { id } })).startAt;
		await runDueJobs(ctx, new Date(start.getTime() - 25 * 3600_000));
		expect((await mailsTo(aliceEmail)).filter((m) => m.subject.startsWith('Rappel'))).toHaveLength(0);
		await runDueJobs(ctx, new Date(start.getTime() - 23.9 * 3600_000));
		const reminders = (await mailsTo(aliceEmail)).filter((m) => m.subject === 'Rappel : Soirée de gala demain');
		expect(reminders).toHaveLength(1);
		expect(attachmentsOf(reminders[0]!)[0]!.filename).toBe('evenement.ics');
		await runDueJobs(ctx, new Date(start.getTime() - 23 * 3600_000));
		expect((await mailsTo(aliceEmail)).filter((m) => m.subject.startsWith('Rappel'))).toHaveLength(1);
		await ctx.clock.setTime(Date.now());
	});

	it('check-in: ok, then "déjà enregistré", and "inconnu" for a wrong code — with live counters', async () => {
		const reg = await ctx.prisma.gatheringRegistration.findFirstOrThrow({ where: { gatheringId: id, status: 'registered' } });
		const first = await checkIn(admin, id, reg.ticketCode.toLowerCase());
		expect(first).toMatchObject({ result: 'ok', name: expect.stringContaining('Prénom') });
		expect(first.counters.checkedIn).toBe(1);
		const again = await checkIn(admin, id, reg.ticketCode);
		expect(again.result).toBe('already');
		expect((await checkIn(admin, id, 'ZZZZZZZZ')).result).toBe('unknown');
		// the QR code carries the ticket URL: scanning it works too
		const mail = (await mailsTo(aliceEmail)).find((m) => m.subject.startsWith('Inscription confirmée'))!;
		expect((await checkIn(admin, id, /https?:\/\/\S+\/evenements\/billet\/\S+/.exec(mail.text)![0])).result).toBe('already');
		// a member who does not manage the event gets nothing
		expect((await rejection(checkIn(alice, id, reg.ticketCode))).kind).toBe('not_found');
	});

	it('exports the attendees as CSV for French spreadsheets (BOM, semicolons)', async () => {
		const csv = await attendeesCsv(admin, id);
		expect(csv.body.startsWith('\uFEFFNom;E-mail;Promotion;Statut')).toBe(true);
		expect(csv.body).toContain(`;${aliceEmail};`);
		expect(csv.filename).toBe('participants-soiree-de-gala.csv');
		expect((await rejection(attendeesCsv(alice, id))).kind).toBe('not_found');
		// an id that names no event: a 404, even for an administrator
		expect((await rejection(organiserPage(admin, '01a23127-0000-7000-8000-000000000000'))).kind).toBe('not_found');
		expect((await rejection(cancelGathering(admin, '01a23127-0000-7000-8000-000000000000'))).kind).toBe('not_found');
	});

	it('cancelling tells everyone registered and closes registration', async () => {
		await cancelGathering(admin, id);
		await afterCommit(ctx);
		await afterCommit(ctx);
		const mail = (await mailsTo(aliceEmail)).at(-1)!;
		expect(mail.subject).toBe('Évènement annulé : Soirée de gala');
		expect(attachmentsOf(mail)[0]!.content).toContain('METHOD:CANCEL');
		expect(await ctx.prisma.gatheringRegistration.count({ where: { gatheringId: id, status: { not: 'cancelled' } } })).toBe(0);
		expect((await rejection(register(await loadActor((await member()).id), id))).key).toBe('gatherings.error.cancelled');
	});
});
