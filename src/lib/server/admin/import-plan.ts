import type { Database } from '../db.ts';
import type { MemberRole } from '../generated/prisma/enums.ts';
import { fold } from '../directory/text.ts';
import { email as emailSchema } from '../validation.ts';
import { cellsToValues, type ImportField, type ImportMapping } from './import-csv.ts';

/**
 * The dry run's decision for each row, and the run's (re-decided at run time against the database
 * of that moment): create, update (a pre-registered member whose details changed), skip (already a
 * member, or nothing changed) or error — each with its reason.
 */
export type RowAction = 'create' | 'update' | 'skip' | 'error';
export type RowReason =
	| 'name_missing'
	| 'email_missing'
	| 'email_invalid'
	| 'promotion_invalid'
	| 'role_missing'
	| 'role_unknown'
	| 'duplicate_in_file'
	| 'external_ref_duplicate_in_file'
	| 'external_ref_taken'
	| 'already_member'
	| 'unchanged'
	| 'pending_updated'
	| 'new_member';

export interface RowValues {
	firstName: string;
	lastName: string;
	email: string;
	promotion: number | null;
	programme: string | null;
	campus: string | null;
	roles: MemberRole[];
	externalRef: string | null;
}

export interface PlannedRow {
	line: number;
	action: RowAction;
	reason: RowReason;
	values: RowValues;
	memberId: string | null;
}

const ROLE_WORDS: Record<string, MemberRole> = {
	etudiant: 'student', etudiante: 'student', etudiants: 'student', student: 'student', eleve: 'student', apprenant: 'student', apprenti: 'student',
	alumni: 'alumni', alumnus: 'alumni', alumna: 'alumni', ancien: 'alumni', ancienne: 'alumni', 'ancien eleve': 'alumni', diplome: 'alumni', diplomee: 'alumni', graduate: 'alumni',
	enseignant: 'teacher', enseignante: 'teacher', professeur: 'teacher', professeure: 'teacher', prof: 'teacher', teacher: 'teacher', intervenant: 'teacher', intervenante: 'teacher', formateur: 'teacher', formatrice: 'teacher',
	recruteur: 'recruiter', recruteuse: 'recruiter', recruiter: 'recruiter', entreprise: 'recruiter'
};

/** "Étudiant / Alumni" → ['student', 'alumni']; null when a word is no known role. */
export function parseRoles(text: string): MemberRole[] | null {
	const words = text.split(/[,/|+;]| et | and /i).map((w) => fold(w)).filter(Boolean);
	const roles: MemberRole[] = [];
	for (const w of words) {
		const role = ROLE_WORDS[w];
		if (!role) return null;
		if (!roles.includes(role)) roles.push(role);
	}
	return roles;
}

const cut = (s: string | undefined, max: number) => (s ? s.slice(0, max) : '');

/** One row's own checks (no database, no other row). */
export function checkRow(values: Partial<Record<ImportField, string>>): { values: RowValues; error: RowReason | null } {
	const out: RowValues = {
		firstName: cut(values.firstName, 80),
		lastName: cut(values.lastName, 80),
		email: (values.email ?? '').trim().toLowerCase(),
		promotion: null,
		programme: cut(values.programme, 120) || null,
		campus: cut(values.campus, 120) || null,
		roles: [],
		externalRef: cut(values.externalRef, 80) || null
	};
	if (!out.email) return { values: out, error: 'email_missing' };
	if (!emailSchema.safeParse(out.email).success) return { values: out, error: 'email_invalid' };
	if (!out.firstName || !out.lastName) return { values: out, error: 'name_missing' };
	const promo = (values.promotion ?? '').trim();
	if (promo) {
		if (!/^\d{4}$/.test(promo) || Number(promo) < 1900 || Number(promo) > 2100) return { values: out, error: 'promotion_invalid' };
		out.promotion = Number(promo);
	}
	const roleText = (values.roles ?? '').trim();
	if (!roleText) return { values: out, error: 'role_missing' };
	const roles = parseRoles(roleText);
	if (!roles || roles.length === 0) return { values: out, error: 'role_unknown' };
	out.roles = roles;
	return { values: out, error: null };
}

type Existing = { id: string; email: string; status: string; firstName: string; lastName: string; promotion: number | null; programme: string | null; campus: string | null; roles: MemberRole[]; externalRef: string | null };

const sameRoles = (a: readonly MemberRole[], b: readonly MemberRole[]) => a.length === b.length && a.every((r) => b.includes(r));

/** The roles a pre-registered member ends up with: `member` plus the file's. */
export const importedRoles = (roles: readonly MemberRole[]): MemberRole[] => ['member', ...roles];

/** What would change on a pre-registered member (only the file's non-empty values count). */
function changes(m: Existing, v: RowValues): boolean {
	return (
		m.firstName !== v.firstName ||
		m.lastName !== v.lastName ||
		(v.promotion !== null && m.promotion !== v.promotion) ||
		(v.programme !== null && m.programme !== v.programme) ||
		(v.campus !== null && m.campus !== v.campus) ||
		(v.externalRef !== null && m.externalRef !== v.externalRef) ||
		!sameRoles(m.roles, importedRoles(v.roles))
	);
}

/** Decides every row: own checks, duplicates within the file, then the database (two queries). */
export async function planRows(db: Pick<Database, 'member'>, rows: readonly { line: number; cells: string[] }[], mapping: ImportMapping): Promise<PlannedRow[]> {
	const checked = rows.map((r) => ({ line: r.line, ...checkRow(cellsToValues(r.cells, mapping)) }));
	const emails = [...new Set(checked.filter((c) => !c.error).map((c) => c.values.email))];
	const refs = [...new Set(checked.filter((c) => !c.error && c.values.externalRef).map((c) => c.values.externalRef!))];
	const select = { id: true, email: true, status: true, firstName: true, lastName: true, promotion: true, programme: true, campus: true, roles: true, externalRef: true } as const;
	const byEmail = new Map<string, Existing>();
	const byRef = new Map<string, Existing>();
	for (let i = 0; i < emails.length; i += 5000) {
		for (const m of await db.member.findMany({ where: { email: { in: emails.slice(i, i + 5000) } }, select })) byEmail.set(m.email, m);
	}
	for (let i = 0; i < refs.length; i += 5000) {
		for (const m of await db.member.findMany({ where: { externalRef: { in: refs.slice(i, i + 5000) } }, select })) byRef.set(m.externalRef!, m);
	}
	const seenEmails = new Set<string>();
	const seenRefs = new Set<string>();
	return checked.map(({ line, values, error }): PlannedRow => {
		const row = (action: RowAction, reason: RowReason, memberId: string | null = null): PlannedRow => ({ line, action, reason, values, memberId });
		if (error) return row('error', error);
		if (seenEmails.has(values.email)) return row('error', 'duplicate_in_file');
		seenEmails.add(values.email);
		if (values.externalRef) {
			if (seenRefs.has(values.externalRef)) return row('error', 'external_ref_duplicate_in_file');
			seenRefs.add(values.externalRef);
		}
		const existing = byEmail.get(values.email);
		const refOwner = values.externalRef ? byRef.get(values.externalRef) : undefined;
		if (refOwner && refOwner.email !== values.email) return row('error', 'external_ref_taken');
		if (!existing) return row('create', 'new_member');
		if (existing.status !== 'pending') return row('skip', 'already_member', existing.id);
		return changes(existing, values) ? row('update', 'pending_updated', existing.id) : row('skip', 'unchanged', existing.id);
	});
}
