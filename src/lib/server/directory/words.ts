import type { Database } from '../db.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { searchWords } from './text.ts';
import { genderForms } from './genders.ts';

/** similarity (pg_trgm) above which a vocabulary word is taken as what a misspelt word meant */
const TYPO_SIMILARITY = 0.4;
/** shorter words are only searched as typed (as a prefix) */
const TYPO_MIN_LENGTH = 4;
/** corrections kept per misspelt word */
const TYPO_CANDIDATES = 5;
/** a prefix starting more lexemes than this stays a prefix query (see expandPrefixes) */
const MAX_EXPANSION = 48;

export interface TextQuery {
	/** one tsquery per meaningful word: its prefix form, or'ed with its other gender forms and with its corrections when it looks misspelt */
	words: string[];
	/** any of them: what ranks */
	any: string;
}

/**
 * Turns "Qui, quoi ?" into full-text queries in the relais_fr configuration (accents folded, French
 * stems, prefixes). A word that starts no word of the SearchWord vocabulary is taken as misspelt and
 * also matches its closest vocabulary words ("plonbier" → plombier, plombiere; "dupond" → dupont), so
 * typo tolerance costs one look-up in a small trigram-indexed table and the search stays a GIN index
 * scan. A job title also matches its other gender forms (genders.ts: "développeur" ↔ développeuse,
 * "avocate" ↔ avocat) — in both directions, so whichever form a member wrote, either form typed
 * finds it, and the search documents need no second copy of each title. French stop words
 * normalise to nothing and are dropped. Null when no word is left.
 */
/**
 * With `expandPrefixes` (the directory's member and company searches, whose documents feed the
 * SearchLexeme lexicon): a word's prefix becomes the exact lexemes it starts — the same matches,
 * but GIN can then skip through each one's posting list when another condition of the same index
 * scan is rarer (a place's cells, a name), where a prefix is first collected whole. A prefix
 * starting more than MAX_EXPANSION lexemes ("d…") stays a prefix.
 */
const expandedPrefix = Prisma.sql`
	coalesce((SELECT string_agg('''' || replace(replace(x.lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')
	            FROM (SELECT l.lexeme FROM "SearchLexeme" l, tsvector_to_array(to_tsvector('relais_fr', w)) AS stem(lexemes)
	                   WHERE cardinality(stem.lexemes) = 1
	                     AND l.lexeme ^@ stem.lexemes[1]
	                   LIMIT ${MAX_EXPANSION + 1}) x
	          HAVING count(*) BETWEEN 1 AND ${MAX_EXPANSION}),
	         to_tsquery('relais_fr', w || ':*')::text)`;

export async function textQuery(db: Database, text: string | undefined, options: { expandPrefixes?: boolean } = {}): Promise<TextQuery | null> {
	const words = searchWords(text ?? '');
	if (words.length === 0) return null;
	const forms = words.flatMap((word, i) => genderForms(word).map((form) => ({ n: i + 1, form })));
	const rows = await db.$queryRaw<{ exact: string; gendered: string | null; fuzzy: string | null }[]>(Prisma.sql`
		SELECT ${options.expandPrefixes ? expandedPrefix : Prisma.sql`to_tsquery('relais_fr', w || ':*')::text`} AS exact,
		       (SELECT string_agg(DISTINCT q, ' | ')
		          FROM (SELECT to_tsquery('relais_fr', quote_literal(g.form))::text AS q
		                  FROM unnest(${forms.map((f) => f.n)}::int[], ${forms.map((f) => f.form)}::text[]) AS g(n, form)
		                 WHERE g.n = t.n) o
		         WHERE q <> '') AS gendered,
		       CASE WHEN length(w) >= ${TYPO_MIN_LENGTH} AND NOT EXISTS (SELECT 1 FROM "SearchWord" v WHERE v.word ^@ w) THEN
		           (SELECT string_agg(DISTINCT c.q, ' | ')
		              FROM (SELECT to_tsquery('relais_fr', quote_literal(v.word))::text AS q
		                      FROM "SearchWord" v
		                     WHERE v.word % w AND similarity(v.word, w) >= ${TYPO_SIMILARITY}
		                     ORDER BY similarity(v.word, w) DESC, v.word
		                     LIMIT ${TYPO_CANDIDATES}) c
		             WHERE c.q <> '')
		       END AS fuzzy
		  FROM unnest(${words}::text[]) WITH ORDINALITY AS t(w, n)
		 ORDER BY n`);
	// each part is alternatives joined by " | " (a lexeme, a prefix, or a phrase of a compound word);
	// the same alternative often comes from several parts ("électricien" is its own exact expansion
	// and its own gender form): ranking pays for every repeat, so each is kept once
	const alternatives = (parts: (string | null)[]) => [...new Set(parts.flatMap((q) => (q ? q.split(' | ') : [])))];
	const perWord = rows.map(({ exact, gendered, fuzzy }) => alternatives([exact, gendered, fuzzy])).filter((atoms) => atoms.length > 0);
	if (perWord.length === 0) return null;
	const tsquery = (atoms: string[]) => atoms.map((a) => (a.includes(' ') ? `(${a})` : a)).join(' | ');
	return { words: perWord.map(tsquery), any: tsquery([...new Set(perWord.flat())]) };
}
