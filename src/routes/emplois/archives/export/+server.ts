import type { RequestHandler } from './$types';
import { archivedOffersCsv } from '#lib/server/careers/index.ts';
import { actorOf } from '#lib/server/http.ts';
import { translate, type MessageKey } from '#lib/i18n/index.ts';
import { pageError } from '../../form.ts';

// "Exporter les offres archivées": moderators; UTF-8 with a BOM and `;`, what French spreadsheets open as is.
export const GET: RequestHandler = async (event) => {
	const locale = event.locals.locale;
	const t = (key: string) => translate(locale, key as MessageKey);
	let csv: string;
	try {
		csv = await archivedOffersCsv(actorOf(event), {
			header: t('careers.csv.header').split(';'),
			contract: (c) => t(`careers.contract.${c}`),
			sector: (s) => (s ? t(`careers.sector.${s}`) : ''),
			reason: (r) => (r ? t(`careers.archive_reason.${r}`) : ''),
			outcome: (o) => (o ? t(`careers.outcome.${o}`) : t('careers.outcome.none'))
		});
	} catch (e) {
		pageError(e, locale);
	}
	const day = new Date().toISOString().slice(0, 10);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="offres-archivees-${day}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
