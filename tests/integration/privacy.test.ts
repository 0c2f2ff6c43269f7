import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { rejection } from '../helpers/errors.ts';
import { connectAs, makeContacts, makeMember, startRealtime, until, type Realtime } from '../helpers/realtime.ts';
import { CONTRIBUTORS, collectPersonalData, deleteMyAccount, eraseMember, personalDataZip, EXPORT_JSON, type PersonalData } from '../../src/lib/server/privacy/index.ts';
import { saveUpload } from '../../src/lib/server/uploads/index.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { refreshMemberSearch } from '../../src/lib/server/directory/index.ts';

let ctx: TestContext;
let rt: Realtime;
beforeAll(async () => {
	ctx = await useTestContext();
	rt = await startRealtime(ctx);
});
afterAll(async () => {
	await rt?.close();
	await ctx?.close();
});

/** Models of schema.prisma and, for each, the models its fields point to. */
function schemaModels(): Map<string, Set<string>> {
	const schema = readFileSync(new URL('../../prisma/schema.prisma', import.meta.url), 'utf8');
	const models = new Map<string, Set<string>>();
	for (const match of schema.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
		const refs = new Set<string>();
		for (const line of match[2]!.split('\n')) {
			const field = line.trim().match(/^(\w+)\s+(\w+)(\[\])?\??/);
			if (field) refs.add(field[2]!);
		}
		models.set(match[1]!, refs);
	}
	return models;
}

describe('the contributors cover the model', () => {
	it('names every model that refers to Member in one contributor (add a contributor in src/lib/server/privacy/contributors/)', () => {
		const models = schemaModels();
		expect(models.size).toBeGreaterThan(40);
		const covered = new Set(CONTRIBUTORS.flatMap((c) => c.models));
		const referring = [...models].filter(([name, refs]) => name === 'Member' || refs.has('Member')).map(([name]) => name);
		expect(referring.length).toBeGreaterThan(30);
		const missing = referring.filter((name) => !covered.has(name));
		expect(missing, `models with a Member reference and no privacy contributor: ${missing.join(', ')}`).toEqual([]);
	});

	it('names only models that exist, each in one contributor, under unique part names', () => {
		const models = schemaModels();
		const all = CONTRIBUTORS.flatMap((c) => c.models);
		expect(all.filter((name) => !models.has(name))).toEqual([]);
		expect(new Set(all).size).toBe(all.length);
		const names = CONTRIBUTORS.map((c) => c.name);
		expect(new Set(names).size).toBe(names.length);
		expect(names[0]).toBe('account');
	});
});


