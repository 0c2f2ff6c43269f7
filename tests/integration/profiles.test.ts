import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import sharp from 'sharp';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	addGalleryImage,
	addPdfDocument,
	addProfileItem,
	addSkills,
	deleteDocument,
	deleteProfileItem,
	moveDocument,
	profileForEdit,
	publicProfile,
	removeLanguage,
	removePhoto,
	removeSkill,
	retitleDocument,
	setLanguage,
	setPhoto,
	updateProfileBasics,
	updateProfileItem
} from '../../src/lib/server/profiles/index.ts';
import type { Category } from '../../src/lib/categories.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

let counter = 0;
async function member(category: Category, extra: { status?: 'active' | 'pending' | 'deactivated'; visibleInDirectory?: boolean } = {}) {
	counter += 1;
	const row = await ctx.prisma.member.create({
		data: {
			email: `m${counter}.${Date.now()}@exemple.fr`,
			firstName: `Prénom${counter}`,
			lastName: 'Testeur',
			slug: `prenom-testeur-${counter}-${Date.now().toString(36)}`,
			category,
			status: extra.status ?? 'active',
			visibleInDirectory: extra.visibleInDirectory ?? true,
			city: 'Lyon'
		}
	});
	return { id: row.id, slug: row.slug, actor: { memberId: row.id } };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(() => null, (e: unknown) => e);
	if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
	return error;
}

const png = (color = '#1d4ed8', width = 300) => sharp({ create: { width, height: 200, channels: 3, background: color } }).png().toBuffer().then((b) => new Uint8Array(b));
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const files = async () => (await readdir(ctx.uploadsDir)).filter((f) => !f.startsWith('.'));

describe('profile privacy', () => {
	it('shows a provider to visitors, a job seeker only to logged-in members, never the e-mail', async () => {
		const provider = await member('freelance');
		const seeker = await member('job_seeker');
		const viewer = await member('visitor');
		const page = await publicProfile(null, provider.slug);
		expect(page.member.firstName).toMatch(/^Prénom/);
		expect(JSON.stringify(page)).not.toContain('@exemple.fr');
		expect(page.member.phone).toBeNull();
		const refused = await failure(publicProfile(null, seeker.slug));
		expect([refused.kind, refused.key]).toEqual(['not_found', 'profiles.error.not_found_visitor']);
		// the same answer as for a slug that does not exist: nothing to learn
		expect((await failure(publicProfile(null, 'personne-xxxxx'))).key).toBe('profiles.error.not_found_visitor');
		expect((await publicProfile(viewer.actor, seeker.slug)).member.id).toBe(seeker.id);
	});

	it('hides members who are not active or not visible from everyone but themselves', async () => {
		const hidden = await member('freelance', { visibleInDirectory: false });
		const deactivated = await member('company', { status: 'deactivated' });
		const pending = await member('freelance', { status: 'pending' });
		const viewer = await member('freelance');
		for (const m of [hidden, deactivated, pending]) {
			expect((await failure(publicProfile(null, m.slug))).kind).toBe('not_found');
			expect((await failure(publicProfile(viewer.actor, m.slug))).kind).toBe('not_found');
		}
		const own = await publicProfile(hidden.actor, hidden.slug);
		expect(own.isOwner).toBe(true);
		expect(own.member.hidden).toBe(true);
	});

	it('rejects malformed slugs as not found', async () => {
		expect((await failure(publicProfile(null, '../../etc/passwd'))).kind).toBe('not_found');
	});
});

