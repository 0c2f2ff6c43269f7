// Demo blog ("Actualité"): articles in French, in English and in both, published over the last
// weeks, two drafts and one scheduled for next week, in four categories — /blog, the feed and the
// home page's "À la une" are alive; the admin sees the drafts in "Brouillons". Bodies go through
// the same sanitizer as the editor's.
import type { PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';
import { plainText, sanitizeArticle } from '../../src/lib/server/blog/sanitize.ts';

const DAY = 86_400_000;

const ARTICLES: { slug: string; title: string; language: 'fr' | 'en' | 'both'; category: string; author: string; days: number | null; body: string }[] = [
	{
		slug: 'rentree-2026-bienvenue-a-la-promotion-2029',
		title: 'Rentrée 2026 : bienvenue à la promotion 2029',
		language: 'fr',
		category: 'Vie de l’école',
		author: 'Service communication',
		days: 2,
		body: `<p>Ils sont 312 à avoir fait leur rentrée ce lundi sur les campus de Paris et de Lyon. Retour sur une semaine d’intégration riche en rencontres.</p>
<h2>Une semaine pour se connaître</h2><p>Ateliers, visites d’entreprises partenaires et soirée des associations : les nouveaux étudiants ont pu découvrir la vie de l’école.</p>
<ul><li>48 ateliers animés par des alumni</li><li>12 entreprises partenaires visitées</li><li>une soirée de parrainage avec les promotions 2027 et 2028</li></ul>
<p>Retrouvez le programme complet sur <a href="https://exemple.fr/rentree">le site de l’école</a>.</p>`
	},
	{
		slug: 'mentorat-retour-sur-une-annee-d-accompagnement',
		title: 'Mentorat : retour sur une année d’accompagnement',
		language: 'both',
		category: 'Carrières',
		author: 'Claire Martin',
		days: 9,
		body: `<p>Plus de 120 binômes mentor–mentoré ont été formés cette année. Trois d’entre eux racontent.</p>
<h2>« Un regard extérieur précieux »</h2><p><em>Inès, promotion 2025</em>, a trouvé son premier poste en data grâce aux conseils de son mentor, ingénieur chez Capgemini.</p>
<h3>Devenir mentor</h3><p>Activez le mentorat dans vos réglages : il suffit d’indiquer vos sujets et le nombre de mentorés que vous pouvez accompagner.</p>
<iframe src="https://www.youtube.com/embed/aqz-KE-bpKQ" title="Témoignages de mentors"></iframe>`
	},
	{
		slug: 'alumni-network-goes-international',
		title: 'Our alumni network goes international',
		language: 'en',
		category: 'Community',
		author: 'Alumni office',
		days: 14,
		body: `<p>Alumni chapters now meet in London, Montréal and Singapore. Find the one near you and join the next gathering.</p>
<h2>Three new chapters</h2><ol><li>London — every first Thursday</li><li>Montréal — quarterly afterworks</li><li>Singapore — online and in person</li></ol>`
	},
	{
		slug: 'forum-entreprises-2026-le-bilan',
		title: 'Forum entreprises 2026 : le bilan',
		language: 'fr',
		category: 'Événements',
		author: 'Bureau des relations entreprises',
		days: 21,
		body: `<p>Le forum a accueilli <strong>86 entreprises</strong> et plus de 1 400 visiteurs. Les offres de stage publiées pendant le forum restent consultables dans l’onglet Emplois.</p>
<h2>Les chiffres clés</h2><ul><li>86 exposants, dont 14 startups</li><li>640 entretiens flash</li><li>210 offres de stage et d’alternance</li></ul>`
	},
	{
		slug: 'portrait-sophie-ingenieure-chez-airbus',
		title: 'Portrait : Sophie, ingénieure chez Airbus',
		language: 'both',
		category: 'Portraits',
		author: 'Service communication',
		days: 35,
		body: `<p>Diplômée en 2005, Sophie dirige aujourd’hui une équipe de 40 ingénieurs à Toulouse. Elle revient sur son parcours et ses conseils aux jeunes diplômés.</p>
<blockquote>« Osez l’international tôt : c’est là que j’ai le plus appris. »</blockquote>`
	},
	{
		slug: 'career-fair-2026-highlights',
		title: 'Career fair 2026: highlights',
		language: 'en',
		category: 'Events',
		author: 'Corporate relations',
		days: 22,
		body: `<p>86 companies, 1,400 visitors and 640 short interviews: a record year for our career fair.</p>`
	},
	// scheduled: next week
	{
		slug: 'gala-des-alumni-2026-ouverture-des-inscriptions',
		title: 'Gala des alumni 2026 : ouverture des inscriptions',
		language: 'both',
		category: 'Événements',
		author: 'Bureau des alumni',
		days: -7,
		body: `<p>Le gala annuel aura lieu le 12 décembre au Pavillon Dauphine. Les inscriptions ouvrent la semaine prochaine.</p>`
	},
	// drafts
	{
		slug: 'enquete-insertion-professionnelle-premiers-resultats',
		title: 'Enquête d’insertion professionnelle : premiers résultats',
		language: 'fr',
		category: 'Carrières',
		author: 'Observatoire des métiers',
		days: null,
		body: `<p>Brouillon — à compléter avec les chiffres à 6 et 24 mois.</p><h2>Premier emploi</h2><p>À venir.</p>`
	},
	{
		slug: 'new-campus-opening',
		title: 'New campus opening in Bordeaux',
		language: 'en',
		category: 'Community',
		author: 'Alumni office',
		days: null,
		body: `<p>Draft — waiting for the official date.</p>`
	}
];

export async function seedDemoBlog(prisma: PrismaClient, now: Date = new Date()): Promise<number> {
	const admin = await prisma.member.findUnique({ where: { email: 'admin@exemple.fr' }, select: { id: true } });
	const { count } = await prisma.blogArticle.createMany({
		data: ARTICLES.map((a) => {
			const body = sanitizeArticle(a.body);
			return {
				slug: a.slug,
				title: a.title,
				body,
				excerpt: plainText(body, 280),
				language: a.language,
				authorName: a.author,
				category: a.category,
				createdById: admin?.id ?? null,
				publishedAt: a.days === null ? null : new Date(Math.floor((now.getTime() - a.days * DAY) / 60_000) * 60_000),
				createdAt: new Date(now.getTime() - Math.max(a.days ?? 1, 1) * DAY - DAY)
			};
		}),
		skipDuplicates: true
	});
	return count;
}
