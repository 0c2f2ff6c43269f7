import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit, jobsOf, runDueJobs } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';
import { startFakeStripe, type FakeStripe } from '../helpers/fakes/stripe.ts';
import { loadActor, type Actor } from '../../src/lib/server/access/index.ts';
import { paymentSettings } from '../../src/lib/server/payments/settings.ts';
import { handleStripeWebhook } from '../../src/lib/server/payments/index.ts';
import { cancelGathering, createGathering, setOrganiser } from '../../src/lib/server/gatherings/manage.ts';
import { editGatheringForm, updateGathering } from '../../src/lib/server/gatherings/edit.ts';
import { markPaidOnSite, payDeadline, payPlace, register, unregister } from '../../src/lib/server/gatherings/registration.ts';
import { expireUnpaidPlace } from '../../src/lib/server/gatherings/deadline.ts';
import { gatheringPage } from '../../src/lib/server/gatherings/pages.ts';
import { GATHERING_JOBS } from '../../src/lib/server/gatherings/jobs.ts';
import { actions as editActions } from '../../src/routes/evenements/[id=uuid]/modifier/+page.server.ts';

/**
 * Editing an event after its creation (who may, the creation's validation, capacity and price
 * rules, ONE mail old → new for a new date or place, nothing for a text edit), and the payment
 * deadline of a place promoted from the waiting list of a paid event (job at the deadline: drops
 * the unpaid place, promotes the next in order; idempotent). Real PostgreSQL, outbox mails, pg-boss
 * jobs run with a moved clock.
 */
const HOUR = 3_600_000;
let ctx: TestContext;
let n = 0;
let admin: Actor;
let organiser: Actor;

async function member(data: { email?: string; locale?: 'fr' | 'en'; timezone?: string } = {}) {
	const i = ++n;
	const row = await ctx.prisma.member.create({
		data: {
			email: data.email ?? `edit${i}@exemple.fr`,
			firstName: `Prénom${i}`,
			lastName: `Nom${i}`,
			slug: `edit-${i}`,
			status: 'active',
			activatedAt: new Date(),
			roles: ['member', 'alumni'],
			locale: data.locale ?? 'fr',
			timezone: data.timezone ?? 'Europe/Paris'
		},
		select: { id: true, email: true }
	});
	return { ...row, actor: await loadActor(row.id) };
}

const base = (over: Record<string, unknown> = {}) => ({
	title: 'Afterwork ECE Lyon',
	description: 'Rencontre des anciens de la région lyonnaise.',
	organiserName: 'Bureau Lyon',
	organiserEmail: 'lyon@exemple.fr',
	mode: 'place',
	place: 'Le Sucre, 50 quai Rambaud, 69002 Lyon',
	start: '2027-02-10T18:30',
	end: '2027-02-10T21:30',
	timezone: 'Europe/Paris',
	price: '',
	capacity: '',
	deadline: '',
	audience: 'members',
	...over
});

/** The form as the edit page sends it back: the event's current values, some changed. */
async function edited(actor: Actor, id: string, over: Record<string, unknown> = {}) {
	const { values } = await editGatheringForm(actor, id);
	return { ...values, ...over };
}

const mailsTo = (to: string) => ctx.prisma.outboxMail.findMany({ where: { to }, orderBy: { createdAt: 'asc' } });
const attachmentsOf = (mail: { attachments: unknown }) => (mail.attachments ?? []) as { filename: string; contentType: string; content: string }[];
const row = (id: string) => ctx.prisma.gathering.findUniqueOrThrow({ where: { id } });
const regOf = (gatheringId: string, memberId: string) => ctx.prisma.gatheringRegistration.findUniqueOrThrow({ where: { gatheringId_memberId: { gatheringId, memberId } } });

beforeAll(async () => {
	ctx = await useTestContext();
	admin = (await member({ email: 'admin.edit@exemple.fr' })).actor;
	await ctx.prisma.member.update({ where: { id: admin!.memberId }, data: { roles: ['member', 'admin'] } });
	admin = await loadActor(admin!.memberId);
	const o = await member({ email: 'organisatrice@exemple.fr' });
	await setOrganiser(admin, { email: o.email });
	organiser = o.actor;
});
afterAll(async () => ctx?.close());

