import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { rejection } from '../helpers/errors.ts';
import { makeContacts, makeMember } from '../helpers/realtime.ts';
import { context } from '../../src/lib/server/context.ts';
import { followMember, removeContact, removeFromGroup, unfollowMember } from '../../src/lib/server/relations/index.ts';
import { followCompany, setMemberRole } from '../../src/lib/server/companies/index.ts';
import { listNotifications } from '../../src/lib/server/notifications/index.ts';
import {
	closePublication,
	deletePublication,
	hidePublication,
	homeFeed,
	myPublications,
	publicationPage,
	publish,
	reportPublication,
	searchPublications,
	updatePublication
} from '../../src/lib/server/publications/index.ts';
import { GET as apiList } from '../../src/routes/api/v1/publications/+server.ts';
import { GET as apiOne } from '../../src/routes/api/v1/publications/[id=uuid]/+server.ts';
import { GET as getOpenApi } from '../../src/routes/api/v1/openapi.json/+server.ts';
import { tabQuery } from '../../src/lib/server/publications/inputs.ts';

let ctx: TestContext;
type M = Awaited<ReturnType<typeof makeMember>>;
const as = (m: { id: string }) => ({ memberId: m.id });
let claire: M, paul: M, sophie: M, gina: M, follower: M, stranger: M, moderator: M, employee: M, companyFollower: M;
let companyId = '';
let companySlug = '';
let groupId = '';
const DAY = 86_400_000;

beforeAll(async () => {
	ctx = await useTestContext();
	[claire, paul, sophie, gina, follower, stranger, employee, companyFollower] = await Promise.all(Array.from({ length: 8 }, () => makeMember(ctx)));
	moderator = await makeMember(ctx);
	await ctx.prisma.member.update({ where: { id: moderator.id }, data: { roles: ['member', 'moderator'] } });
	for (const other of [paul, sophie, gina]) await makeContacts(claire.id, other.id);
	const group = await ctx.prisma.contactGroup.create({ data: { ownerId: claire.id, name: 'Clients Lyon' } });
	groupId = group.id;
	await ctx.prisma.contactGroupMember.createMany({ data: [paul, gina].map((m) => ({ groupId, ownerId: claire.id, memberId: m.id })) });
	await followMember(as(follower), { memberId: claire.id });
	companySlug = `cooperative-${Date.now()}`;
	const company = await ctx.prisma.company.create({ data: { slug: companySlug, legalName: 'Coopérative Numérique', title: 'Coopérative Numérique du Rhône' } });
	companyId = company.id;
	await ctx.prisma.companyMembership.createMany({
		data: [
			{ companyId, memberId: claire.id, role: 'advertiser', status: 'active' },
			{ companyId, memberId: stranger.id, role: 'admin', status: 'active' },
			{ companyId, memberId: employee.id, role: 'employee', status: 'active' }
		]
	});
	await followCompany(as(companyFollower), companySlug);
	await ctx.deliverEvents();
});
afterAll(async () => ctx?.close());

const ad = (over: Record<string, unknown> = {}) => ({
	kind: 'offer',
	audience: 'public',
	title: 'Refonte de site web',
	body: '<p>Nous proposons la <b>refonte</b> de votre site.</p>',
	place: '69003',
	...over
});

async function requestEvent(path: string, who: M | null, params: Record<string, string> = {}) {
	const url = new URL(path, 'http://127.0.0.1:3999');
	const member = who ? await ctx.prisma.member.findUniqueOrThrow({ where: { id: who.id }, select: { id: true, roles: true, firstName: true, lastName: true, slug: true } }) : null;
	return { url, request: new Request(url), locals: { member: member ? { ...member, locale: 'fr' } : null, locale: 'fr', sessionSecret: null }, params, cookies: { get: () => undefined }, getClientAddress: () => '127.0.0.1' } as unknown as RequestEvent;
}

async function apiIds(path: string, who: M | null): Promise<string[]> {
	const res = await apiList((await requestEvent(path, who)) as never);
	const json = (await res.json()) as { results: { id: string }[] };
	return json.results.map((r) => r.id);
}

async function apiStatus(id: string, who: M | null): Promise<number> {
	return (await apiOne((await requestEvent(`/api/v1/publications/${id}`, who, { id })) as never)).status;
}

