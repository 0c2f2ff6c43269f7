import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { invalid } from '../errors.ts';

/** What each kind of image becomes: longest side in pixels after re-encoding. */
export const IMAGE_SIZES = { photo: 512, logo: 512, gallery: 1600, catalog: 1200, attachment: 1600 } as const;
export type ImageKind = keyof typeof IMAGE_SIZES;

export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
export const MAX_PDF_BYTES = 10 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']);

/** A file as a transport hands it over: bytes only; its name and declared type are not trusted. */
export async function bytesOf(file: unknown): Promise<Uint8Array | null> {
	if (!file || typeof file !== 'object' || !('arrayBuffer' in file) || typeof file.arrayBuffer !== 'function') return null;
	const bytes = new Uint8Array(await (file as Blob).arrayBuffer());
	return bytes.byteLength ? bytes : null;
}

/**
 * Accepts an image by its content (magic bytes, then a real decode), re-encodes it to WebP at a
 * bounded size — which drops EXIF/GPS metadata and anything smuggled after the pixels.
 */
export async function acceptImage(bytes: Uint8Array | null, kind: ImageKind, field = 'file') {
	if (!bytes) throw invalid('error.upload_empty', { [field]: 'error.upload_empty' });
	if (bytes.byteLength > MAX_IMAGE_BYTES) throw invalid('error.upload_too_large', { [field]: 'error.upload_too_large' });
	const type = await fileTypeFromBuffer(bytes);
	if (!type || !IMAGE_TYPES.has(type.mime)) throw invalid('error.upload_not_image', { [field]: 'error.upload_not_image' });
	const side = IMAGE_SIZES[kind];
	try {
		const { data, info } = await sharp(bytes, { limitInputPixels: 40_000_000, animated: false })
			.rotate()
			.resize(side, side, { fit: 'inside', withoutEnlargement: true })
			.webp({ quality: 82 })
			.toBuffer({ resolveWithObject: true });
		return { bytes: new Uint8Array(data), width: info.width, height: info.height, mimeType: 'image/webp' as const };
	} catch {
		throw invalid('error.upload_not_image', { [field]: 'error.upload_not_image' });
	}
}

/** PDFs are kept as sent, but only when their content really is a PDF. */
export async function acceptPdf(bytes: Uint8Array | null, field = 'file') {
	if (!bytes) throw invalid('error.upload_empty', { [field]: 'error.upload_empty' });
	if (bytes.byteLength > MAX_PDF_BYTES) throw invalid('error.upload_too_large', { [field]: 'error.upload_too_large' });
	const type = await fileTypeFromBuffer(bytes);
	if (type?.mime !== 'application/pdf') throw invalid('error.upload_not_pdf', { [field]: 'error.upload_not_pdf' });
	return { bytes, mimeType: 'application/pdf' as const };
}

/** Office documents accepted as attachments (by content, never by the name or declared type). */
export const DOCUMENT_TYPES = {
	'application/pdf': 'pdf',
	'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
	'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
	'application/vnd.oasis.opendocument.text': 'odt',
	'application/vnd.oasis.opendocument.spreadsheet': 'ods',
	'application/vnd.oasis.opendocument.presentation': 'odp'
} as const;
export type DocumentExtension = (typeof DOCUMENT_TYPES)[keyof typeof DOCUMENT_TYPES];

/** A PDF or an office document (Word, Excel, PowerPoint, OpenDocument), recognised by its bytes, kept as sent. */
export async function acceptDocument(bytes: Uint8Array | null, field = 'file') {
	if (!bytes) throw invalid('error.upload_empty', { [field]: 'error.upload_empty' });
	if (bytes.byteLength > MAX_PDF_BYTES) throw invalid('error.upload_too_large', { [field]: 'error.upload_too_large' });
	const type = await fileTypeFromBuffer(bytes);
	const extension = type ? (DOCUMENT_TYPES as Record<string, DocumentExtension>)[type.mime] : undefined;
	if (!type || !extension) throw invalid('error.upload_not_document', { [field]: 'error.upload_not_document' });
	return { bytes, mimeType: type.mime, extension };
}
