import { randomUUID } from 'node:crypto';
import { uploadStorage } from './storage.ts';
import { acceptImage, type ImageKind } from './accept.ts';

/**
 * Uploaded files live under UPLOADS_DIR (default DATA_DIR/uploads), or in S3-compatible object
 * storage (storage.ts), with generated names — never the uploader's file name.
 */
export type StoredExtension = 'webp' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp';

const NAME = /^(private-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(webp|pdf|docx|xlsx|pptx|odt|ods|odp)$/;
const PRIVATE_PREFIX = 'private-';

const CONTENT_TYPES: Record<StoredExtension, string> = {
	webp: 'image/webp',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation'
};

export function isStoredName(name: string): boolean {
	return NAME.test(name);
}

/**
 * A private file (a chat attachment, a CV, a certificate, a consultation's documents) is only ever
 * served by its domain's guarded route: /media refuses it even to someone who learnt its name.
 */
export function isPrivateUpload(name: string): boolean {
	return name.startsWith(PRIVATE_PREFIX);
}

/**
 * Stored whole or not at all (a local file is renamed into place; an S3 object is one PUT).
 * `private`: see isPrivateUpload.
 */
export async function saveUpload(bytes: Uint8Array, extension: StoredExtension, options: { private?: boolean } = {}): Promise<string> {
	const name = `${options.private ? PRIVATE_PREFIX : ''}${randomUUID()}.${extension}`;
	await (await uploadStorage()).put(name, bytes, CONTENT_TYPES[extension]);
	return name;
}

export async function deleteUpload(name: string | null | undefined): Promise<void> {
	if (!name || !isStoredName(name)) return;
	await (await uploadStorage()).remove(name);
}

export async function openUpload(name: string) {
	if (!isStoredName(name)) return null;
	const found = await (await uploadStorage()).open(name);
	return found ? { ...found, extension: name.slice(name.lastIndexOf('.') + 1) as StoredExtension } : null;
}

/** Public address of a stored image or PDF (served by src/routes/media/[name]); office documents are only served by their domain's guarded routes. */
export function mediaUrl(name: string | null | undefined): string | null {
	return name && isStoredName(name) && !isPrivateUpload(name) && /\.(webp|pdf)$/.test(name) ? `/media/${name}` : null;
}

/**
 * Photos of one item (a catalogue entry, a publication): every file is checked and re-encoded to
 * WebP before any is stored, and a failure while storing removes those already written — one bad
 * file stores none. Returns the stored names in order.
 */
export async function saveImages(files: Uint8Array[], kind: ImageKind, field: string): Promise<string[]> {
	const images = [];
	for (const file of files) images.push(await acceptImage(file, kind, field));
	const names: string[] = [];
	try {
		for (const image of images) names.push(await saveUpload(image.bytes, 'webp'));
	} catch (error) {
		await Promise.all(names.map(deleteUpload));
		throw error;
	}
	return names;
}
