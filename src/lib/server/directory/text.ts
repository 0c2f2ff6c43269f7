/**
 * Text helpers shared by the member and company searches. `fold` must agree with the SQL function
 * relais_fold (migration directory_search): no accents, lower case, single spaces.
 */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.replace(/[’`]/g, "'")
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

// Words that carry no meaning in a "Qui, quoi ?" box (French first, a few English ones). The French
// text search configuration drops them anyway; removing them here keeps them from requiring a match.
const STOPWORDS = new Set(
	'a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l m n s t y the an and or of in on at to for with'.split(' ')
);

/** Search words: folded, letters and digits only, stop words dropped, at most `max`. */
export function searchWords(text: string, max = 8): string[] {
	const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];
	const kept: string[] = [];
	for (const word of words) {
		if (STOPWORDS.has(word) || kept.includes(word)) continue;
		kept.push(word.slice(0, 40));
		if (kept.length === max) break;
	}
	return kept;
}

/** LIKE pattern matching `text` anywhere, with LIKE's wildcards escaped. */
export function containsPattern(text: string): string {
	return `%${fold(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
