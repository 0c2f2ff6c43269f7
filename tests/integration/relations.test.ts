import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import {
	acceptContactRequest,
	addToGroup,
	cancelContactRequest,
	createGroup,
	declineContactRequest,
	deleteGroup,
	followMember,
	groupDetail,
	listContactRequests,
	listContacts,
	listFollowers,
	listFollowing,
	listGroups,
	relationState,
	removeContact,
	removeFromGroup,
	renameGroup,
	sendContactRequest,
	unfollowMember
} from '../../src/lib/server/relations/index.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

let counter = 0;
async function member(extra: { status?: 'active' | 'pending' | 'deactivated'; acceptsContactRequests?: boolean; visibleInDirectory?: boolean } = {}) {
	counter += 1;
	const row = await ctx.prisma.member.create({
		data: {
			email: `r${counter}.${Date.now()}@exemple.fr`,
			firstName: `Membre${counter}`,
			lastName: `Relation${String(counter).padStart(3, '0')}`,
			slug: `membre-relation-${counter}-${Date.now().toString(36)}`,
			category: 'freelance',
			status: extra.status ?? 'active',
			acceptsContactRequests: extra.acceptsContactRequests ?? true,
			visibleInDirectory: extra.visibleInDirectory ?? true
		}
	});
	return { id: row.id, actor: { memberId: row.id } };
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
	const error = await promise.then(() => null, (e: unknown) => e);
	if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
	return error;
}

const pairRows = (a: string, b: string) =>
	ctx.prisma.contact.count({
		where: {
			OR: [
				{ ownerId: a, otherId: b },
				{ ownerId: b, otherId: a }
			]
		}
	});

/** a and b become contacts through a request */
async function connect(a: { id: string; actor: { memberId: string } }, b: { id: string; actor: { memberId: string } }) {
	const sent = await sendContactRequest(a.actor, { memberId: b.id });
	if (sent.outcome !== 'requested') throw new Error('expected a new request');
	await acceptContactRequest(b.actor, { requestId: sent.requestId });
}

describe('follow', () => {
	it('is one-way, idempotent, never oneself; lists following and followers', async () => {
		const a = await member();
		const b = await member();
		await followMember(a.actor, { memberId: b.id });
		await followMember(a.actor, { memberId: b.id });
		expect(await ctx.prisma.follow.count({ where: { followerId: a.id } })).toBe(1);
		expect((await listFollowing(a.actor)).members.map((m) => m.id)).toEqual([b.id]);
		expect((await listFollowers(b.actor)).map((m) => m.id)).toEqual([a.id]);
		expect(await listFollowers(a.actor)).toEqual([]);
		expect((await failure(followMember(a.actor, { memberId: a.id }))).key).toBe('relations.error.self_follow');
		expect((await failure(followMember(null, { memberId: b.id }))).kind).toBe('unauthenticated');
		const gone = await member({ status: 'deactivated' });
		expect((await failure(followMember(a.actor, { memberId: gone.id }))).kind).toBe('not_found');
		await unfollowMember(a.actor, { memberId: b.id });
		expect((await listFollowing(a.actor)).members).toEqual([]);
		expect((await failure(unfollowMember(a.actor, { memberId: b.id }))).kind).toBe('not_found');
	});

	it('lists the companies the member follows', async () => {
		const a = await member();
		const company = await ctx.prisma.company.create({ data: { slug: `atelier-${Date.now()}`, legalName: 'Atelier SARL', title: 'Atelier' } });
		await ctx.prisma.follow.create({ data: { followerId: a.id, followedCompanyId: company.id } });
		expect((await listFollowing(a.actor)).companies).toEqual([expect.objectContaining({ slug: company.slug, title: 'Atelier' })]);
	});
});

