import { context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { memberSearchStale } from '../members/search-sync.ts';
import { acceptImage, acceptPdf, deleteUpload, saveUpload } from '../uploads/index.ts';
import type { ProfileDocumentKind } from '../generated/prisma/client.ts';
import { requireMember, type Actor } from './access.ts';
import { DOCUMENT_LIMIT, GALLERY_LIMIT, documentTitleInput, galleryTitleInput, idInput, moveInput } from './inputs.ts';

/**
 * Photo, gallery and PDF documents. A file is judged by its content (uploads module), written
 * under a generated name, and only then referenced by a row; if the row cannot be written the file
 * is deleted again, and deleting a row deletes its file. Nothing is ever half-written.
 */

/** Saves the file, runs `write`, and removes the file again if `write` fails. */
async function withSavedFile<T>(bytes: Uint8Array, extension: 'webp' | 'pdf', write: (storedName: string) => Promise<T>): Promise<T> {
	const storedName = await saveUpload(bytes, extension);
	try {
		return await write(storedName);
	} catch (error) {
		await deleteUpload(storedName);
		throw error;
	}
}

/** Sets or replaces the member's photo; the previous file is deleted once the new one is in place. */
export async function setPhoto(actor: Actor, bytes: Uint8Array | null): Promise<{ photoPath: string }> {
	const memberId = requireMember(actor);
	const image = await acceptImage(bytes, 'photo', 'photo');
	const { db } = context();
	const previous = await withSavedFile(image.bytes, 'webp', async (storedName) =>
		db.$transaction(async (tx) => {
			const before = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { photoPath: true } });
			await tx.member.update({ where: { id: memberId }, data: { photoPath: storedName } });
			return { before: before.photoPath, storedName };
		})
	);
	await deleteUpload(previous.before);
	await memberSearchStale([memberId]);
	return { photoPath: previous.storedName };
}

export async function removePhoto(actor: Actor): Promise<void> {
	const memberId = requireMember(actor);
	const { db } = context();
	const before = await db.member.findUniqueOrThrow({ where: { id: memberId }, select: { photoPath: true } });
	if (!before.photoPath) return;
	// compare-and-clear: a concurrent replacement keeps its new file
	const { count } = await db.member.updateMany({ where: { id: memberId, photoPath: before.photoPath }, data: { photoPath: null } });
	if (count) await deleteUpload(before.photoPath);
	await memberSearchStale([memberId]);
}

/**
 * Adds a row of `kind` under the per-member limit. The member row is locked for the count, so two
 * simultaneous uploads cannot both take the last place.
 */
async function addDocument(memberId: string, kind: ProfileDocumentKind, limit: number, file: { bytes: Uint8Array; mimeType: string; extension: 'webp' | 'pdf' }, title: string | null) {
	const { db } = context();
	const limitError = () => conflict(kind === 'gallery_image' ? 'profiles.error.gallery_full' : 'profiles.error.documents_full', { file: kind === 'gallery_image' ? 'profiles.error.gallery_full' : 'profiles.error.documents_full' });
	// cheap refusal before any file is written
	if ((await db.profileDocument.count({ where: { memberId, kind } })) >= limit) throw limitError();
	return withSavedFile(file.bytes, file.extension, (storedName) =>
		db.$transaction(async (tx) => {
			await tx.$queryRaw`SELECT id FROM "Member" WHERE id = ${memberId}::uuid FOR UPDATE`;
			const count = await tx.profileDocument.count({ where: { memberId, kind } });
			if (count >= limit) throw limitError();
			const last = await tx.profileDocument.aggregate({ where: { memberId, kind }, _max: { position: true } });
			return tx.profileDocument.create({
				data: { memberId, kind, storedName, title, mimeType: file.mimeType, sizeBytes: file.bytes.byteLength, position: (last._max.position ?? -1) + 1 },
				select: { id: true, storedName: true }
			});
		})
	);
}

/** A gallery image (≤ 12 per member), re-encoded to WebP. */
export async function addGalleryImage(actor: Actor, bytes: Uint8Array | null, raw: unknown = {}): Promise<{ id: string; storedName: string }> {
	const memberId = requireMember(actor);
	const { title } = parseInput(galleryTitleInput, raw);
	if ((await context().db.profileDocument.count({ where: { memberId, kind: 'gallery_image' } })) >= GALLERY_LIMIT) {
		throw conflict('profiles.error.gallery_full', { file: 'profiles.error.gallery_full' });
	}
	const image = await acceptImage(bytes, 'gallery', 'file');
	return addDocument(memberId, 'gallery_image', GALLERY_LIMIT, { bytes: image.bytes, mimeType: image.mimeType, extension: 'webp' }, title ?? null);
}

/** A titled PDF document (≤ 10 per member), kept as sent once its content is checked. */
export async function addPdfDocument(actor: Actor, bytes: Uint8Array | null, raw: unknown): Promise<{ id: string; storedName: string }> {
	const memberId = requireMember(actor);
	const { title } = parseInput(documentTitleInput, raw);
	if ((await context().db.profileDocument.count({ where: { memberId, kind: 'pdf_document' } })) >= DOCUMENT_LIMIT) {
		throw conflict('profiles.error.documents_full', { file: 'profiles.error.documents_full' });
	}
	const pdf = await acceptPdf(bytes, 'file');
	return addDocument(memberId, 'pdf_document', DOCUMENT_LIMIT, { bytes: pdf.bytes, mimeType: pdf.mimeType, extension: 'pdf' }, title);
}

/** Renames a gallery image or a document of the acting member. */
export async function retitleDocument(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { id } = parseInput(idInput, raw);
	const { db } = context();
	const row = await db.profileDocument.findFirst({ where: { id, memberId }, select: { kind: true } });
	if (!row) throw notFound();
	const title = row.kind === 'pdf_document' ? parseInput(documentTitleInput, raw).title : (parseInput(galleryTitleInput, raw).title ?? null);
	await db.profileDocument.updateMany({ where: { id, memberId }, data: { title } });
}

/** Deletes a gallery image or a document of the acting member, and its file. */
export async function deleteDocument(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { id } = parseInput(idInput, raw);
	const { db } = context();
	const row = await db.profileDocument.findFirst({ where: { id, memberId }, select: { storedName: true } });
	if (!row) throw notFound();
	const { count } = await db.profileDocument.deleteMany({ where: { id, memberId } });
	if (count) await deleteUpload(row.storedName);
}

/**
 * Moves a gallery image or a document one place up or down among its kind. Positions are
 * renumbered 0..n-1 in the same transaction, so gaps and ties left by deletions never stick.
 */
export async function moveDocument(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { id, direction } = parseInput(moveInput, raw);
	const { db } = context();
	await db.$transaction(async (tx) => {
		await tx.$queryRaw`SELECT id FROM "Member" WHERE id = ${memberId}::uuid FOR UPDATE`;
		const row = await tx.profileDocument.findFirst({ where: { id, memberId }, select: { kind: true } });
		if (!row) throw notFound();
		const rows = await tx.profileDocument.findMany({ where: { memberId, kind: row.kind }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, position: true } });
		const index = rows.findIndex((r) => r.id === id);
		const target = direction === 'up' ? index - 1 : index + 1;
		if (target < 0 || target >= rows.length) return;
		[rows[index], rows[target]] = [rows[target], rows[index]];
		for (const [position, r] of rows.entries()) {
			if (r.position !== position) await tx.profileDocument.update({ where: { id: r.id }, data: { position } });
		}
	});
}
