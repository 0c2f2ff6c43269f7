import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, tokenOf, type TestContext } from '../helpers/context.ts';
import { afterCommit, jobsOf, runDueJobs } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';
import type { Role } from '../../src/lib/server/access/index.ts';
import {
	addFavorite,
	answerConsultation,
	cancelConsultation,
	claimRegistration,
	consultationFile,
	consultationView,
	cooperativePage,
	declineConsultation,
	deleteSearch,
	editFavorite,
	extendConsultation,
	favorites,
	latestCooperatives,
	moderateRecord,
	moderationQueue,
	myConsultations,
	ownRecord,
	preregisterCooperative,
	preregisterFromCsv,
	redeemInvitation,
	registerBuyer,
	removeFavorite,
	renameSearch,
	saveSearch,
	savedSearches,
	saveStep,
	searchCooperatives,
	sendConsultation,
	startCooperativeRegistration,
	submitRecord,
	topKeywords
} from '../../src/lib/server/referencing/index.ts';
import { resetPassword } from '../../src/lib/server/auth/accounts.ts';
import type { RequestEvent } from '@sveltejs/kit';
import { GET as getCooperatives } from '../../src/routes/api/v1/cooperatives/+server.ts';
import { openApiDocument } from '../../src/routes/api/v1/openapi.ts';
import { criteriaInput } from '../../src/lib/server/referencing/search.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

type A = { memberId: string; roles: Role[] };
let n = 0;
async function member(roles: Role[] = ['member'], first = 'Membre'): Promise<A & { email: string }> {
	n++;
	const email = `ref${n}@exemple.fr`;
	const row = await ctx.prisma.member.create({ data: { email, firstName: first, lastName: `Test${n}`, slug: `ref-${n}`, status: 'active', activatedAt: new Date(), category: 'company', roles } });
	return { memberId: row.id, roles, email };
}
/** the actor as a request builds it: roles read from the database */
async function actor(a: { memberId: string }): Promise<A> {
	const row = await ctx.prisma.member.findUniqueOrThrow({ where: { id: a.memberId }, select: { roles: true } });
	return { memberId: a.memberId, roles: row.roles };
}

const step2 = (over: Record<string, unknown> = {}) => ({
	name: 'Scop Charpente du Lez',
	legalForm: 'scop_sarl',
	phone: '04 67 00 00 00',
	website: 'https://charpente-lez.coop',
	consultationEmail: 'devis@charpente-lez.coop',
	sector: 'batiment',
	activity: 'Charpente traditionnelle et ossature bois, rénovation de toitures.',
	goods: ['gros_oeuvre', 'second_oeuvre'],
	skills: 'charpente ; ossature bois ; éco-construction',
	...over
});
const step5 = (over: Record<string, unknown> = {}) => ({ address: '12 rue des Tonneliers', postcode: '34000', city: 'Montpellier', managerName: 'Jeanne Rouvière', managerTitle: 'Gérante', 'contacts.0.name': 'Marc Vidal', 'contacts.0.email': 'marc@charpente-lez.coop', ...over });

/** a cooperative with a complete, approved record */
async function approvedCooperative(s2: Record<string, unknown>, s5: Record<string, unknown> = {}): Promise<{ owner: A; recordId: string }> {
	const owner = await member();
	await claimRegistration(owner);
	const a = await actor(owner);
	await saveStep(a, 2, step2(s2));
	for (const s of [3, 4]) await saveStep(a, s, {});
	await saveStep(a, 5, step5(s5));
	await saveStep(a, 6, {});
	await saveStep(a, 7, {});
	const record = await submitRecord(a);
	await moderateRecord(moderator, record.id, { decision: 'approve' });
	return { owner: a, recordId: record.id };
}

let moderator: A & { email: string };
beforeAll(async () => {
	moderator = await member(['member', 'moderator'], 'Modératrice');
});

