import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { loadActor } from '../../src/lib/server/access/index.ts';
import { resolvePlace } from '../../src/lib/server/directory/places.ts';
import { archivedOffers, moderationQueue, myOffers, offerPage, searchOffers } from '../../src/lib/server/careers/index.ts';
import { seedDemo } from '../../prisma/seed/demo.ts';
import { DEMO_OFFERS } from '../../prisma/seed/careers.ts';

/** The demo job board is alive for each demo login, and holds offers in every state. */
let ctx: TestContext;
beforeAll(async () => {
	ctx = await useTestContext();
	await seedDemo(ctx.prisma);
}, 120_000);
afterAll(async () => ctx?.close());

const actorOf = async (email: string) => loadActor((await ctx.prisma.member.findUniqueOrThrow({ where: { email } })).id);

describe('demo job board', () => {
	it('has offers in every state, applications and alert subscriptions', async () => {
		const states = await ctx.prisma.publication.groupBy({ by: ['state'], where: { kind: 'job' }, _count: { _all: true } });
		expect(new Set(states.map((s) => s.state))).toEqual(new Set(['pending', 'changes_requested', 'published', 'refused', 'archived']));
		expect(await ctx.prisma.jobApplication.count()).toBeGreaterThanOrEqual(3);
		expect(await ctx.prisma.jobAlertSubscription.count()).toBeGreaterThanOrEqual(3);
		expect((await ctx.prisma.careersSettings.findUniqueOrThrow({ where: { id: 1 } })).approvalRequired).toBe(true);
		// the written-out places agree with the gazetteer
		for (const spec of DEMO_OFFERS) {
			const row = await ctx.prisma.publication.findFirstOrThrow({ where: { title: spec.title } });
			expect(row.city).toBe(resolvePlace(spec.place)!.label);
			expect(row.departement).toBe(resolvePlace(spec.place)!.departement);
		}
	});

	it('each demo login sees a live board; a visitor sees the public offer only', async () => {
		const paul = await actorOf('paul.bernard@exemple.fr');
		const titles = (await searchOffers(paul, {})).offers.map((o) => o.title);
		// Paul is in Claire's group "Clients": the alternance offered to it reaches him
		expect(titles).toEqual(expect.arrayContaining(['Chargé·e de recrutement H/F', 'Développeur·se web Svelte / TypeScript', 'Alternance — développeur·se web junior']));
		expect((await searchOffers(await actorOf('laurent.michel@exemple.fr'), {})).offers.map((o) => o.title)).not.toContain('Alternance — développeur·se web junior');
		expect((await searchOffers(null, {})).offers.map((o) => o.title)).toEqual(['Développeur·se web Svelte / TypeScript']);
		expect((await myOffers(paul)).map((o) => o.state).sort()).toEqual(['pending', 'refused']);
		const admin = await actorOf('admin@exemple.fr');
		expect((await moderationQueue(admin)).map((o) => o.title)).toEqual(['Freelance — refonte du site vitrine d’un cabinet']);
		expect((await archivedOffers(admin)).map((o) => o.outcome).sort()).toEqual(['filled_network', 'open', null].sort());
		const laurent = await actorOf('laurent.michel@exemple.fr');
		const recruiting = (await myOffers(laurent)).find((o) => o.title === 'Chargé·e de recrutement H/F')!;
		expect((await offerPage(laurent, recruiting.id)).applications).toHaveLength(2);
	});
});
