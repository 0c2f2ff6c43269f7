import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { context } from '#lib/server/context.ts';
import { linksIn, listOutbox } from '#lib/server/mail/outbox.ts';
import { translate } from '#lib/i18n/index.ts';

// Development only: in production this page does not exist.
export const load: PageServerLoad = async ({ locals }) => {
	const { config, db } = context();
	if (!config.devTools) error(404, translate(locals.locale, 'error.not_found'));
	const mails = await listOutbox(db);
	return {
		mails: mails.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, createdAt: m.createdAt.toISOString(), links: linksIn(m.text) }))
	};
};
