import { context } from '../context.ts';
import { parseInput } from '../validation.ts';
import { signUp } from '../auth/accounts.ts';
import { consentOf } from '../auth/inputs.ts';
import type { MailRequester } from '../auth/rate-limit.ts';
import type { Locale } from '../../i18n/index.ts';
import { buyerInput } from './inputs.ts';
import { requireMember, type ActorRef } from '../access/index.ts';

/**
 * Buyer registration (last name, first name, institution, e-mail, password): auth's sign-up (its
 * password rules, activation mail, same answer for a known address) plus the buyer role and the
 * institution. An address that already had an account gets nothing added: its owner was told.
 */
export async function registerBuyer(raw: unknown, locale: Locale, requester: MailRequester = {}): Promise<{ email: string }> {
	const input = parseInput(buyerInput, raw);
	const { db } = context();
	const existed = await db.member.findUnique({ where: { email: input.email }, select: { id: true } });
	const { memberId, email } = await signUp({ firstName: input.firstName, lastName: input.lastName, email: input.email, password: input.password, category: 'visitor', acceptTerms: consentOf(raw) }, locale, requester);
	if (existed) return { email };
	await db.$transaction(async (tx) => {
		await tx.member.update({ where: { id: memberId }, data: { roles: { push: 'buyer' } } });
		await tx.buyerProfile.create({ data: { memberId, institution: input.institution } });
	});
	return { email };
}

/** A logged-in member becomes a buyer too (institution required). */
export async function becomeBuyer(actor: ActorRef, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { institution } = parseInput(buyerInput.pick({ institution: true }), raw);
	const { db } = context();
	await db.$transaction(async (tx) => {
		const member = await tx.member.findUniqueOrThrow({ where: { id: memberId }, select: { roles: true } });
		if (!member.roles.includes('buyer')) await tx.member.update({ where: { id: memberId }, data: { roles: { push: 'buyer' } } });
		await tx.buyerProfile.upsert({ where: { memberId }, create: { memberId, institution }, update: { institution } });
	});
}
