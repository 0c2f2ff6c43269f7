import { randomUUID } from 'node:crypto';
import { uploadStorage } from './storage.ts';

/**
 * Uploaded files live under UPLOADS_DIR (default DATA_DIR/uploads), or in S3-compatible object
 * storage (storage.ts), with generated names — never the uploader's file name.
 */
export type StoredExtension = 'webp' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp';

const NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(webp|pdf|docx|xlsx|pptx|odt|ods|odp)$/;

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

/** Stored whole or not at all (a local file is renamed into place; an S3 object is one PUT). */
export async function saveUpload(bytes: Uint8Array, extension: StoredExtension): Promise<string> {
	const name = `${randomUUID()}.${extension}`;
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
	return name && isStoredName(name) && /\.(webp|pdf)$/.test(name) ? `/media/${name}` : null;
}
