import { z } from 'zod';
import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { optionalText, parseInput, requiredText } from '../validation.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { criteriaInput, criteriaParams, type Criteria } from './search.ts';
import { Prisma } from '../generated/prisma/client.ts';

/** Saved searches and favourites belong to buyers and cooperatives (`referencing.use`). */
async function user(actor: ActorRef): Promise<string> {
	const resolved = await requirePermission(actor, 'referencing.use');
	return resolved!.memberId;
}

const nameInput = z.object({ name: requiredText(120) });
const commentInput = z.object({ comment: optionalText(500) });
const id = z.uuid({ error: 'referencing.error.not_found' });

// ── "Mes recherches favorites" ──

export async function saveSearch(actor: ActorRef, raw: Record<string, unknown>): Promise<{ id: string }> {
	const memberId = await user(actor);
	const { name } = parseInput(nameInput, raw);
	const { page: _page, ...criteria } = parseInput(criteriaInput, raw);
	void _page;
	return context().db.cooperativeSavedSearch.create({ data: { memberId, name, criteria: criteria as unknown as Prisma.InputJsonValue }, select: { id: true } });
}

export async function savedSearches(actor: ActorRef) {
	const memberId = await user(actor);
	const rows = await context().db.cooperativeSavedSearch.findMany({ where: { memberId }, orderBy: { createdAt: 'desc' } });
	return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.createdAt, criteria: r.criteria as Partial<Criteria>, query: criteriaParams(r.criteria as Partial<Criteria>) }));
}

async function ownSearch(memberId: string, raw: unknown) {
	const searchId = parseInput(id, raw);
	const row = await context().db.cooperativeSavedSearch.findUnique({ where: { id: searchId } });
	if (!row || row.memberId !== memberId) throw notFound('referencing.error.not_found');
	return row;
}

export async function renameSearch(actor: ActorRef, searchId: unknown, raw: unknown): Promise<void> {
	const memberId = await user(actor);
	const row = await ownSearch(memberId, searchId);
	const { name } = parseInput(nameInput, raw);
	await context().db.cooperativeSavedSearch.update({ where: { id: row.id }, data: { name } });
}

export async function deleteSearch(actor: ActorRef, searchId: unknown): Promise<void> {
	const memberId = await user(actor);
	const row = await ownSearch(memberId, searchId);
	await context().db.cooperativeSavedSearch.delete({ where: { id: row.id } });
}

// ── "Mes entreprises coopératives favorites" ──

/** Adds an approved record (or updates the comment when it is already there). */
export async function addFavorite(actor: ActorRef, recordId: unknown, raw: unknown): Promise<void> {
	const memberId = await user(actor);
	const rid = parseInput(id, recordId);
	const { comment } = parseInput(commentInput, raw);
	const { db } = context();
	const record = await db.cooperativeRecord.findUnique({ where: { id: rid }, select: { status: true } });
	if (record?.status !== 'approved') throw notFound('referencing.error.no_record');
	await db.cooperativeFavorite.upsert({ where: { memberId_recordId: { memberId, recordId: rid } }, create: { memberId, recordId: rid, comment: comment ?? null }, update: comment !== undefined ? { comment } : {} });
}

export async function editFavorite(actor: ActorRef, recordId: unknown, raw: unknown): Promise<void> {
	const memberId = await user(actor);
	const rid = parseInput(id, recordId);
	const { comment } = parseInput(commentInput, raw);
	const updated = await context().db.cooperativeFavorite.updateMany({ where: { memberId, recordId: rid }, data: { comment: comment ?? null } });
	if (!updated.count) throw notFound('referencing.error.not_found');
}

export async function removeFavorite(actor: ActorRef, recordId: unknown): Promise<void> {
	const memberId = await user(actor);
	const rid = parseInput(id, recordId);
	await context().db.cooperativeFavorite.deleteMany({ where: { memberId, recordId: rid } });
}

/** The favourites, newest first; a record no longer approved stays listed but greyed (not openable). */
export async function favorites(actor: ActorRef) {
	const memberId = await user(actor);
	const rows = await context().db.cooperativeFavorite.findMany({ where: { memberId }, orderBy: { createdAt: 'desc' }, include: { record: { select: { id: true, status: true, company: { select: { title: true, city: true, sector: true } } } } } });
	return rows.map((f) => ({ recordId: f.recordId, name: f.record.company?.title ?? '—', city: f.record.company?.city ?? null, sector: f.record.company?.sector ?? null, listed: f.record.status === 'approved', comment: f.comment, createdAt: f.createdAt }));
}
