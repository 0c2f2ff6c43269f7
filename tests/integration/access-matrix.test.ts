import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { rejection } from '../helpers/errors.ts';
import {
	PERMISSIONS,
	can,
	isPermission,
	loadActor,
	memberVisible,
	requirePermission,
	visibilitySelect,
	visibleMembers,
	type ActorRef,
	type PermissionName,
	type Role
} from '../../src/lib/server/access/index.ts';
import { load as profileLoad } from '../../src/routes/m/[slug]/+page.server.ts';
import { load as reportsLoad } from '../../src/routes/admin/reports/+page.server.ts';
import { load as searchLoad } from '../../src/routes/search/+page.server.ts';
import { GET as getProviders } from '../../src/routes/api/v1/providers/+server.ts';

/**
 * Deny by default, proved: the expected answer of EVERY permission of the registry, for every kind
 * of actor, on their own and on someone else's resource — all real rows in the test database.
 * A permission added to the registry without its rows here fails the first test.
 *
 * Each row is one character per actor, in the order of ACTORS: Y allowed, n refused, - not
 * applicable (a visitor has no "own" anything).
 */
const ACTORS = ['visitor', 'member', 'provider', 'employee', 'advertiser', 'coAdmin', 'recruiter', 'recruiterAlumni', 'moderator', 'admin', 'deactivated'] as const;
type ActorKey = (typeof ACTORS)[number];