describe('the 7-step registration', () => {
	it('a visitor’s step 1 creates a pending account with the cooperative role and a draft; the wizard resumes at step 2', async () => {
		const result = await startCooperativeRegistration({ firstName: 'Inès', lastName: 'Garnier', email: 'ines@scop-garnier.fr', password: 'une phrase assez longue', passwordConfirm: 'une phrase assez longue', acceptTerms: 'on' }, 'fr');
		expect(result.email).toBe('ines@scop-garnier.fr');
		const account = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'ines@scop-garnier.fr' } });
		expect(account.status).toBe('pending');
		expect(account.roles).toContain('cooperative');
		const record = await ownRecord({ memberId: account.id });
		expect(record).toMatchObject({ status: 'draft', step: 2, companyId: null });
	});

	it('step 1 refuses different passwords and the platform’s short passwords, with field messages', async () => {
		const mismatch = await rejection(startCooperativeRegistration({ firstName: 'A', lastName: 'B', email: 'x@exemple.fr', password: 'une phrase assez longue', passwordConfirm: 'autre chose encore', acceptTerms: 'on' }, 'fr'));
		expect(mismatch.fields.passwordConfirm).toBe('referencing.error.password_mismatch');
		const short = await rejection(startCooperativeRegistration({ firstName: 'A', lastName: 'B', email: 'x@exemple.fr', password: 'abc123', passwordConfirm: 'abc123', acceptTerms: 'on' }, 'fr'));
		expect(short.fields.password).toBe('error.password_too_short');
	});

	it('validates each step server-side and saves a draft at every step (leave and resume)', async () => {
		const owner = await member();
		await claimRegistration(owner);
		const a = await actor(owner);
		expect(a.roles).toContain('cooperative');
		// step 3 before step 2: the company does not exist yet
		expect((await rejection(saveStep(a, 3, {}))).key).toBe('referencing.error.step2_first');
		const tooMany = await rejection(saveStep(a, 2, step2({ goods: ['gros_oeuvre', 'second_oeuvre', 'architecture', 'nettoyage', 'energie'], skills: 'a;b;c;d;e;f;g;h;i;j;k' })));
		expect(tooMany.fields.goods).toBe('referencing.error.goods_max');
		expect(tooMany.fields.skills).toBe('referencing.error.skills_max');
		const missing = await rejection(saveStep(a, 2, step2({ sector: '', activity: ' ', goods: [] })));
		expect(missing.fields).toMatchObject({ sector: 'referencing.error.sector', activity: 'error.required', goods: 'referencing.error.goods_required' });
		await saveStep(a, 2, step2());
		let record = (await ownRecord(a))!;
		expect(record.step).toBe(3);
		expect(record.skills).toEqual(['charpente', 'ossature bois', 'éco-construction']);
		expect(record.company?.title).toBe('Scop Charpente du Lez');
		// the owner administers the company page created with the record
		expect(await ctx.prisma.companyMembership.findFirst({ where: { companyId: record.companyId!, memberId: a.memberId } })).toMatchObject({ role: 'admin', status: 'active' });
		expect((await rejection(saveStep(a, 4, { turnover: 'beaucoup' }))).fields.turnover).toBe('referencing.error.number');
		await saveStep(a, 3, { certifications: 'Qualibat RGE', carbonFootprint: '12 500', guarantees: 'Garantie décennale' });
		await saveStep(a, 4, { turnover: '1 250 000', turnoverYear: '2025', workforce: '14' });
		// "leave and resume": a fresh read is where they stopped
		record = (await ownRecord(a))!;
		expect(record).toMatchObject({ step: 5, carbonFootprint: 12500, turnover: 1250000, turnoverYear: 2025, status: 'draft' });
		expect((await rejection(saveStep(a, 5, step5({ postcode: '340' })))).fields.postcode).toBe('referencing.error.postcode');
		await saveStep(a, 5, step5({ 'contacts.1.name': 'Léa Pons', 'contacts.1.phone': '06 11 22 33 44', 'contacts.2.name': '' }));
		record = (await ownRecord(a))!;
		expect(record.contacts).toEqual([
			{ name: 'Marc Vidal', email: 'marc@charpente-lez.coop' },
			{ name: 'Léa Pons', phone: '06 11 22 33 44' }
		]);
		expect(record.departements).toEqual(['34']);
		// ticked without an establishment; then a Gard establishment adds its département
		expect((await rejection(saveStep(a, 6, { hasEstablishments: 'on' }))).key).toBe('referencing.error.establishment_required');
		await saveStep(a, 6, { hasEstablishments: 'on', 'establishments.0.name': 'Atelier de Nîmes', 'establishments.0.postcode': '30000', 'establishments.0.city': 'Nîmes' });
		expect((await ownRecord(a))!.departements).toEqual(['34', '30']);
		// "client" required once the references are shown
		expect((await rejection(saveStep(a, 7, { hasReferences: 'on', 'references.0.description': 'Charpente' }))).fields['references.0.client']).toBe('error.required');
		await saveStep(a, 7, { hasReferences: 'on', 'references.0.client': 'Mairie de Lunel', 'references.0.year': '2024' });
		// unticking drops the references
		await saveStep(a, 7, { 'references.0.client': 'Mairie de Lunel' });
		expect((await ownRecord(a))!.references).toEqual([]);
		const submitted = await submitRecord(a);
		expect(submitted.status).toBe('pending');
	});

	it('another member cannot fill someone else’s record, and a visitor is asked to log in', async () => {
		expect((await rejection(saveStep(null, 2, step2()))).kind).toBe('unauthenticated');
		const other = await member();
		expect((await rejection(saveStep(other, 2, step2()))).key).toBe('referencing.error.no_record');
	});
});

