/**
 * An article's slug (its address, /blog/<slug>): lowercase letters, digits and single hyphens.
 * Shared by the editor (filled from the title as one types) and the blog domain (validated again).
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MAX = 80;

/** "L'été à Lyon : 3 rencontres !" → "l-ete-a-lyon-3-rencontres" */
export function slugFromTitle(title: string): string {
	return title
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, SLUG_MAX)
		.replace(/-+$/g, '');
}
