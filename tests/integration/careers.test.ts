import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { startSmtpInbox, type SmtpInbox } from '../helpers/fakes/smtp-inbox.ts';
import { afterCommit } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';
import { createSmtpMailer } from '../../src/lib/server/mail/smtp.ts';
import { loadActor, type ActorRef, type Role } from '../../src/lib/server/access/index.ts';
import {
	applyToOffer,
	archiveDueOffers,
	archivedOffers,
	archivedOffersCsv,
	deleteOffer,
	editOffer,
	myOffers,
	offerPage,
	openApplicationCv,
	outcomeAnswer,
	postOffer,
	recordOutcome,
	reviewOffer,
	saveCareersSettings,
	searchOffers,
	sendFollowUps,
	withdrawOffer,
	moderationQueue
} from '../../src/lib/server/careers/index.ts';

/**
 * The job board end to end on a real database and a real SMTP server: posting rules, moderation
 * with the author's mails, visibility through the publications' one rule, search and filters,
 * applications with the CV attached, the archive and its D+30 / D+60 follow-ups on a moved clock.
 */
let inbox: SmtpInbox;
let ctx: TestContext;
let counter = 0;

beforeAll(async () => {
	inbox = await startSmtpInbox();
	ctx = await useTestContext({ mailer: createSmtpMailer(inbox.url, 'Relais <no-reply@relais.test>') });
});
afterAll(async () => {
	await ctx?.close();
	await inbox?.close();
});
beforeEach(() => {
	inbox.messages.length = 0;
});

interface M {
	id: string;
	email: string;
	actor: ActorRef;
}

async function member(first: string, roles: Role[] = ['member', 'alumni']): Promise<M> {
	const n = ++counter;
	const row = await ctx.prisma.member.create({
		data: { email: `${first.toLowerCase()}.${n}@exemple.fr`, firstName: first, lastName: `Test${n}`, slug: `${first.toLowerCase()}-${n}`, status: 'active', activatedAt: new Date(), roles },
		select: { id: true, email: true }
	});
	return { ...row, actor: await loadActor(row.id) };
}

const mailsTo = (m: { email: string } | string) => inbox.messages.filter((x) => x.rcptTo.includes(typeof m === 'string' ? m : m.email));
const NOW = new Date('2026-12-01T09:00:00Z');

function offer(overrides: Record<string, unknown> = {}) {
	return {
		title: 'Développeur full-stack TypeScript',
		employer: 'Atelier Numérique',
		contractType: 'cdi',
		sector: 'it',
		place: 'Lyon',
		remote: 'on',
		startsOn: '2027-02-01',
		deadline: '2027-01-15',
		description: 'Vous rejoignez une équipe de cinq personnes.\n\nStack : TypeScript, Svelte, PostgreSQL.',
		applyEmail: 'recrutement@atelier-numerique.fr',
		...overrides
	};
}

/** takes the offers of earlier tests off the board, so each block reads only its own */
const clearBoard = () => ctx.prisma.publication.updateMany({ where: { kind: 'job', state: 'published' }, data: { state: 'refused' } });

// a minimal but real PDF (file-type recognises it by its content)
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const pdfFile = (name = 'CV Camille.pdf') => new File([PDF], name, { type: 'application/pdf' });

let alice: M; // alumna, posts offers
let bob: M; // alumnus, applies
let recruiter: M; // recruiter only
let moderator: M;
let admin: M;
let stranger: M;

beforeAll(async () => {
	alice = await member('Alice');
	bob = await member('Bob');
	recruiter = await member('Rita', ['member', 'recruiter']);
	moderator = await member('Modeste', ['member', 'moderator']);
	admin = await member('Adèle', ['member', 'admin']);
	stranger = await member('Sam');
});

