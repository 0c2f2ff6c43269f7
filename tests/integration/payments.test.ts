import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';
import { listenOnLoopback } from '../helpers/listen.ts';
import { startFakeStripe, type FakeStripe } from '../helpers/fakes/stripe.ts';
import { createHttpServer } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { loadActor, can, type Actor } from '../../src/lib/server/access/index.ts';
import { paymentSettings } from '../../src/lib/server/payments/settings.ts';
import { handleStripeWebhook } from '../../src/lib/server/payments/index.ts';
import { cancelGathering, createGathering } from '../../src/lib/server/gatherings/manage.ts';
import { payPlace, register } from '../../src/lib/server/gatherings/registration.ts';
import { createPlan, duesPage, payDues, recordDues, sendLapseReminders, setReservedSpaces } from '../../src/lib/server/membership/index.ts';
import { certificateFile, pendingCertificates, reviewCertificate, uploadCertificate } from '../../src/lib/server/membership/certificates.ts';

/**
 * Paid tickets and dues through Stripe Checkout, against a loopback server speaking Stripe's API
 * (tests/helpers/fakes/stripe.ts) with webhooks signed as Stripe signs them: paid → registered;
 * unpaid or expired → not; refunds when the organiser cancels; dues → "cotisant", receipt, reminder.
 */
const DAY = 86_400_000;
let ctx: TestContext;
let stripe: FakeStripe;
let admin: Actor;
let n = 0;

async function member(roles: ('member' | 'admin' | 'student' | 'alumni' | 'moderator')[] = ['member', 'alumni']) {
	const i = ++n;
	const row = await ctx.prisma.member.create({
		data: { email: `payeur${i}@exemple.fr`, firstName: `Payeur${i}`, lastName: 'Test', slug: `payeur-${i}`, status: 'active', activatedAt: new Date(), roles },
		select: { id: true, email: true }
	});
	return { ...row, actor: await loadActor(row.id) };
}

function local(days: number, hour = 19): string {
	return `${new Date(Date.now() + days * DAY).toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:00`;
}

const checkoutIdOf = (url: string) => url.split('/pay/')[1]!;
/** Stripe's side: posts the signed event to the domain, as the webhook route would. */
const webhook = (body: string) => handleStripeWebhook(body, stripe.sign(body));
const regOf = (gatheringId: string, memberId: string) => ctx.prisma.gatheringRegistration.findUniqueOrThrow({ where: { gatheringId_memberId: { gatheringId, memberId } } });

beforeAll(async () => {
	ctx = await useTestContext();
	stripe = await startFakeStripe();
	paymentSettings.configure({ secretKey: stripe.secretKey, webhookSecret: stripe.webhookSecret, apiUrl: stripe.url, currency: 'eur' });
	admin = (await member(['member', 'admin'])).actor;
});
afterAll(async () => {
	paymentSettings.configure({ secretKey: null, webhookSecret: null, apiUrl: null });
	await stripe?.close();
	await ctx?.close();
});

