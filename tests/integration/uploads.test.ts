import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import sharp from 'sharp';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { acceptImage, acceptPdf, MAX_IMAGE_BYTES, openUpload, saveUpload, deleteUpload } from '../../src/lib/server/uploads/index.ts';
import { DomainError } from '../../src/lib/server/errors.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

async function keyOf(promise: Promise<unknown>) {
	const error = await promise.then(() => null, (e: unknown) => e);
	if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
	return error.key;
}

const png = () => sharp({ create: { width: 2400, height: 1200, channels: 3, background: '#1d4ed8' } }).png().toBuffer();
const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('uploads are judged by their content', () => {
	it('re-encodes an image to WebP, bounded in size, without its EXIF metadata', async () => {
		const withGps = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#ff0000' } })
			.jpeg()
			.withExif({ IFD0: { Copyright: 'secret owner', ImageDescription: 'taken at home' } })
			.toBuffer();
		expect((await sharp(withGps).metadata()).exif).toBeDefined();
		const accepted = await acceptImage(new Uint8Array(withGps), 'photo');
		const meta = await sharp(accepted.bytes).metadata();
		expect(meta.format).toBe('webp');
		expect(meta.exif).toBeUndefined();
		expect(Math.max(meta.width!, meta.height!)).toBe(512);
	});

	it('keeps large pictures within the gallery bound', async () => {
		const accepted = await acceptImage(new Uint8Array(await png()), 'gallery');
		expect([accepted.width, accepted.height]).toEqual([1600, 800]);
	});

	it('refuses a PNG renamed .pdf, a script disguised as an image, an empty and an oversized file', async () => {
		expect(await keyOf(acceptPdf(new Uint8Array(await png())))).toBe('error.upload_not_pdf');
		const script = new TextEncoder().encode('<script>alert(document.cookie)</script>');
		expect(await keyOf(acceptImage(script, 'photo'))).toBe('error.upload_not_image');
		// a GIF header followed by HTML: magic bytes say image, decoding says no
		const polyglot = new Uint8Array([...new TextEncoder().encode('GIF89a'), ...script]);
		expect(await keyOf(acceptImage(polyglot, 'photo'))).toBe('error.upload_not_image');
		expect(await keyOf(acceptImage(null, 'photo'))).toBe('error.upload_empty');
		expect(await keyOf(acceptImage(new Uint8Array(MAX_IMAGE_BYTES + 1), 'photo'))).toBe('error.upload_too_large');
		expect(await keyOf(acceptImage(pdf, 'photo'))).toBe('error.upload_not_image');
	});

	it('accepts a real PDF and stores files under generated names, atomically', async () => {
		const accepted = await acceptPdf(pdf);
		const name = await saveUpload(accepted.bytes, 'pdf');
		expect(name).toMatch(/^[0-9a-f-]{36}\.pdf$/);
		expect((await readdir(ctx.uploadsDir)).filter((f) => f.endsWith('.part'))).toEqual([]);
		expect((await openUpload(name))?.size).toBe(pdf.byteLength);
		expect(await openUpload('../../etc/passwd')).toBeNull();
		await deleteUpload(name);
		expect(await openUpload(name)).toBeNull();
	});
});
