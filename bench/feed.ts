// `npm run bench:feed` — the home feed and the public tabs at 1 000 000 publications.
//
// 1. a SEPARATE embedded PostgreSQL (bench/stack.ts), migrated like production;
// 2. 50 000 members, 2 000 companies and 1 000 000 publications (news, offers, demands, jobs;
//    70 % public, 10 % members-only, 10 % to all contacts, 10 % to chosen contacts or groups; one year
//    of dates; some expired, closed or hidden) written by INSERT … SELECT FROM generate_series in
//    PostgreSQL itself (the search documents computed in the same statement);
// 3. a reader who follows 500 members and 50 companies, is a contact of 300 members and sits in
//    20 of their contact groups (their private ads go to those groups);
// 4. timed through the domain (the same functions the pages and the API call, visibility rule
//    included): the home feed's first page and pages 2–6 by keyset cursor (fan-out on write: the feed
//    entries are built by the same statement as the publication.published subscriber's), then a
//    public-tab search;
//    against, in the same run, the NAIVE queries: the feed as one OR-of-subqueries query paginated by
//    OFFSET, and the search as ILIKE scans.
// Prints p50/p95 both ways and the ratio. Figures only: nothing here asserts a time.
import { startBenchDatabase } from './stack.ts';
import { warmUpPlaces } from '../src/lib/server/directory/index.ts';
import { fanOutAll, homeFeed, searchPublications } from '../src/lib/server/publications/index.ts';

const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 1_000_000);
const MEMBERS = 50_000;
const COMPANIES = 2_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

