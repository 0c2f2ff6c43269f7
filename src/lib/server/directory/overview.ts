import { context } from '../context.ts';
import { mediaUrl } from '../uploads/index.ts';
import { listedProviderWhere } from '../access/index.ts';

const LATEST = 6;

/**
 * Home page (coop seed): how many active members, the most common skills ("mots-clés les plus
 * répandus"), the latest registered providers and the latest companies. Only what a visitor may see:
 * providers who are active and chose to appear; companies are public.
 */
export async function directoryOverview() {
	const { db } = context();
	const [members, topSkills, latestProviders, latestCompanies] = await Promise.all([
		db.member.count({ where: { status: 'active' } }),
		db.skill.findMany({ orderBy: { members: { _count: 'desc' } }, take: 12, select: { label: true } }),
		db.member.findMany({
			where: listedProviderWhere,
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			take: LATEST,
			select: { slug: true, firstName: true, lastName: true, category: true, city: true, photoPath: true, profile: { select: { headline: true } } }
		}),
		db.company.findMany({
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			take: LATEST,
			select: { slug: true, title: true, sector: true, city: true }
		})
	]);
	return {
		members,
		topSkills: topSkills.map((s) => s.label),
		latestProviders: latestProviders.map((m) => ({
			slug: m.slug,
			name: `${m.firstName} ${m.lastName}`.trim(),
			category: m.category,
			city: m.city,
			headline: m.profile?.headline ?? null,
			photoUrl: mediaUrl(m.photoPath)
		})),
		latestCompanies
	};
}

let suggestions: { at: number; labels: Promise<string[]> } | null = null;

/** Skills to suggest in the skill filter: the 60 most common ones, recomputed at most once a minute. */
export function skillSuggestions(): Promise<string[]> {
	if (!suggestions || Date.now() - suggestions.at > 60_000) {
		const { db } = context();
		const labels = db.skill.findMany({ orderBy: { members: { _count: 'desc' } }, take: 60, select: { label: true } }).then((rows) => rows.map((r) => r.label));
		suggestions = { at: Date.now(), labels };
		labels.catch(() => (suggestions = null));
	}
	return suggestions.labels;
}