describe('editing a profile', () => {
	it('saves every part and shows it on the public page', async () => {
		const owner = await member('freelance');
		await updateProfileBasics(owner.actor, { headline: 'Développeuse web', bio: 'Bio', address: '3 rue X', postcode: '69002', city: 'Lyon', phone: '+33 6 12 34 56 78' });
		expect((await addSkills(owner.actor, { labels: 'Svelte, TypeScript,  svelte , Création d’entreprise' })).added).toBe(3);
		await addSkills(owner.actor, { labels: 'creation d’ENTREPRISE, PostgreSQL' });
		await addProfileItem(owner.actor, 'certification', { name: 'Qualiopi', issuer: 'AFNOR', obtainedOn: '2023-05' });
		await addProfileItem(owner.actor, 'mission', { title: 'Refonte', client: 'Mairie', description: 'Site', year: '2024' });
		await addProfileItem(owner.actor, 'experience', { title: 'Développeuse', companyName: 'ACME', startedOn: '2020-01', endedOn: '' });
		await addProfileItem(owner.actor, 'education', { school: 'INSA Lyon', diploma: 'Ingénieur', promoYear: '2012' });
		await setLanguage(owner.actor, { code: 'en', level: 'C1' });
		await setLanguage(owner.actor, { code: 'en', level: 'C2' });
		const page = await publicProfile(null, owner.slug);
		expect(page.headline).toBe('Développeuse web');
		expect(page.skills.map((s) => s.label)).toEqual(['Svelte', 'TypeScript', 'Création d’entreprise', 'PostgreSQL']);
		expect(page.certifications[0]).toMatchObject({ name: 'Qualiopi', issuer: 'AFNOR' });
		expect(page.certifications[0].obtainedOn?.toISOString().slice(0, 10)).toBe('2023-05-01');
		expect(page.missions[0]).toMatchObject({ title: 'Refonte', year: 2024 });
		expect(page.experiences[0]).toMatchObject({ companyName: 'ACME', endedOn: null });
		expect(page.educations[0]).toMatchObject({ school: 'INSA Lyon', promoYear: 2012 });
		expect(page.languages).toEqual([{ code: 'en', level: 'C2' }]);
		// the shared skill row keeps a single key
		expect(await ctx.prisma.skill.count({ where: { key: "creation d'entreprise" } })).toBe(1);
		expect((await failure(addSkills(owner.actor, { labels: 'svelte' }))).key).toBe('profiles.error.skill_exists');
		// indexed facts reach the directory's search document at once
		const doc = await ctx.prisma.memberSearch.findUnique({ where: { memberId: owner.id } });
		expect(doc).not.toBeNull();
	});

	it('validates input with per-field messages and writes nothing', async () => {
		const owner = await member('freelance');
		const bad = await failure(addProfileItem(owner.actor, 'experience', { title: '', companyName: 'X', startedOn: '2022-05', endedOn: '2021-01' }));
		expect(bad.fields).toMatchObject({ title: 'error.required', endedOn: 'profiles.error.end_before_start' });
		expect((await failure(setLanguage(owner.actor, { code: 'xx', level: 'C1' }))).fields.code).toBe('profiles.error.language_invalid');
		expect((await failure(setLanguage(owner.actor, { code: 'de', level: 'expert' }))).fields.level).toBe('profiles.error.level_invalid');
		expect((await failure(addProfileItem(owner.actor, 'education', { school: 'X', diploma: 'Y', promoYear: '1800' }))).fields.promoYear).toBe('profiles.error.year_invalid');
		expect((await failure(updateProfileBasics(owner.actor, { headline: 'x'.repeat(161) }))).fields.headline).toBe('error.too_long');
		expect(await ctx.prisma.experience.count({ where: { memberId: owner.id } })).toBe(0);
		expect((await failure(updateProfileBasics(null, { headline: 'x' }))).kind).toBe('unauthenticated');
	});

	it('lets nobody else edit or delete any part, by id', async () => {
		const owner = await member('freelance');
		const intruder = await member('freelance');
		const cert = await addProfileItem(owner.actor, 'certification', { name: 'CACES' });
		const mission = await addProfileItem(owner.actor, 'mission', { title: 'Chantier' });
		const exp = await addProfileItem(owner.actor, 'experience', { title: 'Chef', companyName: 'BTP', startedOn: '2019-03' });
		const edu = await addProfileItem(owner.actor, 'education', { school: 'Lycée', diploma: 'Bac' });
		await addSkills(owner.actor, { labels: 'Maçonnerie' });
		await setLanguage(owner.actor, { code: 'es', level: 'B1' });
		const gallery = await addGalleryImage(owner.actor, await png());
		const doc = await addPdfDocument(owner.actor, pdf, { title: 'Tarifs' });
		const skillId = (await profileForEdit(owner.actor)).skills[0].id;

		// thunks: each attempt runs alone, after the previous one
		const attempts: (() => Promise<unknown>)[] = [
			() => deleteProfileItem(intruder.actor, 'certification', { id: cert.id }),
			() => deleteProfileItem(intruder.actor, 'mission', { id: mission.id }),
			() => deleteProfileItem(intruder.actor, 'experience', { id: exp.id }),
			() => deleteProfileItem(intruder.actor, 'education', { id: edu.id }),
			() => updateProfileItem(intruder.actor, 'certification', { id: cert.id, name: 'Volé' }),
			() => updateProfileItem(intruder.actor, 'experience', { id: exp.id, title: 'Volé', companyName: 'X', startedOn: '2020-01' }),
			// an id of another kind is not found either
			() => deleteProfileItem(owner.actor, 'mission', { id: cert.id }),
			() => removeSkill(intruder.actor, { skillId }),
			() => removeLanguage(intruder.actor, { code: 'es' }),
			() => deleteDocument(intruder.actor, { id: gallery.id }),
			() => deleteDocument(intruder.actor, { id: doc.id }),
			() => moveDocument(intruder.actor, { id: doc.id, direction: 'up' }),
			() => retitleDocument(intruder.actor, { id: doc.id, title: 'Volé' })
		];
		for (const attempt of attempts) expect((await failure(attempt())).kind).toBe('not_found');

		const after = await profileForEdit(owner.actor);
		expect(after.certifications).toEqual([expect.objectContaining({ name: 'CACES' })]);
		expect(after.missions).toHaveLength(1);
		expect(after.experiences).toEqual([expect.objectContaining({ title: 'Chef' })]);
		expect(after.educations).toHaveLength(1);
		expect(after.skills).toHaveLength(1);
		expect(after.languages).toHaveLength(1);
		expect(after.gallery).toHaveLength(1);
		expect(after.documents).toEqual([expect.objectContaining({ title: 'Tarifs' })]);

		// and the owner can
		await updateProfileItem(owner.actor, 'certification', { id: cert.id, name: 'CACES R482', issuer: 'INRS' });
		await deleteProfileItem(owner.actor, 'education', { id: edu.id });
		await removeSkill(owner.actor, { skillId });
		const final = await profileForEdit(owner.actor);
		expect(final.certifications[0]).toMatchObject({ name: 'CACES R482', issuer: 'INRS' });
		expect(final.educations).toHaveLength(0);
		expect(final.skills).toHaveLength(0);
	});
});