/** A member with something in every domain, and the other side of each relation. */
async function populatedMember(SECRET_WORD: string) {
	const me = await makeMember(ctx, { category: 'freelance' });
	const other = await makeMember(ctx, { category: 'freelance' });
	const db = ctx.prisma;
	const photo = await saveUpload(new Uint8Array([1, 2, 3, 4]), 'webp');
	const pdf = await saveUpload(new TextEncoder().encode('%PDF-1.4 test'), 'pdf');
	await db.member.update({
		where: { id: me.id },
		data: { lastName: SECRET_WORD, phone: '06 12 34 56 78', postcode: '69003', city: 'Lyon', photoPath: photo, passwordHash: await hashPassword('un mot de passe assez long') }
	});
	await db.profile.create({ data: { memberId: me.id, headline: 'Ébéniste restauratrice', bio: `Atelier ${SECRET_WORD} à Lyon` } });
	const skill = await db.skill.create({ data: { key: `marqueterie-${randomUUID()}`, label: 'Marqueterie' } });
	await db.memberSkill.create({ data: { memberId: me.id, skillId: skill.id } });
	await db.experience.create({ data: { memberId: me.id, title: 'Restauratrice', companyName: 'Atelier du Rhône', startedOn: new Date('2019-03-01') } });
	await db.education.create({ data: { memberId: me.id, school: 'École Boulle', diploma: 'DMA', promoYear: 2018 } });
	await db.profileDocument.create({ data: { memberId: me.id, kind: 'pdf_document', storedName: pdf, mimeType: 'application/pdf', sizeBytes: 13, title: 'Plaquette' } });
	await refreshMemberSearch([me.id, other.id]);
	await makeContacts(me.id, other.id);
	const group = await db.contactGroup.create({ data: { ownerId: me.id, name: 'Artisans' } });
	await db.contactGroupMember.create({ data: { groupId: group.id, ownerId: me.id, memberId: other.id } });
	await db.follow.create({ data: { followerId: other.id, followedMemberId: me.id } });
	const conversation = await db.conversation.create({ data: { kind: 'direct', directKey: [me.id, other.id].sort().join(':'), createdById: me.id } });
	await db.conversationMember.createMany({ data: [{ conversationId: conversation.id, memberId: me.id }, { conversationId: conversation.id, memberId: other.id }] });
	const mine = await db.message.create({ data: { id: randomUUID(), conversationId: conversation.id, senderId: me.id, clientId: 'c1', body: 'Bonjour, votre commode est prête.' } });
	await db.message.create({ data: { id: randomUUID(), conversationId: conversation.id, senderId: other.id, body: 'Merci !' } });
	const provider = await makeMember(ctx, { category: 'freelance' });
	await db.booking.create({
		data: {
			providerId: provider.id,
			bookerMemberId: me.id,
			title: 'Premier échange (30 min, visio)',
			bookerName: `Prénom ${SECRET_WORD}`,
			bookerEmail: me.email,
			bookerPhone: '06 12 34 56 78',
			bookerAddress: '3 rue Mercière',
			bookerCity: 'Lyon',
			bookerTimezone: 'Europe/Paris',
			message: 'Pour la commode Louis XV',
			startAt: new Date('2026-01-10T09:00:00Z'),
			endAt: new Date('2026-01-10T09:30:00Z'),
			status: 'confirmed',
			roomSlug: `salle-${randomUUID()}`
		}
	});
	await db.notification.create({ data: { recipientId: me.id, type: 'contact.accepted', actorId: other.id, data: { name: 'Autre' } } });
	await db.notification.create({ data: { recipientId: other.id, type: 'contact.requested', actorId: me.id, data: { name: `Prénom ${SECRET_WORD}` } } });
	const publicationPhoto = await saveUpload(new Uint8Array([9, 9, 9]), 'webp');
	await db.publication.create({ data: { kind: 'offer', authorId: me.id, title: 'Commode à restaurer', body: '<p>Offre</p>', photos: [publicationPhoto] } });
	await db.consentRecord.create({ data: { memberId: me.id, document: 'terms', version: '2026-12-01' } });
	const graduation = await db.graduation.create({ data: { memberId: me.id, certification: 'DMA Ébénisterie', promotion: 2018, certifiedAt: new Date('2018-07-01') } });
	await db.surveyResponse.create({ data: { memberId: me.id, graduationId: graduation.id, wave: 'entry', certification: 'DMA Ébénisterie', promotion: 2018, situation: 'self_employed', satisfaction: 5, comment: `Merci ${SECRET_WORD}`, inTargetedJob: true, departement: '69' } });
	await db.outboxMail.create({ data: { to: me.email, subject: 'Bienvenue', text: 'Bonjour' } });
	return { me, other, provider, conversation, mine, files: [photo, pdf, publicationPhoto].sort() };
}

function readZip(bytes: Buffer): Promise<Map<string, Buffer>> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
			if (error || !zip) return reject(error);
			const entries = new Map<string, Buffer>();
			zip.on('entry', (entry: yauzl.Entry) => {
				zip.openReadStream(entry, (e, stream) => {
					if (e || !stream) return reject(e);
					const chunks: Buffer[] = [];
					stream.on('data', (c: Buffer) => chunks.push(c));
					stream.on('end', () => {
						entries.set(entry.fileName, Buffer.concat(chunks));
						zip.readEntry();
					});
				});
			});
			zip.on('end', () => resolve(entries));
			zip.on('error', reject);
			zip.readEntry();
		});
	});
}