describe('moderation', () => {
	it('a submitted record waits in the queue, is never listed while pending, and each decision is e-mailed', async () => {
		const owner = await member();
		await claimRegistration(owner);
		const a = await actor(owner);
		await saveStep(a, 2, step2({ name: 'Coopérative Pendante', skills: 'pendule' }));
		await saveStep(a, 5, step5());
		const record = await submitRecord(a);
		await afterCommit(ctx);
		expect((await ctx.sentMail(owner.email)).map((m) => m.subject)).toContain('Votre fiche coopérative est en cours de validation');
		expect((await ctx.sentMail(moderator.email)).map((m) => m.subject)).toContain('Fiche coopérative à valider : Coopérative Pendante');
		expect((await moderationQueue(moderator)).map((r) => r.id)).toContain(record.id);
		expect((await rejection(moderationQueue(a))).kind).toBe('forbidden');
		// pending: not in the search, not in the latest, not readable by others
		expect((await searchCooperatives(null, { skills: 'pendule' })).total).toBe(0);
		expect((await latestCooperatives(50)).map((c) => c.id)).not.toContain(record.id);
		expect((await rejection(cooperativePage(null, record.id))).kind).toBe('not_found');
		expect((await cooperativePage(a, record.id)).status).toBe('pending');
		expect((await cooperativePage(moderator, record.id)).status).toBe('pending');

		expect((await rejection(moderateRecord(moderator, record.id, { decision: 'changes' }))).fields.reason).toBe('referencing.error.reason_required');
		await moderateRecord(moderator, record.id, { decision: 'changes', reason: 'Précisez vos références clients.' });
		await afterCommit(ctx);
		const changes = (await ctx.sentMail(owner.email)).at(-1)!;
		expect(changes.subject).toBe('Modifications demandées sur votre fiche coopérative');
		expect(changes.text).toContain('Précisez vos références clients.');
		expect((await ownRecord(a))!.status).toBe('changes_requested');
		await submitRecord(a);
		await moderateRecord(moderator, record.id, { decision: 'approve' });
		await afterCommit(ctx);
		expect((await ctx.sentMail(owner.email)).map((m) => m.subject)).toContain('Votre fiche coopérative est validée');
		expect((await searchCooperatives(null, { skills: 'pendule' })).results.map((r) => r.id)).toEqual([record.id]);

		// a change to the approved record goes live and the moderators are told
		await saveStep(a, 2, step2({ name: 'Coopérative Pendante', skills: 'pendule ; horlogerie' }));
		await afterCommit(ctx);
		expect((await ctx.sentMail(moderator.email)).map((m) => m.subject)).toContain('Fiche coopérative modifiée : Coopérative Pendante');
		expect((await searchCooperatives(null, { skills: 'horlogerie' })).total).toBe(1);
		expect((await ownRecord(a))!.status).toBe('approved');
	});

	it('a refusal carries its reason and keeps the record out of the lists', async () => {
		const owner = await member();
		await claimRegistration(owner);
		const a = await actor(owner);
		await saveStep(a, 2, step2({ name: 'Coop Refusée', skills: 'refusnik' }));
		await saveStep(a, 5, step5());
		const record = await submitRecord(a);
		await moderateRecord(moderator, record.id, { decision: 'refuse', reason: 'Pas une coopérative.' });
		await afterCommit(ctx);
		expect((await ctx.sentMail(owner.email)).find((m) => m.subject === 'Votre fiche coopérative n’a pas été retenue')?.text).toContain('« Pas une coopérative. »');
		expect((await searchCooperatives(null, { skills: 'refusnik' })).total).toBe(0);
		expect((await rejection(moderateRecord(moderator, record.id, { decision: 'approve' }))).key).toBe('referencing.error.not_pending');
	});
});

