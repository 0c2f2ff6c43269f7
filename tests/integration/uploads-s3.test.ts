import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { configureUploadStorage, deleteUpload, openUpload, saveUpload, uploadStorage } from '../../src/lib/server/uploads/index.ts';

/**
 * Uploads in S3-compatible object storage (UPLOADS_STORAGE=s3), against a real S3 API server on
 * loopback (s3rver): what is saved comes back byte for byte through openUpload, nothing lands in
 * the local directory, deleting removes the object, an unknown name is simply not found.
 */
let ctx: TestContext;
let s3: S3rver;
let dir: string;

beforeAll(async () => {
	ctx = await useTestContext();
	dir = mkdtempSync(path.join(os.tmpdir(), 'relais-s3-'));
	s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir, configureBuckets: [{ name: 'relais-uploads' }] });
	const { address, port } = await s3.run();
	configureUploadStorage({ kind: 's3', bucket: 'relais-uploads', region: 'us-east-1', endpoint: `http://${address}:${port}`, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, prefix: 'media/' });
});

afterAll(async () => {
	configureUploadStorage({ kind: 'local' });
	await s3?.close();
	rmSync(dir, { recursive: true, force: true });
	await ctx?.close();
});

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
	return Buffer.concat(chunks);
}

describe('uploads in S3-compatible storage', () => {
	it('keep the bytes in the bucket under the generated name, serve them back, delete them', async () => {
		expect((await uploadStorage()).kind).toBe('s3');
		const pdf = Buffer.from('%PDF-1.4\n% Relais — attestation de formation\n%%EOF\n');
		const name = await saveUpload(pdf, 'pdf');
		expect(name).toMatch(/^[0-9a-f-]{36}\.pdf$/);
		const opened = await openUpload(name);
		expect(opened).toMatchObject({ size: pdf.length, extension: 'pdf' });
		expect((await read(opened!.stream)).equals(pdf)).toBe(true);
		// nothing in the local directory: another node reads the same object
		expect(readdirSync(ctx.uploadsDir)).not.toContain(name);

		await deleteUpload(name);
		expect(await openUpload(name)).toBeNull();
		expect(await openUpload('00000000-0000-4000-8000-000000000000.webp')).toBeNull();
		// a name that is not one of ours is never asked for
		expect(await openUpload('../secret.pdf')).toBeNull();
	});
});
