import { context } from '../context.ts';
import { invalid, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { deleteUpload, saveImages } from '../uploads/index.ts';
import { catalogItemInput, catalogItemTargetInput, catalogItemUpdateInput, catalogMoveInput, catalogPhotoInput } from './inputs.ts';
import { lockCompany, requireCatalogManager, type Actor, type Tx } from './access.ts';

/**
 * A company's products and services (PROETHEEC help point 4): reference, name, description,
 * price (null = "sur devis"), unit and up to 3 photos. Admins and advertisers manage it.
 */
export const MAX_CATALOG_PHOTOS = 3;

const tooManyPhotos = () => invalid('companies.error.photos_limit', { photos: 'companies.error.photos_limit' });

/** At most MAX_CATALOG_PHOTOS photos, all stored or none (saveImages). */
async function storePhotos(files: Uint8Array[]): Promise<string[]> {
	if (files.length > MAX_CATALOG_PHOTOS) throw tooManyPhotos();
	return saveImages(files, 'catalog', 'photos');
}

/** Runs `change` with the company locked and the actor checked; photos stored for a change that fails are deleted. */
async function withCatalog<T>(actor: Actor, slug: unknown, photos: string[], change: (tx: Tx, companyId: string) => Promise<T>): Promise<T> {
	try {
		return await context().db.$transaction(async (tx) => {
			const companyId = await lockCompany(tx, slug);
			await requireCatalogManager(tx, actor, companyId);
			return change(tx, companyId);
		});
	} catch (error) {
		await Promise.all(photos.map(deleteUpload));
		throw error;
	}
}

async function itemOf(tx: Tx, companyId: string, itemId: string) {
	const item = await tx.catalogItem.findFirst({ where: { id: itemId, companyId }, select: { id: true, photos: true, position: true } });
	if (!item) throw notFound('companies.error.item_not_found');
	return item;
}

function itemFields(input: { reference?: string; name: string; description?: string; price?: number; unit?: string }) {
	return { reference: input.reference ?? null, name: input.name, description: input.description ?? null, priceCents: input.price ?? null, unit: input.unit ?? null };
}

/** Adds an item at the end of the catalog, with up to 3 photos. */
export async function addCatalogItem(actor: Actor, slug: unknown, raw: unknown, photoFiles: Uint8Array[] = []): Promise<{ id: string }> {
	const input = parseInput(catalogItemInput, raw);
	if (photoFiles.length > MAX_CATALOG_PHOTOS) throw tooManyPhotos();
	// who may act is checked before any file is processed
	await withCatalog(actor, slug, [], async () => undefined);
	const photos = await storePhotos(photoFiles);
	return withCatalog(actor, slug, photos, async (tx, companyId) => {
		const last = await tx.catalogItem.aggregate({ where: { companyId }, _max: { position: true } });
		return tx.catalogItem.create({ data: { companyId, ...itemFields(input), photos, position: (last._max.position ?? -1) + 1 }, select: { id: true } });
	});
}

/** Edits an item's text and adds photos (the total staying within 3). */
export async function updateCatalogItem(actor: Actor, slug: unknown, raw: unknown, newPhotoFiles: Uint8Array[] = []): Promise<void> {
	const input = parseInput(catalogItemUpdateInput, raw);
	if (newPhotoFiles.length > MAX_CATALOG_PHOTOS) throw tooManyPhotos();
	const current = await withCatalog(actor, slug, [], (tx, companyId) => itemOf(tx, companyId, input.itemId));
	if (current.photos.length + newPhotoFiles.length > MAX_CATALOG_PHOTOS) throw tooManyPhotos();
	const added = await storePhotos(newPhotoFiles);
	await withCatalog(actor, slug, added, async (tx, companyId) => {
		// read again under the lock: a concurrent upload may have used the free places
		const item = await itemOf(tx, companyId, input.itemId);
		if (item.photos.length + added.length > MAX_CATALOG_PHOTOS) throw tooManyPhotos();
		await tx.catalogItem.update({ where: { id: item.id }, data: { ...itemFields(input), photos: [...item.photos, ...added] } });
	});
}

/** Deletes an item and its photo files. */
export async function deleteCatalogItem(actor: Actor, slug: unknown, raw: unknown): Promise<void> {
	const { itemId } = parseInput(catalogItemTargetInput, raw);
	const removed = await withCatalog(actor, slug, [], async (tx, companyId) => {
		const item = await itemOf(tx, companyId, itemId);
		await tx.catalogItem.delete({ where: { id: item.id } });
		return item.photos;
	});
	await Promise.all(removed.map(deleteUpload));
}

/** Deletes one photo of an item (and its file). */
export async function deleteCatalogPhoto(actor: Actor, slug: unknown, raw: unknown): Promise<void> {
	const { itemId, photo } = parseInput(catalogPhotoInput, raw);
	await withCatalog(actor, slug, [], async (tx, companyId) => {
		const item = await itemOf(tx, companyId, itemId);
		if (!item.photos.includes(photo)) throw notFound('companies.error.photo_not_found');
		await tx.catalogItem.update({ where: { id: item.id }, data: { photos: item.photos.filter((p) => p !== photo) } });
	});
	await deleteUpload(photo);
}

/** Moves an item one place up or down; positions are renumbered 0…n-1. */
export async function moveCatalogItem(actor: Actor, slug: unknown, raw: unknown): Promise<void> {
	const { itemId, direction } = parseInput(catalogMoveInput, raw);
	await withCatalog(actor, slug, [], async (tx, companyId) => {
		await itemOf(tx, companyId, itemId);
		const items = await tx.catalogItem.findMany({ where: { companyId }, orderBy: [{ position: 'asc' }, { createdAt: 'asc' }], select: { id: true, position: true } });
		const from = items.findIndex((i) => i.id === itemId);
		const to = direction === 'up' ? from - 1 : from + 1;
		if (to < 0 || to >= items.length) return;
		[items[from], items[to]] = [items[to]!, items[from]!];
		for (const [position, item] of items.entries()) {
			if (item.position !== position) await tx.catalogItem.update({ where: { id: item.id }, data: { position } });
		}
	});
}