describe('who edits an event', () => {
	it('its organiser and administrators; another member (even an organiser) gets a 404, a visitor the login', async () => {
		const { id } = await createGathering(organiser, base());
		const other = await member();
		const otherOrganiser = await member();
		await setOrganiser(admin, { email: otherOrganiser.email });
		expect((await editGatheringForm(organiser, id)).values).toMatchObject({ title: 'Afterwork ECE Lyon', start: '2027-02-10T18:30', end: '2027-02-10T21:30', mode: 'place', price: '', capacity: '' });
		await updateGathering(organiser, id, await edited(organiser, id, { title: 'Afterwork ECE Lyon — printemps' }));
		await updateGathering(admin, id, await edited(admin, id, { title: 'Afterwork ECE Lyon (Presqu’île)' }));
		expect((await row(id)).title).toBe('Afterwork ECE Lyon (Presqu’île)');
		for (const actor of [other.actor, otherOrganiser.actor]) {
			expect((await rejection(editGatheringForm(actor, id))).kind).toBe('not_found');
			expect((await rejection(updateGathering(actor, id, base({ title: 'Piraté' })))).kind).toBe('not_found');
		}
		expect((await rejection(updateGathering(null, id, base({ title: 'Piraté' })))).kind).toBe('unauthenticated');
		expect((await row(id)).title).toBe('Afterwork ECE Lyon (Presqu’île)');
	});

	it('a cancelled or started event can no longer be edited', async () => {
		const { id } = await createGathering(organiser, base({ title: 'Visite du campus' }));
		const start = (await row(id)).startAt;
		const late = await rejection(updateGathering(organiser, id, base({ title: 'Trop tard', start: '2027-03-10T18:30', end: '2027-03-10T20:00' }), new Date(start.getTime() + 60_000)));
		expect(late).toMatchObject({ kind: 'conflict', key: 'gatherings.error.edit_started' });
		expect((await editGatheringForm(organiser, id, new Date(start.getTime() + 60_000))).closed).toBe('gatherings.error.edit_started');
		await cancelGathering(organiser, id);
		expect((await rejection(updateGathering(organiser, id, base({ title: 'Annulé ?' })))).key).toBe('gatherings.error.cancelled');
		expect((await row(id)).title).toBe('Visite du campus');
	});
});

describe('validation: the creation’s rules, and nothing changes on a refusal', () => {
	it('bad input → localized field errors, the event untouched', async () => {
		const { id } = await createGathering(organiser, base({ title: 'Conférence IA', capacity: '50' }));
		const before = await row(id);
		const error = await rejection(updateGathering(organiser, id, await edited(organiser, id, { title: '', price: 'douze', timezone: 'Mars/Olympus', mode: 'place', place: '' })));
		expect(error.kind).toBe('invalid');
		expect(error.fields).toMatchObject({ title: 'error.required', price: 'gatherings.error.price', timezone: 'gatherings.error.timezone' });
		const order = await rejection(updateGathering(organiser, id, await edited(organiser, id, { end: '2027-02-10T17:00' })));
		expect(order.fields).toMatchObject({ end: 'gatherings.error.end_before_start' });
		const past = await rejection(updateGathering(organiser, id, await edited(organiser, id, { start: '2020-01-01T10:00', end: '2020-01-01T12:00' })));
		expect(past.fields).toMatchObject({ start: 'gatherings.error.start_past' });
		const deadline = await rejection(updateGathering(organiser, id, await edited(organiser, id, { deadline: '2027-02-11T10:00' })));
		expect(deadline.fields).toMatchObject({ deadline: 'gatherings.error.deadline_after_start' });
		const after = await row(id);
		expect(after).toEqual(before);
	});
});

/** The edit page's form action as SvelteKit calls it, for `actor` reading in `locale`. */
async function postEdit(actor: Actor, id: string, fields: Record<string, string>, locale: 'fr' | 'en') {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) form.append(k, v);
	const url = new URL(`/evenements/${id}/modifier`, 'http://127.0.0.1:3999');
	const event = { url, request: new Request(url, { method: 'POST', body: form }), locals: { member: { id: actor!.memberId, roles: actor!.roles }, locale }, params: { id } };
	return (await editActions.default(event as never)) as { status?: number; data?: { message: string; fields: Record<string, string>; values: Record<string, string> }; success?: string };
}