describe('paid events through Stripe Checkout', () => {
	let gatheringId: string;
	let alice: Awaited<ReturnType<typeof member>>;
	let bob: Awaited<ReturnType<typeof member>>;
	let carol: Awaited<ReturnType<typeof member>>;

	beforeAll(async () => {
		gatheringId = (await createGathering(admin, { title: 'Dîner de gala', description: 'Dîner annuel', organiserName: 'Bureau', organiserEmail: 'bureau@exemple.fr', mode: 'place', place: 'Pavillon Dauphine, Paris', start: local(20), end: local(20, 23), timezone: 'Europe/Paris', price: '45,50', capacity: '2', audience: 'members' })).id;
		[alice, bob, carol] = [await member(), await member(), await member()];
	});

	it('a registration opens a checkout for the price and holds the place — it is not a registration yet', async () => {
		const outcome = await register(alice.actor, gatheringId);
		expect(outcome.status).toBe('payment_pending');
		expect(outcome.checkoutUrl).toMatch(new RegExp(`^${stripe.url}/pay/cs_test_`));
		const checkout = stripe.checkouts.at(-1)!;
		const payment = await ctx.prisma.payment.findFirstOrThrow({ where: { reference: outcome.registrationId } });
		expect(checkout.params).toMatchObject({ mode: 'payment', client_reference_id: payment.id, customer_email: alice.email, 'line_items[0][price_data][unit_amount]': '4550', 'line_items[0][price_data][currency]': 'eur' });
		expect(payment).toMatchObject({ status: 'open', checkoutId: checkout.id, amountCents: 4550 });
		await afterCommit(ctx);
		expect((await ctx.sentMail(alice.email)).filter((m) => m.subject.startsWith('Inscription confirmée'))).toEqual([]);
	});

	it('paid → registered: only the signed checkout.session.completed confirms the place, once', async () => {
		const checkoutId = checkoutIdOf((await ctx.prisma.payment.findFirstOrThrow({ where: { memberId: alice.id } })).checkoutId!.replace(/^/, '/pay/'));
		const body = stripe.event(checkoutId, 'checkout.session.completed');
		// a forged or re-signed event is refused
		expect((await rejection(handleStripeWebhook(body, stripe.sign(body, 'whsec_autre')))).key).toBe('payments.error.bad_signature');
		expect((await rejection(handleStripeWebhook(body.replace('"paid"', '"paid" '), stripe.sign(body)))).kind).toBe('invalid');
		expect((await regOf(gatheringId, alice.id)).status).toBe('payment_pending');
		expect(await webhook(body)).toBe('paid');
		expect(await webhook(body)).toBe('duplicate');
		await afterCommit(ctx);
		const reg = await regOf(gatheringId, alice.id);
		expect(reg).toMatchObject({ status: 'registered', payment: 'online_paid' });
		const mails = (await ctx.sentMail(alice.email)).filter((m) => m.subject === 'Inscription confirmée : Dîner de gala');
		expect(mails).toHaveLength(1);
	});

	it('unpaid → not registered: a completed-but-unpaid session is ignored; an expired one frees the place for the next waiting member', async () => {
		const b = await register(bob.actor, gatheringId);
		expect(b.status).toBe('payment_pending');
		const c = await register(carol.actor, gatheringId);
		expect(c).toMatchObject({ status: 'waiting', waitPosition: 1 });
		const bobCheckout = checkoutIdOf(b.checkoutUrl!);
		expect(await webhook(stripe.event(bobCheckout, 'checkout.session.completed', { paymentStatus: 'unpaid' }))).toBe('ignored');
		await afterCommit(ctx);
		expect((await regOf(gatheringId, bob.id)).status).toBe('payment_pending');
		expect(await webhook(stripe.event(bobCheckout, 'checkout.session.expired'))).toBe('expired');
		await afterCommit(ctx);
		expect((await regOf(gatheringId, bob.id)).status).toBe('cancelled');
		// Carol moves up: her place waits for her payment, and she is told
		expect((await regOf(gatheringId, carol.id)).status).toBe('payment_pending');
		await afterCommit(ctx);
		const promoted = (await ctx.sentMail(carol.email)).find((m) => m.subject === 'Une place s’est libérée : Dîner de gala');
		expect(promoted?.text).toContain('Réglez votre place');
		const { checkoutUrl } = await payPlace(carol.actor, gatheringId);
		expect(await webhook(stripe.event(checkoutIdOf(checkoutUrl), 'checkout.session.completed'))).toBe('paid');
		await afterCommit(ctx);
		expect((await regOf(gatheringId, carol.id)).status).toBe('registered');
	});

	it('Stripe unreachable: a clear message and the place is given back', async () => {
		const { id } = await createGathering(admin, { title: 'Masterclass', description: 'x', organiserName: 'Bureau', organiserEmail: 'bureau@exemple.fr', mode: 'online', start: local(25), end: local(25, 21), timezone: 'Europe/Paris', price: '10', capacity: '5', audience: 'members' });
		const dave = await member();
		stripe.failing = true;
		try {
			expect((await rejection(register(dave.actor, id))).key).toBe('payments.error.unavailable');
		} finally {
			stripe.failing = false;
		}
		expect((await regOf(id, dave.id)).status).toBe('cancelled');
	});

	it('the organiser cancels: online payments are refunded through Stripe', async () => {
		await cancelGathering(admin, gatheringId);
		await afterCommit(ctx);
		await afterCommit(ctx);
		const paid = await ctx.prisma.payment.findMany({ where: { purpose: 'ticket', status: { in: ['paid', 'refunded'] }, memberId: { in: [alice.id, carol.id] } } });
		expect(paid.map((p) => p.status)).toEqual(['refunded', 'refunded']);
		expect(stripe.refunds.map((r) => r.paymentIntent).sort()).toEqual(paid.map((p) => p.paymentIntentId).sort());
		expect((await regOf(gatheringId, alice.id)).payment).toBe('refunded');
	});

	it('the express route reads the raw body, skips the cross-site guard and answers 400 to a bad signature', async () => {
		const server = await createHttpServer({ handler: (_req, res) => res.end('sveltekit'), log: createLogger('error'), publicUrl: ctx.config.publicUrl, visitorWritesPerMinute: 1 });
		const url = await listenOnLoopback(server.httpServer);
		try {
			const { id } = await createGathering(admin, { title: 'Visite guidée', description: 'x', organiserName: 'Bureau', organiserEmail: 'bureau@exemple.fr', mode: 'place', place: 'Louvre', start: local(30), end: local(30, 21), timezone: 'Europe/Paris', price: '5', audience: 'members' });
			const eve = await member();
			const { checkoutUrl } = await register(eve.actor, id);
			// pretty-printed JSON: only the exact bytes verify
			const body = JSON.stringify(JSON.parse(stripe.event(checkoutIdOf(checkoutUrl!), 'checkout.session.completed')), null, 2);
			const post = (signature: string) => fetch(`${url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature }, body });
			expect((await post('t=1,v1=abc')).status).toBe(400);
			const ok = await post(stripe.sign(body));
			expect(ok.status).toBe(200);
			expect(await ok.json()).toMatchObject({ outcome: 'paid' });
			expect((await post(stripe.sign(body))).status).toBe(200);
		} finally {
			server.realtime?.close?.();
			await new Promise((resolve) => server.httpServer.close(resolve));
		}
	});
});

describe('membership dues ("Cotiser")', () => {
	let planId: string;
	let lifetimeId: string;

	beforeAll(async () => {
		planId = (await createPlan(admin, { name: 'Cotisation annuelle alumni', amount: '30', period: 'yearly', roles: ['alumni'] })).id;
		lifetimeId = (await createPlan(admin, { name: 'Membre à vie étudiant', amount: '90', period: 'lifetime', roles: 'student' })).id;
	});

	it('only administrators define plans; a member sees the plans of their roles', async () => {
		const m = await member(['member', 'alumni']);
		expect((await rejection(createPlan(m.actor, { name: 'x', amount: '1', period: 'yearly' }))).kind).toBe('forbidden');
		const page = await duesPage(m.actor);
		expect(page.plans.map((p) => p.name)).toEqual(['Cotisation annuelle alumni']);
		expect(page.cotisant).toBe(false);
	});

	it('paid online → cotisant for a year, receipt by e-mail; the reserved space opens', async () => {
		const m = await member(['member', 'alumni']);
		await setReservedSpaces(admin, ['careers']);
		expect(await can(m.actor, 'membership.space', 'careers')).toBe(false);
		const { checkoutUrl } = await payDues(m.actor, planId);
		expect(await can(m.actor, 'membership.current')).toBe(false);
		expect(await webhook(stripe.event(checkoutIdOf(checkoutUrl), 'checkout.session.completed'))).toBe('paid');
		await afterCommit(ctx);
		await afterCommit(ctx);
		expect(await can(m.actor, 'membership.current')).toBe(true);
		expect(await can(m.actor, 'membership.space', 'careers')).toBe(true);
		const page = await duesPage(m.actor);
		expect(page.current?.plan).toBe('Cotisation annuelle alumni');
		expect(new Date(page.current!.endsAt!).getTime()).toBeGreaterThan(Date.now() + 360 * DAY);
		const [receipt] = (await ctx.sentMail(m.email)).filter((x) => x.subject === 'Reçu de votre cotisation');
		expect(receipt?.text).toMatch(/30,00\s€/);
		// a plan for another role cannot be bought
		expect((await rejection(payDues(m.actor, lifetimeId))).kind).toBe('not_found');
	});

	it('unpaid → not cotisant', async () => {
		const m = await member(['member', 'alumni']);
		const { checkoutUrl } = await payDues(m.actor, planId);
		expect(await webhook(stripe.event(checkoutIdOf(checkoutUrl), 'checkout.session.expired'))).toBe('expired');
		await afterCommit(ctx);
		expect(await can(m.actor, 'membership.current')).toBe(false);
	});

	it('an administrator records dues paid otherwise; a reminder goes out once before they lapse', async () => {
		const m = await member(['member', 'alumni']);
		const start = new Date();
		await recordDues(admin, { email: m.email, planId, note: 'chèque n° 1234' }, start);
		await afterCommit(ctx);
		expect(await can(m.actor, 'membership.current')).toBe(true);
		expect((await ctx.sentMail(m.email)).map((x) => x.subject)).toContain('Reçu de votre cotisation');
		expect(await sendLapseReminders(new Date(start.getTime() + 300 * DAY))).toBe(0);
		const near = new Date(start.getTime() + 340 * DAY);
		expect(await sendLapseReminders(near)).toBeGreaterThanOrEqual(1);
		expect((await ctx.sentMail(m.email)).filter((x) => x.subject === 'Votre cotisation arrive à échéance')).toHaveLength(1);
		await sendLapseReminders(new Date(near.getTime() + DAY));
		expect((await ctx.sentMail(m.email)).filter((x) => x.subject === 'Votre cotisation arrive à échéance')).toHaveLength(1);
		expect((await rejection(recordDues(m.actor, { email: m.email, planId }))).kind).toBe('forbidden');
	});

	it('students attach their enrolment certificate before paying the student plan; a moderator checks it', async () => {
		const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
		const studentMember = await member(['member', 'student']);
		const moderator = (await member(['member', 'moderator'])).actor;
		expect((await rejection(payDues(studentMember.actor, lifetimeId))).key).toBe('membership.error.certificate_required');
		expect((await rejection(uploadCertificate(studentMember.actor, new TextEncoder().encode('<html>pas un pdf</html>')))).fields).toMatchObject({ certificate: 'error.upload_not_pdf' });
		const { id } = await uploadCertificate(studentMember.actor, pdf);
		expect((await duesPage(studentMember.actor)).certificate?.status).toBe('pending');
		// waiting for review is enough to pay; the moderator's queue lists it, the file is theirs only
		expect((await payDues(studentMember.actor, lifetimeId)).checkoutUrl).toContain('/pay/');
		expect((await pendingCertificates(moderator)).map((c) => c.id)).toContain(id);
		expect((await rejection(pendingCertificates(studentMember.actor))).kind).toBe('forbidden');
		expect((await rejection(certificateFile(studentMember.actor, id))).kind).toBe('forbidden');
		expect((await certificateFile(moderator, id)).size).toBe(pdf.byteLength);
		await reviewCertificate(moderator, id, { decision: 'refused', reason: 'Certificat de l’an dernier' });
		expect((await rejection(reviewCertificate(moderator, id, { decision: 'approved' }))).key).toBe('membership.error.certificate_reviewed');
		await afterCommit(ctx);
		const mail = (await ctx.sentMail(studentMember.email)).find((m) => m.subject === 'Votre certificat de scolarité');
		expect(mail?.text).toContain('Motif : Certificat de l’an dernier');
		expect((await rejection(payDues(studentMember.actor, lifetimeId))).key).toBe('membership.error.certificate_required');
	});
});