describe('pre-registered cooperatives', () => {
	it('an admin pre-registers one or a CSV; the mail’s link sets the password and activates the account', async () => {
		const admin = await member(['member', 'admin']);
		expect((await rejection(preregisterCooperative(moderator, { name: 'X', email: 'x@exemple.fr' }))).kind).toBe('forbidden');
		await preregisterCooperative(admin, { name: 'Scop Préinscrite', email: 'contact@preinscrite.coop', postcode: '11000', city: 'Carcassonne', sector: 'industrie' });
		await afterCommit(ctx);
		const link = await ctx.lastLink('contact@preinscrite.coop');
		expect(link).toMatch(/\/referencement\/invitation\?token=/);
		const resetPath = await redeemInvitation(tokenOf(link));
		// used once
		expect((await rejection(redeemInvitation(tokenOf(link)))).key).toBe('referencing.error.invitation_invalid');
		await resetPassword({ token: new URL(resetPath, 'http://x').searchParams.get('token'), password: 'une phrase assez longue' });
		const account = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'contact@preinscrite.coop' } });
		expect(account.status).toBe('active');
		const record = (await ownRecord({ memberId: account.id }))!;
		expect(record).toMatchObject({ preregistered: true, status: 'draft', departements: ['11'] });
		expect(record.company?.title).toBe('Scop Préinscrite');

		const csv = await preregisterFromCsv(admin, 'nom;email;code postal;ville;secteur\nScop Une;une@coop.fr;66000;Perpignan;batiment\nSans adresse;pas-une-adresse;;;\n', 'fr');
		expect(csv.created).toBe(1);
		expect(csv.errors).toEqual([{ line: 3, message: 'email : Adresse e-mail invalide.' }]);
	});
});