describe('the edit page’s form: localized answers', () => {
	it('field errors in the reader’s language (400, values echoed); a refused capacity says why; a saved edit says who is told', async () => {
		const { id } = await createGathering(organiser, base({ title: 'Forum entreprises', capacity: '1' }));
		await register((await member()).actor, id);
		const { roles: _roles, groupIds: _groups, ...text } = (await editGatheringForm(organiser, id)).values;
		const en = await postEdit(organiser, id, { ...text, title: '', start: '2027-02-10T18:30', end: '2027-02-10T17:00' }, 'en');
		expect(en.status).toBe(400);
		expect(en.data!.fields).toMatchObject({ title: 'This field is required.' });
		const fr = await postEdit(organiser, id, { ...text, capacity: '0' }, 'fr');
		expect(fr.data!.fields.capacity).toBe('Nombre de places invalide (au moins 1).');
		expect(fr.data!.values.capacity).toBe('0');
		const unchanged = await postEdit(organiser, id, { ...text, capacity: '1', price: '' }, 'fr');
		expect(unchanged.success).toBe('Modifications enregistrées.');
		await register((await member()).actor, id);
		const ok = await postEdit(organiser, id, { ...text, capacity: '2', place: 'CNIT, 2 place de la Défense, 92800 Puteaux' }, 'fr');
		expect(ok.success).toBe('Modifications enregistrées : les inscrits et la liste d’attente sont prévenus par e-mail. 1 membre(s) de la liste d’attente ont reçu une place.');
		const refused = await postEdit(organiser, id, { ...text, capacity: '1' }, 'en');
		expect(refused.status).toBe(400);
		expect(refused.data!.message).toBe('2 place(s) are already taken: the number of places cannot go below that.');
		expect(refused.data!.fields.capacity).toBe('At least as many as the places already taken.');
	});
});

describe('capacity', () => {
	it('never below the places taken (clear message, nothing changed); raised, the waiting list is promoted in order at once', async () => {
		const { id } = await createGathering(organiser, base({ title: 'Atelier pitch (2 places)', capacity: '2' }));
		const people = [];
		for (let i = 0; i < 5; i++) people.push(await member());
		for (const p of people) await register(p.actor, id);
		expect((await regOf(id, people[2]!.id)).waitPosition).toBe(1);
		const lower = await rejection(updateGathering(organiser, id, await edited(organiser, id, { capacity: '1', title: 'Atelier pitch (1 place)' })));
		expect(lower).toMatchObject({ kind: 'invalid', key: 'gatherings.error.capacity_below_taken', params: { taken: 2 }, fields: { capacity: 'gatherings.error.capacity_below_taken_field' } });
		expect(await row(id)).toMatchObject({ capacity: 2, title: 'Atelier pitch (2 places)' });

		const outcome = await updateGathering(organiser, id, await edited(organiser, id, { capacity: '4' }));
		expect(outcome).toEqual({ notified: false, promoted: 2 });
		expect(await regOf(id, people[2]!.id)).toMatchObject({ status: 'registered', waitPosition: null });
		expect(await regOf(id, people[3]!.id)).toMatchObject({ status: 'registered', waitPosition: null });
		expect(await regOf(id, people[4]!.id)).toMatchObject({ status: 'waiting' });
		await afterCommit(ctx);
		expect((await mailsTo(people[2]!.email)).filter((m) => m.subject === 'Une place s’est libérée : Atelier pitch (2 places)')).toHaveLength(1);
		expect((await mailsTo(people[4]!.email)).filter((m) => m.subject.startsWith('Une place'))).toHaveLength(0);
		// unlimited: everyone waiting gets in
		expect((await updateGathering(organiser, id, await edited(organiser, id, { capacity: '' }))).promoted).toBe(1);
		expect((await regOf(id, people[4]!.id)).status).toBe('registered');
	});
});

describe('price', () => {
	it('refused once a place is paid, with a clear message; free stays free once places were taken', async () => {
		const { id } = await createGathering(organiser, base({ title: 'Dîner des promos', price: '35' }));
		const payer = await member();
		const reg = await register(payer.actor, id);
		// a reservation not paid yet: the price may still change (it is paid on the spot at the new price)
		await updateGathering(organiser, id, await edited(organiser, id, { price: '30' }));
		expect((await row(id)).priceCents).toBe(3000);
		await markPaidOnSite(organiser, id, reg.registrationId);
		const refused = await rejection(updateGathering(organiser, id, await edited(organiser, id, { price: '40', title: 'Dîner des promos 2027' })));
		expect(refused).toMatchObject({ kind: 'invalid', key: 'gatherings.error.price_locked', fields: { price: 'gatherings.error.price_locked' } });
		expect(await row(id)).toMatchObject({ priceCents: 3000, title: 'Dîner des promos' });
		expect((await editGatheringForm(organiser, id)).priceLocked).toBe(true);
		// the same price written otherwise ("30,00") is no change: other fields save
		await updateGathering(organiser, id, await edited(organiser, id, { price: '30,00', title: 'Dîner des promos 2027' }));
		expect((await row(id)).title).toBe('Dîner des promos 2027');

		const free = await createGathering(organiser, base({ title: 'Pot de rentrée' }));
		await register((await member()).actor, free.id);
		expect((await rejection(updateGathering(organiser, free.id, await edited(organiser, free.id, { price: '5' })))).key).toBe('gatherings.error.price_free_taken');
		expect((await row(free.id)).priceCents).toBe(0);
	});
});

