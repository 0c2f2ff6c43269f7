// `npm run bench:import` — the CSV import of the administration at 10 000 rows (BENCH_ROWS).
//
// 1. a SEPARATE embedded PostgreSQL (bench/stack.ts), migrated like production, with 1 000
//    members already there (some of them in the file: skip / update rows);
// 2. a 10 000-row French CSV (UTF-8 BOM, `;`) with ~2 % bad rows and ~1 % duplicates;
// 3. the real path: uploadImport (parse + dry run of every row) then runImport (what the pg-boss
//    job runs: re-plan, members + invitations + queued invitation mails written in chunks of
//    2 000 rows through array-parameter INSERT … SELECT FROM unnest);
// 4. the baseline in the same run: a naive row-by-row import (look the address up, create the
//    member, its invitation and its mail row, one statement at a time) on BENCH_BASELINE_ROWS rows
//    (2 000 by default), extrapolated to the same row count.
// Prints times, rows/s and the ratio. Figures only: nothing here asserts a time. (The invitation
// mails themselves leave afterwards, in their own job, at the mailer's pace: not measured here.)
import { randomUUID } from 'node:crypto';
import { startBenchDatabase } from './stack.ts';
import { mulberry32 } from '../prisma/seed/random.ts';
import { memberSlug } from '../src/lib/server/members/slug.ts';
import { exportMembers, importView, memberList, runImport, startImport, uploadImport } from '../src/lib/server/admin/index.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const BASELINE_ROWS = Number(process.env.BENCH_BASELINE_ROWS ?? 2_000);
const EXISTING = 1_000;

const random = mulberry32(20_261_201);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const FIRST = 'Camille Léa Manon Chloé Inès Jade Louise Emma Alice Lina Zoé Sarah Anaïs Élodie Hélène Lucas Hugo Louis Gabriel Arthur Jules Raphaël Théo Thomas Julien Maxime Antoine Jérôme François Benoît Loïc Gaël'.split(' ');
const LAST = 'Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Lefèvre Faure André Mercier Guérin Chevalier Ménard Carré Prévost'.split(' ');
const PROGRAMMES = ['Master Finance', 'Bachelor Marketing', 'MBA Management', 'Licence Éco-gestion', 'Master Ressources humaines'];
const ROLES = ['Étudiant', 'Alumni', 'Enseignant', 'Alumni / Enseignant'];

