import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { memberCard, requireMember, type Actor } from './access.ts';
import { toCard } from './follows.ts';
import { groupCreateInput, groupEntryInput, groupId, groupRenameInput } from './inputs.ts';

/**
 * Contact groups segment the owner's own contacts (PROETHEEC "groupes de contacts"). A contact may
 * sit in several groups. The database itself ties an entry to the owner's Contact row, so removing
 * a contact removes its entries; the domain checks first to give a clear message.
 */

const nameTaken = () => conflict('relations.error.group_name_taken', { name: 'relations.error.group_name_taken' });

async function assertNameFree(ownerId: string, name: string, exceptId?: string) {
	// names are unique per owner regardless of case: "Clients" and "clients" would confuse
	const clash = await context().db.contactGroup.findFirst({
		where: { ownerId, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
		select: { id: true }
	});
	if (clash) throw nameTaken();
}

function uniqueViolation(error: unknown) {
	return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

async function ownGroup(ownerId: string, id: string) {
	const group = await context().db.contactGroup.findFirst({ where: { id, ownerId }, select: { id: true, name: true } });
	if (!group) throw notFound('relations.error.group_not_found');
	return group;
}

export async function listGroups(actor: Actor) {
	const ownerId = requireMember(actor);
	const groups = await context().db.contactGroup.findMany({
		where: { ownerId },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, _count: { select: { entries: { where: { member: { status: 'active' } } } } } }
	});
	return groups.map((g) => ({ id: g.id, name: g.name, size: g._count.entries }));
}

export async function createGroup(actor: Actor, raw: unknown): Promise<{ id: string }> {
	const ownerId = requireMember(actor);
	const { name } = parseInput(groupCreateInput, raw);
	await assertNameFree(ownerId, name);
	try {
		return await context().db.contactGroup.create({ data: { ownerId, name }, select: { id: true } });
	} catch (error) {
		if (uniqueViolation(error)) throw nameTaken();
		throw error;
	}
}

export async function renameGroup(actor: Actor, raw: unknown): Promise<void> {
	const ownerId = requireMember(actor);
	const input = parseInput(groupRenameInput, raw);
	await ownGroup(ownerId, input.groupId);
	await assertNameFree(ownerId, input.name, input.groupId);
	try {
		await context().db.contactGroup.updateMany({ where: { id: input.groupId, ownerId }, data: { name: input.name } });
	} catch (error) {
		if (uniqueViolation(error)) throw nameTaken();
		throw error;
	}
}

/** Deleting a group keeps the contacts: only the segment goes. */
export async function deleteGroup(actor: Actor, raw: unknown): Promise<void> {
	const ownerId = requireMember(actor);
	const { groupId: id } = parseInput(groupId, raw);
	const { count } = await context().db.contactGroup.deleteMany({ where: { id, ownerId } });
	if (count === 0) throw notFound('relations.error.group_not_found');
}

/** A group with its members, and the owner's other contacts that could join it. */
export async function groupDetail(actor: Actor, raw: unknown) {
	const ownerId = requireMember(actor);
	const { groupId: id } = parseInput(groupId, raw);
	const group = await ownGroup(ownerId, id);
	const contacts = await context().db.contact.findMany({
		where: { ownerId, other: { status: 'active' } },
		orderBy: [{ other: { lastName: 'asc' } }, { other: { firstName: 'asc' } }],
		select: { other: { select: memberCard }, groupEntries: { where: { groupId: id }, select: { groupId: true } } }
	});
	return {
		id: group.id,
		name: group.name,
		members: contacts.filter((c) => c.groupEntries.length > 0).map((c) => toCard(c.other)),
		candidates: contacts.filter((c) => c.groupEntries.length === 0).map((c) => toCard(c.other))
	};
}

/** Only the owner's own contacts can be added; adding one already there changes nothing. */
export async function addToGroup(actor: Actor, raw: unknown): Promise<void> {
	const ownerId = requireMember(actor);
	const input = parseInput(groupEntryInput, raw);
	await ownGroup(ownerId, input.groupId);
	const { db } = context();
	const contact = await db.contact.findUnique({ where: { ownerId_otherId: { ownerId, otherId: input.memberId } }, select: { ownerId: true } });
	if (!contact) throw invalid('relations.error.not_contact', { memberId: 'relations.error.not_contact' });
	try {
		await db.contactGroupMember.createMany({ data: [{ groupId: input.groupId, ownerId, memberId: input.memberId }], skipDuplicates: true });
	} catch (error) {
		// the contact was removed between the check and the insert: the foreign key says no
		if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2003') throw invalid('relations.error.not_contact');
		throw error;
	}
}

export async function removeFromGroup(actor: Actor, raw: unknown): Promise<void> {
	const ownerId = requireMember(actor);
	const input = parseInput(groupEntryInput, raw);
	await ownGroup(ownerId, input.groupId);
	const { count } = await context().db.contactGroupMember.deleteMany({ where: { groupId: input.groupId, ownerId, memberId: input.memberId } });
	if (count === 0) throw notFound('relations.error.not_in_group');
}
