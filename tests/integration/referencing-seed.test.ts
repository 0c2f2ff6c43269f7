import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit, jobsOf } from '../helpers/jobs.ts';
import { seedDemo } from '../../prisma/seed/demo.ts';
import { seedReferencing } from '../../prisma/seed/referencing.ts';
import { logIn } from '../../src/lib/server/auth/accounts.ts';
import { consultationView, myConsultations, searchCooperatives, topKeywords, latestCooperatives, favorites, savedSearches } from '../../src/lib/server/referencing/index.ts';
import { loadActor } from '../../src/lib/server/access/index.ts';

let ctx: TestContext;
let logins: { email: string; password: string }[];
beforeAll(async () => {
	ctx = await useTestContext();
	await seedDemo(ctx.prisma);
	logins = await seedReferencing(ctx.prisma);
});
afterAll(async () => ctx?.close());

describe('referencing demo data', () => {
	it('has a dozen approved cooperatives across départements and sectors, one pending, one pre-registered', async () => {
		const all = await searchCooperatives(null, {});
		expect(all.total).toBe(12);
		const records = await ctx.prisma.cooperativeRecord.findMany({ include: { company: true } });
		expect(new Set(records.filter((r) => r.status === 'approved').flatMap((r) => r.departements)).size).toBeGreaterThanOrEqual(10);
		expect(new Set(records.filter((r) => r.status === 'approved').map((r) => r.company?.sector)).size).toBeGreaterThanOrEqual(8);
		expect(records.filter((r) => r.status === 'pending')).toHaveLength(1);
		expect(records.filter((r) => r.preregistered && r.status === 'draft')).toHaveLength(1);
		expect((await topKeywords()).length).toBeGreaterThan(5);
		expect(await latestCooperatives()).toHaveLength(6);
		expect((await searchCooperatives(null, { departements: ['34'], sector: 'batiment' })).results.map((r) => r.name)).toEqual(['Les Charpentiers du Lez']);
	});

	it('has a buyer and a cooperative login whose password works, with favourites, saved searches and consultations in every state', async () => {
		expect(logins.map((l) => l.email)).toEqual(['acheteur@exemple.fr', 'cooperative@exemple.fr']);
		const meta = { ip: '127.0.0.1', userAgent: 'vitest' };
		const buyer = await logIn({ email: 'acheteur@exemple.fr', password: 'Relais-demo-2026' }, meta);
		const coop = await logIn({ email: 'cooperative@exemple.fr', password: 'Relais-demo-2026' }, meta);
		const buyerActor = await loadActor(buyer.memberId);
		expect((await favorites(buyerActor)).map((f) => f.comment)).toContain('Bon rapport qualité/prix');
		expect(await savedSearches(buyerActor)).toHaveLength(2);
		const mine = await myConsultations(buyerActor);
		expect(new Set(mine.sent.map((c) => c.state))).toEqual(new Set(['open', 'closed', 'cancelled']));
		expect(new Set(mine.sent.flatMap((c) => c.recipients.map((r) => r.status)))).toEqual(new Set(['sent', 'read', 'answered', 'declined']));
		const coopActor = await loadActor(coop.memberId);
		const theirs = await myConsultations(coopActor);
		expect(theirs.received.length).toBeGreaterThan(0);
		expect(theirs.sent.length).toBe(1);
		// the buyer sees the quote of the open consultation
		const open = mine.sent.find((c) => c.title === 'Réfection de la charpente du pavillon B')!;
		expect((await consultationView(buyerActor, open.id)).quotes.some((q) => q.amount === '68400.00')).toBe(true);
		// the open consultations get their closing job once the server delivers the seeded events, and no mail is sent for them
		await afterCommit(ctx);
		const closing = await jobsOf(ctx, 'referencing.consultation_close', { queued: true });
		expect(closing.length).toBe(2);
		expect((await ctx.sentMail()).filter((m) => m.subject.startsWith('Consultation :'))).toEqual([]);
	});
});