//                                     visitor member provider employee advertiser coAdmin recruiter recruiterAlumni moderator admin deactivated
const MATRIX: Record<PermissionName, Record<string, string>> = {
	'member.view': {
		self: /*             */ '-YYYYYYYYYn',
		listedProvider: /*   */ 'YYYYYYnYYYY',
		listedMember: /*     */ 'nYYYYYnYYYn',
		hiddenMember: /*     */ 'nnnnnnnnnnn',
		deactivatedMember: /**/ 'nnnnnnnnnnn'
	},
	'directory.search': { none: 'YYYYYYnYYYY' },
	'profile.edit': { self: '-YYYYYYYYYn', other: 'nnnnnnnnnnn' },
	'company.manage': { ownCompany: 'nnnnnYnnnnn', otherCompany: 'nnnnnnnnnnn' },
	'company.catalog.manage': { ownCompany: 'nnnnYYnnnnn', otherCompany: 'nnnnnnnnnnn' },
	'conversation.write': { self: '-nnnnnnnnnn', openMember: 'nYYYYYYYYYn', closedMember: 'nnnnnnnnnnn' },
	'room.enter': { none: 'nYYYYYYYYYn' },
	'report.read': { none: 'nnnnnnnnYYn' },
	'report.handle': { none: 'nnnnnnnnYYn' },
	'media.stats.read': { none: 'nnnnnnnnnYn' },
	'dev.outbox.read': { none: 'nnnnnnnnnYn' },
	'member.administer': { self: '-nnnnnnnnnn', other: 'nnnnnnnnnYn' },
	// mentoring and blog (editors: tests/integration/blog.test.ts)
	'mentoring.use': { none: 'nYYYYYnYYYn' },
	'blog.read': { none: 'YYYYYYYYYYY' },
	'blog.write': { none: 'nnnnnnnnnYn' },
	'blog.editor.grant': { none: 'nnnnnnnnnYn' },
	// administration (src/lib/server/admin)
	'admin.members.manage': { none: 'nnnnnnnnnYn' },
	'admin.registrations.moderate': { none: 'nnnnnnnnYYn' },
	'invitation.send': { none: 'nYYYYYYYYYn' },
	// job board (careers): recruiters post and apply like any member
	'careers.post': { none: 'nYYYYYYYYYn' },
	'careers.apply': { none: 'nYYYYYYYYYn' },
	'careers.company.post': { ownCompany: 'nnnnYYnnnnn', otherCompany: 'nnnnnnnnnnn' },
	'careers.offer.manage': { self: '-YYYYYYYYYn', ownCompany: 'nnnnnYnnnnn', other: 'nnnnnnnnnnn' },
	'careers.moderate': { none: 'nnnnnnnnYYn' },
	'careers.settings': { none: 'nnnnnnnnnYn' },
	// publications: a company's name only for its active advertisers and admins; the author manages their own posts,
	// a company post while still advertiser/admin there, and the company's admins every post in its name
	'publication.company.publish': { ownCompany: 'nnnnYYnnnnn', otherCompany: 'nnnnnnnnnnn' },
	'publication.manage': { self: '-YYYYYYYYYn', other: 'nnnnnnnnnnn', ownCompany: 'nnnnnYnnnnn', ownCompanySelf: '-nnnYYnnnnn' },
	'publication.hide': { none: 'nnnnnnnnYYn' },
	'publication.report': { none: 'nYYYYYYYYYn' },
	// association events and dues (events set up below: a public one, a members' one, one for promotion 2020, one created by `member`)
	'gathering.view': { publicEvent: 'YYYYYYYYYYY', membersEvent: 'nYYYYYnYYYn', promotionEvent: 'nnnnnnnnnYn', memberEvent: 'nYYYYYnYYYn' },
	'gathering.create': { none: 'nnnnnnnnnYn' },
	'gathering.manage': { memberEvent: 'nYnnnnnnnYn', membersEvent: 'nnnnnnnnnYn' },
	'gathering.edit': { memberEvent: 'nYnnnnnnnYn', membersEvent: 'nnnnnnnnnYn', publicEvent: 'nnnnnnnnnYn' },
	'membership.administer': { none: 'nnnnnnnnnYn' },
	'membership.certificate.review': { none: 'nnnnnnnnYYn' },
	// `provider` has paid dues; `careers` is reserved to cotisants, `mentoring` is not
	'membership.current': { none: 'nnYnnnnnnnn' },
	'membership.space': { 'space:careers': 'nnYnnnnnnYn', 'space:mentoring': 'nYYYYYYYYYn' },
	// cooperative referencing: records as { status, ownerId }, consultations as { senderId, … } (resourceOf below);
	// none of these actors is a buyer or a cooperative (tests/integration/referencing*.test.ts cover those roles)
	'cooperative.view': { approvedRecord: 'YYYYYYYYYYY', ownPendingRecord: '-YYYYYYYYYn', otherPendingRecord: 'nnnnnnnnYYn' },
	'cooperative.edit': { ownRecord: '-YYYYYYYYYn', otherRecord: 'nnnnnnnnnnn' },
	'cooperative.moderate': { none: 'nnnnnnnnYYn' },
	'cooperative.preregister': { none: 'nnnnnnnnnYn' },
	'referencing.use': { none: 'nnnnnnnnnnn' },
	'consultation.send': { none: 'nnnnnnnnnnn' },
	'consultation.view': { ownSent: '-YYYYYYYYYn', ownReceived: '-YYYYYYYYYn', otherConsultation: 'nnnnnnnnnnn' },
	'consultation.manage': { ownSent: '-YYYYYYYYYn', otherConsultation: 'nnnnnnnnnnn' },
	'consultation.answer': { ownRecord: '-YYYYYYYYYn', otherRecord: 'nnnnnnnnnnn' },
	'consultation.quote.view': { ownSent: '-YYYYYYYYYn', ownQuote: '-YYYYYYYYYn', otherRecipient: 'nnnnnnnnnnn' },
	// privacy, statistics and graduate surveys
	'member.data.export': { self: '-YYYYYYYYYn', other: 'nnnnnnnnnYn' },
	'member.erase': { self: '-YYYYYYYYYn', other: 'nnnnnnnnnYn' },
	'statistics.read': { none: 'nnnnnnnnnYn' },
	'surveys.manage': { none: 'nnnnnnnnnYn' }
};
const eventIds: Record<string, string> = {};

let ctx: TestContext;
let counter = 0;
const ids = {} as Record<ActorKey | 'listedProvider' | 'listedMember' | 'hiddenMember' | 'deactivatedMember' | 'closedMember', string>;
const slugs = {} as Record<string, string>;
let companyA = '';
let companyB = '';

async function member(key: string, data: { category?: 'visitor' | 'job_seeker' | 'freelance' | 'company'; roles?: Role[]; status?: 'active' | 'deactivated'; visibleInDirectory?: boolean; acceptsMessages?: boolean } = {}) {
	const n = ++counter;
	const row = await ctx.prisma.member.create({
		data: {
			email: `${key.toLowerCase()}.${n}@exemple.fr`,
			firstName: key,
			lastName: `Matrice${n}`,
			slug: `${key.toLowerCase()}-${n}`,
			status: data.status ?? 'active',
			activatedAt: new Date(),
			category: data.category ?? 'freelance',
			roles: data.roles ?? ['member'],
			visibleInDirectory: data.visibleInDirectory ?? true,
			acceptsMessages: data.acceptsMessages ?? true
		},
		select: { id: true, slug: true }
	});
	slugs[key] = row.slug;
	return row.id;
}

