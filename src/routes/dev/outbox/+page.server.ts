import type { PageServerLoad } from './$types';
import { error } from '@sveltejs/kit';
import { context } from '#lib/server/context.ts';
import { linksIn, listOutbox } from '#lib/server/mail/outbox.ts';
import { translate } from '#lib/i18n/index.ts';
import { DIRECT_LOOPBACK_HEADER } from '#lib/server/client-address.ts';
import { actorOfMember, can } from '#lib/server/access/index.ts';

/**
 * Development only, and only for this machine: the outbox holds activation, reset and booking
 * links. It answers a request straight from a loopback socket (server/app.ts sets the header,
 * a client cannot) or an administrator; anyone else gets the same 404 as in production.
 */
export const load: PageServerLoad = async ({ locals, request }) => {
	const { config, db } = context();
	const local = request.headers.get(DIRECT_LOOPBACK_HEADER) === '1';
	const admin = await can(actorOfMember(locals.member), 'dev.outbox.read');
	if (!config.devTools || !(local || admin)) error(404, translate(locals.locale, 'error.not_found'));
	const mails = await listOutbox(db);
	return {
		mails: mails.map((m) => ({
			id: m.id,
			to: m.to,
			subject: m.subject,
			text: m.text,
			createdAt: m.createdAt.toISOString(),
			links: linksIn(m.text),
			// attachments (e.g. a ticket's or a booking's .ics): names and types, as a mail client lists them
			attachments: ((m.attachments ?? []) as { filename?: string; contentType?: string }[]).map((a) => ({ filename: String(a.filename ?? ''), contentType: String(a.contentType ?? '').split(';')[0] }))
		}))
	};
};
