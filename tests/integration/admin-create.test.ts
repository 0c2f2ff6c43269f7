import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';
import { createOrPromoteAdmin, main } from '../../scripts/admin-create.ts';
import { makeMember } from '../helpers/realtime.ts';

let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

/** runs the command's entry point with DATABASE_URL set to the test database, capturing what it prints */
async function run(args: string[], env: Record<string, string> = {}) {
	const out: string[] = [];
	const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
	const err = vi.spyOn(console, 'error').mockImplementation((line: string) => void out.push(line));
	try {
		const code = await main(args, { NODE_ENV: 'test', DATABASE_URL: ctx.url, ...env });
		return { code, text: out.join('\n') };
	} finally {
		log.mockRestore();
		err.mockRestore();
	}
}

describe('npm run admin:create -- <email>', () => {
	it('creates an active administrator with a random password printed once, who can log in', async () => {
		const { code, text } = await run(['--', 'Chef@Exemple.org']);
		expect(code).toBe(0);
		const password = /Password[^:]*: (\S+)/.exec(text)?.[1];
		expect(password, text).toMatch(/^[\w-]{20,}$/);
		const admin = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'chef@exemple.org' } });
		expect(admin.roles).toEqual(['member', 'admin']);
		expect(admin.status).toBe('active');
		expect(admin.visibleInDirectory).toBe(false);
		expect(await verifyPassword(admin.passwordHash, password!)).toBe(true);

		const again = await run(['chef@exemple.org']);
		expect(again.code).toBe(0);
		expect(again.text).toContain('already an administrator');
		expect(again.text).not.toContain('Password');
		expect(await ctx.prisma.member.count({ where: { email: 'chef@exemple.org' } })).toBe(1);
	});

	it('takes the password of a new account from ADMIN_PASSWORD and never prints it', async () => {
		const { code, text } = await run(['ops@exemple.org'], { ADMIN_PASSWORD: 'un mot de passe choisi' });
		expect(code).toBe(0);
		expect(text).not.toContain('un mot de passe choisi');
		const admin = await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'ops@exemple.org' } });
		expect(await verifyPassword(admin.passwordHash, 'un mot de passe choisi')).toBe(true);
		expect((await run(['ops2@exemple.org'], { ADMIN_PASSWORD: 'court' })).code).toBe(1);
		expect(await ctx.prisma.member.count({ where: { email: 'ops2@exemple.org' } })).toBe(0);
	});

	it('promotes an existing member, keeping their other roles and password', async () => {
		const member = await makeMember(ctx, { category: 'freelance' });
		await ctx.prisma.member.update({ where: { id: member.id }, data: { roles: ['member', 'recruiter'] } });
		const before = await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.id } });
		const result = await createOrPromoteAdmin(ctx.prisma, { email: before.email.toUpperCase() });
		expect(result.outcome).toBe('promoted');
		const after = await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.id } });
		expect(after.roles).toEqual(['member', 'recruiter', 'admin']);
		expect(after.passwordHash).toBe(before.passwordHash);
		expect((await createOrPromoteAdmin(ctx.prisma, { email: before.email })).outcome).toBe('already_admin');
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: member.id } })).roles).toEqual(['member', 'recruiter', 'admin']);
	});

	it('refuses a missing or malformed address with a clear message, changing nothing', async () => {
		const count = await ctx.prisma.member.count();
		expect((await run([])).code).toBe(2);
		const bad = await run(['pas-une-adresse']);
		expect(bad.code).toBe(1);
		expect(bad.text).toContain('is not an e-mail address');
		expect(await ctx.prisma.member.count()).toBe(count);
	});
});