describe('posting', () => {
	it('refuses a visitor, and explains bad input field by field', async () => {
		expect((await rejection(postOffer(null, offer(), NOW))).kind).toBe('unauthenticated');
		const bad = await rejection(postOffer(alice.actor, offer({ title: '', contractType: 'bénévolat', sector: 'astrologie', applyEmail: 'pas-une-adresse' }), NOW));
		expect(bad.kind).toBe('invalid');
		expect(bad.fields).toMatchObject({ title: 'error.required', contractType: 'careers.error.contract', sector: 'careers.error.sector', applyEmail: 'error.email_invalid' });
		expect((await rejection(postOffer(alice.actor, offer({ place: 'Zzyzx-sur-Lune' }), NOW))).fields).toEqual({ place: 'careers.error.place_unknown' });
		expect((await rejection(postOffer(alice.actor, offer({ deadline: '2026-11-30' }), NOW))).fields).toEqual({ deadline: 'careers.error.deadline_past' });
		expect(await ctx.prisma.publication.count({ where: { kind: 'job' } })).toBe(0);
	});

	it('stores one Publication of kind job with its JobOffer side, the place geocoded and the description sanitized', async () => {
		const { id, state } = await postOffer(alice.actor, offer({ description: '<p>Bonjour <strong>vous</strong><script>alert(1)</script> <a href="javascript:alert(1)">x</a> <a href="https://exemple.fr">site</a></p>' }), NOW);
		expect(state).toBe('pending'); // approval is on by default
		const row = await ctx.prisma.publication.findUniqueOrThrow({ where: { id }, include: { jobOffer: true } });
		expect(row).toMatchObject({ kind: 'job', audience: 'members', authorId: alice.id, departement: '69' });
		expect(row.latitude).toBeCloseTo(45.76, 1);
		expect(row.body).toContain('<strong>vous</strong>');
		expect(row.body).not.toMatch(/script|javascript/);
		expect(row.body).toContain('href="https://exemple.fr"');
		expect(row.jobOffer).toMatchObject({ employer: 'Atelier Numérique', contractType: 'cdi', sector: 'it', remote: true, applyEmail: 'recrutement@atelier-numerique.fr' });
		await deleteOffer(alice.actor, { offerId: id });
	});

	it('lets a recruiter-only member post; in a company name only as its advertiser or admin', async () => {
		const company = await ctx.prisma.company.create({ data: { slug: 'atelier-rh', legalName: 'Atelier RH', title: 'Atelier RH' } });
		expect((await rejection(postOffer(recruiter.actor, offer({ companyId: company.id }), NOW))).kind).toBe('forbidden');
		await ctx.prisma.companyMembership.create({ data: { companyId: company.id, memberId: recruiter.id, role: 'advertiser', status: 'active' } });
		const posted = await postOffer(recruiter.actor, offer({ companyId: company.id, title: 'Chargée de recrutement' }), NOW);
		expect((await ctx.prisma.publication.findUniqueOrThrow({ where: { id: posted.id } })).companyId).toBe(company.id);
		// the company's admin manages it too; another member does not
		const boss = await member('Bertrand');
		await ctx.prisma.companyMembership.create({ data: { companyId: company.id, memberId: boss.id, role: 'admin', status: 'active' } });
		await withdrawOffer(boss.actor, { offerId: posted.id }, NOW);
		expect((await rejection(deleteOffer(stranger.actor, { offerId: posted.id }))).kind).toBe('not_found');
		await deleteOffer(boss.actor, { offerId: posted.id });
		expect(await ctx.prisma.publication.count({ where: { id: posted.id } })).toBe(0);
	});
});

