import type { RequestHandler } from './$types';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { openAttachment } from '#lib/server/chat/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

// Private: only the conversation's members; served as WebP or PDF only, sandboxed, never cached publicly.
export const GET: RequestHandler = async (event) => {
	let file;
	try {
		file = await openAttachment(actorOf(event), event.params.attachmentId);
	} catch (e) {
		if (e instanceof DomainError) error(httpStatus[e.kind], translate(event.locals.locale, e.key));
		throw e;
	}
	const pdf = file.mimeType === 'application/pdf';
	return new Response(Readable.toWeb(file.stream) as ReadableStream, {
		headers: {
			'content-type': pdf ? 'application/pdf' : 'image/webp',
			'content-length': String(file.size),
			'content-disposition': pdf ? 'inline; filename="document.pdf"' : 'inline',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, max-age=3600'
		}
	});
};
