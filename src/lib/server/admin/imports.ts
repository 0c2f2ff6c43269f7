import { context } from '../context.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { recordEvent } from '../outbox/index.ts';
import { memberSlug } from '../members/slug.ts';
import { translate, type Locale, type MessageKey } from '../../i18n/index.ts';
import { autoMapping, IMPORT_FIELDS, mappingProblem, parseCsv, type ImportField, type ImportMapping } from './import-csv.ts';
import { importedRoles, planRows, type PlannedRow, type RowAction } from './import-plan.ts';
import { queueSends } from './sends.ts';
import { uuid } from './inputs.ts';
import { toCsv } from './csv-out.ts';

/**
 * CSV imports (Datalumni "import de masse"): upload → (mapping screen when a header is not
 * recognised) → dry run (every row planned: create / update / skip / error + reason) → the run, a
 * background job (`member_import.started` → job admin.import) that re-plans against the database
 * of that moment, writes members and invitations in chunks of CHUNK rows (array-parameter
 * INSERT … SELECT FROM unnest), advances the progress counter, queues the invitation mails, and
 * leaves a report CSV.
 */
export const IMPORT_JOB = 'admin.import';
const CHUNK = 2000;

async function requireAdmin(actor: ActorRef) {
	return (await requirePermission(actor, 'admin.members.manage'))!;
}

function importId(raw: unknown): string {
	const parsed = uuid.safeParse(raw);
	if (!parsed.success) throw notFound('admin.import.error.not_found');
	return parsed.data;
}

async function loadRows(id: string) {
	const rows = await context().db.memberImportRow.findMany({ where: { importId: id }, orderBy: { line: 'asc' }, select: { line: true, data: true } });
	return rows.map((r) => ({ line: r.line, cells: r.data as string[] }));
}

async function savePlan(id: string, plan: PlannedRow[]) {
	const { db } = context();
	await db.$executeRaw(Prisma.sql`
		UPDATE "MemberImportRow" r SET "action" = u.action, "reason" = u.reason, "memberId" = u.member
		  FROM unnest(${plan.map((p) => p.line)}::int[], ${plan.map((p) => p.action)}::text[], ${plan.map((p) => p.reason)}::text[], ${plan.map((p) => p.memberId)}::uuid[]) AS u(line, action, reason, member)
		 WHERE r."importId" = ${id}::uuid AND r."line" = u.line`);
	const count = (a: RowAction) => plan.filter((p) => p.action === a).length;
	await db.memberImport.update({ where: { id }, data: { status: 'planned', created: count('create'), updated: count('update'), skipped: count('skip'), errors: count('error') } });
}

/** Upload: the file is read and kept row by row; when every header is recognised the dry run follows at once. */
export async function uploadImport(actor: ActorRef, file: { name: string; bytes: Uint8Array }): Promise<{ importId: string; status: string }> {
	const admin = await requireAdmin(actor);
	const parsed = parseCsv(file.bytes);
	const mapping = autoMapping(parsed.headers);
	const { db } = context();
	const created = await db.memberImport.create({
		data: { createdById: admin.memberId, fileName: file.name.slice(0, 200) || 'import.csv', status: 'mapping', mapping: { headers: parsed.headers, fields: mapping }, totalRows: parsed.rows.length },
		select: { id: true }
	});
	const lines = parsed.rows.map((_, i) => i + 2);
	for (let i = 0; i < parsed.rows.length; i += 5000) {
		await db.$executeRaw(Prisma.sql`
			INSERT INTO "MemberImportRow" ("importId", "line", "data", "action")
			SELECT ${created.id}::uuid, l, d, 'pending' FROM unnest(${lines.slice(i, i + 5000)}::int[], ${parsed.rows.slice(i, i + 5000).map((r) => JSON.stringify(r))}::jsonb[]) AS u(l, d)`);
	}
	const unrecognised = parsed.headers.some((h, i) => h && !mapping[i]);
	if (mappingProblem(mapping) || unrecognised) return { importId: created.id, status: 'mapping' };
	await savePlan(created.id, await planRows(db, await loadRows(created.id), mapping));
	return { importId: created.id, status: 'planned' };
}

/** The mapping screen: one field (or nothing) per column; then the dry run. */
export async function setImportMapping(actor: ActorRef, rawId: unknown, raw: Record<string, unknown>) {
	await requireAdmin(actor);
	const id = importId(rawId);
	const { db } = context();
	const imp = await db.memberImport.findUnique({ where: { id }, select: { status: true, mapping: true } });
	if (!imp) throw notFound('admin.import.error.not_found');
	if (imp.status !== 'mapping' && imp.status !== 'planned') throw conflict('admin.import.error.already_started');
	const headers = (imp.mapping as { headers: string[] }).headers;
	const fields: ImportMapping = headers.map((_, i) => {
		const v = raw[`column_${i}`];
		return typeof v === 'string' && (IMPORT_FIELDS as readonly string[]).includes(v) ? (v as ImportField) : '';
	});
	const problem = mappingProblem(fields);
	if (problem) throw invalid(problem === 'twice' ? 'admin.import.error.mapping_twice' : 'admin.import.error.mapping_missing');
	await db.memberImport.update({ where: { id }, data: { mapping: { headers, fields } } });
	await savePlan(id, await planRows(db, await loadRows(id), fields));
}

