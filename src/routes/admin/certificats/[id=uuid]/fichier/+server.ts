import type { RequestHandler } from './$types';
import { Readable } from 'node:stream';
import { certificateFile } from '#lib/server/membership/certificates.ts';
import { actorOf } from '#lib/server/http.ts';
import { loadFailure } from '../../../../evenements/load-errors.ts';

/** A student's certificate (PDF), for moderators only: never cached, never run in our origin. */
export const GET: RequestHandler = async (event) => {
	try {
		const file = await certificateFile(actorOf(event), event.params.id);
		return new Response(Readable.toWeb(file.stream) as ReadableStream, {
			headers: {
				'content-type': 'application/pdf',
				'content-length': String(file.size),
				'content-disposition': 'inline; filename="certificat.pdf"',
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox",
				'cache-control': 'private, no-store'
			}
		});
	} catch (error) {
		loadFailure(error, event.locals.locale, event.url);
	}
};
