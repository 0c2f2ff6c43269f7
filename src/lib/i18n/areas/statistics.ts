// Messages of the statistics tab and the graduate surveys (France Compétences). French is the reference.
export const fr = {
	'stats.title': 'Statistiques'
} as const;

export const en: Record<keyof typeof fr, string> = {
	'stats.title': 'Statistics'
};