function csv(rows: number, prefix: string): { bytes: Buffer; emails: string[] } {
	const lines = ['prénom;nom;email;promo;cursus;campus;rôle'];
	const emails: string[] = [];
	for (let i = 0; i < rows; i++) {
		let email = `${prefix}.${i}@exemple.fr`;
		if (i % 50 === 7) email = `adresse-invalide-${i}`; // 2 % errors
		if (i % 100 === 17) email = emails[i - 1] ?? email; // 1 % duplicates
		if (i % 10 === 3 && i < EXISTING * 10) email = `existant.${i / 10 | 0}@exemple.fr`; // ~10 % already there
		emails.push(email);
		lines.push([pick(FIRST), pick(LAST), email, 2015 + Math.floor(random() * 11), pick(PROGRAMMES), pick(['Paris', 'Lyon', 'Bordeaux', 'Lille']), pick(ROLES)].join(';'));
	}
	return { bytes: Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8'), emails };
}

const stack = await startBenchDatabase('import');
const { db } = stack;
try {
	const admin = await db.member.create({ data: { email: 'admin.bench@exemple.fr', firstName: 'Ada', lastName: 'Bench', slug: 'ada-bench', status: 'active', roles: ['member', 'admin'] } });
	const actor = { memberId: admin.id, roles: ['member', 'admin'] as const };
	await db.member.createMany({
		data: Array.from({ length: EXISTING }, (_, i) => ({ email: `existant.${i}@exemple.fr`, firstName: 'Déjà', lastName: `Là${i}`, slug: `deja-la-${i}`, status: i % 2 ? ('active' as const) : ('pending' as const), roles: ['member' as const, 'alumni' as const], promotion: 2010 }))
	});
	const file = csv(ROWS, 'import');

	let t = performance.now();
	const { importId, status } = await uploadImport(actor, { name: 'bench.csv', bytes: file.bytes });
	const dryRunMs = performance.now() - t;
	if (status !== 'planned') throw new Error(`unexpected status ${status}`);
	const plan = await importView(actor, importId);
	await startImport(actor, importId, { sendInvitations: true });
	t = performance.now();
	await runImport(importId);
	const runMs = performance.now() - t;
	const done = await importView(actor, importId);
	const sends = await db.invitationSend.count({ where: { invitation: { importId } } });
	const totalMs = dryRunMs + runMs;

	// the CRM list over the members now in the database (server-side filters, sort, pagination)
	const members = await db.member.count();
	const LIST_QUERIES = ['', 'promotion=2020&status=pending', 'q=lefevre', 'q=eve&roles=alumni&sort=lastLogin&dir=desc', 'programme=finance&campus=lyon&page=20', 'status=active&inactiveDays=30&sort=promotion'];
	const listTimes: number[] = [];
	for (let round = 0; round < 5; round++) {
		for (const query of LIST_QUERIES) {
			const started = performance.now();
			await memberList(actor, new URLSearchParams(query));
			listTimes.push(performance.now() - started);
		}
	}
	listTimes.sort((a, b) => a - b);
	t = performance.now();
	const exported = await exportMembers(actor, 'all', {}, 'fr');
	const exportMs = performance.now() - t;

	// baseline: row by row, on BASELINE_ROWS fresh rows
	const base = csv(BASELINE_ROWS, 'naif');
	const records = base.bytes
		.toString('utf8')
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n')
		.slice(1)
		.map((l) => l.split(';'));
	t = performance.now();
	let naiveCreated = 0;
	for (const [firstName, lastName, email, promo, programme, campus] of records) {
		if (!email || !email.includes('@')) continue;
		const existing = await db.member.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
		if (existing) continue;
		const member = await db.member.create({ data: { email: email.toLowerCase(), firstName: firstName!, lastName: lastName!, slug: memberSlug(firstName!, lastName!), status: 'pending', roles: ['member', 'alumni'], promotion: Number(promo), programme, campus } });
		const invitation = await db.invitation.create({ data: { kind: 'admin', email: member.email, firstName: member.firstName, lastName: member.lastName, inviterId: admin.id, memberId: member.id } });
		await db.invitationSend.create({ data: { invitationId: invitation.id, kind: 'invitation', batch: randomUUID() } });
		naiveCreated++;
	}
	const naiveMs = performance.now() - t;
	const naivePerRow = naiveMs / records.length;
	const naiveExtrapolatedMs = naivePerRow * ROWS;

	const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	console.log(`\nCSV import, ${ROWS} rows (planned: ${JSON.stringify(plan.counts)}; done: ${JSON.stringify(done.counts)}; ${sends} invitation mails queued)`);
	console.log(`  dry run (parse + plan every row):       ${fmt(dryRunMs)}`);
	console.log(`  run (the job: members + invitations):   ${fmt(runMs)}`);
	console.log(`  total:                                  ${fmt(totalMs)}  →  ${Math.round(ROWS / (totalMs / 1000))} rows/s`);
	console.log(`naive row-by-row baseline, ${records.length} rows (${naiveCreated} created): ${fmt(naiveMs)}  →  ${Math.round(records.length / (naiveMs / 1000))} rows/s, ~${fmt(naiveExtrapolatedMs)} for ${ROWS} rows`);
	console.log(`CRM list over ${members} members, ${listTimes.length} page loads (filters, keyword, sort, pagination): p50 ${listTimes[Math.floor(listTimes.length / 2)]!.toFixed(0)} ms, p95 ${listTimes[Math.floor(listTimes.length * 0.95)]!.toFixed(0)} ms; CSV export of all: ${fmt(exportMs)} (${(exported.csv.length / 1e6).toFixed(1)} MB)`);
	console.log(`ratio: ×${(naiveExtrapolatedMs / totalMs).toFixed(1)} faster than row by row (${totalMs < 60_000 ? 'under' : 'OVER'} one minute for ${ROWS} rows)`);
} finally {
	await stack.stop();
}
