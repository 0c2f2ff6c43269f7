import type { RequestHandler } from './$types';
import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { consultationFile } from '#lib/server/referencing/index.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

const TYPES: Record<string, string> = {
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
	odt: 'application/vnd.oasis.opendocument.text',
	ods: 'application/vnd.oasis.opendocument.spreadsheet',
	odp: 'application/vnd.oasis.opendocument.presentation'
};

/** A consultation's or a quote's attachment, for the readers allowed to see it, always as a download. */
export const GET: RequestHandler = async (event) => {
	try {
		const file = await consultationFile(actorOf(event), event.params.id, event.params.which);
		return new Response(Readable.toWeb(file.stream) as ReadableStream, {
			headers: {
				'content-type': TYPES[file.extension] ?? 'application/octet-stream',
				'content-length': String(file.size),
				'content-disposition': `attachment; filename="${file.name}"`,
				'x-content-type-options': 'nosniff',
				'content-security-policy': "default-src 'none'; sandbox",
				'cache-control': 'private, no-store'
			}
		});
	} catch (failure) {
		if (!(failure instanceof DomainError)) throw failure;
		error(httpStatus[failure.kind], translate(event.locals.locale, failure.key));
	}
};
