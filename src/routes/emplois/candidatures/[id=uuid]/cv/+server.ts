import type { RequestHandler } from './$types';
import { Readable } from 'node:stream';
import { openApplicationCv } from '#lib/server/careers/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { pageError } from '../../../form.ts';

// Private: the offer's author (or its company's admins) and the applicant; a PDF, sandboxed, never cached publicly.
export const GET: RequestHandler = async (event) => {
	let file;
	try {
		file = await openApplicationCv(actorOf(event), event.params.id);
	} catch (e) {
		pageError(e, event.locals.locale);
	}
	const ascii = file.title.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
	return new Response(Readable.toWeb(file.stream) as ReadableStream, {
		headers: {
			'content-type': 'application/pdf',
			'content-length': String(file.size),
			'content-disposition': `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.title)}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
};
