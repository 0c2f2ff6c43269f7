import type { RequestHandler } from './$types';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { isPrivateUpload, openUpload } from '#lib/server/uploads/index.ts';
import { translate } from '#lib/i18n/index.ts';

// Uploaded files are only ever served as WebP images or PDFs, never as HTML or script, and in a
// sandbox: even a hostile file cannot run in our origin.
export const GET: RequestHandler = async ({ params, locals }) => {
	// private files (attachments, CVs, certificates, consultations) only through their guarded routes
	if (isPrivateUpload(params.name)) error(404, translate(locals.locale, 'error.not_found'));
	const file = await openUpload(params.name);
	// office documents (consultation attachments) are served only by their guarded routes
	if (!file || (file.extension !== 'pdf' && file.extension !== 'webp')) {
		file?.stream.destroy();
		error(404, translate(locals.locale, 'error.not_found'));
	}
	return new Response(Readable.toWeb(file.stream) as ReadableStream, {
		headers: {
			'content-type': file.extension === 'pdf' ? 'application/pdf' : 'image/webp',
			'content-length': String(file.size),
			'content-disposition': file.extension === 'pdf' ? 'inline; filename="document.pdf"' : 'inline',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'public, max-age=31536000, immutable'
		}
	});
};