describe('moderation', () => {
	it('pending → changes requested → resubmitted → approved, with a mail to the author at each step', async () => {
		const { id } = await postOffer(alice.actor, offer({ title: 'Data analyst junior' }), NOW);
		await afterCommit(ctx);
		expect(mailsTo(alice).map((m) => m.subject)).toEqual(['Votre offre « Data analyst junior » attend sa validation']);
		expect((await moderationQueue(moderator.actor)).map((o) => o.id)).toContain(id);
		// nobody but moderators decides
		expect((await rejection(reviewOffer(alice.actor, { offerId: id, decision: 'approve' }, NOW))).kind).toBe('forbidden');
		expect((await rejection(moderationQueue(bob.actor))).kind).toBe('forbidden');
		// asking for changes needs a message
		expect((await rejection(reviewOffer(moderator.actor, { offerId: id, decision: 'changes', note: '' }, NOW))).key).toBe('careers.error.changes_required');
		await reviewOffer(moderator.actor, { offerId: id, decision: 'changes', note: 'Précisez la fourchette de salaire.' }, NOW);
		await afterCommit(ctx);
		const changes = mailsTo(alice).at(-1)!;
		expect(changes.subject).toBe('Des modifications sont demandées sur votre offre « Data analyst junior »');
		expect(changes.text).toContain('Précisez la fourchette de salaire.');
		expect(changes.text).toContain(`/emplois/${id}/modifier`);
		expect((await myOffers(alice.actor)).find((o) => o.id === id)).toMatchObject({ state: 'changes_requested', reviewNote: 'Précisez la fourchette de salaire.' });
		// not visible to other members meanwhile
		expect((await rejection(offerPage(bob.actor, id, NOW))).kind).toBe('not_found');

		// the author edits: resubmitted, pending again, the note cleared
		const edited = await editOffer(alice.actor, { ...offer({ title: 'Data analyst junior (38-42 k€)' }), offerId: id }, NOW);
		expect(edited.state).toBe('pending');
		await afterCommit(ctx);
		expect(mailsTo(alice).at(-1)!.subject).toBe('Votre offre « Data analyst junior (38-42 k€) » attend sa validation');
		expect((await myOffers(alice.actor)).find((o) => o.id === id)).toMatchObject({ state: 'pending', reviewNote: null });

		const later = new Date(NOW.getTime() + 3_600_000);
		await reviewOffer(moderator.actor, { offerId: id, decision: 'approve' }, later);
		await afterCommit(ctx);
		expect(mailsTo(alice).at(-1)!.subject).toBe('Votre offre « Data analyst junior (38-42 k€) » est validée');
		const row = await ctx.prisma.publication.findUniqueOrThrow({ where: { id } });
		expect(row.state).toBe('published');
		expect(row.publishedAt.toISOString()).toBe(later.toISOString());
		// a decision on an offer no longer pending is refused
		expect((await rejection(reviewOffer(admin.actor, { offerId: id, decision: 'refuse', note: 'doublon' }, later))).kind).toBe('conflict');
		expect((await offerPage(bob.actor, id, later)).offer.title).toBe('Data analyst junior (38-42 k€)');
	});

	it('tells moderators of a pending offer and the author of each decision in the notification centre', async () => {
		const { listNotifications } = await import('../../src/lib/server/notifications/index.ts');
		const { notificationText } = await import('../../src/lib/server/notifications/render.ts');
		const pending = (await listNotifications(moderator.actor)).items.filter((n) => n.type === 'careers.offer_pending');
		expect(pending.map((n) => notificationText('fr', n.type, n.data))).toContain('Alice Test1 a déposé une offre d’emploi à valider : « Data analyst junior ».');
		expect(pending[0]!.href).toBe('/admin/emplois');
		expect((await listNotifications(admin.actor)).items.some((n) => n.type === 'careers.offer_pending')).toBe(true);
		expect((await listNotifications(bob.actor)).items.some((n) => n.type === 'careers.offer_pending')).toBe(false);
		const decided = (await listNotifications(alice.actor)).items.filter((n) => n.type === 'careers.offer_reviewed');
		expect(decided.map((n) => notificationText('fr', n.type, n.data))).toEqual([
			'Votre offre « Data analyst junior (38-42 k€) » est validée et publiée.',
			'Des modifications sont demandées sur votre offre « Data analyst junior ».'
		]);
		expect(decided[0]!.href).toMatch(/^\/emplois\/[0-9a-f-]{36}$/);
	});

	it('an approved offer enters its followers’ home feed and tells them, like any ad; a pending one does not', async () => {
		const { homeFeed } = await import('../../src/lib/server/publications/index.ts');
		const { followMember } = await import('../../src/lib/server/relations/follows.ts');
		const { listNotifications } = await import('../../src/lib/server/notifications/index.ts');
		const follower = await member('Fanny');
		await followMember(follower.actor, { memberId: alice.id });
		const { id } = await postOffer(alice.actor, offer({ title: 'Chargée de communication' }), NOW);
		await afterCommit(ctx);
		const feedIds = async () => (await homeFeed(follower.actor, {}, NOW)).items.map((i) => i.id);
		expect(await feedIds()).not.toContain(id);
		await reviewOffer(moderator.actor, { offerId: id, decision: 'approve' }, NOW);
		await afterCommit(ctx);
		const feed = (await homeFeed(follower.actor, {}, NOW)).items;
		expect(feed.find((i) => i.id === id)).toMatchObject({ kind: 'job', title: 'Chargée de communication' });
		expect((await listNotifications(follower.actor)).items.filter((n) => n.type === 'publication.followed').map((n) => n.data.publicationId)).toContain(id);
	});

	it('refuses with a reason mailed to the author; an English-speaking author reads English', async () => {
		const en = await member('Emma');
		await ctx.prisma.member.update({ where: { id: en.id }, data: { locale: 'en' } });
		const { id } = await postOffer(en.actor, offer({ title: 'Crypto trader', sector: 'finance' }), NOW);
		await afterCommit(ctx);
		expect((await rejection(reviewOffer(moderator.actor, { offerId: id, decision: 'refuse' }, NOW))).key).toBe('careers.error.reason_required');
		await reviewOffer(moderator.actor, { offerId: id, decision: 'refuse', note: 'Offer outside the network’s charter.' }, NOW);
		await afterCommit(ctx);
		const mails = mailsTo(en);
		expect(mails.map((m) => m.subject)).toEqual(['Your offer “Crypto trader” is awaiting approval', 'Your offer “Crypto trader” was not accepted']);
		expect(mails[1]!.text).toContain('Offer outside the network’s charter.');
		expect((await myOffers(en.actor))[0]).toMatchObject({ state: 'refused' });
		expect((await rejection(editOffer(en.actor, { ...offer(), offerId: id }, NOW))).kind).toBe('conflict');
	});

	it('an approved offer edited by its author goes back to moderation, off the board meanwhile; a moderator\'s own edit stays live', async () => {
		const { id } = await postOffer(alice.actor, offer({ title: 'Comptable confirmé' }), NOW);
		await reviewOffer(moderator.actor, { offerId: id, decision: 'approve' }, NOW);
		expect((await offerPage(bob.actor, id, NOW)).offer.title).toBe('Comptable confirmé');
		const edited = await editOffer(alice.actor, { ...offer({ title: 'Gagnez 10 000 € par semaine' }), offerId: id }, NOW);
		expect(edited.state).toBe('pending');
		expect((await rejection(offerPage(bob.actor, id, NOW))).kind).toBe('not_found');
		expect((await moderationQueue(moderator.actor)).map((o) => o.id)).toContain(id);
		await reviewOffer(moderator.actor, { offerId: id, decision: 'refuse', note: 'Hors charte.' }, NOW);
		expect((await rejection(offerPage(bob.actor, id, NOW))).kind).toBe('not_found');

		const own = await postOffer(moderator.actor, offer({ title: 'Assistant de direction' }), NOW);
		expect(own.state).toBe('published');
		expect((await editOffer(moderator.actor, { ...offer({ title: 'Assistante de direction' }), offerId: own.id }, NOW)).state).toBe('published');
		expect((await offerPage(bob.actor, own.id, NOW)).offer.title).toBe('Assistante de direction');
	});

	it('with approval off (an administrator’s setting), offers are published at once', async () => {
		expect((await rejection(saveCareersSettings(moderator.actor, { approvalRequired: 'false' }))).kind).toBe('forbidden');
		await saveCareersSettings(admin.actor, { approvalRequired: 'false' });
		const { state, id } = await postOffer(bob.actor, offer({ title: 'Stage assistant marketing', contractType: 'internship', sector: 'marketing' }), NOW);
		expect(state).toBe('published');
		await afterCommit(ctx);
		expect(mailsTo(bob).at(-1)!.subject).toBe('Votre offre « Stage assistant marketing » est publiée');
		await saveCareersSettings(admin.actor, { approvalRequired: 'on' });
		await deleteOffer(bob.actor, { offerId: id });
	});
});

