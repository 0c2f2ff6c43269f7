import type { Database } from '../db.ts';

/**
 * What a directory search reads, most used first: the filters index (both parts), the nearest-first index, what
 * every text search reads before it (the lexicon and the typo vocabulary), the company search, the
 * member search rows, then what the result cards show (member, profile, skills).
 */
const SEARCH_RELATIONS = [
	'"MemberSearch_filters_first_idx"',
	'"MemberSearch_filters_rest_idx"',
	'"MemberSearch_earth_idx"',
	'"SearchLexeme_lexeme_prefix_idx"',
	'"SearchWord_word_prefix_idx"',
	'"SearchWord_word_idx"',
	'"CompanySearch_document_idx"',
	'"CompanySearch"',
	'"Company_pkey"',
	'"Company"',
	'"MemberSearch"',
	'"Member_pkey"',
	'"Profile_pkey"',
	'"MemberSkill_pkey"',
	'"Member"',
	'"Profile"',
	'"MemberSkill"'
];

/**
 * Loads the directory's indexes and rows into PostgreSQL's shared buffers at start (pg_prewarm,
 * when the server has it): the first searches after a restart then cost what later ones do,
 * instead of reading the pages one search at a time. Stops at half the shared buffers, so a
 * directory larger than them warms its indexes and the first part of its rows and leaves the rest
 * to use. Returns the bytes loaded (0 without pg_prewarm).
 */
export async function prewarmDirectory(db: Database): Promise<number> {
	const [available] = await db.$queryRaw<{ ok: boolean; budget: bigint }[]>`
		SELECT to_regprocedure('pg_prewarm(regclass, text, text, bigint, bigint)') IS NOT NULL AS ok,
		       (SELECT setting::bigint * current_setting('block_size')::bigint / 2 FROM pg_settings WHERE name = 'shared_buffers') AS budget`;
	if (!available?.ok) return 0;
	let left = Number(available.budget);
	let loaded = 0;
	for (const relation of SEARCH_RELATIONS) {
		const [row] = await db.$queryRaw<{ bytes: bigint | null; block: number }[]>`
			SELECT pg_relation_size(to_regclass(${relation})) AS bytes, current_setting('block_size')::int AS block`;
		const bytes = Number(row?.bytes ?? 0);
		if (bytes === 0 || left < row!.block) continue;
		// a relation larger than what is left: its first pages (a search whose matches are common
		// reads the search rows from the start of the table)
		const blocks = Math.min(bytes, left) / row!.block;
		await db.$queryRaw`SELECT pg_prewarm(to_regclass(${relation}), 'buffer', 'main', 0, ${Math.floor(blocks) - 1}::bigint) AS blocks`;
		left -= Math.floor(blocks) * row!.block;
		loaded += Math.floor(blocks) * row!.block;
	}
	return loaded;
}