describe('finding cooperatives', () => {
	let herault: string;
	let gard: string;
	let aude: string;
	beforeAll(async () => {
		herault = (await approvedCooperative({ name: 'Menuiserie Coopérative de Sète', skills: 'menuiserie ; agencement intérieur', goods: ['mobilier', 'second_oeuvre'], activity: 'Menuiserie bois et agencement de magasins.' }, { postcode: '34200', city: 'Sète' })).recordId;
		gard = (await approvedCooperative({ name: 'Nîmes Logiciels Libres', sector: 'informatique', skills: 'logiciels libres ; programmation ; hébergement', goods: ['logiciels', 'hebergement'], activity: 'Développement de logiciels métier libres pour les hôpitaux.' }, { postcode: '30000', city: 'Nîmes' })).recordId;
		aude = (await approvedCooperative({ name: 'Scop Informatique Audoise', sector: 'informatique', skills: 'programmation ; maintenance', goods: ['logiciels'], activity: 'Maintenance de parcs informatiques.' }, { postcode: '11100', city: 'Narbonne' })).recordId;
	});

	it('combines département(s), sector, goods, skills and French full text', async () => {
		const ids = async (criteria: Record<string, unknown>) => (await searchCooperatives(null, criteria)).results.map((r) => r.id);
		expect(await ids({ departements: ['30'], sector: 'informatique' })).toEqual([gard]);
		expect((await ids({ departements: ['30', '11'], skills: 'programmation' })).sort()).toEqual([gard, aude].sort());
		expect(await ids({ departements: '11,34', skills: 'programmation' })).toEqual([aude]);
		expect(await ids({ goods: ['hebergement'] })).toEqual([gard]);
		expect(await ids({ sector: 'batiment', departements: ['34'], skills: 'menuiserie' })).toEqual([herault]);
		// accents and plurals: "hopital" finds "hôpitaux"? — stems: "logiciel metier" finds "logiciels métier"
		expect(await ids({ q: 'logiciel metier' })).toEqual([gard]);
		expect(await ids({ q: 'magasin' })).toEqual([herault]);
		// no criterion: every approved record ("voir toutes les entreprises référencées")
		const all = await searchCooperatives(null, {});
		expect(all.results.map((r) => r.id)).toEqual(expect.arrayContaining([herault, gard, aude]));
		expect((await rejection(searchCooperatives(null, { departements: ['99'] }))).fields['departements.0']).toBe('referencing.error.departement');
	});

	it('GET /api/v1/cooperatives answers the same search, documented in the OpenAPI document', async () => {
		const call = async (path: string) => {
			const url = new URL(path, 'http://127.0.0.1:3999');
			const response = await getCooperatives({ url, request: new Request(url), locals: { member: null, locale: 'fr', sessionSecret: null }, params: {} } as unknown as Parameters<typeof getCooperatives>[0] & RequestEvent);
			return { status: response.status, json: (await response.json()) as { total: number; results: { id: string; name: string }[]; error?: { code: string; message: string } } };
		};
		const found = await call('/api/v1/cooperatives?departements=30,11&skills=programmation');
		expect(found.status).toBe(200);
		expect(found.json.results.map((r) => r.id).sort()).toEqual([gard, aude].sort());
		expect((await call('/api/v1/cooperatives?departements=30&departements=34&sector=informatique')).json.results.map((r) => r.id)).toEqual([gard]);
		const bad = await call('/api/v1/cooperatives?sector=astrologie');
		expect(bad.status).toBe(400);
		expect(bad.json.error?.code).toBe('invalid_query');
		const doc = openApiDocument('http://127.0.0.1:3999') as unknown as { paths: Record<string, { get: { parameters: { name: string }[] } }> };
		expect(doc.paths['/cooperatives']!.get.parameters.map((p) => p.name).sort()).toEqual(Object.keys(criteriaInput.shape).sort());
	});

	it('shows the most frequent keywords of approved records and the latest approved cooperatives', async () => {
		const top = await topKeywords(50);
		const programmation = top.find((k) => k.keyword === 'programmation');
		expect(programmation?.count).toBe(2);
		expect(top[0]!.count).toBeGreaterThanOrEqual(2);
		expect(top.map((k) => k.keyword)).not.toContain('refusnik');
		expect((await latestCooperatives(3)).map((c) => c.id)).toEqual([aude, gard, herault]);
	});

	it('saved searches and favourites with comments, for buyers and cooperatives only', async () => {
		const buyer = await member(['member', 'buyer']);
		const plain = await member();
		expect((await rejection(saveSearch(plain, { name: 'x' }))).kind).toBe('forbidden');
		expect((await rejection(addFavorite(null, gard, {}))).kind).toBe('unauthenticated');
		const { id } = await saveSearch(buyer, { name: 'Informatique du Gard', departements: ['30'], sector: 'informatique' });
		let searches = await savedSearches(buyer);
		expect(searches).toMatchObject([{ id, name: 'Informatique du Gard', query: 'departements=30&sector=informatique' }]);
		await renameSearch(buyer, id, { name: 'Logiciels (30)' });
		expect((await savedSearches(buyer))[0]!.name).toBe('Logiciels (30)');
		expect((await rejection(renameSearch(await member(['member', 'buyer']), id, { name: 'volée' }))).kind).toBe('not_found');
		await deleteSearch(buyer, id);
		searches = await savedSearches(buyer);
		expect(searches).toEqual([]);

		await addFavorite(buyer, gard, { comment: 'bon rapport qualité/prix' });
		await addFavorite(buyer, aude, {});
		let list = await favorites(buyer);
		expect(list.map((f) => [f.name, f.comment])).toEqual([
			['Scop Informatique Audoise', null],
			['Nîmes Logiciels Libres', 'bon rapport qualité/prix']
		]);
		expect(list[1]!.createdAt).toBeInstanceOf(Date);
		await editFavorite(buyer, aude, { comment: 'sérieux' });
		await removeFavorite(buyer, gard);
		list = await favorites(buyer);
		expect(list.map((f) => [f.name, f.comment])).toEqual([['Scop Informatique Audoise', 'sérieux']]);
		expect((await cooperativePage(buyer, aude)).favorite?.comment).toBe('sérieux');
	});
});

