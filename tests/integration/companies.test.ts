import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readdir } from 'node:fs/promises';
import sharp from 'sharp';
import { useTestContext, type TestContext } from '../helpers/context.ts';

// Member search is the directory's (another engineer's) domain: here we only check that every
// membership change tells it which members to re-index.
const stale = vi.hoisted(() => ({ calls: [] as string[][] }));
vi.mock('../../src/lib/server/members/search-sync.ts', () => ({
	memberSearchStale: async (ids: string[]) => {
		stale.calls.push(ids);
	}
}));

import {
	addCatalogItem,
	approveJoinRequest,
	cancelJoinRequest,
	catalogAdminView,
	companyAdminView,
	companyPage,
	createCompany,
	declineJoinRequest,
	deleteCatalogItem,
	deleteCatalogPhoto,
	followCompany,
	leaveCompany,
	moveCatalogItem,
	removeMember,
	requestToJoin,
	setMemberRole,
	unfollowCompany,
	updateCatalogItem,
	updateCompany
} from '../../src/lib/server/companies/index.ts';
import { rejection } from '../helpers/errors.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

let counter = 0;
async function member(firstName = 'Membre'): Promise<{ memberId: string }> {
	counter++;
	const row = await ctx.prisma.member.create({
		data: { email: `m${counter}.${Date.now()}@exemple.fr`, firstName, lastName: `Test${counter}`, slug: `membre-${counter}-${Date.now()}`, status: 'active', category: 'company' }
	});
	return { memberId: row.id };
}

/** A valid SIRET for each call: SIREN and SIRET Luhn keys computed. */
let sirenSeed = 40_000_000;
function luhnKey(digits: string) {
	for (let d = 0; d < 10; d++) {
		const s = digits + d;
		let sum = 0;
		for (let i = 0; i < s.length; i++) {
			let n = Number(s[s.length - 1 - i]);
			if (i % 2 === 1) n = n * 2 > 9 ? n * 2 - 9 : n * 2;
			sum += n;
		}
		if (sum % 10 === 0) return d;
	}
	throw new Error('unreachable');
}
function newSiret(): string {
	const body = String(sirenSeed++);
	const siren = body + luhnKey(body);
	return siren + '0001' + luhnKey(siren + '0001');
}

const image = (color: string) => sharp({ create: { width: 300, height: 200, channels: 3, background: color } }).png().toBuffer().then((b) => new Uint8Array(b));

async function company(admin: { memberId: string }, title = 'Atelier Test') {
	return createCompany(admin, { legalName: `${title} SAS`, title, siret: newSiret() });
}

async function membershipOf(companyId: string, memberId: string) {
	return ctx.prisma.companyMembership.findUnique({ where: { companyId_memberId: { companyId, memberId } } });
}