const ROWS_PAGE = 50;

/** The dry run / progress / result page: counts, mapping, and a page of rows (filtered by action). */
export async function importView(actor: ActorRef, rawId: unknown, query: { action?: string; page?: number } = {}) {
	await requireAdmin(actor);
	const id = importId(rawId);
	const { db } = context();
	const imp = await db.memberImport.findUnique({ where: { id } });
	if (!imp) throw notFound('admin.import.error.not_found');
	const action = ['create', 'update', 'skip', 'error'].includes(query.action ?? '') ? query.action : undefined;
	const page = Math.max(1, Math.min(1000, Math.floor(query.page ?? 1)));
	const where = { importId: id, ...(action ? { action } : {}) };
	const [rows, matching] = await Promise.all([
		db.memberImportRow.findMany({ where, orderBy: { line: 'asc' }, skip: (page - 1) * ROWS_PAGE, take: ROWS_PAGE }),
		db.memberImportRow.count({ where })
	]);
	const mapping = imp.mapping as { headers: string[]; fields: ImportMapping };
	return {
		id: imp.id,
		fileName: imp.fileName,
		status: imp.status,
		createdAt: imp.createdAt,
		totalRows: imp.totalRows,
		processed: imp.processed,
		counts: { create: imp.created, update: imp.updated, skip: imp.skipped, error: imp.errors },
		sendInvitations: imp.sendInvitations,
		failure: imp.failure,
		headers: mapping.headers,
		fields: mapping.fields,
		filter: action ?? '',
		page,
		pages: Math.max(1, Math.ceil(matching / ROWS_PAGE)),
		rows: rows.map((r) => ({ line: r.line, cells: r.data as string[], action: r.action, reason: r.reason }))
	};
}

export async function importProgress(actor: ActorRef, rawId: unknown) {
	await requireAdmin(actor);
	const imp = await context().db.memberImport.findUnique({
		where: { id: importId(rawId) },
		select: { status: true, processed: true, totalRows: true, created: true, updated: true, skipped: true, errors: true }
	});
	if (!imp) throw notFound('admin.import.error.not_found');
	return imp;
}

/** "Lancer l'import": the dry run was seen; the job does the rest. */
export async function startImport(actor: ActorRef, rawId: unknown, options: { sendInvitations: boolean }) {
	await requireAdmin(actor);
	const id = importId(rawId);
	await context().db.$transaction(async (tx) => {
		const { count } = await tx.memberImport.updateMany({ where: { id, status: 'planned' }, data: { status: 'queued', sendInvitations: options.sendInvitations, processed: 0 } });
		if (count !== 1) throw conflict('admin.import.error.already_started');
		await recordEvent(tx, 'member_import.started', { importId: id });
	});
}

/** The job: idempotent — a finished import is left alone, a failed attempt starts its remaining rows again. */
export async function runImport(rawId: unknown, now: () => Date = () => new Date()): Promise<'done' | 'skipped'> {
	const id = importId(rawId);
	const { db } = context();
	const imp = await db.memberImport.findUnique({ where: { id }, select: { status: true, mapping: true, createdById: true, sendInvitations: true, processed: true } });
	if (!imp || (imp.status !== 'queued' && imp.status !== 'running')) return 'skipped';
	await db.memberImport.update({ where: { id }, data: { status: 'running', startedAt: now() } });
	try {
		const mapping = (imp.mapping as { fields: ImportMapping }).fields;
		// chunks commit with the progress counter: a retry starts after the rows already written,
		// and re-plans the rest against the database as it is now
		const rows = (await loadRows(id)).slice(imp.processed);
		const plan = await planRows(db, rows, mapping);
		let processed = imp.processed;
		for (let i = 0; i < plan.length; i += CHUNK) {
			const chunk = plan.slice(i, i + CHUNK);
			processed += chunk.length;
			await writeChunk(id, chunk, imp.createdById, imp.sendInvitations, processed);
		}
		const counts = await db.memberImportRow.groupBy({ by: ['action'], where: { importId: id }, _count: true });
		const n = (a: RowAction) => counts.find((c) => c.action === a)?._count ?? 0;
		await db.memberImport.update({ where: { id }, data: { status: 'done', finishedAt: now(), created: n('create'), updated: n('update'), skipped: n('skip'), errors: n('error') } });
		return 'done';
	} catch (error) {
		await db.memberImport.update({ where: { id }, data: { failure: (error as Error).message.slice(0, 500) } });
		throw error;
	}
}