beforeAll(async () => {
	ctx = await useTestContext();
	ids.member = await member('member', { category: 'job_seeker' });
	ids.provider = await member('provider', { category: 'freelance' });
	ids.employee = await member('employee', { category: 'company' });
	ids.advertiser = await member('advertiser', { category: 'company' });
	ids.coAdmin = await member('coAdmin', { category: 'company' });
	ids.recruiter = await member('recruiter', { category: 'company', roles: ['member', 'recruiter'] });
	ids.recruiterAlumni = await member('recruiterAlumni', { category: 'company', roles: ['member', 'recruiter', 'alumni'] });
	ids.moderator = await member('moderator', { category: 'visitor', roles: ['member', 'moderator'], visibleInDirectory: false });
	ids.admin = await member('admin', { category: 'visitor', roles: ['member', 'admin'], visibleInDirectory: false });
	ids.deactivated = await member('deactivated', { status: 'deactivated' });
	ids.listedProvider = await member('listedProvider', { category: 'freelance' });
	ids.listedMember = await member('listedMember', { category: 'job_seeker' });
	ids.hiddenMember = await member('hiddenMember', { category: 'freelance', visibleInDirectory: false });
	ids.deactivatedMember = await member('deactivatedMember', { category: 'freelance', status: 'deactivated' });
	ids.closedMember = await member('closedMember', { category: 'freelance', acceptsMessages: false });
	const company = (title: string) => ctx.prisma.company.create({ data: { slug: title.toLowerCase(), legalName: title, title }, select: { id: true } });
	companyA = (await company('Atelier-A')).id;
	companyB = (await company('Atelier-B')).id;
	await ctx.prisma.companyMembership.createMany({
		data: [
			{ companyId: companyA, memberId: ids.employee, role: 'employee', status: 'active' },
			{ companyId: companyA, memberId: ids.advertiser, role: 'advertiser', status: 'active' },
			{ companyId: companyA, memberId: ids.coAdmin, role: 'admin', status: 'active' },
			// asked to be admin of B but not accepted: a request grants nothing
			{ companyId: companyB, memberId: ids.coAdmin, role: 'admin', status: 'requested' }
		]
	});
	const event = (title: string, createdById: string, data: Record<string, unknown> = {}) =>
		ctx.prisma.gathering.create({
			data: { title, description: 'matrice', organiserName: 'Org', organiserEmail: 'org@exemple.fr', place: 'Paris', startAt: new Date(Date.now() + 86_400_000), endAt: new Date(Date.now() + 90_000_000), timezone: 'Europe/Paris', createdById, ...data },
			select: { id: true }
		});
	eventIds.publicEvent = (await event('Public', ids.admin, { audience: 'public' })).id;
	eventIds.membersEvent = (await event('Membres', ids.admin, { audience: 'members' })).id;
	eventIds.promotionEvent = (await event('Promo 2020', ids.admin, { audience: 'promotions', audiencePromotions: [2020] })).id;
	eventIds.memberEvent = (await event('Du membre', ids.member, { audience: 'members' })).id;
	const plan = await ctx.prisma.membershipPlan.create({ data: { name: 'Annuelle', amountCents: 3000, period: 'yearly' } });
	await ctx.prisma.membershipDues.create({ data: { memberId: ids.provider, planId: plan.id, amountCents: 3000, method: 'offline', status: 'paid', startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() + 300 * 86_400_000) } });
	await ctx.prisma.membershipSpace.create({ data: { space: 'careers' } });
});
afterAll(async () => ctx?.close());

/** The actor as a request would carry it: roles loaded once (the deactivated one as a stale id). */
async function actorOf(key: ActorKey): Promise<ActorRef> {
	if (key === 'visitor') return null;
	if (key === 'deactivated') return { memberId: ids.deactivated };
	return loadActor(ids[key]);
}

