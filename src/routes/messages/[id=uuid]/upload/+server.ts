import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { DomainError, httpStatus } from '#lib/server/errors.ts';
import { uploadAttachment } from '#lib/server/chat/index.ts';
import { bytesOf } from '#lib/server/uploads/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';
import { context } from '#lib/server/context.ts';

/** An attachment for this conversation (multipart field `file`); linked to a message when sent. */
export const POST: RequestHandler = async (event) => {
	const locale = event.locals.locale;
	// JSON endpoints check the origin themselves (SvelteKit only checks form posts)
	if (event.request.headers.get('origin') !== context().config.publicUrl) return json({ error: translate(locale, 'error.forbidden') }, { status: 403 });
	try {
		const form = await event.request.formData();
		const file = form.get('file');
		const title = file && typeof file === 'object' && 'name' in file ? String(file.name) : null;
		const attachment = await uploadAttachment(actorOf(event), { conversationId: event.params.id }, await bytesOf(file), title);
		return json(attachment);
	} catch (e) {
		if (e instanceof DomainError) return json({ error: translate(locale, e.key, e.params) }, { status: httpStatus[e.kind] });
		console.error('[attachment upload]', e);
		return json({ error: translate(locale, 'error.unexpected') }, { status: 500 });
	}
};
