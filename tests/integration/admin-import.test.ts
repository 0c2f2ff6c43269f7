import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';
import { importProgress, importReport, importView, setImportMapping, startImport, uploadImport } from '../../src/lib/server/admin/index.ts';
import type { Role } from '../../src/lib/server/access/index.ts';

/**
 * tests/fixtures/import-500.csv (UTF-8 with BOM, `;`, French headers with accents, CRLF): 500 rows
 * - 28 errors: 10 bad e-mails, 6 unknown roles, 2 first names missing, 2 bad promotions, 8 e-mails
 *   repeated further down the file (4 of them in capitals);
 * - deja.membre1–5 are active members here (skip: already a member), deja.membre6–8 pre-registered
 *   with another promotion (update), deja.membre9–10 pre-registered exactly as in the file (skip: unchanged);
 * - the 462 others are new (create).
 */
const FIXTURE = readFileSync(path.join(import.meta.dirname, '../fixtures/import-500.csv'));

let ctx: TestContext;
let admin: { memberId: string; roles: Role[] };
let n = 0;

async function member(email: string, data: Partial<{ status: 'active' | 'pending'; promotion: number; programme: string; campus: string; roles: Role[]; firstName: string; lastName: string }> = {}) {
	n++;
	return ctx.prisma.member.create({
		data: { email, firstName: data.firstName ?? 'Test', lastName: data.lastName ?? `Import${n}`, slug: `import-${n}`, status: data.status ?? 'active', roles: data.roles ?? ['member'], promotion: data.promotion, programme: data.programme, campus: data.campus },
		select: { id: true }
	});
}

beforeAll(async () => {
	ctx = await useTestContext();
	admin = { memberId: (await member('admin.import@exemple.fr', { roles: ['member', 'admin'] })).id, roles: ['member', 'admin'] };
	for (let k = 1; k <= 5; k++) await member(`deja.membre${k}@exemple.fr`);
	for (let k = 6; k <= 8; k++) await member(`deja.membre${k}@exemple.fr`, { status: 'pending', promotion: 1999 });
	await member('deja.membre9@exemple.fr', { status: 'pending', firstName: 'Jules', lastName: 'Picard', promotion: 2019, programme: 'Master Ressources humaines', campus: 'Lyon', roles: ['member', 'alumni', 'teacher'] });
	await member('deja.membre10@exemple.fr', { status: 'pending', firstName: 'Lucas', lastName: 'André', promotion: 2022, programme: 'Bachelor Marketing', campus: 'Paris', roles: ['member', 'student'] });
});
afterAll(async () => ctx?.close());