function resourceOf(permission: PermissionName, target: string, key: ActorKey): unknown {
	if (target === 'none') return undefined;
	if (permission === 'careers.offer.manage') return careersOfferOf(target, key);
	if (permission === 'publication.manage') {
		const self = ids[key as ActorKey];
		if (target === 'self') return { authorId: self, companyId: null };
		if (target === 'ownCompany') return { authorId: ids.listedProvider, companyId: companyA };
		if (target === 'ownCompanySelf') return { authorId: self, companyId: companyA };
		return { authorId: ids.listedProvider, companyId: null };
	}
	const referencing = referencingResource(permission, target, ids[key as ActorKey] ?? '', ids.listedProvider);
	if (referencing !== undefined) return referencing;
	if (target === 'self') return permission === 'conversation.write' ? { memberId: ids[key as ActorKey] } : ids[key as ActorKey];
	if (target === 'ownCompany') return companyA;
	if (target === 'otherCompany') return companyB;
	if (target.startsWith('space:')) return target.slice('space:'.length);
	if (target in eventIds) return eventIds[target];
	const other = target === 'other' || target === 'openMember' ? ids.listedProvider : ids[target as keyof typeof ids];
	return permission === 'conversation.write' ? { memberId: other } : other;
}

/** careers.offer.manage: an offer of the actor's own, one posted by someone else in company A's name, one of someone else */
function careersOfferOf(target: string, key: ActorKey) {
	if (target === 'self') return { authorId: ids[key], companyId: null };
	if (target === 'ownCompany') return { authorId: ids.listedProvider, companyId: companyA };
	return { authorId: ids.listedProvider, companyId: null };
}

/** Cooperative referencing resources (plain rows: the rules read what the domain already loaded). */
function referencingResource(permission: PermissionName, target: string, self: string, other: string): unknown {
	switch (target) {
		case 'approvedRecord':
			return { status: 'approved', ownerId: other };
		case 'ownPendingRecord':
			return { status: 'pending', ownerId: self };
		case 'otherPendingRecord':
			return { status: 'pending', ownerId: other };
		case 'ownRecord':
			return { ownerId: self };
		case 'otherRecord':
			return { ownerId: other };
		case 'ownSent':
			return permission === 'consultation.quote.view' ? { senderId: self, authorId: other } : { senderId: self, recipientOwnerIds: [other] };
		case 'ownReceived':
			return { senderId: other, recipientOwnerIds: [self] };
		case 'ownQuote':
			return { senderId: other, authorId: self };
		case 'otherConsultation':
			return { senderId: other, recipientOwnerIds: [other] };
		case 'otherRecipient':
			return { senderId: other, authorId: other };
		default:
			return undefined;
	}
}

describe('the permission matrix', () => {
	it('has rows for every permission of the registry, and a value for every actor', () => {
		const registered = Object.keys(PERMISSIONS).sort();
		expect(Object.keys(MATRIX).sort()).toEqual(registered);
		for (const [permission, rows] of Object.entries(MATRIX)) {
			expect(Object.keys(rows).length, permission).toBeGreaterThan(0);
			for (const [target, row] of Object.entries(rows)) expect(row, `${permission} / ${target}`).toMatch(new RegExp(`^[Yn-]{${ACTORS.length}}$`));
		}
	});

	for (const permission of Object.keys(PERMISSIONS) as PermissionName[]) {
		it(`${permission}: every actor gets the expected answer`, async () => {
			const rows = MATRIX[permission];
			expect(rows, `no rows for "${permission}" in the matrix`).toBeDefined();
			const got: string[] = [];
			const want: string[] = [];
			for (const [target, row] of Object.entries(rows)) {
				for (const [i, key] of ACTORS.entries()) {
					if (row[i] === '-') continue;
					const actor = await actorOf(key);
					const resource = resourceOf(permission, target, key);
					const allowed = await (can as (a: ActorRef, p: string, r?: unknown) => Promise<boolean>)(actor, permission, resource);
					got.push(`${target}/${key}: ${allowed ? 'Y' : 'n'}`);
					want.push(`${target}/${key}: ${row[i]}`);
					// require agrees with can: it returns when allowed, throws a DomainError otherwise
					const required = (requirePermission as (a: ActorRef, p: string, r?: unknown) => Promise<unknown>)(actor, permission, resource);
					if (allowed) await required;
					else expect(['unauthenticated', 'forbidden', 'not_found']).toContain((await rejection(required)).kind);
				}
			}
			expect(got).toEqual(want);
		});
	}
});