describe('creating a company page', () => {
	it('makes the creator its first active admin, with a slug from the title', async () => {
		const claire = await member('Claire');
		stale.calls.length = 0;
		const created = await createCompany(claire, {
			legalName: 'Coopérative Numérique du Rhône SCOP SARL',
			title: 'Coopérative Numérique du Rhône',
			siret: '732 829 320 00074',
			nafCode: '6201z',
			website: 'coop.example.org',
			contactEmail: 'Contact@Coop.example.org',
			keywords: 'web; accessibilité',
			creatorJobTitle: 'Gérante'
		});
		expect(created.slug).toBe('cooperative-numerique-du-rhone');
		const row = await ctx.prisma.company.findUniqueOrThrow({ where: { id: created.id } });
		expect(row).toMatchObject({ siret: '73282932000074', nafCode: '62.01Z', website: 'https://coop.example.org', contactEmail: 'contact@coop.example.org', keywords: ['web', 'accessibilité'], createdById: claire.memberId, latitude: null });
		expect(await membershipOf(created.id, claire.memberId)).toMatchObject({ role: 'admin', status: 'active', jobTitle: 'Gérante' });
		expect(stale.calls).toEqual([[claire.memberId]]);
	});

	it('refuses a duplicate SIRET (however it is typed) and an invalid one, writing nothing', async () => {
		const paul = await member('Paul');
		const before = await ctx.prisma.company.count();
		const dup = await rejection(createCompany(paul, { legalName: 'Autre SAS', title: 'Autre', siret: '73282932000074' }));
		expect([dup.kind, dup.key, dup.fields.siret]).toEqual(['conflict', 'companies.error.siret_taken', 'companies.error.siret_taken']);
		const bad = await rejection(createCompany(paul, { legalName: 'Autre SAS', title: 'Autre', siret: '732 829 320 00075' }));
		expect(bad.fields.siret).toBe('companies.error.siret_checksum');
		expect(await ctx.prisma.company.count()).toBe(before);
		expect(await ctx.prisma.companyMembership.count({ where: { memberId: paul.memberId } })).toBe(0);
	});

	it('adds a suffix when the slug is taken, and refuses visitors', async () => {
		const a = await member();
		const first = await company(a, 'Même Nom');
		const second = await company(a, 'Même nom !');
		expect([first.slug, second.slug]).toEqual(['meme-nom', 'meme-nom-2']);
		expect((await rejection(createCompany(null, { legalName: 'X', title: 'X' }))).kind).toBe('unauthenticated');
	});

	it('keeps the logo as a re-encoded upload and deletes the old file when it is replaced', async () => {
		const a = await member();
		const { id, slug } = await createCompany(a, { legalName: 'Logo SAS', title: 'Logo' }, await image('#1d4ed8'));
		const first = (await ctx.prisma.company.findUniqueOrThrow({ where: { id } })).logoPath!;
		expect(first).toMatch(/^[0-9a-f-]{36}\.webp$/);
		expect(await readdir(ctx.uploadsDir)).toContain(first);
		await updateCompany(a, slug, { legalName: 'Logo SAS', title: 'Logo' }, await image('#ff0000'));
		const second = (await ctx.prisma.company.findUniqueOrThrow({ where: { id } })).logoPath!;
		expect(second).not.toBe(first);
		const files = await readdir(ctx.uploadsDir);
		expect(files).toContain(second);
		expect(files).not.toContain(first);
		// a file that is not an image stores nothing and keeps the current logo
		const notImage = await rejection(updateCompany(a, slug, { legalName: 'Logo SAS', title: 'Logo' }, new TextEncoder().encode('<svg onload=alert(1)>')));
		expect(notImage.fields.logo).toBe('error.upload_not_image');
		expect((await ctx.prisma.company.findUniqueOrThrow({ where: { id } })).logoPath).toBe(second);
		await updateCompany(a, slug, { legalName: 'Logo SAS', title: 'Logo', removeLogo: 'on' });
		expect((await ctx.prisma.company.findUniqueOrThrow({ where: { id } })).logoPath).toBeNull();
		expect(await readdir(ctx.uploadsDir)).not.toContain(second);
	});
});