describe('CSV import', () => {
	let importId = '';

	it('a member who is not an administrator cannot import', async () => {
		const plain = await member('pas.admin@exemple.fr');
		expect((await rejection(uploadImport({ memberId: plain.id }, { name: 'x.csv', bytes: FIXTURE }))).kind).toBe('forbidden');
	});

	it('the dry run plans every row with its reason and writes nothing', async () => {
		const before = await ctx.prisma.member.count();
		const result = await uploadImport(admin, { name: 'import-500.csv', bytes: FIXTURE });
		importId = result.importId;
		expect(result.status).toBe('planned');
		const view = await importView(admin, importId);
		expect(view.totalRows).toBe(500);
		expect(view.counts).toEqual({ create: 462, update: 3, skip: 7, error: 28 });
		expect(view.fields).toEqual(['firstName', 'lastName', 'email', 'promotion', 'programme', 'campus', 'roles']);
		const reasons = await ctx.prisma.memberImportRow.groupBy({ by: ['reason'], where: { importId }, _count: true });
		const count = (r: string) => reasons.find((x) => x.reason === r)?._count ?? 0;
		expect(count('email_invalid')).toBe(10);
		expect(count('role_unknown')).toBe(6);
		expect(count('name_missing')).toBe(2);
		expect(count('promotion_invalid')).toBe(2);
		expect(count('duplicate_in_file')).toBe(8);
		expect(count('already_member')).toBe(5);
		expect(count('unchanged')).toBe(2);
		expect(count('pending_updated')).toBe(3);
		// accents survive the BOM and the parser
		const row = (await importView(admin, importId, { action: 'create' })).rows.find((r) => r.cells[0] === 'Frédéric');
		expect(row?.cells[4]).toBeTruthy();
		expect(await ctx.prisma.member.count()).toBe(before);
	});

	it('the run creates, updates and invites exactly as planned, with a progress counter and a report', async () => {
		const before = await ctx.prisma.member.count();
		await startImport(admin, importId, { sendInvitations: true });
		expect((await rejection(startImport(admin, importId, { sendInvitations: true }))).kind).toBe('conflict');
		await afterCommit(ctx);
		const progress = await importProgress(admin, importId);
		expect(progress).toMatchObject({ status: 'done', processed: 500, totalRows: 500, created: 462, updated: 3, skipped: 7, errors: 28 });
		expect(await ctx.prisma.member.count()).toBe(before + 462);
		const promoted = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'deja.membre6@exemple.fr' }, select: { promotion: true, roles: true } });
		expect(promoted.promotion).toBe(2020);
		expect(promoted.roles.sort()).toEqual(['alumni', 'member', 'teacher']);
		const created = await ctx.prisma.member.findMany({ where: { invitationsReceived: { some: { importId } } }, select: { status: true, passwordHash: true } });
		expect(created).toHaveLength(462);
		expect(created.every((m) => m.status === 'pending' && m.passwordHash === null)).toBe(true);
		// the invitation mails: one job for the batch, one mail per new member
		await afterCommit(ctx);
		const sends = await ctx.prisma.invitationSend.count({ where: { invitation: { importId }, sentAt: { not: null } } });
		expect(sends).toBe(462);
		expect((await ctx.sentMail('emma.robin.0@exemple.fr'))[0]?.subject).toMatch(/Finalisez votre compte/);
		// the report opens in Excel: BOM, `;`, every row with its action and reason
		const report = await importReport(admin, importId, 'fr');
		expect(report.csv.startsWith('\uFEFF')).toBe(true);
		const records: string[][] = parse(report.csv, { delimiter: ';', bom: true });
		expect(records[0]).toEqual(['Ligne', 'prénom', 'nom', 'email', 'promo', 'cursus', 'campus', 'rôle', 'Action', 'Raison']);
		expect(records).toHaveLength(501);
		expect(records.filter((r) => r[8] === 'création')).toHaveLength(462);
		expect(records.filter((r) => r[9] === 'doublon dans le fichier (même e-mail plus haut)')).toHaveLength(8);
	}, 180_000);

	it('the same file imported again creates nothing: every row is now a pre-registered member or an error', async () => {
		const again = await uploadImport(admin, { name: 'import-500.csv', bytes: FIXTURE });
		const view = await importView(admin, again.importId);
		expect(view.counts).toEqual({ create: 0, update: 0, skip: 472, error: 28 });
	});

	it('unknown headers go through the mapping screen; `,` and Windows-1252 are read', async () => {
		const csv = 'Given name,Surname,Courriel,Année,Filière,Site,Statut,Matricule\r\nRené,Lévêque,rene.leveque@exemple.fr,2020,Master Finance,Paris,Alumni,SCH-0042\r\n';
		const bytes = new Uint8Array([...csv].map((c) => c.charCodeAt(0))); // Latin-1 bytes, as Excel writes them
		const up = await uploadImport(admin, { name: 'excel.csv', bytes });
		expect(up.status).toBe('mapping');
		const view = await importView(admin, up.importId);
		expect(view.headers[0]).toBe('Given name');
		expect(view.rows[0]!.cells[1]).toBe('Lévêque');
		expect((await rejection(setImportMapping(admin, up.importId, { column_0: 'firstName', column_1: 'firstName', column_2: 'email' }))).kind).toBe('invalid');
		await setImportMapping(admin, up.importId, { column_0: 'firstName', column_1: 'lastName', column_2: 'email', column_3: 'promotion', column_4: 'programme', column_5: 'campus', column_6: 'roles', column_7: 'externalRef' });
		expect((await importView(admin, up.importId)).counts).toEqual({ create: 1, update: 0, skip: 0, error: 0 });
		await startImport(admin, up.importId, { sendInvitations: false });
		await afterCommit(ctx);
		const rene = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'rene.leveque@exemple.fr' } });
		expect(rene).toMatchObject({ lastName: 'Lévêque', externalRef: 'SCH-0042', status: 'pending', promotion: 2020 });
		expect(await ctx.sentMail('rene.leveque@exemple.fr')).toHaveLength(0);
	});

	it('a file that is not CSV, or empty, is a clear error', async () => {
		expect((await rejection(uploadImport(admin, { name: 'vide.csv', bytes: new Uint8Array() }))).key).toBe('admin.import.error.empty');
		expect((await rejection(uploadImport(admin, { name: 'entete.csv', bytes: Buffer.from('prénom;nom;email\r\n') }))).key).toBe('admin.import.error.no_rows');
	});
});
