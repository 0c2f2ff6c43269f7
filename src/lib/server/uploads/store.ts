import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { context } from '../context.ts';

/**
 * Uploaded files live under UPLOADS_DIR (default DATA_DIR/uploads) with generated names — never
 * the uploader's file name. Object storage would implement the same three functions.
 */
export type StoredExtension = 'webp' | 'pdf' | 'docx' | 'xlsx' | 'pptx' | 'odt' | 'ods' | 'odp';

const NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(webp|pdf|docx|xlsx|pptx|odt|ods|odp)$/;

export function isStoredName(name: string): boolean {
	return NAME.test(name);
}

function dir() {
	return context().uploadsDir;
}

/** Written to a temporary file first, then renamed: a crash never leaves half a file under its name. */
export async function saveUpload(bytes: Uint8Array, extension: StoredExtension): Promise<string> {
	const name = `${randomUUID()}.${extension}`;
	await mkdir(dir(), { recursive: true });
	const temporary = path.join(dir(), `.${name}.part`);
	await writeFile(temporary, bytes, { flag: 'wx' });
	await rename(temporary, path.join(dir(), name));
	return name;
}

export async function deleteUpload(name: string | null | undefined): Promise<void> {
	if (!name || !isStoredName(name)) return;
	await rm(path.join(dir(), name), { force: true });
}

export async function openUpload(name: string) {
	if (!isStoredName(name)) return null;
	const file = path.join(dir(), name);
	try {
		const info = await stat(file);
		return { size: info.size, stream: createReadStream(file), extension: name.slice(name.lastIndexOf('.') + 1) as StoredExtension };
	} catch {
		return null;
	}
}

/** Public address of a stored image or PDF (served by src/routes/media/[name]); office documents are only served by their domain's guarded routes. */
export function mediaUrl(name: string | null | undefined): string | null {
	return name && isStoredName(name) && /\.(webp|pdf)$/.test(name) ? `/media/${name}` : null;
}
