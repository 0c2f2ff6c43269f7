/** "Création d’entreprise" → "creation d'entreprise": the Skill.key uniqueness form. */
export function skillKey(label: string): string {
	return label
		.normalize('NFD')
		.replace(/\p{Diacritic}/gu, '')
		.replace(/[’`]/g, "'")
		.toLowerCase()
		.replace(/\s+/g, ' ')
		.trim();
}

/** How a label is stored: inner whitespace collapsed, ends trimmed, first letter kept as typed. */
export function cleanSkillLabel(label: string): string {
	return label.replace(/\s+/g, ' ').trim();
}
