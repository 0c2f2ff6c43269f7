import { context } from '../context.ts';
import { conflict, DomainError, forbidden, invalid, notFound } from '../errors.ts';
import { enqueue } from '../jobs/queue.ts';
import { limitMail, type MailRequester } from './rate-limit.ts';
import { parseInput } from '../validation.ts';
import { linkMail } from '../mail/templates.ts';
import { memberSlug } from '../members/slug.ts';
import { isLocale, type Locale } from '../../i18n/index.ts';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.ts';
import { consumeToken, issueToken, tokenError, tokenProblem } from './tokens.ts';
import { openSession, revokeSessions, type SessionMeta } from './sessions.ts';
import { hashSecret } from './secrets.ts';
import { assertNotThrottled, clearAccountFailures, recordLoginFailure, throttleKeys } from './throttle.ts';
import {
	changeEmailInput,
	changePasswordInput,
	deactivateInput,
	forgotInput,
	loginInput,
	resetInput,
	settingsInput,
	signUpInput,
	localeInput
} from './inputs.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { recordEvent } from '../outbox/index.ts';
import { requireMember, type ActorRef } from '../access/index.ts';
import { parseModeratedFields, registrationApprovalRequired, requestRegistration } from './registration.ts';
import { LEGAL_VERSIONS } from '../../legal.ts';

/** Who is acting: the logged-in member, or a visitor (the access module's actor). Every domain function takes one. */
export type Actor = ActorRef;

function link(path: string, token: string) {
	return `${context().config.publicUrl}${path}?token=${encodeURIComponent(token)}`;
}

