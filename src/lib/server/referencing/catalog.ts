/**
 * The maintained lists of the referencing (a constant list in code, reviewed with the product:
 * changing a label needs no migration, removing a code leaves records' old codes ignored).
 * Labels are in the i18n area `referencing` (`referencing.sector.<code>`, `referencing.goods.<code>`).
 */
export const SECTORS = [
	'batiment',
	'industrie',
	'informatique',
	'communication',
	'conseil',
	'formation',
	'environnement',
	'transport',
	'commerce',
	'restauration',
	'sante_social',
	'culture',
	'agriculture',
	'services'
] as const;
export type Sector = (typeof SECTORS)[number];

/** "Biens et services" (4 at most per record). */
export const GOODS = [
	'gros_oeuvre',
	'second_oeuvre',
	'architecture',
	'espaces_verts',
	'nettoyage',
	'logiciels',
	'developpement_web',
	'hebergement',
	'impression',
	'graphisme',
	'etudes_conseil',
	'formation_professionnelle',
	'traiteur',
	'transport_logistique',
	'recyclage',
	'energie',
	'mobilier',
	'textile',
	'audiovisuel',
	'accompagnement_social'
] as const;
export type Goods = (typeof GOODS)[number];

export const LEGAL_FORMS = ['scop_sa', 'scop_sarl', 'scop_sas', 'scic', 'cae', 'cooperative', 'autre'] as const;

export const MAX_GOODS = 4;
export const MAX_SKILLS = 10;
export const STEPS = 7;

/** "peinture; plâtrerie ;Isolation" → ["peinture", "plâtrerie", "Isolation"] (blank and repeated entries dropped). */
export function splitSkills(text: string): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const part of text.split(';')) {
		const skill = part.trim().replace(/\s+/g, ' ');
		if (!skill || seen.has(skill.toLowerCase())) continue;
		seen.add(skill.toLowerCase());
		out.push(skill);
	}
	return out;
}