async function writeChunk(id: string, chunk: PlannedRow[], inviterId: string | null, invite: boolean, processed: number) {
	const { db } = context();
	await db.$transaction(
		async (tx) => {
			const creates = chunk.filter((p) => p.action === 'create');
			const updates = chunk.filter((p) => p.action === 'update');
			let createdIds: { id: string; email: string }[] = [];
			if (creates.length) {
				const v = creates.map((p) => p.values);
				createdIds = await tx.$queryRaw<{ id: string; email: string }[]>(Prisma.sql`
					INSERT INTO "Member" ("id", "email", "firstName", "lastName", "slug", "status", "roles", "promotion", "programme", "campus", "externalRef", "updatedAt")
					SELECT uuidv7(), e, f, l, s, 'pending', string_to_array(r, ',')::"MemberRole"[], p, pg, c, x, now()
					  FROM unnest(${v.map((x) => x.email)}::text[], ${v.map((x) => x.firstName)}::text[], ${v.map((x) => x.lastName)}::text[],
					              ${v.map((x) => memberSlug(x.firstName, x.lastName))}::text[], ${v.map((x) => importedRoles(x.roles).join(','))}::text[],
					              ${v.map((x) => x.promotion)}::int[], ${v.map((x) => x.programme)}::text[], ${v.map((x) => x.campus)}::text[], ${v.map((x) => x.externalRef)}::text[])
					       AS u(e, f, l, s, r, p, pg, c, x)
					RETURNING "id", "email"`);
				const byEmail = new Map(createdIds.map((m) => [m.email, m.id]));
				for (const p of creates) p.memberId = byEmail.get(p.values.email) ?? null;
			}
			if (updates.length) {
				const v = updates.map((p) => p.values);
				await tx.$executeRaw(Prisma.sql`
					UPDATE "Member" m SET "firstName" = u.f, "lastName" = u.l, "roles" = string_to_array(u.r, ',')::"MemberRole"[],
					       "promotion" = coalesce(u.p, m."promotion"), "programme" = coalesce(u.pg, m."programme"), "campus" = coalesce(u.c, m."campus"),
					       "externalRef" = coalesce(u.x, m."externalRef"), "updatedAt" = now()
					  FROM unnest(${updates.map((p) => p.memberId)}::uuid[], ${v.map((x) => x.firstName)}::text[], ${v.map((x) => x.lastName)}::text[],
					              ${v.map((x) => importedRoles(x.roles).join(','))}::text[], ${v.map((x) => x.promotion)}::int[], ${v.map((x) => x.programme)}::text[],
					              ${v.map((x) => x.campus)}::text[], ${v.map((x) => x.externalRef)}::text[]) AS u(id, f, l, r, p, pg, c, x)
					 WHERE m."id" = u.id AND m."status" = 'pending'`);
			}
			if (createdIds.length) {
				const made = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`
					INSERT INTO "Invitation" ("id", "kind", "email", "firstName", "lastName", "inviterId", "memberId", "importId")
					SELECT uuidv7(), 'admin', m."email", m."firstName", m."lastName", ${inviterId}::uuid, m."id", ${id}::uuid
					  FROM "Member" m WHERE m."id" = ANY(${createdIds.map((m) => m.id)}::uuid[])
					RETURNING "id"`);
				if (invite) await queueSends(tx, made.map((m) => m.id), 'invitation');
			}
			await tx.$executeRaw(Prisma.sql`
				UPDATE "MemberImportRow" r SET "action" = u.action, "reason" = u.reason, "memberId" = u.member
				  FROM unnest(${chunk.map((p) => p.line)}::int[], ${chunk.map((p) => p.action)}::text[], ${chunk.map((p) => p.reason)}::text[], ${chunk.map((p) => p.memberId)}::uuid[]) AS u(line, action, reason, member)
				 WHERE r."importId" = ${id}::uuid AND r."line" = u.line`);
			await tx.memberImport.update({ where: { id }, data: { processed } });
		},
		{ timeout: 120_000 }
	);
}

/** The report: every row of the file with what was done and why, for Excel (UTF-8 BOM, `;`). */
export async function importReport(actor: ActorRef, rawId: unknown, locale: Locale): Promise<{ fileName: string; csv: string }> {
	await requireAdmin(actor);
	const id = importId(rawId);
	const { db } = context();
	const imp = await db.memberImport.findUnique({ where: { id }, select: { fileName: true, mapping: true } });
	if (!imp) throw notFound('admin.import.error.not_found');
	const headers = (imp.mapping as { headers: string[] }).headers;
	const rows = await db.memberImportRow.findMany({ where: { importId: id }, orderBy: { line: 'asc' } });
	const t = (key: string) => translate(locale, key as MessageKey);
	const csv = toCsv([
		[t('admin.import.report.line'), ...headers, t('admin.import.report.action'), t('admin.import.report.reason')],
		...rows.map((r) => [String(r.line), ...(r.data as string[]), t(`admin.import.action.${r.action}`), r.reason ? t(`admin.import.reason.${r.reason}`) : ''])
	]);
	return { fileName: `${imp.fileName.replace(/\.csv$/i, '')}-rapport.csv`, csv };
}

/** The latest imports, for the import page. */
export async function recentImports(actor: ActorRef) {
	await requireAdmin(actor);
	return context().db.memberImport.findMany({
		orderBy: { createdAt: 'desc' },
		take: 10,
		select: { id: true, fileName: true, status: true, createdAt: true, totalRows: true, created: true, updated: true, skipped: true, errors: true }
	});
}
