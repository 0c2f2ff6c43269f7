import { fold } from '../directory/text.ts';

/** "Création d’entreprise" → "creation d'entreprise": the Skill.key uniqueness form (the search's folding). */
export function skillKey(label: string): string {
	return fold(label);
}

/** How a label is stored: inner whitespace collapsed, ends trimmed, first letter kept as typed. */
export function cleanSkillLabel(label: string): string {
	return label.replace(/\s+/g, ' ').trim();
}