/** Where `id` shows for `who`: feed, tab (offers), search, page, API list, API item. */
async function seenBy(id: string, who: M | null, now = new Date()) {
	// what the server does right after a commit: the outbox's subscribers fan the post out to feeds
	await ctx.deliverEvents();
	const actor = who ? as(who) : null;
	const feed = who ? (await homeFeed(actor, {}, now)).items.map((i) => i.id).includes(id) : false;
	const tab = (await searchPublications(actor, { type: 'offer' }, now)).items.some((i) => i.id === id);
	const search = (await searchPublications(actor, { q: 'refonte site', type: 'offer' }, now)).items.some((i) => i.id === id);
	const page = await publicationPage(actor, id, now).then(
		() => true,
		() => false
	);
	const api = (await apiIds('/api/v1/publications?type=offer&q=refonte', who)).includes(id);
	const apiItem = (await apiStatus(id, who)) === 200;
	return { feed, tab, search, page, api, apiItem };
}
const nowhere = { feed: false, tab: false, search: false, page: false, api: false, apiItem: false };

describe('the private-ad visibility matrix', () => {
	it('a private offer to the group "Clients Lyon" reaches its members only: never the tabs, search or API, not other contacts, followers, strangers or visitors', async () => {
		const { id } = await publish(as(claire), ad({ audience: 'selected', groupIds: [groupId], title: 'Refonte de site web — offre réservée' }));
		await ctx.deliverEvents();
		// the recipient: feed and page, never the public tabs, search or list API (private ads live in the feed)
		expect(await seenBy(id, paul)).toEqual({ feed: true, tab: false, search: false, page: true, api: false, apiItem: true });
		for (const who of [sophie, follower, stranger, null]) expect(await seenBy(id, who), who?.id ?? 'visitor').toEqual(nowhere);
		// the author sees it in their feed at once (before any delivery) and in their list
		expect((await homeFeed(as(claire))).items.map((i) => i.id)).toContain(id);
		// a group member removed after publication stops seeing it at once
		expect((await seenBy(id, gina)).page).toBe(true);
		await removeFromGroup(as(claire), { groupId, memberId: gina.id });
		expect(await seenBy(id, gina)).toEqual(nowhere);
		await ctx.prisma.contactGroupMember.create({ data: { groupId, ownerId: claire.id, memberId: gina.id } });
	});

	it('chosen contacts and "all my contacts": contacts only, and a contact removed stops seeing it', async () => {
		const chosen = await publish(as(claire), ad({ audience: 'selected', recipientIds: [sophie.id], title: 'Refonte de site pour Sophie' }));
		expect((await seenBy(chosen.id, sophie)).page).toBe(true);
		expect((await seenBy(chosen.id, paul)).page).toBe(false);
		const all = await publish(as(claire), ad({ audience: 'contacts', title: 'Refonte de site pour mes contacts' }));
		for (const who of [paul, sophie, gina]) expect((await seenBy(all.id, who)).feed).toBe(true);
		for (const who of [follower, stranger, null]) expect(await seenBy(all.id, who)).toEqual(nowhere);
		// a stranger cannot be chosen: only the author's contacts
		expect((await rejection(publish(as(claire), ad({ audience: 'selected', recipientIds: [stranger.id] })))).fields).toHaveProperty('recipients');
		expect((await rejection(publish(as(claire), ad({ audience: 'selected' })))).kind).toBe('invalid');
		// no longer contacts: neither the chosen-contact ad nor the all-contacts one
		await removeContact(as(sophie), { memberId: claire.id });
		expect(await seenBy(chosen.id, sophie)).toEqual(nowhere);
		expect(await seenBy(all.id, sophie)).toEqual(nowhere);
		await makeContacts(claire.id, sophie.id);
		expect((await seenBy(chosen.id, sophie)).page).toBe(true);
	});

	it('a deactivated author’s posts disappear with their profile', async () => {
		const author = await makeMember(ctx);
		const { id } = await publish(as(author), ad({ title: 'Refonte de site (compte fermé)' }));
		expect((await seenBy(id, null)).tab).toBe(true);
		await ctx.prisma.member.update({ where: { id: author.id }, data: { status: 'deactivated' } });
		expect(await seenBy(id, stranger)).toEqual(nowhere);
	});

	it('public ads: everyone on the tabs, search and API; expired and hidden ones leave them (the author keeps them)', async () => {
		const now = new Date();
		const tomorrow = new Date(now.getTime() + DAY).toISOString().slice(0, 10);
		const { id } = await publish(as(claire), ad({ title: 'Refonte de site vitrine', expiresOn: tomorrow }), [], now);
		for (const who of [paul, stranger, null]) expect((await seenBy(id, who)).tab, who?.id ?? 'visitor').toBe(true);
		expect(await seenBy(id, null)).toEqual({ ...nowhere, tab: true, search: true, page: true, api: true, apiItem: true });
		// a follower who is not a contact gets it in the feed; a contact who does not follow does not (help point 8)
		expect((await seenBy(id, follower)).feed).toBe(true);
		expect((await seenBy(id, sophie)).feed).toBe(false);
		const later = new Date(now.getTime() + 3 * DAY);
		for (const who of [paul, follower, stranger]) expect((await seenBy(id, who, later)).tab).toBe(false);
		expect((await homeFeed(as(follower), {}, later)).items.map((i) => i.id)).not.toContain(id);
		expect((await myPublications(as(claire), later)).find((p) => p.id === id)).toMatchObject({ expired: true });

		await rejection(hidePublication(as(paul), id));
		await hidePublication(as(moderator), id);
		for (const who of [paul, follower, stranger, null]) expect(await seenBy(id, who)).toEqual(nowhere);
		expect((await publicationPage(as(claire), id)).publication.hidden).toBe(true);
		expect((await publicationPage(as(moderator), id)).canHide).toBe(true);
	});

	it('members-only posts: logged-in members, never visitors', async () => {
		const { id } = await publish(as(claire), ad({ audience: 'members', title: 'Refonte de site (membres)' }));
		expect((await seenBy(id, stranger)).tab).toBe(true);
		expect(await seenBy(id, null)).toEqual(nowhere);
	});

	it('news are always public', async () => {
		expect((await rejection(publish(as(claire), ad({ kind: 'news', audience: 'contacts' })))).fields).toHaveProperty('audience');
		expect((await rejection(publish(as(claire), ad({ kind: 'job' })))).fields).toHaveProperty('kind');
	});
});