describe('who reads an offer: the publications’ rule', () => {
	let membersOnly: string;
	let publicOne: string;
	let forGroup: string;
	let forContacts: string;
	let friend: M;
	let colleague: M;

	beforeAll(async () => {
		await clearBoard();
		await saveCareersSettings(admin.actor, { approvalRequired: 'false' });
		friend = await member('Fanny');
		colleague = await member('Colin');
		// Alice's contacts: Fanny (in the group "Promo 2020") and Colin (not in it)
		for (const other of [friend, colleague]) {
			await ctx.prisma.contact.createMany({ data: [{ ownerId: alice.id, otherId: other.id }, { ownerId: other.id, otherId: alice.id }] });
		}
		const group = await ctx.prisma.contactGroup.create({ data: { ownerId: alice.id, name: 'Promo 2020' } });
		await ctx.prisma.contactGroupMember.create({ data: { groupId: group.id, ownerId: alice.id, memberId: friend.id } });
		membersOnly = (await postOffer(alice.actor, offer({ title: 'Ingénieure réseaux', sector: 'engineering' }), NOW)).id;
		publicOne = (await postOffer(alice.actor, offer({ title: 'Comptable', sector: 'finance', audience: 'public', place: 'Paris' }), NOW)).id;
		forGroup = (await postOffer(alice.actor, offer({ title: 'Mission confidentielle', audience: 'selected', groupIds: [group.id] }), NOW)).id;
		forContacts = (await postOffer(alice.actor, offer({ title: 'Cooptation interne', audience: 'contacts' }), NOW)).id;
		// a private audience must be the author's own contacts or groups
		expect((await rejection(postOffer(alice.actor, offer({ audience: 'selected', recipientIds: [stranger.id] }), NOW))).fields).toEqual({ recipients: 'relations.error.audience_not_contact' });
	});
	afterAll(async () => {
		await saveCareersSettings(admin.actor, { approvalRequired: 'on' });
		for (const id of [membersOnly, publicOne, forGroup, forContacts]) await deleteOffer(alice.actor, { offerId: id });
	});

	const listed = async (actor: ActorRef) => (await searchOffers(actor, {}, NOW)).offers.map((o) => o.title);

	it('a visitor sees public offers only; a members-only offer does not exist for them', async () => {
		const titles = await listed(null);
		expect(titles).toContain('Comptable');
		expect(titles).not.toContain('Ingénieure réseaux');
		expect((await rejection(offerPage(null, membersOnly, NOW))).key).toBe('careers.error.not_found_visitor');
		expect((await offerPage(null, publicOne, NOW)).loginToApply).toBe(true);
	});

	it('members and recruiters see members-only offers; private ones only their audience, live', async () => {
		expect(await listed(recruiter.actor)).toEqual(expect.arrayContaining(['Ingénieure réseaux', 'Comptable']));
		expect(await listed(stranger.actor)).not.toContain('Mission confidentielle');
		expect(await listed(stranger.actor)).not.toContain('Cooptation interne');
		expect(await listed(colleague.actor)).toContain('Cooptation interne');
		expect(await listed(colleague.actor)).not.toContain('Mission confidentielle');
		expect(await listed(friend.actor)).toEqual(expect.arrayContaining(['Mission confidentielle', 'Cooptation interne']));
		expect((await rejection(offerPage(colleague.actor, forGroup, NOW))).kind).toBe('not_found');
		expect((await rejection(applyToOffer(colleague.actor, { offerId: forGroup, message: 'Bonjour', cv: pdfFile() }, NOW))).kind).toBe('not_found');
		// removed from the group after publication: the offer is gone for her
		await ctx.prisma.contactGroupMember.deleteMany({ where: { memberId: friend.id } });
		expect(await listed(friend.actor)).not.toContain('Mission confidentielle');
	});

	it('filters by contract type, sector, place + radius and date; French text search ignores accents and endings', async () => {
		const q = async (query: Record<string, string>) => (await searchOffers(recruiter.actor, query, NOW)).offers.map((o) => o.title).sort();
		expect(await q({ sector: 'finance' })).toEqual(['Comptable']);
		expect(await q({ place: 'Villeurbanne', radius: '10' })).toEqual(['Ingénieure réseaux']);
		expect(await q({ place: 'Paris', radius: '10' })).toEqual(['Comptable']);
		expect(await q({ q: 'ingenieur reseau' })).toEqual(['Ingénieure réseaux']);
		expect(await q({ q: 'comptables' })).toEqual(['Comptable']);
		expect(await q({ contract: 'internship' })).toEqual([]);
		expect(await q({ since: '7' })).toEqual(['Comptable', 'Ingénieure réseaux']);
		expect((await searchOffers(recruiter.actor, { since: '1' }, new Date(NOW.getTime() + 3 * 86_400_000))).offers).toHaveLength(0);
		expect((await rejection(searchOffers(recruiter.actor, { contract: 'mi-temps' }, NOW))).fields).toEqual({ contract: 'careers.error.contract' });
	});
});

