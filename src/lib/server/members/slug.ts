/** "Éloïse Dupont-Martin" → "eloise-dupont-martin" */
export function slugify(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60);
}

/** A readable, unique-enough public slug: the name plus a short random suffix. */
export function memberSlug(firstName: string, lastName: string): string {
	const suffix = Math.random().toString(36).slice(2, 7);
	return `${slugify(`${firstName} ${lastName}`) || 'membre'}-${suffix}`;
}