describe('buyers', () => {
	it('register with the accounts’ rules and get the buyer role and their institution', async () => {
		await registerBuyer({ lastName: 'Moreau', firstName: 'Hélène', institution: 'CHU de Montpellier', email: 'h.moreau@chu.fr', password: 'une phrase assez longue', acceptTerms: 'on' }, 'fr');
		const account = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'h.moreau@chu.fr' }, include: { buyerProfile: true } });
		expect(account).toMatchObject({ status: 'pending', roles: ['member', 'buyer'], buyerProfile: { institution: 'CHU de Montpellier' } });
		expect((await ctx.sentMail('h.moreau@chu.fr')).at(-1)?.subject).toBe('Activez votre compte Relais');
		expect((await rejection(registerBuyer({ lastName: 'M', firstName: 'H', institution: '', email: 'a@b.fr', password: 'court', acceptTerms: 'on' }, 'fr'))).fields).toMatchObject({ institution: 'error.required', password: 'error.password_too_short' });
	});
});

/** A minimal OpenDocument text: a stored zip whose first entry is its `mimetype` (what identifies the format). */
function odt(): Blob {
	const name = Buffer.from('mimetype');
	const body = Buffer.from('application/vnd.oasis.opendocument.text');
	const header = Buffer.alloc(30);
	header.writeUInt32LE(0x04034b50, 0);
	header.writeUInt16LE(10, 4);
	header.writeUInt32LE(body.length, 18);
	header.writeUInt32LE(body.length, 22);
	header.writeUInt16LE(name.length, 26);
	return new Blob([Buffer.concat([header, name, body, Buffer.from('PK\x05\x06' + '\0'.repeat(18), 'binary')])]);
}

