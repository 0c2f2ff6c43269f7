import { context } from '../context.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import { toCsv } from './csv-out.ts';
import { listSelect, listWhere, parseListQuery, toListRow } from './members-list.ts';
import { resolveTargets } from './bulk.ts';

/**
 * "Exporter les données": the whole directory, the filtered list or the selection, as CSV for
 * Excel (UTF-8 BOM, `;`), with the external reference column (Datalumni: fill it in and send it
 * back). Read in pages of 2 000 so that 10 000 members never sit in memory as Prisma rows at once.
 */
const HEADERS: MessageKey[] = [
	'admin.field.external_ref',
	'admin.field.last_name',
	'admin.field.first_name',
	'admin.field.email',
	'admin.field.status',
	'admin.field.roles',
	'admin.field.promotion',
	'admin.field.programme',
	'admin.field.campus',
	'admin.field.city',
	'admin.field.company',
	'admin.field.sector',
	'admin.field.last_login',
	'admin.field.invited',
	'admin.field.created'
];

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '');

export type ExportScope = 'all' | 'filtered' | 'selected';

export async function exportMembers(actor: ActorRef, scope: ExportScope, raw: { filter?: string; ids?: unknown; scope?: string }, locale: Locale, now = new Date()): Promise<{ fileName: string; csv: string }> {
	await requirePermission(actor, 'admin.members.manage');
	const { db } = context();
	const where =
		scope === 'all'
			? {}
			: scope === 'filtered'
				? await listWhere(parseListQuery(new URLSearchParams(raw.filter ?? '')), now)
				: { id: { in: await resolveTargets(actor, { scope: 'selected', ids: raw.ids }, now) } };
	const t = (key: MessageKey) => translate(locale, key);
	const lines: (string | number | null)[][] = [HEADERS.map(t)];
	let cursor: string | undefined;
	for (;;) {
		const page = await db.member.findMany({ where, orderBy: { id: 'asc' }, take: 2000, ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}), select: listSelect });
		for (const m of page.map(toListRow)) {
			lines.push([
				m.externalRef,
				m.lastName,
				m.firstName,
				m.email,
				t(`admin.status.${m.state}`),
				m.roles.map((r) => t(`admin.role.${r}` as MessageKey)).join(', '),
				m.promotion,
				m.programme,
				m.campus,
				m.city,
				m.company,
				m.sector,
				day(m.lastLoginAt),
				day(m.invitedAt),
				day(m.createdAt)
			]);
		}
		if (page.length < 2000) break;
		cursor = page.at(-1)!.id;
	}
	const stamp = now.toISOString().slice(0, 10);
	return { fileName: `membres-${scope === 'all' ? 'annuaire' : scope === 'filtered' ? 'filtre' : 'selection'}-${stamp}.csv`, csv: toCsv(lines) };
}