describe('publishing in a company’s name', () => {
	it('only its active advertisers and admins; a former advertiser no longer can; company followers receive it', async () => {
		const post = await publish(as(claire), ad({ kind: 'news', companyId, title: 'La coopérative recrute des freelances' }));
		await ctx.deliverEvents();
		expect((await homeFeed(as(companyFollower))).items.map((i) => i.id)).toContain(post.id);
		expect((await rejection(publish(as(employee), ad({ companyId })))).kind).toBe('forbidden');
		expect((await rejection(publish(as(paul), ad({ companyId })))).kind).toBe('forbidden');
		expect((await rejection(publish(null, ad({ companyId })))).kind).toBe('unauthenticated');
		// the company's admin demotes Claire: she can no longer publish for it, nor edit the company post
		await setMemberRole(as(stranger), companySlug, { memberId: claire.id, role: 'employee' });
		expect((await rejection(publish(as(claire), ad({ companyId })))).kind).toBe('forbidden');
		expect((await rejection(closePublication(as(claire), post.id))).kind).toBe('forbidden');
		// the company admin manages every post in its name
		await closePublication(as(stranger), post.id);
		expect((await homeFeed(as(companyFollower))).items.map((i) => i.id)).not.toContain(post.id);
		await setMemberRole(as(stranger), companySlug, { memberId: claire.id, role: 'advertiser' });
	});
});

describe('editing, text and notifications', () => {
	it('the text is sanitized on the server: no script, no event handler, links rel=nofollow', async () => {
		const { id } = await publish(as(claire), ad({ body: '<p onclick="x()">Bonjour <script>alert(1)</script><a href="javascript:alert(1)">piège</a> <a href="https://exemple.fr">site</a><img src=x onerror=alert(1)></p>' }));
		const { publication } = await publicationPage(null, id);
		expect(publication.bodyHtml).not.toMatch(/script|onclick|onerror|javascript|<img/i);
		expect(publication.bodyHtml).toContain('<a href="https://exemple.fr" rel="nofollow noopener noreferrer" target="_blank">site</a>');
		expect(publication.place).toContain('Lyon');
		await updatePublication(as(claire), id, ad({ title: 'Refonte de site — nouveau titre', price: '1 200,50', place: 'Villeurbanne' }));
		const edited = (await publicationPage(null, id)).publication;
		expect(edited).toMatchObject({ title: 'Refonte de site — nouveau titre', priceCents: 120050 });
		expect((await rejection(updatePublication(as(paul), id, ad()))).kind).toBe('forbidden');
		await deletePublication(as(claire), id);
		expect((await rejection(publicationPage(as(claire), id))).kind).toBe('not_found');
	});

	it('recipients of a private ad are notified (e-mail by default); followers of new public posts, grouped; nobody else', async () => {
		await ctx.prisma.notification.deleteMany({});
		await ctx.deliverEvents();
		const arrived: string[][] = [];
		const stop = context().events.on('publication.arrived', (e) => arrived.push(e.memberIds));
		const priv = await publish(as(claire), ad({ audience: 'selected', groupIds: [groupId], title: 'Offre privée Clients Lyon' }));
		const pub = await publish(as(claire), ad({ kind: 'news', title: 'Nouvelle actualité publique' }));
		await ctx.deliverEvents();
		stop();
		const types = async (m: M) => (await listNotifications(as(m))).items.map((n) => `${n.type}:${(n.data as { title?: string }).title}`);
		expect(await types(paul)).toEqual(['publication.addressed:Offre privée Clients Lyon']);
		expect(await types(sophie)).toEqual([]);
		expect(await types(follower)).toEqual(['publication.followed:Nouvelle actualité publique']);
		expect(await types(stranger)).toEqual([]);
		expect((await listNotifications(as(paul))).items[0]!.href).toBe(`/publications/${priv.id}`);
		expect(await ctx.prisma.notification.findFirst({ where: { recipientId: paul.id }, select: { channel: true } })).toEqual({ channel: 'email' });
		// the live banner goes to those whose feed it entered
		expect(arrived.map((ids) => ids.sort())).toEqual([[paul.id, gina.id].sort(), [follower.id]]);
		void pub;
	});

	it('anyone logged in may report a publication they can read; it joins the moderators’ queue', async () => {
		const { id } = await publish(as(claire), ad({ title: 'Annonce douteuse' }));
		const { reportId } = await reportPublication(as(stranger), id, { reason: 'scam', details: 'prix trop bas' });
		expect(await ctx.prisma.report.findUnique({ where: { id: reportId } })).toMatchObject({ publicationId: id, memberId: claire.id, reason: 'scam' });
		expect((await rejection(reportPublication(null, id, { reason: 'scam' }))).kind).toBe('unauthenticated');
	});
});