describe('applying', () => {
	let offerId: string;
	beforeAll(async () => {
		await saveCareersSettings(admin.actor, { approvalRequired: 'false' });
		offerId = (await postOffer(alice.actor, offer({ title: 'Product designer', sector: 'it' }), NOW)).id;
		await saveCareersSettings(admin.actor, { approvalRequired: 'on' });
	});

	it('mails the message and the CV (attached PDF) to the offer’s address over SMTP, and keeps it for the author', async () => {
		expect((await rejection(applyToOffer(bob.actor, { offerId, message: 'Bonjour', cv: new File(['pas un pdf'], 'cv.pdf') }, NOW))).fields).toEqual({ cv: 'error.upload_not_pdf' });
		expect((await rejection(applyToOffer(bob.actor, { offerId, message: '', cv: pdfFile() }, NOW))).fields).toEqual({ message: 'error.required' });
		expect((await rejection(applyToOffer(alice.actor, { offerId, message: 'Moi', cv: pdfFile() }, NOW))).key).toBe('careers.error.own_offer');
		expect((await rejection(applyToOffer(null, { offerId, message: 'Moi', cv: pdfFile() }, NOW))).kind).toBe('unauthenticated');

		await applyToOffer(bob.actor, { offerId, message: 'Designer depuis 5 ans, je serais ravi d’échanger.', cv: pdfFile() }, NOW);
		await afterCommit(ctx);
		const [mail] = mailsTo('recrutement@atelier-numerique.fr');
		expect(mail).toBeDefined();
		expect(mail!.subject).toMatch(/^Candidature de Bob Test\d+ : Product designer$/);
		expect(mail!.text).toContain('Designer depuis 5 ans');
		expect(mail!.text).toContain(bob.email);
		expect(mail!.raw).toMatch(/Content-Type: application\/pdf; name="?CV Camille\.pdf"?/);
		expect(mail!.raw.replace(/\s+/g, '')).toContain(PDF.toString('base64'));

		// one application per member and offer
		expect((await rejection(applyToOffer(bob.actor, { offerId, message: 'Encore', cv: pdfFile() }, NOW))).key).toBe('careers.error.already_applied');
		// the author sees it on the offer page, with the CV; another member does not
		const page = await offerPage(alice.actor, offerId, NOW);
		expect(page.applications).toHaveLength(1);
		expect(page.applications[0]).toMatchObject({ message: 'Designer depuis 5 ans, je serais ravi d’échanger.', cvTitle: 'CV Camille.pdf', applicantEmail: bob.email });
		expect((await offerPage(stranger.actor, offerId, NOW)).applications).toEqual([]);
		const cv = await openApplicationCv(alice.actor, page.applications[0]!.id);
		expect(cv.size).toBe(PDF.byteLength);
		cv.stream.destroy();
		expect((await rejection(openApplicationCv(stranger.actor, page.applications[0]!.id))).kind).toBe('not_found');
		expect((await offerPage(bob.actor, offerId, NOW)).appliedAt).not.toBeNull();
		const { listNotifications } = await import('../../src/lib/server/notifications/index.ts');
		expect((await listNotifications(alice.actor)).items.filter((n) => n.type === 'careers.application_received').map((n) => n.data.title)).toEqual(['Product designer']);
	});

	it('no application after the deadline', async () => {
		expect((await rejection(applyToOffer(stranger.actor, { offerId, message: 'Bonjour', cv: pdfFile() }, new Date('2027-01-16T00:00:01Z')))).key).toBe('careers.error.deadline_over');
	});
});