describe('a wider audience', () => {
	it('invites the members it adds, once, and nobody already invited again', async () => {
		const [p2031, p2032] = [await member(), await member()];
		await ctx.prisma.member.update({ where: { id: p2031.id }, data: { promotion: 2031 } });
		await ctx.prisma.member.update({ where: { id: p2032.id }, data: { promotion: 2032 } });
		const invitations = async (to: string) => (await mailsTo(to)).filter((m) => m.subject === 'Invitation : Dîner des promos 2031-2032').length;
		const { id } = await createGathering(organiser, base({ title: 'Dîner des promos 2031-2032', audience: 'promotions', promotions: '2031' }));
		await afterCommit(ctx);
		expect([await invitations(p2031.email), await invitations(p2032.email)]).toEqual([1, 0]);
		await updateGathering(organiser, id, await edited(organiser, id, { promotions: '2031, 2032' }));
		await afterCommit(ctx);
		expect([await invitations(p2031.email), await invitations(p2032.email)]).toEqual([1, 1]);
		// a text edit, or the same audience again: no invitation
		await updateGathering(organiser, id, await edited(organiser, id, { description: 'Rencontre des deux promotions.', promotions: '2032, 2031' }));
		await afterCommit(ctx);
		expect([await invitations(p2031.email), await invitations(p2032.email)]).toEqual([1, 1]);
	});
});