describe('Télécharger mes données', () => {
	it('gives the member a ZIP with a JSON part per contributor and their uploaded files', { timeout: 120_000 }, async () => {
		const SECRET_WORD = 'Zéphyrinette';
		const { me, other, files } = await populatedMember(SECRET_WORD);
		const { filename, stream } = await personalDataZip({ memberId: me.id }, me.id, new Date('2026-12-01T10:00:00Z'));
		expect(filename).toBe('relais-donnees-2026-12-01.zip');
		const entries = await readZip(Buffer.from(await new Response(stream).arrayBuffer()));
		expect([...entries.keys()].sort()).toEqual([EXPORT_JSON, ...files.map((f) => `files/${f}`)].sort());
		expect([...entries.get(`files/${files.find((f) => f.endsWith('.pdf'))}`)!].length).toBe(13);
		const data = JSON.parse(entries.get(EXPORT_JSON)!.toString('utf8')) as PersonalData;
		expect(Object.keys(data.parts)).toEqual(CONTRIBUTORS.map((c) => c.name));
		const parts = data.parts as Record<string, any>;
		expect(parts.account.member).toMatchObject({ email: me.email, lastName: SECRET_WORD, city: 'Lyon', hasPassword: true });
		expect(JSON.stringify(parts.account)).not.toContain('argon2');
		expect(parts.account.consents).toEqual([expect.objectContaining({ document: 'terms', version: '2026-12-01' })]);
		expect(parts.account.mails).toHaveLength(1);
		expect(parts.profile.profile.headline).toBe('Ébéniste restauratrice');
		expect(parts.profile.skills).toEqual(['Marqueterie']);
		expect(parts.profile.experiences[0].companyName).toBe('Atelier du Rhône');
		expect(parts.profile.documents[0].title).toBe('Plaquette');
		expect(parts.relations.contacts.map((c: any) => c.other.slug)).toEqual([other.slug]);
		expect(parts.relations.contactGroups[0]).toMatchObject({ name: 'Artisans', entries: [expect.objectContaining({ member: expect.objectContaining({ slug: other.slug }) })] });
		expect(parts.relations.followers).toHaveLength(1);
		expect(parts.chat.messagesWritten.map((m: any) => m.body)).toEqual(['Bonjour, votre commode est prête.']);
		expect(parts.booking.bookingsMade[0]).toMatchObject({ title: 'Premier échange (30 min, visio)', bookerPhone: '06 12 34 56 78' });
		expect(parts.booking.bookingsMade[0]).not.toHaveProperty('cancelTokenHash');
		expect(parts.notifications.received).toHaveLength(1);
		expect(parts.publications.written[0].title).toBe('Commode à restaurer');
		expect(parts.surveys.responses[0]).toMatchObject({ wave: 'entry', situation: 'self_employed', satisfaction: 5 });
		expect(data.files).toEqual(files);
	});

	it('is refused for someone else, allowed to an administrator', async () => {
		const a = await makeMember(ctx);
		const b = await makeMember(ctx);
		const admin = await makeMember(ctx, { roles: ['member', 'admin'] });
		expect((await rejection(collectPersonalData({ memberId: b.id }, a.id))).kind).toBe('forbidden');
		expect((await rejection(collectPersonalData(null, a.id))).kind).toBe('unauthenticated');
		expect((await collectPersonalData({ memberId: admin.id }, a.id)).memberId).toBe(a.id);
	});
});

/** Tables of the public schema whose rows mention `needle` anywhere (every column, as text). */
async function tablesMentioning(needle: string): Promise<Record<string, number>> {
	const tables = await ctx.prisma.$queryRaw<{ name: string }[]>`
		SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
	const found: Record<string, number> = {};
	for (const { name } of tables) {
		const [row] = await ctx.prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${name}" t WHERE t::text ILIKE $1`, `%${needle}%`);
		if (row!.n > 0n) found[name] = Number(row!.n);
	}
	return found;
}