describe('archive and follow-ups (controllable clock)', () => {
	let expiring: string;
	let withdrawn: string;
	let lateStart: string;
	let undated: string;
	beforeAll(async () => {
		await saveCareersSettings(admin.actor, { approvalRequired: 'false' });
		await clearBoard();
		expiring = (await postOffer(alice.actor, offer({ title: 'Alternance contrôle de gestion', contractType: 'apprenticeship', deadline: '2027-01-10', startsOn: '2027-03-01' }), NOW)).id;
		lateStart = (await postOffer(alice.actor, offer({ title: 'VIE Singapour', contractType: 'vie', deadline: '', startsOn: '2027-02-20' }), NOW)).id;
		undated = (await postOffer(alice.actor, offer({ title: 'Bénévolat de compétences', contractType: 'other', deadline: '', startsOn: '' }), NOW)).id;
		withdrawn = (await postOffer(bob.actor, offer({ title: 'Freelance rédaction', contractType: 'freelance', sector: 'marketing', deadline: '', startsOn: '2027-12-01' }), NOW)).id;
		await saveCareersSettings(admin.actor, { approvalRequired: 'on' });
		await afterCommit(ctx); // the "publiée" mails, before each test's inbox is emptied
	});

	it('archives 3 months after the earlier of deadline and start date, once', async () => {
		// neither date: 3 months after its publication (1 December 2026)
		expect(await archiveDueOffers(new Date('2027-02-28T23:59:00Z'))).toEqual([]);
		expect(await archiveDueOffers(new Date('2027-03-01T00:00:00Z'))).toEqual([undated]);
		expect(await archiveDueOffers(new Date('2027-04-09T23:59:00Z'))).toEqual([]);
		expect(await archiveDueOffers(new Date('2027-04-10T00:00:00Z'))).toEqual([expiring]);
		expect(await archiveDueOffers(new Date('2027-04-11T00:00:00Z'))).toEqual([]);
		expect(await archiveDueOffers(new Date('2027-05-20T00:00:00Z'))).toEqual([lateStart]);
		const row = await ctx.prisma.jobOffer.findUniqueOrThrow({ where: { publicationId: expiring } });
		expect(row).toMatchObject({ archiveReason: 'expired', archivedAt: new Date('2027-04-10T00:00:00Z') });
		// archived offers leave the board
		expect((await searchOffers(stranger.actor, {}, new Date('2027-04-10T00:00:00Z'))).offers.map((o) => o.id)).not.toContain(expiring);
	});

	it('a withdrawn offer is archived at once; the D+30 and D+60 mails ask its author, once each, with one-click answers', async () => {
		const at = new Date('2027-01-05T10:00:00Z');
		await withdrawOffer(bob.actor, { offerId: withdrawn }, at);
		expect((await rejection(withdrawOffer(bob.actor, { offerId: withdrawn }, at))).kind).toBe('conflict');
		expect(await sendFollowUps(new Date(at.getTime() + 29 * 86_400_000))).toEqual([]);
		expect(await sendFollowUps(new Date(at.getTime() + 30 * 86_400_000))).toEqual([{ round: 30, offerId: withdrawn }]);
		expect(await sendFollowUps(new Date(at.getTime() + 31 * 86_400_000))).toEqual([]);
		await afterCommit(ctx);
		const [mail] = mailsTo(bob);
		expect(mail!.subject).toBe('Votre offre « Freelance rédaction » a-t-elle été pourvue ?');
		const links = mail!.text.match(/https?:\/\/\S+\/emplois\/reponse\/\S+/g)!;
		expect(links).toHaveLength(3);
		const token = (link: string) => decodeURIComponent(link.split('/emplois/reponse/')[1]!);
		// answering "toujours à pourvoir" keeps the D+60 question coming
		expect(await outcomeAnswer(token(links[2]!))).toMatchObject({ title: 'Freelance rédaction', outcome: 'open', current: null });
		await recordOutcome(token(links[2]!), new Date(at.getTime() + 32 * 86_400_000));
		expect((await rejection(recordOutcome(`${token(links[0]!)}x`))).key).toBe('careers.error.bad_link');
		inbox.messages.length = 0;
		expect(await sendFollowUps(new Date(at.getTime() + 60 * 86_400_000))).toEqual([{ round: 60, offerId: withdrawn }]);
		await afterCommit(ctx);
		expect(mailsTo(bob)).toHaveLength(1);
		// the author answers "pourvue grâce au réseau"
		const again = mailsTo(bob)[0]!.text.match(/https?:\/\/\S+\/emplois\/reponse\/\S+/g)!;
		await recordOutcome(token(again[0]!), new Date(at.getTime() + 61 * 86_400_000));
		expect((await ctx.prisma.jobOffer.findUniqueOrThrow({ where: { publicationId: withdrawn } })).outcome).toBe('filled_network');
	});

	it('the D+60 mail is skipped for an offer its author said was filled', async () => {
		await ctx.prisma.jobOffer.update({ where: { publicationId: expiring }, data: { outcome: 'filled_other', outcomeAt: new Date('2027-05-01T00:00:00Z') } });
		const sent = await sendFollowUps(new Date('2027-07-01T00:00:00Z'));
		expect(sent.map((s) => s.offerId)).not.toContain(expiring);
		expect(sent).toContainEqual({ round: 30, offerId: lateStart });
	});

	it('"Offres archivées": moderators see all, authors their own; the CSV export (UTF-8 BOM, ;) carries the answers', async () => {
		expect((await archivedOffers(moderator.actor)).map((o) => o.title)).toEqual(expect.arrayContaining(['Alternance contrôle de gestion', 'VIE Singapour', 'Freelance rédaction']));
		expect((await archivedOffers(bob.actor)).map((o) => o.title)).toEqual(['Freelance rédaction']);
		expect((await archivedOffers(stranger.actor)).map((o) => o.title)).toEqual([]);
		const labels = {
			header: ['Intitulé', 'Entreprise', 'Contrat', 'Secteur', 'Lieu', 'Auteur', 'Publiée le', 'Date limite', 'Archivée le', 'Motif', 'Réponse', 'Répondu le', 'Candidatures'],
			contract: (c: string) => c.toUpperCase(),
			sector: (s: string | null) => s ?? '',
			reason: (r: string | null) => r ?? '',
			outcome: (o: string | null) => o ?? 'sans réponse'
		};
		expect((await rejection(archivedOffersCsv(bob.actor, labels))).kind).toBe('forbidden');
		const csv = await archivedOffersCsv(moderator.actor, labels);
		expect(csv.startsWith('\uFEFFIntitulé;Entreprise;Contrat;')).toBe(true);
		// a title a spreadsheet would run as a formula stays text
		await ctx.prisma.publication.update({ where: { id: expiring }, data: { title: '=HYPERLINK("http://x";"a; b")' } });
		expect(await archivedOffersCsv(moderator.actor, labels)).toContain(`"'=HYPERLINK(""http://x"";""a; b"")"`);
		const line = csv.split('\r\n').find((l) => l.startsWith('Freelance rédaction;'))!;
		expect(line.split(';')).toEqual(['Freelance rédaction', 'Atelier Numérique', 'FREELANCE', 'marketing', 'Lyon (69)', expect.stringMatching(/^Bob Test\d+$/), '2026-12-01', '', '2027-01-05', 'withdrawn', 'filled_network', '2027-03-07', '0']);
	});
});