describe('a new date or place: ONE mail to each registered and waiting member, old → new', () => {
	let id: string;
	let claire: Awaited<ReturnType<typeof member>>;
	let john: Awaited<ReturnType<typeof member>>;
	let waiting: Awaited<ReturnType<typeof member>>;

	beforeAll(async () => {
		id = (await createGathering(organiser, base({ title: 'Soirée networking', capacity: '2' }))).id;
		claire = await member({ email: 'claire.edit@exemple.fr' });
		john = await member({ email: 'john.edit@example.com', locale: 'en', timezone: 'Europe/London' });
		waiting = await member({ email: 'attente.edit@exemple.fr' });
		for (const m of [claire, john, waiting]) await register(m.actor, id);
		await afterCommit(ctx);
	});

	it('a title/description-only edit sends nothing', async () => {
		const before = (await ctx.prisma.outboxMail.count());
		const outcome = await updateGathering(organiser, id, await edited(organiser, id, { title: 'Soirée networking ECE', description: 'Nouveau programme : pitchs de 3 minutes.' }));
		expect(outcome.notified).toBe(false);
		await afterCommit(ctx);
		expect(await ctx.prisma.outboxMail.count()).toBe(before);
		expect((await row(id)).revision).toBe(0);
	});

	it('moved by two days and to another address: each gets one mail in their language and zone, tickets with the updated ICS', async () => {
		const outcome = await updateGathering(organiser, id, await edited(organiser, id, { start: '2027-02-12T19:00', end: '2027-02-12T22:00', place: 'Hôtel de Ville, 1 place de la Comédie, 69001 Lyon' }));
		expect(outcome.notified).toBe(true);
		await afterCommit(ctx);
		await afterCommit(ctx);
		const fr = (await mailsTo(claire.email)).filter((m) => m.subject === 'Changement : Soirée networking ECE');
		expect(fr).toHaveLength(1);
		expect(fr[0]!.text).toContain('Bureau Lyon a modifié « Soirée networking ECE » :');
		expect(fr[0]!.text).toContain('Date : mercredi 10 février 2027, 18:30 – 21:30 → vendredi 12 février 2027, 19:00 – 22:00 (Europe/Paris)');
		expect(fr[0]!.text).toContain('Lieu : Le Sucre, 50 quai Rambaud, 69002 Lyon → Hôtel de Ville, 1 place de la Comédie, 69001 Lyon');
		const [ics] = attachmentsOf(fr[0]!);
		expect(ics!.content).toContain('METHOD:REQUEST');
		expect(ics!.content).toContain('SEQUENCE:1');
		expect(ics!.content).toContain('DTSTART:20270212T180000Z');

		const en = (await mailsTo(john.email)).filter((m) => m.subject === 'Change: Soirée networking ECE');
		expect(en).toHaveLength(1);
		expect(en[0]!.text).toMatch(/Date: Wednesday,? 10 February 2027, 17:30 – 20:30 → Friday,? 12 February 2027, 18:00 – 21:00 \(Europe\/London\)/);
		expect(en[0]!.text).toContain('Place: Le Sucre, 50 quai Rambaud, 69002 Lyon → Hôtel de Ville, 1 place de la Comédie, 69001 Lyon');

		const w = (await mailsTo(waiting.email)).filter((m) => m.subject === 'Changement : Soirée networking ECE');
		expect(w).toHaveLength(1);
		expect(w[0]!.text).toContain('Vous restez sur la liste d’attente');
		expect(attachmentsOf(w[0]!)).toEqual([]);
		// the page says so; the reminder follows the new start
		expect((await gatheringPage(claire.actor, id)).gathering.rescheduledAt).not.toBeNull();
		const reminders = await jobsOf(ctx, GATHERING_JOBS.reminder, { queued: true });
		expect(reminders.some((j) => (j.data as { gatheringId: string; start: string }).gatheringId === id && (j.data as { start: string }).start === '2027-02-12T18:00:00.000Z')).toBe(true);
		// the ticket holders' reminder sent at the old time would send nothing: only the new one counts
		await afterCommit(ctx);
		expect((await mailsTo(claire.email)).filter((m) => m.subject.startsWith('Changement'))).toHaveLength(1);
	});

	it('an online event moved: a new video room for the new times, its link in the mail', async () => {
		const { id: online } = await createGathering(organiser, base({ title: 'Webinaire carrières', mode: 'online', place: '' }));
		const m = await member();
		await register(m.actor, online);
		const oldRoom = (await row(online)).roomSlug!;
		await updateGathering(organiser, online, await edited(organiser, online, { start: '2027-02-11T12:30', end: '2027-02-11T13:30' }));
		const moved = await row(online);
		expect(moved.roomSlug).not.toBe(oldRoom);
		const room = await ctx.prisma.room.findUniqueOrThrow({ where: { slug: moved.roomSlug! }, include: { invites: true } });
		expect(room.opensAt.getTime()).toBeLessThan(moved.startAt.getTime());
		expect(room.invites.map((i) => i.memberId)).toContain(m.id);
		await afterCommit(ctx);
		await afterCommit(ctx);
		const mail = (await mailsTo(m.email)).filter((x) => x.subject === 'Changement : Webinaire carrières');
		expect(mail).toHaveLength(1);
		expect(mail[0]!.text).toContain(`/rooms/${moved.roomSlug}`);
	});
});

