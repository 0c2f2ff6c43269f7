import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { uploadArticleImage } from '#lib/server/blog/index.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

/** POST image (multipart): an image for an article's body, from the editor's toolbar → { url } */
export const POST: RequestHandler = async (event) => {
	try {
		const form = await event.request.formData();
		return json(await uploadArticleImage(actorOf(event), await bytesOf(form.get('image'))));
	} catch (e) {
		if (e instanceof DomainError) return json({ message: translate(event.locals.locale, e.key) }, { status: httpStatus[e.kind] });
		throw e;
	}
};