describe('contact requests', () => {
	it('accepting creates exactly one contact pair and closes the request', async () => {
		const a = await member();
		const b = await member();
		const sent = await sendContactRequest(a.actor, { memberId: b.id, message: 'Bonjour' });
		expect(sent.outcome).toBe('requested');
		const requests = await listContactRequests(b.actor);
		expect(requests.received.map((r) => [r.member.id, r.message])).toEqual([[a.id, 'Bonjour']]);
		expect((await listContactRequests(a.actor)).sent.map((r) => r.member.id)).toEqual([b.id]);
		if (sent.outcome !== 'requested') return;
		// only the recipient can accept
		expect((await failure(acceptContactRequest(a.actor, { requestId: sent.requestId }))).kind).toBe('not_found');
		await acceptContactRequest(b.actor, { requestId: sent.requestId });
		expect(await pairRows(a.id, b.id)).toBe(2);
		expect((await ctx.prisma.contactRequest.findUniqueOrThrow({ where: { id: sent.requestId } })).status).toBe('accepted');
		// answering twice changes nothing
		expect((await failure(acceptContactRequest(b.actor, { requestId: sent.requestId }))).key).toBe('relations.error.request_not_found');
		expect(await pairRows(a.id, b.id)).toBe(2);
		expect((await listContacts(a.actor)).map((c) => c.id)).toEqual([b.id]);
		expect((await listContacts(b.actor)).map((c) => c.id)).toEqual([a.id]);
		expect((await failure(sendContactRequest(b.actor, { memberId: a.id }))).key).toBe('relations.error.already_contacts');
		expect(await relationState(a.actor, { memberId: b.id })).toMatchObject({ contact: true, sentRequestId: null, receivedRequestId: null });
	});

	it('refuses duplicates; a crossing request accepts the pending one', async () => {
		const a = await member();
		const b = await member();
		await sendContactRequest(a.actor, { memberId: b.id });
		expect((await failure(sendContactRequest(a.actor, { memberId: b.id }))).key).toBe('relations.error.already_requested');
		expect(await ctx.prisma.contactRequest.count({ where: { requesterId: a.id, recipientId: b.id, status: 'pending' } })).toBe(1);
		const crossing = await sendContactRequest(b.actor, { memberId: a.id });
		expect(crossing).toEqual({ outcome: 'accepted' });
		expect(await pairRows(a.id, b.id)).toBe(2);
		expect(await ctx.prisma.contactRequest.count({ where: { status: 'pending', OR: [{ requesterId: a.id }, { requesterId: b.id }] } })).toBe(0);
	});

	it('simultaneous requests between two members leave one pending request or one contact pair', async () => {
		const a = await member();
		const b = await member();
		const results = await Promise.allSettled([
			sendContactRequest(a.actor, { memberId: b.id }),
			sendContactRequest(a.actor, { memberId: b.id }),
			sendContactRequest(b.actor, { memberId: a.id })
		]);
		expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
		const pending = await ctx.prisma.contactRequest.count({ where: { status: 'pending', OR: [{ requesterId: a.id }, { requesterId: b.id }] } });
		const pairs = await pairRows(a.id, b.id);
		expect(pending <= 1).toBe(true);
		expect([0, 2]).toContain(pairs);
		expect(pending === 1 && pairs === 2).toBe(false);
	});

	it('respects consent, refuses oneself and members who are not active', async () => {
		const a = await member();
		const closed = await member({ acceptsContactRequests: false });
		const error = await failure(sendContactRequest(a.actor, { memberId: closed.id }));
		expect([error.kind, error.key]).toEqual(['forbidden', 'relations.error.requests_closed']);
		expect(await relationState(a.actor, { memberId: closed.id })).toMatchObject({ acceptsRequests: false });
		expect((await failure(sendContactRequest(a.actor, { memberId: a.id }))).key).toBe('relations.error.self_request');
		for (const status of ['pending', 'deactivated'] as const) {
			const other = await member({ status });
			expect((await failure(sendContactRequest(a.actor, { memberId: other.id }))).kind).toBe('not_found');
		}
		expect((await failure(sendContactRequest(a.actor, { memberId: 'pas-un-uuid' }))).kind).toBe('invalid');
		expect(await ctx.prisma.contactRequest.count({ where: { requesterId: a.id } })).toBe(0);
		// a member who closed requests can still ask others
		await expect(sendContactRequest(closed.actor, { memberId: a.id })).resolves.toMatchObject({ outcome: 'requested' });
	});

	it('declines and cancels: only the right party, only while pending', async () => {
		const a = await member();
		const b = await member();
		const first = await sendContactRequest(a.actor, { memberId: b.id });
		if (first.outcome !== 'requested') throw new Error();
		expect((await failure(declineContactRequest(a.actor, { requestId: first.requestId }))).kind).toBe('not_found');
		expect((await failure(cancelContactRequest(b.actor, { requestId: first.requestId }))).kind).toBe('not_found');
		await declineContactRequest(b.actor, { requestId: first.requestId });
		expect((await ctx.prisma.contactRequest.findUniqueOrThrow({ where: { id: first.requestId } })).status).toBe('declined');
		expect(await pairRows(a.id, b.id)).toBe(0);
		// after a decline, a new request is possible; the requester can cancel it
		const second = await sendContactRequest(a.actor, { memberId: b.id });
		if (second.outcome !== 'requested') throw new Error();
		expect(await relationState(b.actor, { memberId: a.id })).toMatchObject({ receivedRequestId: second.requestId });
		await cancelContactRequest(a.actor, { requestId: second.requestId });
		expect((await ctx.prisma.contactRequest.findUniqueOrThrow({ where: { id: second.requestId } })).status).toBe('cancelled');
		expect((await listContactRequests(b.actor)).received).toEqual([]);
		expect((await failure(acceptContactRequest(b.actor, { requestId: second.requestId }))).kind).toBe('not_found');
	});

	it('removal is symmetric and takes both sides’ group entries with it', async () => {
		const a = await member();
		const b = await member();
		await connect(a, b);
		const ga = await createGroup(a.actor, { name: 'Clients' });
		const gb = await createGroup(b.actor, { name: 'Fournisseurs' });
		await addToGroup(a.actor, { groupId: ga.id, memberId: b.id });
		await addToGroup(b.actor, { groupId: gb.id, memberId: a.id });
		await removeContact(b.actor, { memberId: a.id });
		expect(await pairRows(a.id, b.id)).toBe(0);
		expect(await ctx.prisma.contactGroupMember.count({ where: { groupId: { in: [ga.id, gb.id] } } })).toBe(0);
		expect(await listContacts(a.actor)).toEqual([]);
		expect((await failure(removeContact(a.actor, { memberId: b.id }))).key).toBe('relations.error.not_contact');
		// groups themselves remain
		expect((await listGroups(a.actor)).map((g) => g.name)).toEqual(['Clients']);
	});
});