describe('a promoted place of a paid event must be paid by its deadline', () => {
	let stripe: FakeStripe;
	beforeAll(async () => {
		stripe = await startFakeStripe();
		paymentSettings.configure({ secretKey: stripe.secretKey, webhookSecret: stripe.webhookSecret, apiUrl: stripe.url, currency: 'eur' });
	});
	afterAll(async () => {
		paymentSettings.configure({ secretKey: null, webhookSecret: null, apiUrl: null });
		await stripe?.close();
		await ctx.clock.setTime(Date.now());
	});

	it('48 h, or until the start when sooner', () => {
		const now = new Date('2027-01-01T10:00:00Z');
		expect(payDeadline({ startAt: new Date('2027-01-10T18:00:00Z') }, now).toISOString()).toBe('2027-01-03T10:00:00.000Z');
		expect(payDeadline({ startAt: new Date('2027-01-02T18:00:00Z') }, now).toISOString()).toBe('2027-01-02T18:00:00.000Z');
	});

	it('unpaid at the deadline: the place goes to the next waiting member, in order, each with their deadline; idempotent', async () => {
		const { id } = await createGathering(admin, base({ title: 'Gala annuel', price: '60', capacity: '1' }));
		const [first, b, c, d] = [await member(), await member({ email: 'bob.gala@exemple.fr' }), await member({ email: 'carla.gala@exemple.fr', locale: 'en' }), await member()];
		expect((await register(first.actor, id)).status).toBe('payment_pending');
		for (const m of [b, c, d]) expect((await register(m.actor, id)).status).toBe('waiting');
		await unregister(first.actor, id);
		const bReg = await regOf(id, b.id);
		expect(bReg.status).toBe('payment_pending');
		const bDeadline = bReg.payBy!;
		expect(Math.abs(bDeadline.getTime() - Date.now() - 48 * HOUR)).toBeLessThan(60_000);
		await afterCommit(ctx);
		const promoted = (await mailsTo(b.email)).find((m) => m.subject === 'Une place s’est libérée : Gala annuel');
		expect(promoted!.text).toContain('Vous avez jusqu’au');
		expect(promoted!.text).toContain('pour régler votre place ; passé ce délai, elle ira au membre suivant');
		expect((await gatheringPage(b.actor, id)).registration?.payBy).toBe(bDeadline.toISOString());

		// an hour before: nothing happens
		await runDueJobs(ctx, new Date(bDeadline.getTime() - HOUR));
		expect((await regOf(id, b.id)).status).toBe('payment_pending');

		// at the deadline: Bob's place goes to Carla (next in line), Dieter stays first in the queue
		await runDueJobs(ctx, new Date(bDeadline.getTime() + 60_000));
		expect((await regOf(id, b.id)).status).toBe('cancelled');
		const cReg = await regOf(id, c.id);
		expect(cReg).toMatchObject({ status: 'payment_pending', waitPosition: null });
		expect(cReg.payBy!.getTime()).toBe(bDeadline.getTime() + 48 * HOUR);
		expect((await regOf(id, d.id)).status).toBe('waiting');
		await afterCommit(ctx, new Date(bDeadline.getTime() + 2 * 60_000));
		expect((await mailsTo(b.email)).filter((m) => m.subject === 'Place non réglée : Gala annuel')).toHaveLength(1);
		const carla = (await mailsTo(c.email)).filter((m) => m.subject === 'A place freed up: Gala annuel');
		expect(carla).toHaveLength(1);
		expect(carla[0]!.text).toContain('You have until');
		// Bob may no longer pay
		expect((await rejection(payPlace(b.actor, id))).key).toBe('gatherings.error.nothing_to_pay');

		// idempotent: the same deadline again changes nothing; Carla's, run early, keeps her place
		expect(await expireUnpaidPlace({ registrationId: bReg.id, payBy: bDeadline.toISOString() })).toBe('stale');
		expect(await expireUnpaidPlace({ registrationId: cReg.id, payBy: cReg.payBy!.toISOString() }, new Date(bDeadline.getTime() + HOUR))).toBe('kept');
		expect((await regOf(id, c.id)).status).toBe('payment_pending');
		expect(await ctx.prisma.gatheringRegistration.count({ where: { gatheringId: id, status: 'payment_pending' } })).toBe(1);

		// Carla pays in time: her deadline then finds nothing to do
		const { checkoutUrl } = await payPlace(c.actor, id, new Date(bDeadline.getTime() + 2 * HOUR));
		const body = stripe.event(checkoutUrl.split('/pay/')[1]!, 'checkout.session.completed');
		expect(await handleStripeWebhook(body, stripe.sign(body))).toBe('paid');
		await afterCommit(ctx, new Date(bDeadline.getTime() + 2 * HOUR));
		expect(await regOf(id, c.id)).toMatchObject({ status: 'registered', payment: 'online_paid', payBy: null });
		await runDueJobs(ctx, new Date(cReg.payBy!.getTime() + 60_000));
		expect((await regOf(id, c.id)).status).toBe('registered');
		expect((await regOf(id, d.id)).status).toBe('waiting');
		expect(await expireUnpaidPlace({ registrationId: cReg.id, payBy: cReg.payBy!.toISOString() })).toBe('stale');
		await ctx.clock.setTime(Date.now());
	});

	it('a checkout that expires before the deadline keeps the place until the deadline', async () => {
		const { id } = await createGathering(admin, base({ title: 'Croisière des anciens', price: '80', capacity: '1' }));
		const [first, e] = [await member(), await member()];
		await register(first.actor, id);
		await register(e.actor, id);
		await unregister(first.actor, id);
		expect((await regOf(id, e.id)).status).toBe('payment_pending');
		const { checkoutUrl } = await payPlace(e.actor, id);
		const expired = stripe.event(checkoutUrl.split('/pay/')[1]!, 'checkout.session.expired');
		expect(await handleStripeWebhook(expired, stripe.sign(expired))).toBe('expired');
		await afterCommit(ctx);
		expect((await regOf(id, e.id)).status).toBe('payment_pending');
		// and may open another one until then
		expect((await payPlace(e.actor, id)).checkoutUrl).toMatch(/\/pay\/cs_test_/);
	});
});
