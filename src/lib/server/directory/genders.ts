/**
 * Masculine and feminine forms of French job titles, so that "développeur" finds a "Développeuse
 * web" and "avocate" finds an "Avocat". Works on folded words (fold(): no accents, lower case).
 * The French stemmer already merges many pairs (avocat/avocate); these rules cover the ones it
 * keeps apart (-eur/-euse, -teur/-trice, -ier/-ière…) and a lexicon the irregular ones
 * (chef/cheffe, docteur/doctoresse…). The search (words.ts) ORs a typed word with its other forms,
 * in both directions, so either form finds the other whichever one a member wrote.
 */

/** Irregular pairs [masculine, feminine], folded. */
export const IRREGULAR_TITLES: readonly (readonly [string, string])[] = [
	['chef', 'cheffe'],
	['docteur', 'doctoresse'],
	['maitre', 'maitresse'],
	['auteur', 'autrice'],
	['auteur', 'auteure'],
	['poete', 'poetesse'],
	['hote', 'hotesse'],
	['ambassadeur', 'ambassadrice'],
	['empereur', 'imperatrice'],
	['serviteur', 'servante'],
	['gouverneur', 'gouvernante'],
	['pecheur', 'pecheresse'],
	['compagnon', 'compagne'],
	['copain', 'copine'],
	['heros', 'heroine'],
	['parrain', 'marraine'],
	['roi', 'reine'],
	['prince', 'princesse'],
	['duc', 'duchesse'],
	['homme', 'femme'],
	['monsieur', 'madame'],
	['jumeau', 'jumelle'],
	['nouveau', 'nouvelle'],
	['fou', 'folle'],
	['favori', 'favorite']
];

const irregular = new Map<string, Set<string>>();
for (const [m, f] of IRREGULAR_TITLES) {
	for (const [a, b] of [
		[m, f],
		[f, m]
	] as const) {
		if (!irregular.has(a)) irregular.set(a, new Set());
		irregular.get(a)!.add(b);
	}
}

/** [ending, other endings]: checked longest first; the first matching ending wins. */
const RULES: readonly (readonly [string, readonly string[]])[] = [
	['teuse', ['teur']],
	['trice', ['teur']],
	['teure', ['teur']],
	['teur', ['trice', 'teuse', 'teure']],
	['eresse', ['eur']],
	['euse', ['eur', 'eux']],
	['eure', ['eur']],
	['eur', ['euse', 'eure']],
	['eux', ['euse']],
	['ienne', ['ien']],
	['ien', ['ienne']],
	['enne', ['en']],
	['onne', ['on']],
	['elle', ['el']],
	['ette', ['et']],
	['iere', ['ier']],
	['ier', ['iere']],
	['ere', ['er']],
	['er', ['ere']],
	['ive', ['if']],
	['if', ['ive']],
	['ee', ['e']],
	['aine', ['ain']],
	['ain', ['aine']],
	['ine', ['in']],
	['in', ['ine']],
	['on', ['onne']],
	['en', ['enne']],
	['el', ['elle']],
	['et', ['ette']]
];

const VOWELS = /[aeiouy]$/;

/**
 * The other gender forms of a folded word (never the word itself); plural words are read in the
 * singular. Words shorter than four letters have none, apart from the lexicon's.
 */
export function genderForms(word: string): string[] {
	const out = new Set<string>();
	const singulars = [word];
	if (word.length > 4 && /[sx]$/.test(word) && !word.endsWith('eux')) singulars.push(word.slice(0, -1));
	for (const w of singulars) {
		for (const other of irregular.get(w) ?? []) out.add(other);
		if (w.length < 4) continue;
		const rule = RULES.find(([ending]) => w.endsWith(ending) && w.length - ending.length >= 2);
		if (rule) for (const ending of rule[1]) out.add(w.slice(0, -rule[0].length) + ending);
		if (rule) continue;
		// -e: expert ↔ experte, consultant ↔ consultante, avocat ↔ avocate, employé ↔ employée
		// (folded, "employe" may be employé: it gets "employee"; architecte only loses its e, harmlessly)
		out.add(`${w}e`);
		if (w.endsWith('e') && w.length >= 5 && !VOWELS.test(w.slice(0, -1))) out.add(w.slice(0, -1));
	}
	out.delete(word);
	return [...out];
}