describe('photo, gallery and documents', () => {
	it('replacing the photo deletes the old file; removing it deletes the file', async () => {
		const owner = await member('freelance');
		const first = await setPhoto(owner.actor, await png('#ff0000'));
		expect(await files()).toContain(first.photoPath);
		const second = await setPhoto(owner.actor, await png('#00ff00'));
		const now = await files();
		expect(now).toContain(second.photoPath);
		expect(now).not.toContain(first.photoPath);
		expect((await publicProfile(null, owner.slug)).member.photoUrl).toBe(`/media/${second.photoPath}`);
		await removePhoto(owner.actor);
		expect(await files()).not.toContain(second.photoPath);
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: owner.id } })).photoPath).toBeNull();
	});

	it('refuses a non-image photo with a localized key and writes no file', async () => {
		const owner = await member('freelance');
		const before = await files();
		const error = await failure(setPhoto(owner.actor, pdf));
		expect(error.fields.photo).toBe('error.upload_not_image');
		expect(await files()).toEqual(before);
	});

	it('holds at most 12 gallery images, reorders them, deletes their files', async () => {
		const owner = await member('freelance');
		const ids: string[] = [];
		const image = await png();
		for (let i = 0; i < 12; i++) ids.push((await addGalleryImage(owner.actor, image, { title: `Photo ${i}` })).id);
		const before = await files();
		const full = await failure(addGalleryImage(owner.actor, image));
		expect([full.kind, full.key]).toEqual(['conflict', 'profiles.error.gallery_full']);
		expect(await files()).toEqual(before);

		await moveDocument(owner.actor, { id: ids[2], direction: 'up' });
		await moveDocument(owner.actor, { id: ids[0], direction: 'up' }); // already first: nothing moves
		await moveDocument(owner.actor, { id: ids[11], direction: 'down' }); // already last
		let order = (await profileForEdit(owner.actor)).gallery.map((g) => g.id);
		expect(order.slice(0, 3)).toEqual([ids[0], ids[2], ids[1]]);

		const removed = await ctx.prisma.profileDocument.findUniqueOrThrow({ where: { id: ids[2] } });
		await deleteDocument(owner.actor, { id: ids[2] });
		expect(await files()).not.toContain(removed.storedName);
		await moveDocument(owner.actor, { id: ids[1], direction: 'up' });
		order = (await profileForEdit(owner.actor)).gallery.map((g) => g.id);
		expect(order.slice(0, 2)).toEqual([ids[1], ids[0]]);
		// there is room again
		await addGalleryImage(owner.actor, image);
		expect((await profileForEdit(owner.actor)).gallery).toHaveLength(12);
	});

	it('holds at most 10 titled PDF documents, only real PDFs', async () => {
		const owner = await member('company');
		expect((await failure(addPdfDocument(owner.actor, pdf, { title: '' }))).fields.title).toBe('error.required');
		expect((await failure(addPdfDocument(owner.actor, await png(), { title: 'Faux' }))).fields.file).toBe('error.upload_not_pdf');
		for (let i = 0; i < 10; i++) await addPdfDocument(owner.actor, pdf, { title: `Doc ${i}` });
		expect((await failure(addPdfDocument(owner.actor, pdf, { title: 'Onzième' }))).key).toBe('profiles.error.documents_full');
		const docs = (await profileForEdit(owner.actor)).documents;
		expect(docs.map((d) => d.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Doc ${i}`));
		await moveDocument(owner.actor, { id: docs[9].id, direction: 'up' });
		await retitleDocument(owner.actor, { id: docs[9].id, title: 'Plaquette' });
		const after = (await profileForEdit(owner.actor)).documents;
		expect(after[8]).toMatchObject({ id: docs[9].id, title: 'Plaquette' });
		expect((await publicProfile(null, (await ctx.prisma.member.findUniqueOrThrow({ where: { id: owner.id } })).slug)).documents).toHaveLength(10);
	});

	it('two simultaneous uploads cannot both take the last gallery place', async () => {
		const owner = await member('freelance');
		const image = await png('#123456');
		for (let i = 0; i < 11; i++) await addGalleryImage(owner.actor, image);
		const results = await Promise.allSettled([addGalleryImage(owner.actor, image), addGalleryImage(owner.actor, image)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await ctx.prisma.profileDocument.count({ where: { memberId: owner.id, kind: 'gallery_image' } })).toBe(12);
		const stored = await ctx.prisma.profileDocument.findMany({ select: { storedName: true } });
		// no orphan file: every stored file has its row (photo files aside)
		const rows = new Set(stored.map((s) => s.storedName));
		const photos = new Set((await ctx.prisma.member.findMany({ select: { photoPath: true } })).map((m) => m.photoPath));
		expect((await files()).filter((f) => !rows.has(f) && !photos.has(f))).toEqual([]);
	});
});