describe('joining and roles', () => {
	it('join request → approve → employee; cancel and decline remove the request', async () => {
		const admin = await member();
		const sophie = await member('Sophie');
		const kevin = await member('Kévin');
		const { id, slug } = await company(admin, 'Équipe Rejoindre');
		await requestToJoin(sophie, slug, { jobTitle: 'Développeuse web' });
		expect(await membershipOf(id, sophie.memberId)).toMatchObject({ role: 'employee', status: 'requested', jobTitle: 'Développeuse web' });
		expect((await rejection(requestToJoin(sophie, slug))).key).toBe('companies.error.already_requested');
		// a pending request is not an employee on the public page
		expect((await companyPage(null, slug)).employees.map((e) => e.name)).not.toContain(expect.stringContaining('Sophie'));
		expect((await companyAdminView(admin, slug)).requests.map((r) => r.memberId)).toEqual([sophie.memberId]);

		stale.calls.length = 0;
		await approveJoinRequest(admin, slug, { memberId: sophie.memberId });
		expect(await membershipOf(id, sophie.memberId)).toMatchObject({ role: 'employee', status: 'active' });
		expect(stale.calls).toEqual([[sophie.memberId]]);
		expect((await companyPage(null, slug)).employees.some((e) => e.name.startsWith('Sophie') && e.role === 'employee')).toBe(true);
		expect((await rejection(requestToJoin(sophie, slug))).key).toBe('companies.error.already_member');

		await requestToJoin(kevin, slug);
		await cancelJoinRequest(kevin, slug);
		expect(await membershipOf(id, kevin.memberId)).toBeNull();
		await requestToJoin(kevin, slug);
		await declineJoinRequest(admin, slug, { memberId: kevin.memberId });
		expect(await membershipOf(id, kevin.memberId)).toBeNull();
		expect((await rejection(approveJoinRequest(admin, slug, { memberId: kevin.memberId }))).key).toBe('companies.error.request_not_found');
	});

	it('a non-admin cannot grant roles, approve requests or remove people — nothing changes', async () => {
		const admin = await member();
		const employee = await member();
		const advertiser = await member();
		const candidate = await member();
		const { id, slug } = await company(admin, 'Équipe Droits');
		for (const m of [employee, advertiser]) {
			await requestToJoin(m, slug);
			await approveJoinRequest(admin, slug, m);
		}
		await setMemberRole(admin, slug, { memberId: advertiser.memberId, role: 'advertiser' });
		await requestToJoin(candidate, slug);
		const before = await ctx.prisma.companyMembership.findMany({ where: { companyId: id }, orderBy: { memberId: 'asc' } });

		for (const actor of [employee, advertiser, candidate, null]) {
			const attempts = [
				() => setMemberRole(actor, slug, { memberId: employee.memberId, role: 'admin' }),
				() => setMemberRole(actor, slug, { memberId: admin.memberId, role: 'employee' }),
				() => approveJoinRequest(actor, slug, { memberId: candidate.memberId }),
				() => declineJoinRequest(actor, slug, { memberId: candidate.memberId }),
				() => removeMember(actor, slug, { memberId: admin.memberId }),
				() => updateCompany(actor, slug, { legalName: 'Piraté SAS', title: 'Piraté' }),
				() => companyAdminView(actor, slug)
			];
			for (const attempt of attempts) expect((await rejection(attempt())).kind).toBe(actor ? 'forbidden' : 'unauthenticated');
		}
		expect(await ctx.prisma.companyMembership.findMany({ where: { companyId: id }, orderBy: { memberId: 'asc' } })).toEqual(before);
		expect((await ctx.prisma.company.findUniqueOrThrow({ where: { id } })).title).toBe('Équipe Droits');
	});

	it('an admin of another company can do nothing here', async () => {
		const adminX = await member();
		const adminY = await member();
		const employeeY = await member();
		const x = await company(adminX, 'Entreprise X');
		const y = await company(adminY, 'Entreprise Y');
		await requestToJoin(employeeY, y.slug);
		await requestToJoin(adminX, y.slug);
		// X's admin acting on Y, and on Y's people through X's URL
		expect((await rejection(approveJoinRequest(adminX, y.slug, employeeY))).kind).toBe('forbidden');
		expect((await rejection(setMemberRole(adminX, y.slug, { memberId: adminX.memberId, role: 'admin' }))).kind).toBe('forbidden');
		expect((await rejection(updateCompany(adminX, y.slug, { legalName: 'Y', title: 'Y' }))).kind).toBe('forbidden');
		expect((await rejection(addCatalogItem(adminX, y.slug, { name: 'Intrus' }))).kind).toBe('forbidden');
		expect((await rejection(approveJoinRequest(adminX, x.slug, employeeY))).key).toBe('companies.error.request_not_found');
		expect((await rejection(removeMember(adminX, x.slug, adminY))).key).toBe('companies.error.membership_not_found');
		expect(await membershipOf(y.id, employeeY.memberId)).toMatchObject({ status: 'requested' });
		expect(await membershipOf(y.id, adminX.memberId)).toMatchObject({ status: 'requested', role: 'employee' });
		expect(await ctx.prisma.catalogItem.count({ where: { companyId: y.id } })).toBe(0);
	});

	it('the last active admin cannot leave, be demoted or be removed; with a second admin they can', async () => {
		const first = await member();
		const second = await member();
		const { id, slug } = await company(first, 'Équipe Admins');
		expect((await rejection(leaveCompany(first, slug))).key).toBe('companies.error.last_admin');
		expect((await rejection(setMemberRole(first, slug, { memberId: first.memberId, role: 'advertiser' }))).key).toBe('companies.error.last_admin');
		expect((await rejection(removeMember(first, slug, first))).key).toBe('companies.error.last_admin');
		expect(await membershipOf(id, first.memberId)).toMatchObject({ role: 'admin', status: 'active' });

		await requestToJoin(second, slug);
		await approveJoinRequest(first, slug, second);
		await setMemberRole(first, slug, { memberId: second.memberId, role: 'admin' });
		// two admins demoting each other at the same time: one of them stays admin
		const results = await Promise.allSettled([
			setMemberRole(first, slug, { memberId: second.memberId, role: 'employee' }),
			setMemberRole(second, slug, { memberId: first.memberId, role: 'employee' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await ctx.prisma.companyMembership.count({ where: { companyId: id, role: 'admin', status: 'active' } })).toBe(1);
		const remaining = (await ctx.prisma.companyMembership.findFirstOrThrow({ where: { companyId: id, role: 'admin' } })).memberId;
		const other = remaining === first.memberId ? second : first;
		await setMemberRole({ memberId: remaining }, slug, { memberId: other.memberId, role: 'admin' });
		await leaveCompany({ memberId: remaining }, slug);
		expect(await membershipOf(id, remaining)).toBeNull();
		expect((await rejection(leaveCompany(other, slug))).key).toBe('companies.error.last_admin');
	});

	it('an admin removes an employee, who disappears from the page', async () => {
		const admin = await member();
		const employee = await member('Éloi');
		const { id, slug } = await company(admin, 'Équipe Départs');
		await requestToJoin(employee, slug);
		await approveJoinRequest(admin, slug, employee);
		await removeMember(admin, slug, employee);
		expect(await membershipOf(id, employee.memberId)).toBeNull();
		expect((await companyPage(null, slug)).employees).toHaveLength(1);
	});
});

describe('catalog', () => {
	async function team() {
		const admin = await member();
		const advertiser = await member();
		const employee = await member();
		const c = await company(admin, `Catalogue ${counter}`);
		for (const m of [advertiser, employee]) {
			await requestToJoin(m, c.slug);
			await approveJoinRequest(admin, c.slug, m);
		}
		await setMemberRole(admin, c.slug, { memberId: advertiser.memberId, role: 'advertiser' });
		return { admin, advertiser, employee, ...c };
	}

	it('an advertiser manages the catalog, an employee cannot', async () => {
		const { advertiser, employee, admin, id, slug } = await team();
		const { id: itemId } = await addCatalogItem(advertiser, slug, { reference: 'SITE-01', name: 'Site vitrine accessible', description: 'Cinq pages, RGAA', price: '2 400,50', unit: 'le site' });
		await addCatalogItem(admin, slug, { name: 'Audit', price: '' });
		expect(await ctx.prisma.catalogItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ priceCents: 240050, unit: 'le site', position: 0 });
		const page = await companyPage(null, slug);
		expect(page.catalog.map((i) => [i.name, i.priceCents])).toEqual([
			['Site vitrine accessible', 240050],
			['Audit', null]
		]);
		expect((await catalogAdminView(advertiser, slug)).canManage).toBe(false);

		for (const attempt of [
			() => addCatalogItem(employee, slug, { name: 'Non' }),
			() => updateCatalogItem(employee, slug, { itemId, name: 'Non' }),
			() => deleteCatalogItem(employee, slug, { itemId }),
			() => moveCatalogItem(employee, slug, { itemId, direction: 'down' }),
			() => catalogAdminView(employee, slug)
		]) {
			expect((await rejection(attempt())).key).toBe('companies.error.catalog_forbidden');
		}
		expect(await ctx.prisma.catalogItem.count({ where: { companyId: id } })).toBe(2);

		await moveCatalogItem(advertiser, slug, { itemId, direction: 'down' });
		expect((await companyPage(null, slug)).catalog.map((i) => i.name)).toEqual(['Audit', 'Site vitrine accessible']);
		await updateCatalogItem(advertiser, slug, { itemId, name: 'Site vitrine', price: '2500' });
		expect(await ctx.prisma.catalogItem.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ name: 'Site vitrine', priceCents: 250000, reference: null });
		await deleteCatalogItem(advertiser, slug, { itemId });
		expect(await ctx.prisma.catalogItem.count({ where: { companyId: id } })).toBe(1);
		expect((await rejection(addCatalogItem(advertiser, slug, { name: 'Prix', price: '12,345' }))).fields.price).toBe('companies.error.price_invalid');
	});

	it('keeps at most 3 photos per item; deleting a photo or an item deletes its files', async () => {
		const { advertiser, slug } = await team();
		const red = await image('#ff0000');
		const four = [red, red, red, red];
		const before = await readdir(ctx.uploadsDir);
		expect((await rejection(addCatalogItem(advertiser, slug, { name: 'Trop' }, four))).key).toBe('companies.error.photos_limit');
		const { id: itemId } = await addCatalogItem(advertiser, slug, { name: 'Chaise' }, [red, red]);
		let item = await ctx.prisma.catalogItem.findUniqueOrThrow({ where: { id: itemId } });
		expect(item.photos).toHaveLength(2);
		expect((await rejection(updateCatalogItem(advertiser, slug, { itemId, name: 'Chaise' }, [red, red]))).key).toBe('companies.error.photos_limit');
		await updateCatalogItem(advertiser, slug, { itemId, name: 'Chaise' }, [red]);
		item = await ctx.prisma.catalogItem.findUniqueOrThrow({ where: { id: itemId } });
		expect(item.photos).toHaveLength(3);
		// nothing left behind by the refused uploads
		expect((await readdir(ctx.uploadsDir)).filter((f) => !before.includes(f)).sort()).toEqual([...item.photos].sort());

		await deleteCatalogPhoto(advertiser, slug, { itemId, photo: item.photos[0] });
		expect((await readdir(ctx.uploadsDir))).not.toContain(item.photos[0]);
		expect((await ctx.prisma.catalogItem.findUniqueOrThrow({ where: { id: itemId } })).photos).toEqual(item.photos.slice(1));
		await deleteCatalogItem(advertiser, slug, { itemId });
		expect((await readdir(ctx.uploadsDir)).filter((f) => !before.includes(f))).toEqual([]);
	});

	it("an item of another company cannot be reached through one's own company", async () => {
		const a = await team();
		const b = await team();
		const { id: itemB } = await addCatalogItem(b.advertiser, b.slug, { name: 'Produit B' });
		expect((await rejection(deleteCatalogItem(a.admin, a.slug, { itemId: itemB }))).key).toBe('companies.error.item_not_found');
		expect((await rejection(updateCatalogItem(a.advertiser, a.slug, { itemId: itemB, name: 'Volé' }))).key).toBe('companies.error.item_not_found');
		expect(await ctx.prisma.catalogItem.findUniqueOrThrow({ where: { id: itemB } })).toMatchObject({ name: 'Produit B' });
	});
});

describe('following a company', () => {
	it('is idempotent both ways and counted', async () => {
		const admin = await member();
		const fan = await member();
		const other = await member();
		const { slug } = await company(admin, 'Suivie');
		expect(await followCompany(fan, slug)).toEqual({ following: true, followers: 1 });
		expect(await followCompany(fan, slug)).toEqual({ following: true, followers: 1 });
		await Promise.all([followCompany(other, slug), followCompany(other, slug)]);
		expect((await companyPage(null, slug)).followers).toBe(2);
		expect((await companyPage(fan, slug)).viewer.following).toBe(true);
		expect(await unfollowCompany(fan, slug)).toEqual({ following: false, followers: 1 });
		expect(await unfollowCompany(fan, slug)).toEqual({ following: false, followers: 1 });
		expect((await companyPage(fan, slug)).viewer.following).toBe(false);
		expect((await rejection(followCompany(null, slug))).kind).toBe('unauthenticated');
		expect((await rejection(followCompany(fan, 'nope-nope'))).kind).toBe('not_found');
	});
});