describe('deny by default', () => {
	it('an unknown permission is refused, even to an administrator', async () => {
		const admin = await loadActor(ids.admin);
		expect(isPermission('everything')).toBe(false);
		expect(await (can as (a: ActorRef, p: string) => Promise<boolean>)(admin, 'everything')).toBe(false);
		expect((await rejection((requirePermission as (a: ActorRef, p: string) => Promise<unknown>)(admin, 'everything'))).kind).toBe('forbidden');
	});

	it('a rule that throws (a malformed id reaching the database) is a refusal, not an error', async () => {
		const coAdmin = await loadActor(ids.coAdmin);
		expect(await can(coAdmin, 'company.manage', 'not-a-uuid')).toBe(false);
		expect((await rejection(requirePermission(coAdmin, 'company.manage', 'not-a-uuid'))).kind).toBe('forbidden');
	});

	it('a visitor is asked to log in where a login would help; a member is refused', async () => {
		expect((await rejection(requirePermission(null, 'company.manage', companyA))).kind).toBe('unauthenticated');
		expect((await rejection(requirePermission(await loadActor(ids.member), 'company.manage', companyA))).kind).toBe('forbidden');
		// a profile a visitor may not see does not exist for them
		expect((await rejection(requirePermission(null, 'member.view', ids.listedMember))).kind).toBe('not_found');
	});

	it('the batch check of a list answers like the row-by-row rule', async () => {
		const rows = await ctx.prisma.member.findMany({ select: visibilitySelect, orderBy: { id: 'asc' } });
		for (const key of ['member', 'recruiter', 'admin'] as const) {
			const actor = await loadActor(ids[key]);
			expect(visibleMembers(actor, rows).map((r) => r.id)).toEqual(rows.filter((r) => memberVisible(actor, r)).map((r) => r.id));
		}
		expect(visibleMembers(await loadActor(ids.recruiter), rows).map((r) => r.id)).toEqual([ids.recruiter]);
	});
});

/** The slice of a RequestEvent the loaders and endpoints read, for a member as the session resolves it. */
async function event<E extends RequestEvent>(path: string, who: ActorKey, params: Record<string, string> = {}): Promise<E> {
	const url = new URL(path, 'http://127.0.0.1:3999');
	const actor = await actorOf(who);
	const locals = { member: actor ? { id: actor.memberId, roles: actor.roles, firstName: who, lastName: '', slug: slugs[who], locale: 'fr' } : null, locale: 'fr', sessionSecret: null };
	return { url, request: new Request(url), locals, params, cookies: { get: () => undefined }, getClientAddress: () => '127.0.0.1' } as unknown as E;
}

async function statusOf(run: () => Promise<unknown>): Promise<number> {
	try {
		await run();
		return 200;
	} catch (e) {
		return (e as { status?: number }).status ?? 500;
	}
}

describe('the transports go through the access module', () => {
	it('a recruiter gets 404 on a profile page and 403 on the directory (page and API); a member does not', async () => {
		expect(await statusOf(async () => profileLoad(await event(`/m/${slugs.listedProvider}`, 'recruiter', { slug: slugs.listedProvider }) as never))).toBe(404);
		expect(await statusOf(async () => profileLoad(await event(`/m/${slugs.listedProvider}`, 'member', { slug: slugs.listedProvider }) as never))).toBe(200);
		expect(await statusOf(async () => searchLoad(await event('/search?q=plombier', 'recruiter') as never))).toBe(403);
		expect((await getProviders(await event('/api/v1/providers?q=plombier', 'recruiter'))).status).toBe(403);
		expect((await getProviders(await event('/api/v1/providers?q=plombier', 'visitor'))).status).toBe(200);
		expect((await getProviders(await event('/api/v1/providers?q=plombier', 'recruiterAlumni'))).status).toBe(200);
	});

	it('an administrator and a moderator read /admin/reports; a member gets 403', async () => {
		await ctx.prisma.report.create({ data: { reporterId: ids.member, memberId: ids.listedProvider, reason: 'spam', details: 'matrice' } });
		for (const who of ['admin', 'moderator'] as const) {
			const page = (await reportsLoad(await event('/admin/reports', who) as never)) as { reports: { details: string | null }[] };
			expect(page.reports.map((r) => r.details), who).toContain('matrice');
		}
		expect(await statusOf(async () => reportsLoad(await event('/admin/reports', 'member') as never))).toBe(403);
	});
});