describe('home feed and search', () => {
	it('newest first with a keyset cursor, no duplicates across pages', async () => {
		const author = await makeMember(ctx);
		const reader = await makeMember(ctx);
		await followMember(as(reader), { memberId: author.id });
		const base = Date.now() - 60 * 60_000;
		for (let i = 0; i < 25; i++) await publish(as(author), ad({ kind: 'news', title: `Actualité numéro ${i}` }), [], new Date(base + i * 60_000));
		await ctx.deliverEvents();
		const first = await homeFeed(as(reader));
		expect(first.items).toHaveLength(20);
		expect(first.items[0]!.title).toBe('Actualité numéro 24');
		expect(first.nextCursor).toBeTruthy();
		const second = await homeFeed(as(reader), { cursor: first.nextCursor });
		expect(second.items.map((i) => i.title)).toEqual([4, 3, 2, 1, 0].map((i) => `Actualité numéro ${i}`));
		expect(second.nextCursor).toBeNull();
		expect((await rejection(homeFeed(as(reader), { cursor: 'nimporte' }))).kind).toBe('invalid');
		// unfollowing empties the feed of that source at once
		await unfollowMember(as(reader), { memberId: author.id });
		expect((await homeFeed(as(reader))).items).toEqual([]);
	});

	it('French full text: accents, plurals, typos; place + radius; company', async () => {
		const { id } = await publish(as(claire), ad({ kind: 'demand', title: 'Recherche électricien pour mise aux normes', body: 'Installation électrique de nos bureaux, devis souhaités.', place: 'Villeurbanne' }));
		const ids = async (q: Record<string, string>) => (await searchPublications(null, { type: 'demand', ...q })).items.map((i) => i.id);
		expect(await ids({ q: 'electricien' })).toContain(id);
		expect(await ids({ q: 'ÉLECTRICIENS' })).toContain(id);
		expect(await ids({ q: 'devis' })).toContain(id);
		expect(await ids({ q: 'electricein' })).toContain(id);
		expect(await ids({ q: 'plombier' })).not.toContain(id);
		expect(await ids({ place: 'Lyon', radius: '10' })).toContain(id);
		expect(await ids({ place: 'Marseille', radius: '10' })).not.toContain(id);
		expect(await ids({ place: 'Rhône' })).toContain(id);
		const companyPost = await publish(as(claire), ad({ kind: 'demand', companyId, title: 'Recherche graphiste' }));
		expect(await ids({ company: companySlug })).toEqual([companyPost.id]);
		const res = await apiList((await requestEvent('/api/v1/publications?radius=abc', null)) as never);
		expect(res.status).toBe(400);
	});

	it('the OpenAPI document lists every parameter the endpoint accepts', async () => {
		const res = await getOpenApi((await requestEvent('/api/v1/openapi.json', null)) as never);
		const doc = (await res.json()) as { paths: Record<string, { get: { parameters: { name: string }[] } }> };
		expect(doc.paths['/publications']!.get.parameters.map((p) => p.name).sort()).toEqual(Object.keys(tabQuery.shape).sort());
		expect(doc.paths['/publications/{id}']).toBeDefined();
	});
});
