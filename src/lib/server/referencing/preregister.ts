import { context } from '../context.ts';
import { DomainError, invalid } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { uniqueCompanySlug } from '../companies/index.ts';
import { memberSlug } from '../members/slug.ts';
import { hashSecret, newSecret } from '../auth/secrets.ts';
import { issueToken } from '../auth/tokens.ts';
import { enqueue } from '../jobs/queue.ts';
import { translate, type Locale } from '../../i18n/index.ts';
import { preregisterInput } from './inputs.ts';
import { departementOf } from './records.ts';
import { REFERENCING_JOBS } from './job-kinds.ts';

export const INVITATION_TTL_MS = 14 * 24 * 3600_000;

/**
 * An administrator pre-registers a cooperative: the company, its draft record and an account
 * (pending, without a password) for its address — or the existing account with that address. The
 * invitation mail (a job enqueued with the change: its link's secret is stored only as a hash)
 * lets them set a password, complete the record and submit it.
 */
export async function preregisterCooperative(actor: ActorRef, raw: unknown, now = new Date()): Promise<{ recordId: string }> {
	await requirePermission(actor, 'cooperative.preregister');
	const input = parseInput(preregisterInput, raw);
	const { db } = context();
	const secret = newSecret();
	const departement = departementOf(input.postcode);
	return db.$transaction(async (tx) => {
		let member = await tx.member.findUnique({ where: { email: input.email }, select: { id: true, roles: true } });
		if (await tx.cooperativeRecord.findFirst({ where: { ownerId: member?.id ?? '00000000-0000-0000-0000-000000000000' }, select: { id: true } })) {
			throw invalid('referencing.error.already_registered', { email: 'referencing.error.already_registered' });
		}
		member ??= await tx.member.create({
			data: { email: input.email, firstName: input.name, lastName: '', slug: memberSlug(input.name, ''), category: 'company', status: 'pending', roles: ['member', 'cooperative'], visibleInDirectory: false },
			select: { id: true, roles: true }
		});
		if (!member.roles.includes('cooperative')) await tx.member.update({ where: { id: member.id }, data: { roles: { push: 'cooperative' } } });
		const company = await tx.company.create({
			data: { slug: await uniqueCompanySlug(tx, input.name), title: input.name, legalName: input.name, postcode: input.postcode ?? null, city: input.city ?? null, sector: input.sector ?? null, createdById: member.id },
			select: { id: true }
		});
		await tx.companyMembership.create({ data: { companyId: company.id, memberId: member.id, role: 'admin', status: 'active' } });
		const record = await tx.cooperativeRecord.create({
			data: { companyId: company.id, ownerId: member.id, preregistered: true, step: 2, inviteTokenHash: hashSecret(secret), inviteExpiresAt: new Date(now.getTime() + INVITATION_TTL_MS), departements: departement ? [departement] : [] },
			select: { id: true }
		});
		await enqueue(REFERENCING_JOBS.mail, { kind: 'invitation', recordId: record.id, secret }, { tx, uniqueKey: `${REFERENCING_JOBS.mail}:invitation:${record.id}` });
		return { recordId: record.id };
	});
}

/** "name;email;postcode;city;sector" per line (a header line is skipped); each line on its own. */
export async function preregisterFromCsv(actor: ActorRef, csv: string, locale: Locale, now = new Date()): Promise<{ created: number; errors: { line: number; message: string }[] }> {
	await requirePermission(actor, 'cooperative.preregister');
	const errors: { line: number; message: string }[] = [];
	let created = 0;
	const lines = csv.split(/\r?\n/);
	if (lines.length > 501) throw invalid('referencing.error.csv_too_long');
	for (const [i, line] of lines.entries()) {
		if (!line.trim() || (i === 0 && /e-?mail/i.test(line))) continue;
		const [name, email, postcode, city, sector] = line.split(/[;,\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
		try {
			await preregisterCooperative(actor, { name, email, postcode: postcode ?? '', city: city ?? '', sector: sector ?? '' }, now);
			created++;
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			const field = Object.entries(error.fields)[0];
			errors.push({ line: i + 1, message: field ? `${field[0]} : ${translate(locale, field[1]!)}` : translate(locale, error.key) });
		}
	}
	return { created, errors };
}

/**
 * The invitation link: used once, within its validity, it becomes a password-setting link of the
 * accounts (auth's reset: password rules, activates the pending account). Returns that link's path.
 */
export async function redeemInvitation(rawSecret: unknown, now = new Date()): Promise<string> {
	if (typeof rawSecret !== 'string' || !/^[A-Za-z0-9_-]{20,100}$/.test(rawSecret)) throw invalid('referencing.error.invitation_invalid');
	const { db } = context();
	return db.$transaction(async (tx) => {
		const record = await tx.cooperativeRecord.findUnique({ where: { inviteTokenHash: hashSecret(rawSecret) }, select: { id: true, ownerId: true, inviteExpiresAt: true } });
		if (!record || !record.ownerId) throw invalid('referencing.error.invitation_invalid');
		if (!record.inviteExpiresAt || record.inviteExpiresAt < now) throw invalid('referencing.error.invitation_expired');
		await tx.cooperativeRecord.update({ where: { id: record.id }, data: { inviteTokenHash: null, inviteExpiresAt: null } });
		const token = await issueToken(tx, record.ownerId, 'password_reset');
		return `/reset-password?token=${encodeURIComponent(token)}`;
	});
}
