// `npm run admin:create -- <email>` — gives a real installation its administrator.
//
// - The address belongs to a member: the member gains the `admin` role (their other roles stay).
// - Nobody has it: an active administrator account is created, with the password read from
//   ADMIN_PASSWORD or, without it, a random one printed once (change it after the first login).
// - Running it again changes nothing and says so.
//
// It opens the database the server uses: DATABASE_URL, else the embedded PostgreSQL under
// DATA_DIR (default ./data — stop `npm start` first: one embedded server per data directory).
// Pending migrations are applied first, as the server does at start.
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createDatabase } from '../src/lib/server/db.ts';
import { loadConfig } from '../src/lib/server/config.ts';
import { hashPassword, PASSWORD_MAX, PASSWORD_MIN } from '../src/lib/server/auth/password.ts';
import { memberSlug } from '../src/lib/server/members/slug.ts';
import type { PrismaClient } from '../src/lib/server/generated/prisma/client.ts';
import { openDatabaseServer } from '../server/db/database.ts';
import { applyMigrations } from '../server/db/migrate.ts';
import { createLogger } from '../server/log.ts';

export type AdminOutcome =
	| { outcome: 'created'; memberId: string; email: string; generatedPassword: string | null }
	| { outcome: 'promoted'; memberId: string; email: string; status: string }
	| { outcome: 'already_admin'; memberId: string; email: string; status: string };

const emailInput = z.string().trim().toLowerCase().pipe(z.email().max(254));

export class AdminCreateError extends Error {}

/** The one rule: promote the member with this address, or create an active administrator. Idempotent. */
export async function createOrPromoteAdmin(db: PrismaClient, input: { email: string; password?: string | null }): Promise<AdminOutcome> {
	const parsed = emailInput.safeParse(input.email);
	if (!parsed.success) throw new AdminCreateError(`"${input.email}" is not an e-mail address`);
	const email = parsed.data;
	const existing = await db.member.findUnique({ where: { email }, select: { id: true, roles: true, status: true } });
	if (existing) {
		if (existing.roles.includes('admin')) return { outcome: 'already_admin', memberId: existing.id, email, status: existing.status };
		// array_append under the row's lock: a concurrent role change is not lost
		await db.$executeRaw`UPDATE "Member" SET roles = array_append(roles, 'admin'::"MemberRole"), "updatedAt" = now() WHERE id = ${existing.id}::uuid AND NOT ('admin'::"MemberRole" = ANY(roles))`;
		return { outcome: 'promoted', memberId: existing.id, email, status: existing.status };
	}
	const given = input.password ?? null;
	if (given !== null && (given.length < PASSWORD_MIN || given.length > PASSWORD_MAX)) {
		throw new AdminCreateError(`ADMIN_PASSWORD must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`);
	}
	const password = given ?? randomBytes(18).toString('base64url');
	const now = new Date();
	const created = await db.member.create({
		data: {
			email,
			passwordHash: await hashPassword(password),
			firstName: 'Administrateur',
			lastName: 'Relais',
			slug: memberSlug('admin', 'relais'),
			category: 'visitor',
			status: 'active',
			activatedAt: now,
			roles: ['member', 'admin'],
			visibleInDirectory: false,
			acceptsContactRequests: false
		},
		select: { id: true }
	});
	return { outcome: 'created', memberId: created.id, email, generatedPassword: given === null ? password : null };
}

export function describeOutcome(result: AdminOutcome): string[] {
	switch (result.outcome) {
		case 'created':
			return [
				`admin:create: created the administrator ${result.email}.`,
				result.generatedPassword
					? `  Password (shown only this once, change it after logging in): ${result.generatedPassword}`
					: '  Password: the one given in ADMIN_PASSWORD.',
				'  Reports: /admin/reports · media: /admin/media'
			];
		case 'promoted':
			return [
				`admin:create: ${result.email} is now an administrator (their other roles are kept).`,
				...(result.status === 'active' ? [] : [`  Note: this account is ${result.status}; it must be active to log in.`])
			];
		case 'already_admin':
			return [`admin:create: ${result.email} is already an administrator; nothing changed.`];
	}
}

export async function main(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
	const args = argv.filter((a) => a !== '--');
	if (args.length !== 1 || args[0]!.startsWith('-')) {
		console.error('usage: npm run admin:create -- <email>   (ADMIN_PASSWORD=… to choose the password of a new account)');
		return 2;
	}
	const config = loadConfig(env);
	const log = createLogger('warn');
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	let server: Awaited<ReturnType<typeof openDatabaseServer>>;
	try {
		server = await openDatabaseServer({ databaseUrl: config.DATABASE_URL, dataDir: path.resolve(root, config.DATA_DIR), log });
	} catch (error) {
		console.error(`admin:create: cannot open the database (${(error as Error).message}).`);
		if (!config.DATABASE_URL) console.error('  The embedded PostgreSQL under DATA_DIR may be in use: stop `npm start` and run this again, or set DATABASE_URL.');
		return 1;
	}
	const db = createDatabase(server.url, { max: 2 });
	try {
		await applyMigrations(server.url, { log: () => {} });
		const result = await createOrPromoteAdmin(db, { email: args[0]!, password: env.ADMIN_PASSWORD || null });
		for (const line of describeOutcome(result)) console.log(line);
		return 0;
	} catch (error) {
		if (error instanceof AdminCreateError) {
			console.error(`admin:create: ${error.message}`);
			return 1;
		}
		throw error;
	} finally {
		await db.$disconnect();
		await server.embedded?.stop();
	}
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main(process.argv.slice(2)).then(
		(code) => process.exit(code),
		(error) => {
			console.error(`admin:create: failed: ${(error as Error).message}`);
			process.exit(1);
		}
	);
}