describe('contact groups', () => {
	it('holds only the owner’s contacts; a contact may be in two groups', async () => {
		const owner = await member();
		const friend = await member();
		const stranger = await member();
		const other = await member();
		await connect(owner, friend);
		await connect(other, stranger);
		const clients = await createGroup(owner.actor, { name: 'Clients' });
		const partners = await createGroup(owner.actor, { name: 'Partenaires' });
		await addToGroup(owner.actor, { groupId: clients.id, memberId: friend.id });
		await addToGroup(owner.actor, { groupId: partners.id, memberId: friend.id });
		await addToGroup(owner.actor, { groupId: partners.id, memberId: friend.id }); // already there
		expect((await listContacts(owner.actor))[0].groupIds.sort()).toEqual([clients.id, partners.id].sort());
		expect((await listGroups(owner.actor)).map((g) => [g.name, g.size])).toEqual([
			['Clients', 1],
			['Partenaires', 1]
		]);

		const notMine = await failure(addToGroup(owner.actor, { groupId: clients.id, memberId: stranger.id }));
		expect([notMine.kind, notMine.key]).toEqual(['invalid', 'relations.error.not_contact']);
		// another member's group cannot be touched
		expect((await failure(addToGroup(other.actor, { groupId: clients.id, memberId: stranger.id }))).key).toBe('relations.error.group_not_found');
		expect((await failure(renameGroup(other.actor, { groupId: clients.id, name: 'Volé' }))).kind).toBe('not_found');
		expect((await failure(deleteGroup(other.actor, { groupId: clients.id }))).kind).toBe('not_found');
		expect((await failure(groupDetail(other.actor, { groupId: clients.id }))).kind).toBe('not_found');
		expect((await failure(removeFromGroup(other.actor, { groupId: clients.id, memberId: friend.id }))).kind).toBe('not_found');

		const detail = await groupDetail(owner.actor, { groupId: clients.id });
		expect(detail.members.map((m) => m.id)).toEqual([friend.id]);
		expect(detail.candidates).toEqual([]);
		await removeFromGroup(owner.actor, { groupId: clients.id, memberId: friend.id });
		expect((await groupDetail(owner.actor, { groupId: clients.id })).candidates.map((m) => m.id)).toEqual([friend.id]);
		expect((await listContacts(owner.actor))[0].groupIds).toEqual([partners.id]);
	});

	it('has unique names per owner (case aside), renames and deletes', async () => {
		const owner = await member();
		const other = await member();
		const g = await createGroup(owner.actor, { name: 'Clients' });
		const taken = await failure(createGroup(owner.actor, { name: ' clients ' }));
		expect([taken.kind, taken.fields.name]).toEqual(['conflict', 'relations.error.group_name_taken']);
		await createGroup(other.actor, { name: 'Clients' }); // another owner may
		const second = await createGroup(owner.actor, { name: 'Prospects' });
		expect((await failure(renameGroup(owner.actor, { groupId: second.id, name: 'CLIENTS' }))).key).toBe('relations.error.group_name_taken');
		await renameGroup(owner.actor, { groupId: g.id, name: 'clients' }); // its own name, other case
		await renameGroup(owner.actor, { groupId: second.id, name: 'Prospects 2026' });
		expect((await failure(createGroup(owner.actor, { name: '' }))).fields.name).toBe('error.required');
		expect((await failure(createGroup(owner.actor, { name: 'x'.repeat(61) }))).fields.name).toBe('error.too_long');
		await deleteGroup(owner.actor, { groupId: g.id });
		expect((await listGroups(owner.actor)).map((x) => x.name)).toEqual(['Prospects 2026']);
	});
});