const p = (values: number[], q: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;
async function time(run: () => Promise<unknown>): Promise<number> {
	const t = performance.now();
	await run();
	return performance.now() - t;
}

const WORDS = ['site', 'web', 'plomberie', 'électricité', 'comptabilité', 'formation', 'audit', 'rénovation', 'graphisme', 'traduction', 'coaching', 'photographie', 'jardin', 'menuiserie', 'peinture', 'développement', 'mobile', 'conseil', 'immobilier', 'santé', 'maintenance', 'installation', 'dépannage', 'logo', 'cuisine', 'toiture', 'isolation', 'juridique', 'recrutement', 'marketing'];

async function main() {
	const started = performance.now();
	const bench = await startBenchDatabase('feed', { maxConnections: 4 });
	const { db } = bench;
	try {
		console.log(`seeding ${PUBLICATIONS.toLocaleString('fr-FR')} publications…`);
		let t = performance.now();
		await db.$executeRawUnsafe(`
			INSERT INTO "Member"(id, email, "firstName", "lastName", slug, status, category, "activatedAt", "createdAt", "updatedAt")
			SELECT gen_random_uuid(), 'm' || i || '@bench.test', 'Prénom' || i, 'Nom' || i, 'membre-' || i, 'active', 'freelance', now(), now(), now()
			  FROM generate_series(1, ${MEMBERS}) i`);
		await db.$executeRawUnsafe(`
			INSERT INTO "Company"(id, slug, "legalName", title, "updatedAt")
			SELECT gen_random_uuid(), 'entreprise-' || i, 'Entreprise ' || i, 'Entreprise ' || i, now() FROM generate_series(1, ${COMPANIES}) i`);
		await db.$executeRawUnsafe(`CREATE TEMP TABLE m AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM "Member"`);
		await db.$executeRawUnsafe(`CREATE TEMP TABLE c AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM "Company"`);
		await db.$executeRawUnsafe(`CREATE INDEX ON m(n)`);
		await db.$executeRawUnsafe(`CREATE INDEX ON c(n)`);
		// the search document is computed in the INSERT (trigger off for the bulk load, same expression)
		await db.$executeRawUnsafe(`ALTER TABLE "Publication" DISABLE TRIGGER publication_search`);
		const words = `(ARRAY[${WORDS.map((w) => `'${w}'`).join(',')}])`;
		const batch = 200_000;
		for (let from = 1; from <= PUBLICATIONS; from += batch) {
			await db.$executeRawUnsafe(`
				INSERT INTO "Publication"(id, kind, audience, state, "authorId", "companyId", title, body, city, departement, latitude, longitude, "expiresAt", "hiddenAt", "publishedAt", "createdAt", "updatedAt", search)
				SELECT id, kind, audience, state, author, company, title, body, 'Lyon', '69', 45.75 + (r3 - 0.5), 4.84 + (r4 - 0.5), expires, hidden, at, at, at,
				       setweight(to_tsvector('relais_fr', title), 'A') || setweight(to_tsvector('relais_fr', body), 'B')
				  FROM (
					SELECT gen_random_uuid() AS id,
					       (ARRAY['news','offer','demand','job'])[1 + (i % 20 >= 6)::int + (i % 20 >= 13)::int + (i % 20 >= 19)::int]::"PublicationKind" AS kind,
					       (CASE WHEN i % 10 < 7 THEN 'public' WHEN i % 10 = 7 THEN 'members' WHEN i % 10 = 8 THEN 'contacts' ELSE 'selected' END)::"PublicationAudience" AS audience,
					       (CASE WHEN i % 50 = 0 THEN 'closed' ELSE 'published' END)::"PublicationState" AS state,
					       (SELECT id FROM m WHERE n = 1 + (hashint4(i) & 2147483647) % ${MEMBERS}) AS author,
					       CASE WHEN i % 5 = 0 THEN (SELECT id FROM c WHERE n = 1 + (hashint4(i + 7) & 2147483647) % ${COMPANIES}) END AS company,
					       initcap(${words}[1 + i % 30]) || ' ' || ${words}[1 + (i / 30) % 30] || ' ' || i AS title,
					       'Annonce ' || ${words}[1 + (i / 7) % 30] || ' et ' || ${words}[1 + (i / 11) % 30] || ' à Lyon, devis gratuit.' AS body,
					       ((hashint4(i + 1) & 2147483647) % 1000) / 1000.0 AS r3, ((hashint4(i + 2) & 2147483647) % 1000) / 1000.0 AS r4,
					       CASE WHEN i % 7 = 0 THEN now() - interval '1 day' * ((i % 30) - 10) END AS expires,
					       CASE WHEN i % 997 = 0 THEN now() END AS hidden,
					       now() - interval '1 second' * ((hashint4(i + 3) & 2147483647) % 31536000) AS at
					  FROM generate_series(${from}, ${Math.min(PUBLICATIONS, from + batch - 1)}) i) x`);
			process.stdout.write('.');
		}
		await db.$executeRawUnsafe(`ALTER TABLE "Publication" ENABLE TRIGGER publication_search`);
		console.log(` ${((performance.now() - t) / 1000).toFixed(0)} s`);

		// the reader: follows 500 members and 50 companies, contact of 300 members, in 20 of their groups
		t = performance.now();
		const [{ id: reader }] = await db.$queryRawUnsafe<{ id: string }[]>(`
			INSERT INTO "Member"(id, email, "firstName", "lastName", slug, status, category, "activatedAt", "updatedAt")
			VALUES (gen_random_uuid(), 'lecteur@bench.test', 'Lecteur', 'Banc', 'lecteur-banc', 'active', 'freelance', now(), now()) RETURNING id`);
		await db.$executeRawUnsafe(`INSERT INTO "Follow"(id, "followerId", "followedMemberId") SELECT gen_random_uuid(), '${reader}', id FROM m WHERE n % 100 = 3 LIMIT 500`);
		await db.$executeRawUnsafe(`INSERT INTO "Follow"(id, "followerId", "followedCompanyId") SELECT gen_random_uuid(), '${reader}', id FROM c WHERE n % 40 = 1 LIMIT 50`);
		await db.$executeRawUnsafe(`CREATE TEMP TABLE k AS SELECT n, id FROM m WHERE n % 150 = 7 LIMIT 300`);
		await db.$executeRawUnsafe(`INSERT INTO "Contact"("ownerId", "otherId") SELECT id, '${reader}' FROM k UNION ALL SELECT '${reader}', id FROM k`);
		await db.$executeRawUnsafe(`INSERT INTO "ContactGroup"(id, "ownerId", name) SELECT gen_random_uuid(), id, 'Clients ' || n FROM k ORDER BY n LIMIT 20`);
		await db.$executeRawUnsafe(`INSERT INTO "ContactGroupMember"("groupId", "ownerId", "memberId") SELECT g.id, g."ownerId", '${reader}' FROM "ContactGroup" g`);
		// the groups' owners send their private ads to those groups; other private ads go to chosen contacts (not the reader)
		await db.$executeRawUnsafe(`INSERT INTO "PublicationGroup"("publicationId", "groupId") SELECT p.id, g.id FROM "Publication" p JOIN "ContactGroup" g ON g."ownerId" = p."authorId" WHERE p.audience = 'selected'`);
		await db.$executeRawUnsafe(`INSERT INTO "PublicationRecipient"("publicationId", "memberId") SELECT p.id, m.id FROM "Publication" p JOIN m ON m.n = 1 + (hashint4(length(p.title)) & 2147483647) % ${MEMBERS} WHERE p.audience = 'selected' AND NOT EXISTS (SELECT 1 FROM "PublicationGroup" g WHERE g."publicationId" = p.id)`);
		// the home feeds, built by the same statement as the publication.published subscriber's
		const entries = await fanOutAll(db);
		await db.$executeRawUnsafe('VACUUM ANALYZE');
		console.log(`fan-out: ${entries} feed entries`);
		const counts = (await db.$queryRawUnsafe<{ p: bigint; g: bigint; r: bigint }[]>(`SELECT (SELECT count(*) FROM "Publication") p, (SELECT count(*) FROM "PublicationGroup") g, (SELECT count(*) FROM "PublicationRecipient") r`))[0]!;
		console.log(`reader: 500 followed members, 50 followed companies, 300 contacts, 20 groups; ${counts.p} publications, ${counts.g} group and ${counts.r} recipient rows (${((performance.now() - t) / 1000).toFixed(0)} s)`);

		const actor = { memberId: reader, roles: ['member'] as const };
		const now = new Date();
		// warm up (the gazetteer loads on first use of a place)
		warmUpPlaces();
		for (let i = 0; i < 3; i++) await homeFeed(actor, {}, now);
		for (let i = 0; i < 3; i++) await searchPublications(null, { type: 'offer', q: 'site', place: 'Lyon', radius: '15' }, now);

		if (process.env.BENCH_PROFILE) {
			const { feedCandidates } = await import('../src/lib/server/publications/feed.ts');
			const { publicationVisibleWhere } = await import('../src/lib/server/access/index.ts');
			const { cardSelect } = await import('../src/lib/server/publications/views.ts');
			const a: number[] = [], b: number[] = [], c: number[] = [];
			for (let i = 0; i < 20; i++) {
				let found: { id: string }[] = [];
				a.push(await time(async () => (found = await feedCandidates(reader, now, null, 21))));
				b.push(await time(() => db.publication.findMany({ where: { AND: [{ id: { in: found.map((f) => f.id) } }, publicationVisibleWhere(actor, now)] }, select: { id: true } })));
				c.push(await time(() => db.publication.findMany({ where: { id: { in: found.map((f) => f.id) } }, select: cardSelect })));
			}
			console.log(`profile p50: candidates ${ms(p(a, 0.5))}, visibility filter ${ms(p(b, 0.5))}, card rows ${ms(p(c, 0.5))}`);
		}
		// ── home feed ──
		const first: number[] = [];
		const next: number[] = [];
		let sample = 0;
		for (let run = 0; run < RUNS; run++) {
			let page = await homeFeed(actor, {}, now);
			first.push(await time(async () => (page = await homeFeed(actor, {}, now))));
			sample = page.items.length;
			for (let k = 0; k < 5 && page.nextCursor; k++) {
				const cursor = page.nextCursor;
				next.push(await time(async () => (page = await homeFeed(actor, { cursor }, now))));
			}
		}
		const naive = (offset: number) =>
			db.$queryRawUnsafe(
				`SELECT p.id, p.kind, p.audience, p.title, p.body, p.photos, p.city, p."priceCents", p."publishedAt", p."expiresAt", a."firstName", a."lastName", a.slug, co.title AS company
				   FROM "Publication" p JOIN "Member" a ON a.id = p."authorId" LEFT JOIN "Company" co ON co.id = p."companyId"
				  WHERE p.state = 'published' AND p."hiddenAt" IS NULL AND (p."expiresAt" IS NULL OR p."expiresAt" > $2) AND a.status = 'active'
				    AND (   p."authorId" = $1::uuid
				         OR (p.audience IN ('public', 'members') AND (p."authorId" IN (SELECT "followedMemberId" FROM "Follow" WHERE "followerId" = $1::uuid)
				                                                   OR p."companyId" IN (SELECT "followedCompanyId" FROM "Follow" WHERE "followerId" = $1::uuid)))
				         OR (p.audience = 'contacts' AND EXISTS (SELECT 1 FROM "Contact" k WHERE k."ownerId" = p."authorId" AND k."otherId" = $1::uuid))
				         OR (p.audience = 'selected' AND (EXISTS (SELECT 1 FROM "PublicationRecipient" r WHERE r."publicationId" = p.id AND r."memberId" = $1::uuid)
				                                      OR EXISTS (SELECT 1 FROM "PublicationGroup" g JOIN "ContactGroupMember" gm ON gm."groupId" = g."groupId" WHERE g."publicationId" = p.id AND gm."memberId" = $1::uuid))))
				  ORDER BY p."publishedAt" DESC, p.id DESC LIMIT 20 OFFSET ${offset}`,
				reader,
				now
			);
		const naiveFirst: number[] = [];
		const naiveNext: number[] = [];
		for (let run = 0; run < Math.max(5, Math.floor(RUNS / 4)); run++) {
			naiveFirst.push(await time(() => naive(0)));
			for (let k = 1; k <= 5; k++) naiveNext.push(await time(() => naive(k * 20)));
		}

		// ── public tab search ──
		const search: number[] = [];
		const naiveSearch: number[] = [];
		for (let run = 0; run < RUNS; run++) {
			const word = WORDS[run % WORDS.length]!;
			const type = (['offer', 'demand', 'news'] as const)[run % 3];
			search.push(await time(() => searchPublications(null, { type, q: word, ...(run % 2 ? { place: 'Lyon', radius: '15' } : {}) }, now)));
		}
		for (let run = 0; run < Math.max(5, Math.floor(RUNS / 4)); run++) {
			const word = WORDS[run % WORDS.length]!;
			const type = (['offer', 'demand', 'news'] as const)[run % 3];
			naiveSearch.push(
				await time(() =>
					db.$queryRawUnsafe(
						`SELECT p.id FROM "Publication" p
						  WHERE p.kind = $1::"PublicationKind" AND p.audience = 'public' AND p.state = 'published' AND p."hiddenAt" IS NULL AND (p."expiresAt" IS NULL OR p."expiresAt" > $3)
						    AND (unaccent(p.title) ILIKE '%' || unaccent($2) || '%' OR unaccent(p.body) ILIKE '%' || unaccent($2) || '%')
						  ORDER BY p."publishedAt" DESC, p.id DESC LIMIT 21`,
						type,
						word,
						now
					)
				)
			);
		}

		const row = (label: string, ours: number[], base: number[]) =>
			console.log(`${label.padEnd(28)} p50 ${ms(p(ours, 0.5)).padStart(9)}  p95 ${ms(p(ours, 0.95)).padStart(9)}   naive p50 ${ms(p(base, 0.5)).padStart(9)}  p95 ${ms(p(base, 0.95)).padStart(9)}   ratio p95 ×${(p(base, 0.95) / p(ours, 0.95)).toFixed(1)}`);
		console.log(`\nfeed page size ${sample}; ${RUNS} runs (naive: ${naiveFirst.length})`);
		row('home feed, first page', first, naiveFirst);
		row('home feed, pages 2-6', next, naiveNext);
		row('public tab search', search, naiveSearch);
		console.log(`\ntarget: first page p95 < 50 ms → ${p(first, 0.95) < 50 ? 'met' : 'NOT met'}; ≥ 5× naive → ${p(naiveFirst, 0.95) / p(first, 0.95) >= 5 ? 'met' : 'NOT met'} (total ${((performance.now() - started) / 1000).toFixed(0)} s)`);
	} finally {
		await bench.stop();
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	}
);