describe('consultations', () => {
	it('accept an office document as the attachment (recognised by its bytes), served only to its readers, never from /media', async () => {
		const buyer = await member(['member', 'buyer']);
		const coop = await approvedCooperative({ name: 'Coop Bureautique', skills: 'bureautique' });
		const { id } = await sendConsultation(buyer, { title: 'Cahier des charges ODT', closingDate: '2099-01-15', description: 'Voir pièce jointe.', recipients: [coop.recordId] }, odt());
		const row = await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } });
		expect(row.attachmentName).toBe('consultation.odt');
		expect(row.attachmentPath).toMatch(/\.odt$/);
		expect((await consultationFile(coop.owner, id, 'consultation')).extension).toBe('odt');
		expect((await rejection(consultationFile(await member(['member', 'buyer']), id, 'consultation'))).kind).toBe('not_found');
		const { GET: media } = await import('../../src/routes/media/[name]/+server.ts');
		const answer = await Promise.resolve(media({ params: { name: row.attachmentPath! }, locals: { locale: 'fr' } } as unknown as Parameters<typeof media>[0])).catch((e: { status?: number }) => e);
		expect((answer as { status?: number }).status).toBe(404);
	});

	const pdf = new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')]);

	it('keep a PDF attachment private too: its readers get it, /media does not serve it even by its stored name', async () => {
		const buyer = await member(['member', 'buyer']);
		const coop = await approvedCooperative({ name: 'Coop PDF Privé', skills: 'privé' });
		const { id } = await sendConsultation(buyer, { title: 'Cahier des charges PDF', closingDate: '2099-01-15', description: 'Voir pièce jointe.', recipients: [coop.recordId] }, pdf);
		const row = await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } });
		expect((await consultationFile(coop.owner, id, 'consultation')).extension).toBe('pdf');
		const { GET: media } = await import('../../src/routes/media/[name]/+server.ts');
		const answer = await Promise.resolve(media({ params: { name: row.attachmentPath! }, locals: { locale: 'fr' } } as unknown as Parameters<typeof media>[0])).catch((e: { status?: number }) => e);
		expect((answer as { status?: number }).status).toBe(404);
	});

	function parisDate(from: Date, days: number) {
		return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(from.getTime() + days * 86400_000));
	}

	it('are sent to each chosen company’s consultation address, read, answered, declined; the quote is the buyer’s alone; closed automatically', async () => {
		const buyer = await member(['member', 'buyer'], 'Hélène');
		await ctx.prisma.buyerProfile.create({ data: { memberId: buyer.memberId, institution: 'Mairie de Lunel' } });
		const one = await approvedCooperative({ name: 'Coop Destinataire Une', consultationEmail: 'devis@une.coop', skills: 'une' });
		const two = await approvedCooperative({ name: 'Coop Destinataire Deux', consultationEmail: '', skills: 'deux' });
		const three = await approvedCooperative({ name: 'Coop Destinataire Trois', consultationEmail: 'devis@trois.coop', skills: 'trois' });
		const twoEmail = (await ctx.prisma.member.findUniqueOrThrow({ where: { id: two.owner.memberId } })).email;
		const now = new Date();
		const closingDate = parisDate(now, 10);
		expect((await rejection(sendConsultation(await member(), { title: 't' }, null))).kind).toBe('forbidden');
		const bad = await rejection(sendConsultation(buyer, { title: '', closingDate: parisDate(now, -1), description: 'x', recipients: [one.recordId] }, null, now));
		expect(bad.fields.title).toBe('error.required');
		expect((await rejection(sendConsultation(buyer, { title: 'T', closingDate: parisDate(now, -1), description: 'x', recipients: [one.recordId] }, null, now))).fields.closingDate).toBe('referencing.error.closing_past');
		expect((await rejection(sendConsultation(buyer, { title: 'T', closingDate, description: 'x', recipients: [one.recordId] }, new Blob(['<html>not a document</html>']), now))).fields.attachment).toBe('error.upload_not_document');

		const { id } = await sendConsultation(buyer, { title: 'Rénovation de la toiture de l’école', closingDate, budget: '80 000 € HT', location: 'Lunel (34)', description: 'Réfection complète de la charpente.', recipients: [one.recordId, two.recordId, three.recordId] }, pdf, now);
		await afterCommit(ctx);
		const mailOne = (await ctx.sentMail('devis@une.coop')).at(-1)!;
		expect(mailOne.subject).toBe('Consultation : Rénovation de la toiture de l’école');
		expect(mailOne.text).toContain('Hélène Test');
		expect(mailOne.text).toContain('Mairie de Lunel');
		expect(mailOne.headers?.['Reply-To']).toBe(buyer.email);
		const stored = await ctx.prisma.outboxMail.findFirstOrThrow({ where: { to: 'devis@une.coop' }, orderBy: { createdAt: 'desc' } });
		expect((stored.attachments as { filename: string; contentType: string }[])[0]).toMatchObject({ filename: 'consultation.pdf', contentType: 'application/pdf' });
		// no consultation address: the registration address
		expect((await ctx.sentMail(twoEmail)).at(-1)?.subject).toBe('Consultation : Rénovation de la toiture de l’école');
		// and in the recipients' notification centre
		expect(await ctx.prisma.notification.findFirst({ where: { recipientId: three.owner.memberId, type: 'consultation.received' }, select: { data: true } })).toMatchObject({ data: { consultationId: id, title: 'Rénovation de la toiture de l’école' } });
		// the closing and the reminder are queued for their instants
		expect((await jobsOf(ctx, 'referencing.consultation_close', { queued: true })).some((j) => (j.data as { consultationId: string }).consultationId === id)).toBe(true);

		// read, answered, declined
		const seen = await consultationView(one.owner, id);
		expect(seen.own?.status).toBe('read');
		expect(seen.recipients).toEqual([]);
		await answerConsultation(one.owner, id, { amount: '72 500,00', message: 'Devis détaillé joint.' }, pdf);
		await declineConsultation(two.owner, id, { reason: 'Carnet de commandes plein.' });
		expect((await rejection(answerConsultation(three.owner, id, { amount: 'beaucoup', message: 'x' }, null))).fields.amount).toBe('referencing.error.amount');
		await afterCommit(ctx);
		expect((await ctx.sentMail(buyer.email)).map((m) => m.subject)).toContain('Réponse à votre consultation « Rénovation de la toiture de l’école »');
		expect(await ctx.prisma.notification.count({ where: { recipientId: buyer.memberId, type: 'consultation.answered' } })).toBe(2);

		const forBuyer = await consultationView(buyer, id);
		expect(forBuyer.recipients.map((r) => [r.name, r.status])).toEqual([
			['Coop Destinataire Une', 'answered'],
			['Coop Destinataire Deux', 'declined'],
			['Coop Destinataire Trois', 'sent']
		]);
		expect(forBuyer.quotes.find((q) => q.name === 'Coop Destinataire Une')).toMatchObject({ amount: '72500.00', message: 'Devis détaillé joint.', attachment: 'devis.pdf' });
		// another recipient sees neither the quote nor the list
		const forThree = await consultationView(three.owner, id);
		expect(forThree.quotes).toEqual([]);
		expect(forThree.recipients).toEqual([]);
		const quoteRow = forBuyer.quotes.find((q) => q.name === 'Coop Destinataire Une')!;
		expect((await rejection(consultationFile(three.owner, id, quoteRow.recipientId))).kind).toBe('not_found');
		expect((await consultationFile(buyer, id, quoteRow.recipientId)).name).toBe('devis.pdf');
		// strangers do not see it at all
		expect((await rejection(consultationView(await member(['member', 'buyer']), id))).kind).toBe('not_found');

		// "Mes consultations": sent and received
		expect((await myConsultations(buyer)).sent.map((c) => c.id)).toEqual([id]);
		// opening it marked it read
		expect((await myConsultations(three.owner)).received.map((c) => [c.id, c.status])).toEqual([[id, 'read']]);

		// two days before closing: a reminder to the one who neither answered nor declined
		const closingAt = (await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } })).closingAt;
		await runDueJobs(ctx, new Date(closingAt.getTime() - 2 * 86400_000 + 60_000));
		await runDueJobs(ctx, new Date(closingAt.getTime() - 2 * 86400_000 + 120_000));
		expect((await ctx.sentMail('devis@trois.coop')).map((m) => m.subject)).toContain(`Rappel : la consultation « Rénovation de la toiture de l’école » se clôt le ${closingDate}`);
		expect((await ctx.sentMail('devis@une.coop')).filter((m) => m.subject.startsWith('Rappel'))).toEqual([]);
		expect((await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } })).state).toBe('open');
		// at the end of the closing day, Paris time, it closes by itself
		await runDueJobs(ctx, new Date(closingAt.getTime() + 60_000));
		expect((await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } })).state).toBe('closed');
		await ctx.deliverEvents();
		await runDueJobs(ctx, new Date(closingAt.getTime() + 120_000));
		expect((await ctx.sentMail(buyer.email)).map((m) => m.subject)).toContain('Consultation close : Rénovation de la toiture de l’école');
		expect((await rejection(answerConsultation(three.owner, id, { amount: '10', message: 'trop tard' }, null))).key).toBe('referencing.error.consultation_closed');
	});

	it('closes at the end of the closing day in Europe/Paris, an extension moves it and tells the recipients, a cancellation too', async () => {
		const buyer = await member(['member', 'buyer'], 'Paul');
		const coop = await approvedCooperative({ name: 'Coop Prolongée', consultationEmail: 'devis@prolongee.coop', skills: 'prolonge' });
		const { id } = await sendConsultation(buyer, { title: 'Étude', closingDate: '2099-03-28', description: 'Étude de faisabilité.', recipients: [coop.recordId] }, null);
		// 28 March 2099 ends at 29 March 00:00 Paris = 28 March 23:00 UTC (winter time until the 29th)
		expect((await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } })).closingAt.toISOString()).toBe('2099-03-28T23:00:00.000Z');
		await afterCommit(ctx);
		expect((await rejection(extendConsultation(buyer, id, { closingDate: '2099-03-01' }))).fields.closingDate).toBe('referencing.error.extend_later');
		expect((await rejection(extendConsultation(coop.owner, id, { closingDate: '2099-06-30' }))).kind).toBe('forbidden');
		await extendConsultation(buyer, id, { closingDate: '2099-06-30' });
		await afterCommit(ctx);
		expect((await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } })).closingAt.toISOString()).toBe('2099-06-30T22:00:00.000Z');
		expect((await ctx.sentMail('devis@prolongee.coop')).at(-1)?.subject).toBe('Consultation prolongée : Étude');
		// the old closing job finds nothing to close
		await runDueJobs(ctx, new Date('2099-03-29T00:00:00Z'));
		expect((await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } })).state).toBe('open');
		await cancelConsultation(buyer, id);
		await afterCommit(ctx);
		expect((await ctx.sentMail('devis@prolongee.coop')).at(-1)?.subject).toBe('Consultation annulée : Étude');
		await runDueJobs(ctx, new Date('2099-07-01T00:00:00Z'));
		expect((await ctx.prisma.consultation.findUniqueOrThrow({ where: { id } })).state).toBe('cancelled');
	});
});