describe('Supprimer mon compte', () => {
	it('leaves no personal data: every table is searched for the id, the e-mail and the name', { timeout: 120_000 }, async () => {
		const SECRET_WORD = 'Bérangerette';
		const { me, other, conversation, files } = await populatedMember(SECRET_WORD);
		// delivered outbox events of the contact request name both members
		await ctx.deliverEvents();
		expect(Object.keys(await tablesMentioning(me.id)).length).toBeGreaterThan(15);
		const { socket } = await connectAs(rt, me.id);
		expect(socket.connected).toBe(true);

		// the directory's prefix lexicon learnt the name's stem (folded, so no table search finds it)
		const lexicon = () => ctx.prisma.$queryRaw<{ lexeme: string }[]>`
			SELECT lexeme FROM "SearchLexeme" WHERE lexeme = ANY (tsvector_to_array(to_tsvector('relais_fr', ${SECRET_WORD})))`;
		expect(await lexicon()).toHaveLength(1);

		await deleteMyAccount({ memberId: me.id }, { currentPassword: 'un mot de passe assez long', understood: 'on' });
		expect(await lexicon()).toEqual([]);

		await until(() => !socket.connected);
		expect(await tablesMentioning(me.id)).toEqual({});
		expect(await tablesMentioning(me.email)).toEqual({});
		// kept on purpose (privacy.kept.*): the provider's record of the past booking, under the booker's name only
		expect(await tablesMentioning(SECRET_WORD)).toEqual({ Booking: 1 });
		const booking = await ctx.prisma.booking.findFirstOrThrow({ where: { bookerName: { contains: SECRET_WORD } } });
		expect(booking).toMatchObject({ bookerMemberId: null, bookerEmail: '', bookerPhone: null, bookerAddress: null, message: null, title: 'Premier échange (30 min, visio)' });
		// the other participant keeps the conversation; the message stays without its author
		const messages = await ctx.prisma.message.findMany({ where: { conversationId: conversation.id }, orderBy: { createdAt: 'asc' } });
		expect(messages.map((m) => [m.senderId, m.body])).toEqual([
			[null, 'Bonjour, votre commode est prête.'],
			[other.id, 'Merci !']
		]);
		// the survey answer stays in the statistics, detached and without its free text
		expect(await ctx.prisma.surveyResponse.findMany({ where: { certification: 'DMA Ébénisterie', memberId: null }, select: { memberId: true, comment: true, situation: true } })).toEqual([
			{ memberId: null, comment: null, situation: 'self_employed' }
		]);
		// the uploaded files are gone from disk
		const { openUpload } = await import('../../src/lib/server/uploads/index.ts');
		for (const name of files) expect(await openUpload(name)).toBeNull();
		// the other member is untouched
		expect(await ctx.prisma.member.count({ where: { id: other.id } })).toBe(1);
	});

	it('asks for the password, or the e-mail for a Google account, and the confirmation box', async () => {
		const m = await makeMember(ctx);
		await ctx.prisma.member.update({ where: { id: m.id }, data: { passwordHash: await hashPassword('un mot de passe assez long') } });
		expect((await rejection(deleteMyAccount({ memberId: m.id }, { currentPassword: 'faux mot de passe', understood: 'on' }))).fields).toEqual({ currentPassword: 'error.wrong_password' });
		expect((await rejection(deleteMyAccount({ memberId: m.id }, { currentPassword: 'un mot de passe assez long' }))).key).toBe('privacy.error.confirm_required');
		const google = await makeMember(ctx);
		expect((await rejection(deleteMyAccount({ memberId: google.id }, { confirmEmail: 'autre@exemple.fr', understood: 'on' }))).key).toBe('privacy.error.email_mismatch');
		await deleteMyAccount({ memberId: google.id }, { confirmEmail: google.email.toUpperCase(), understood: 'on' });
		expect(await ctx.prisma.member.count({ where: { id: google.id } })).toBe(0);
		expect(await ctx.prisma.member.count({ where: { id: m.id } })).toBe(1);
	});

	it('is refused while appointments are to come; an administrator erases through the same function', async () => {
		const provider = await makeMember(ctx);
		const booker = await makeMember(ctx);
		const admin = await makeMember(ctx, { roles: ['member', 'admin'] });
		const now = new Date('2026-12-01T10:00:00Z');
		await ctx.prisma.booking.create({
			data: {
				providerId: provider.id,
				bookerMemberId: booker.id,
				title: 'Visio',
				bookerName: 'X',
				bookerEmail: booker.email,
				bookerTimezone: 'Europe/Paris',
				startAt: new Date('2026-12-05T09:00:00Z'),
				endAt: new Date('2026-12-05T10:00:00Z'),
				status: 'confirmed',
				roomSlug: `salle-${randomUUID()}`
			}
		});
		const refused = await rejection(eraseMember({ memberId: admin.id }, provider.id, now));
		expect(refused.key).toBe('privacy.error.upcoming_bookings');
		expect(refused.params).toEqual({ count: 1 });
		expect((await rejection(eraseMember({ memberId: booker.id }, provider.id, now))).kind).toBe('forbidden');
		await ctx.prisma.booking.updateMany({ where: { providerId: provider.id }, data: { status: 'cancelled' } });
		await eraseMember({ memberId: admin.id }, provider.id, now);
		expect(await ctx.prisma.member.count({ where: { id: provider.id } })).toBe(0);
	});
});

describe('consent at sign-up', () => {
	it('records the terms and the privacy policy with their versions, and refuses a sign-up without them', async () => {
		const { signUp } = await import('../../src/lib/server/auth/accounts.ts');
		const { LEGAL_VERSIONS } = await import('../../src/lib/legal.ts');
		const person = { firstName: 'Maëlle', lastName: 'Consentie', email: 'maelle.consentie@exemple.fr', password: 'une phrase assez longue', category: 'visitor' };
		const refused = await rejection(signUp(person, 'fr'));
		expect(refused.fields).toEqual({ acceptTerms: 'consent.required' });
		expect(await ctx.prisma.member.count({ where: { email: person.email } })).toBe(0);
		const { memberId } = await signUp({ ...person, acceptTerms: 'on' }, 'fr');
		const consents = await ctx.prisma.consentRecord.findMany({ where: { memberId }, select: { document: true, version: true }, orderBy: { document: 'asc' } });
		expect(consents).toEqual([
			{ document: 'privacy', version: LEGAL_VERSIONS.privacy },
			{ document: 'terms', version: LEGAL_VERSIONS.terms }
		]);
	});
});