function isUniqueViolation(error: unknown) {
	return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/**
 * Sign-up (PROETHEEC/ECE): the account waits in `pending` until its activation link is opened.
 * An address that already has an account gets the same answer (nobody learns who is registered)
 * and its owner a notice instead of a second account. Mails are limited per address, IP and member.
 */
export async function signUp(raw: unknown, locale: Locale, requester: MailRequester = {}): Promise<{ memberId: string; email: string; awaitingApproval?: true }> {
	const input = parseInput(signUpInput, raw);
	const { db, mailer, events } = context();
	// registration moderation (registration.ts): the stated role, promotion and programme, when the setting is on
	const moderated = (await registrationApprovalRequired(db)) ? parseModeratedFields(raw) : null;
	await limitMail('activation', input.email, requester);
	// hashed in both cases, so both answers take the same time
	const passwordHash = await hashPassword(input.password);
	const existing = await db.member.findUnique({ where: { email: input.email }, select: { id: true } });
	if (existing) return notifyExistingAccount(existing.id);
	if (moderated && moderated.role !== 'recruiter') {
		await db.$transaction((tx) => requestRegistration(tx, { ...input, passwordHash, locale, ...moderated }));
		return { memberId: '', email: input.email, awaitingApproval: true };
	}
	let created: { id: string; token: string };
	try {
		created = await db.$transaction(async (tx) => {
			const member = await tx.member.create({
				data: {
					email: input.email,
					passwordHash,
					firstName: input.firstName,
					lastName: input.lastName,
					slug: memberSlug(input.firstName, input.lastName),
					category: input.category,
					locale,
					status: 'pending',
					// visitors are not providers: they stay out of the public directory until they choose
					visibleInDirectory: input.category !== 'visitor',
					// recruiters are accepted without moderation (Datalumni)
					...(moderated ? { roles: ['member', 'recruiter'], promotion: moderated.promotion ?? null, programme: moderated.programme ?? null } : {})
				},
				select: { id: true }
			});
			// consent to the terms and the privacy policy, with the versions the form showed
			await tx.consentRecord.createMany({ data: Object.entries(LEGAL_VERSIONS).map(([document, version]) => ({ memberId: member.id, document, version })) });
			const token = await issueToken(tx, member.id, 'activation');
			return { id: member.id, token };
		});
	} catch (error) {
		// the same address signed up twice at the same instant: the second one is the "existing" case
		if (isUniqueViolation(error)) {
			const raced = await db.member.findUniqueOrThrow({ where: { email: input.email }, select: { id: true } });
			return notifyExistingAccount(raced.id);
		}
		throw error;
	}
	await mailer.send(
		linkMail({ to: input.email, locale, name: input.firstName, subject: 'mail.activation.subject', body: 'mail.activation.body', link: link('/activate', created.token) })
	);
	events.emit('member.signed_up', { memberId: created.id });
	return { memberId: created.id, email: input.email };
}

/** "Someone signed up with your address": the owner may log in or reset the password. */
async function notifyExistingAccount(memberId: string): Promise<{ memberId: string; email: string }> {
	const { db, mailer, config } = context();
	const member = await db.member.findUniqueOrThrow({ where: { id: memberId }, select: { email: true, firstName: true, locale: true } });
	await mailer.send(
		linkMail({
			to: member.email,
			locale: member.locale,
			name: member.firstName,
			subject: 'auth.mail.signup_exists.subject',
			body: 'auth.mail.signup_exists.body',
			link: `${config.publicUrl}/forgot-password`,
			note: 'auth.mail.signup_exists.ignore'
		})
	);
	return { memberId, email: member.email };
}

/**
 * Opening the activation link activates the account and logs the member in (first login). Every
 * activation link sent works until one of them is used or it expires; then the others say the
 * account is already active.
 */
export async function activate(rawToken: unknown, meta: SessionMeta) {
	const { db, events } = context();
	const memberId = await db.$transaction(async (tx) => {
		const token = await consumeToken(tx, rawToken, 'activation');
		const member = await tx.member.findUnique({ where: { id: token.memberId }, select: { id: true, status: true } });
		if (!member) throw tokenError('activation', 'invalid');
		// activated meanwhile (another link, a password reset, Google): this link has nothing left to do
		if (member.status !== 'pending') throw tokenError('activation', 'used');
		await tx.member.update({
			where: { id: member.id },
			data: { status: 'active', activatedAt: new Date(), lastLoginAt: new Date() }
		});
		await tx.accountToken.updateMany({ where: { memberId: member.id, purpose: 'activation', usedAt: null }, data: { usedAt: new Date() } });
		// the mailbox answered: what follows (e.g. the guest bookings made with this address) listens to this
		await recordEvent(tx, 'member.activated', { memberId: member.id, via: 'activation' });
		return member.id;
	});
	events.emit('member.activated', { memberId });
	return { memberId, session: await openSession(memberId, meta) };
}

async function resendActivation(member: { id: string; email: string; firstName: string; locale: Locale }, requester: MailRequester) {
	const { db, mailer } = context();
	try {
		await limitMail('activation', member.email, requester);
	} catch (error) {
		// enough links were sent for now: the login only reminds to open one
		if (error instanceof DomainError && error.kind === 'throttled') throw forbidden('error.not_activated');
		throw error;
	}
	const token = await issueToken(db, member.id, 'activation');
	await mailer.send(
		linkMail({ to: member.email, locale: member.locale, name: member.firstName, subject: 'mail.activation.subject', body: 'mail.activation.body', link: link('/activate', token) })
	);
}

/**
 * Login: one generic message for unknown email and wrong password, slowed down per account and
 * blocked per IP (throttle.ts); a deactivated account comes back to life by logging in again.
 */
export async function logIn(raw: unknown, meta: SessionMeta, now = new Date()) {
	const input = parseInput(loginInput, raw);
	const { db, events } = context();
	const keys = throttleKeys(input.email, meta.ip);
	await assertNotThrottled(keys, now);
	const member = await db.member.findUnique({
		where: { email: input.email },
		select: { id: true, email: true, passwordHash: true, status: true, firstName: true, locale: true }
	});
	if (!member) await burnPasswordCheck(input.password);
	if (!member || !(await verifyPassword(member.passwordHash, input.password))) {
		await recordLoginFailure(keys, now);
		// one message for the pair, not a field's: shown once, above the form
		throw invalid('error.bad_credentials');
	}
	await clearAccountFailures(keys.account);
	if (member.status === 'pending') {
		await resendActivation(member, { ip: meta.ip });
		throw forbidden('error.activation_resent');
	}
	const reactivated = member.status === 'deactivated';
	await db.$transaction(async (tx) => {
		await tx.member.update({
			where: { id: member.id },
			data: { lastLoginAt: new Date(), ...(reactivated ? { status: 'active', deactivatedAt: null } : {}) }
		});
		// an active account's address was proven (activation, confirmed change): e.g. bookings made with it while logged out become theirs
		await recordEvent(tx, reactivated ? 'member.activated' : 'member.address_proven', reactivated ? { memberId: member.id, via: 'reactivation' } : { memberId: member.id, via: 'login' });
	});
	if (reactivated) events.emit('member.activated', { memberId: member.id });
	return { memberId: member.id, locale: member.locale, reactivated, session: await openSession(member.id, meta) };
}

export const PASSWORD_RESET_JOB = 'auth.password_reset_mail';

/**
 * Always answers the same way, and does the same work, whether or not the address has an account:
 * the request is counted (per address, IP and member) and handed to a job; the job finds the
 * account, if any, and mails the link.
 */
export async function requestPasswordReset(raw: unknown, requester: MailRequester = {}): Promise<void> {
	const input = parseInput(forgotInput, raw);
	await limitMail('reset', input.email, requester);
	await enqueue(PASSWORD_RESET_JOB, { email: input.email });
}

/** The job behind requestPasswordReset: nothing for an unknown address. */
export async function sendPasswordResetMail(payload: unknown): Promise<'sent' | 'no_account'> {
	const { email } = parseInput(forgotInput, payload);
	const { db, mailer } = context();
	const member = await db.member.findUnique({ where: { email }, select: { id: true, email: true, firstName: true, locale: true } });
	if (!member) return 'no_account';
	const token = await issueToken(db, member.id, 'password_reset');
	await mailer.send(
		linkMail({
			to: member.email,
			locale: member.locale,
			name: member.firstName,
			subject: 'mail.reset.subject',
			body: 'mail.reset.body',
			link: link('/reset-password', token),
			note: 'mail.reset.ignore'
		})
	);
	return 'sent';
}

/** The reset page says what is wrong with its link before asking for a new password. */
export async function checkResetLink(rawToken: unknown): Promise<void> {
	const problem = await tokenProblem(context().db, rawToken, 'password_reset');
	if (problem) throw tokenError('password_reset', problem);
}

export async function resetPassword(raw: unknown): Promise<void> {
	// the link first: a new password typed for a dead link is not the problem to report
	await checkResetLink((raw as { token?: unknown } | null)?.token);
	const input = parseInput(resetInput, raw);
	const { db } = context();
	const passwordHash = await hashPassword(input.password);
	const { announce } = await db.$transaction(async (tx) => {
		const token = await consumeToken(tx, input.token, 'password_reset');
		// opening a reset link proves the mailbox: a pending account becomes active
		const member = await tx.member.findUniqueOrThrow({ where: { id: token.memberId }, select: { status: true } });
		await tx.member.update({
			where: { id: token.memberId },
			data: { passwordHash, ...(member.status === 'pending' ? { status: 'active', activatedAt: new Date() } : {}) }
		});
		if (member.status === 'pending') await recordEvent(tx, 'member.activated', { memberId: token.memberId, via: 'password_reset' });
		else if (member.status === 'active') await recordEvent(tx, 'member.address_proven', { memberId: token.memberId, via: 'password_reset' });
		// whoever had the old password loses their sessions, open sockets included
		return { announce: await revokeSessions(tx, token.memberId) };
	});
	announce();
}

async function checkCurrentPassword(memberId: string, password: string) {
	const member = await context().db.member.findUnique({ where: { id: memberId }, select: { passwordHash: true } });
	if (!member) throw notFound();
	if (!(await verifyPassword(member.passwordHash, password))) {
		throw invalid('error.wrong_password', { currentPassword: 'error.wrong_password' });
	}
}

export async function changePassword(actor: Actor, raw: unknown, currentSessionSecret: string | null) {
	const memberId = requireMember(actor);
	const input = parseInput(changePasswordInput, raw);
	await checkCurrentPassword(memberId, input.currentPassword);
	const passwordHash = await hashPassword(input.newPassword);
	const { db } = context();
	const keep = currentSessionSecret ? hashSecret(currentSessionSecret) : null;
	const announce = await db.$transaction(async (tx) => {
		await tx.member.update({ where: { id: memberId }, data: { passwordHash } });
		return revokeSessions(tx, memberId, keep);
	});
	announce();
}

/** The new address is confirmed from its own mailbox before it replaces the old one. */
export async function requestEmailChange(actor: Actor, raw: unknown, requester: Pick<MailRequester, 'ip'> = {}): Promise<{ newEmail: string }> {
	const memberId = requireMember(actor);
	const input = parseInput(changeEmailInput, raw);
	await checkCurrentPassword(memberId, input.currentPassword);
	await limitMail('email_change', input.newEmail, { ip: requester.ip, memberId });
	const { db, mailer } = context();
	const member = await db.member.findUniqueOrThrow({ where: { id: memberId }, select: { email: true, firstName: true, locale: true } });
	if (member.email === input.newEmail) throw invalid('error.same_email', { newEmail: 'error.same_email' });
	const taken = await db.member.findUnique({ where: { email: input.newEmail }, select: { id: true } });
	if (taken) throw conflict('error.email_taken', { newEmail: 'error.email_taken' });
	const token = await issueToken(db, memberId, 'email_change', input.newEmail);
	await mailer.send(
		linkMail({
			to: input.newEmail,
			locale: member.locale,
			name: member.firstName,
			subject: 'mail.email_change.subject',
			body: 'mail.email_change.body',
			link: link('/confirm-email', token)
		})
	);
	return { newEmail: input.newEmail };
}

export async function confirmEmailChange(rawToken: unknown): Promise<{ memberId: string }> {
	const { db, mailer } = context();
	const result = await db
		.$transaction(async (tx) => {
			const token = await consumeToken(tx, rawToken, 'email_change');
			if (!token.payload) throw tokenError('email_change', 'invalid');
			const before = await tx.member.findUniqueOrThrow({ where: { id: token.memberId }, select: { email: true, firstName: true, locale: true } });
			await tx.member.update({ where: { id: token.memberId }, data: { email: token.payload } });
			return { memberId: token.memberId, oldEmail: before.email, newEmail: token.payload, firstName: before.firstName, locale: before.locale };
		})
		.catch((error: unknown) => {
			if (isUniqueViolation(error)) throw conflict('error.email_taken');
			throw error;
		});
	// the old mailbox hears about it, in case this was not its owner's doing
	await mailer.send(
		linkMail({
			to: result.oldEmail,
			locale: result.locale,
			name: result.firstName,
			subject: 'mail.email_changed.subject',
			body: 'mail.email_changed.body',
			params: { email: result.newEmail }
		})
	);
	return { memberId: result.memberId };
}

/** Deactivation hides the member everywhere and ends every session; logging in again reactivates. */
export async function deactivate(actor: Actor, raw: unknown) {
	const memberId = requireMember(actor);
	const input = parseInput(deactivateInput, raw);
	const { db, events } = context();
	const member = await db.member.findUniqueOrThrow({ where: { id: memberId }, select: { passwordHash: true } });
	// accounts created through Google have no password to confirm with
	if (member.passwordHash) await checkCurrentPassword(memberId, input.currentPassword ?? '');
	await db.$transaction([
		db.member.update({ where: { id: memberId }, data: { status: 'deactivated', deactivatedAt: new Date() } }),
		db.session.deleteMany({ where: { memberId } })
	]);
	events.emit('member.deactivated', { memberId });
}

export async function accountSettings(actor: Actor) {
	const memberId = requireMember(actor);
	return context().db.member.findUniqueOrThrow({
		where: { id: memberId },
		select: {
			email: true,
			firstName: true,
			lastName: true,
			phone: true,
			postcode: true,
			city: true,
			locale: true,
			timezone: true,
			visibleInDirectory: true,
			acceptsContactRequests: true,
			passwordHash: true
		}
	}).then(({ passwordHash, ...rest }) => ({ ...rest, hasPassword: passwordHash !== null }));
}

export async function updateSettings(actor: Actor, raw: unknown) {
	const memberId = requireMember(actor);
	const input = parseInput(settingsInput, raw);
	await context().db.member.update({
		where: { id: memberId },
		data: {
			firstName: input.firstName,
			lastName: input.lastName,
			phone: input.phone ?? null,
			postcode: input.postcode ?? null,
			city: input.city ?? null,
			locale: input.locale,
			timezone: input.timezone,
			visibleInDirectory: input.visibleInDirectory,
			acceptsContactRequests: input.acceptsContactRequests
		}
	});
	return { locale: input.locale };
}

/** The language switch: stored on the member; visitors keep it in a cookie (transport's job). */
export async function setLocale(actor: Actor, raw: unknown): Promise<Locale> {
	const locale = parseInput(localeInput, raw);
	if (actor) await context().db.member.update({ where: { id: actor.memberId }, data: { locale } });
	return isLocale(locale) ? locale : 'fr';
}
