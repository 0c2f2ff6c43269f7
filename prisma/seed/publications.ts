// Demo publications (src/lib/server/publications): news and ads — public, members-only and private,
// personal and in a company's name — so that the home feeds of the demo logins are alive and the
// public tabs Actualités, Offres, Demandes have content on a fresh install.
//
// Relations it relies on (prisma/seed/demo-data.ts): Claire Martin administers the Coopérative
// Numérique du Rhône (admins publish like advertisers) where Sophie Durand is an advertiser; Paul
// Bernard and Sophie are Claire's contacts; Paul follows Claire, the Coopérative, Plomberie Garnier &
// Fils and Fontaine Avocats. Added here: Claire's contact group "Clients Lyon" with Paul (and Camille
// Roche) — Sophie, her contact, is NOT in it.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';
import { fanOutPublications } from '../../src/lib/server/publications/fanout.ts';

type Kind = 'news' | 'offer' | 'demand';
type Audience = 'public' | 'members' | 'contacts' | 'selected';

interface Spec {
	author: string;
	company?: string;
	kind: Kind;
	audience?: Audience;
	groups?: string[];
	title: string;
	paragraphs: string[];
	place?: { city: string; postcode: string; departement: string; latitude: number; longitude: number };
	price?: number;
	/** days from now; negative = already expired */
	expiresInDays?: number;
	hoursAgo: number;
}

const LYON = { city: 'Lyon', postcode: '69002', departement: '69', latitude: 45.7485, longitude: 4.8271 };
const PARIS = { city: 'Paris', postcode: '75011', departement: '75', latitude: 48.8574, longitude: 2.3795 };
const MARSEILLE = { city: 'Marseille', postcode: '13008', departement: '13', latitude: 43.2416, longitude: 5.3828 };
const NICE = { city: 'Nice', postcode: '06000', departement: '06', latitude: 43.7031, longitude: 7.2661 };
const TOULOUSE = { city: 'Toulouse', postcode: '31000', departement: '31', latitude: 43.6045, longitude: 1.4440 };
const GRENOBLE = { city: 'Grenoble', postcode: '38000', departement: '38', latitude: 45.1885, longitude: 5.7245 };

const COOP = 'Coopérative Numérique du Rhône';

export const DEMO_PUBLICATIONS: Spec[] = [
	{
		author: 'claire.martin',
		company: COOP,
		kind: 'offer',
		audience: 'selected',
		groups: ['Clients Lyon'],
		title: 'Offre réservée à nos clients lyonnais : maintenance de site à -20 %',
		paragraphs: ['Pour nos clients de la région lyonnaise, la Coopérative propose jusqu’à fin du trimestre un contrat de maintenance annuel à <strong>-20 %</strong> : mises à jour, sauvegardes, petites évolutions.', 'Répondez simplement à cette annonce pour en profiter.'],
		place: LYON,
		price: 960,
		expiresInDays: 45,
		hoursAgo: 3
	},
	{
		author: 'claire.martin',
		company: COOP,
		kind: 'news',
		title: 'La Coopérative Numérique du Rhône accueille trois nouveaux indépendants',
		paragraphs: ['Une développeuse, un graphiste et un spécialiste de l’accessibilité rejoignent la coopérative ce mois-ci.', 'Nous pouvons désormais accompagner <em>de bout en bout</em> les projets web des PME et associations de la région.'],
		place: LYON,
		hoursAgo: 20
	},
	{
		author: 'claire.martin',
		kind: 'offer',
		title: 'Audit d’accessibilité RGAA de votre site, à tarif associatif',
		paragraphs: ['Auditrice RGAA 4, je propose un audit complet (50 critères prioritaires) avec rapport et plan d’action, à tarif réduit pour les associations.', '<ul><li>Audit sur échantillon de 10 pages</li><li>Restitution en visio</li><li>Recontrôle après corrections</li></ul>'],
		place: LYON,
		price: 1200,
		expiresInDays: 60,
		hoursAgo: 30
	},
	{
		author: 'claire.martin',
		kind: 'demand',
		title: 'Recherche illustratrice ou illustrateur pour un site associatif',
		paragraphs: ['Pour le site d’une association d’éducation populaire, je cherche une série de 8 illustrations dans un style simple et chaleureux.', 'Budget indicatif ci-dessous, délai souple.'],
		place: LYON,
		price: 1500,
		expiresInDays: 30,
		hoursAgo: 52
	},
	{
		author: 'claire.martin',
		kind: 'offer',
		title: 'Disponible pour une mission SvelteKit en septembre (annonce expirée)',
		paragraphs: ['Cette annonce est expirée : elle n’apparaît plus dans les onglets, seulement dans « Mes publications ».'],
		place: LYON,
		expiresInDays: -3,
		hoursAgo: 24 * 40
	},
	{
		author: 'sophie.durand',
		company: COOP,
		kind: 'offer',
		title: 'Atelier découverte SvelteKit pour les équipes techniques',
		paragraphs: ['Une journée pour prendre en main SvelteKit : routage, formulaires, accessibilité et déploiement. En présentiel à Lyon ou à distance.'],
		place: LYON,
		price: 650,
		expiresInDays: 90,
		hoursAgo: 8
	},
	{
		author: 'paul.bernard',
		kind: 'demand',
		audience: 'contacts',
		title: 'Recherche développeur·se pour un petit site de réservation',
		paragraphs: ['À mes contacts : je prépare un petit site pour réserver des cours particuliers. Je cherche quelqu’un de confiance pour le réaliser.'],
		place: PARIS,
		price: 2500,
		expiresInDays: 30,
		hoursAgo: 5
	},
	{
		author: 'paul.bernard',
		kind: 'demand',
		title: 'Recherche plombier pour la rénovation d’une salle de bains',
		paragraphs: ['Appartement à Paris 11e : remplacement de la baignoire par une douche à l’italienne, reprise des évacuations. Devis souhaités avant la fin du mois.'],
		place: PARIS,
		expiresInDays: 25,
		hoursAgo: 70
	},
	{
		author: 'mathieu.girard',
		kind: 'offer',
		title: 'Dépannage plomberie 7 jours sur 7 à Marseille',
		paragraphs: ['Fuite, chauffe-eau, canalisation bouchée : intervention rapide dans tout Marseille, devis gratuit.'],
		place: MARSEILLE,
		hoursAgo: 11
	},
	{
		author: 'benoit.lambert',
		kind: 'news',
		title: 'Rupture conventionnelle : ce qui change cette année',
		paragraphs: ['Délais, indemnités, fiscalité : un point rapide sur les nouveautés pour les salariés comme pour les employeurs.'],
		place: PARIS,
		hoursAgo: 26
	},
	{
		author: 'helene.roux',
		kind: 'news',
		title: 'Exposition de mes affiches à Nice tout le mois',
		paragraphs: ['Une vingtaine d’affiches réalisées pour des festivals de la Côte d’Azur sont exposées à la médiathèque. Entrée libre.'],
		place: NICE,
		hoursAgo: 40
	},
	{
		author: 'christophe.garnier',
		company: 'Plomberie Garnier & Fils',
		kind: 'offer',
		title: 'Pompe à chaleur air-eau : étude gratuite et pose en une semaine',
		paragraphs: ['Remplacez votre chaudière fioul : étude thermique offerte, dossier MaPrimeRénov’ monté par nos soins.'],
		place: MARSEILLE,
		expiresInDays: 60,
		hoursAgo: 15
	},
	{
		author: 'valerie.fontaine',
		company: 'Fontaine Avocats',
		kind: 'news',
		audience: 'members',
		title: 'Permanence gratuite en droit du travail pour les membres',
		paragraphs: ['Chaque premier mardi du mois, une consultation de 20 minutes offerte aux membres de Relais.'],
		place: PARIS,
		hoursAgo: 33
	},
	{
		author: 'julien.chevalier',
		kind: 'offer',
		title: 'Développeur freelance disponible pour renfort ponctuel',
		paragraphs: ['TypeScript, Node.js, PostgreSQL : disponible deux jours par semaine à partir du mois prochain, à Grenoble ou à distance.'],
		place: GRENOBLE,
		hoursAgo: 6
	},
	{
		author: 'camille.roche',
		company: 'Pixel Occitanie',
		kind: 'news',
		title: 'Pixel Occitanie lance un programme de formation aux réseaux sociaux',
		paragraphs: ['Six sessions pour les commerçants toulousains : calendrier éditorial, photo au smartphone, publicité locale.'],
		place: TOULOUSE,
		hoursAgo: 18
	},
	{
		author: 'karim.haddad',
		kind: 'demand',
		title: 'Recherche jeux de données ouverts sur la mobilité urbaine',
		paragraphs: ['Pour une étude, je cherche des données de fréquentation des transports en commun de grandes villes françaises.'],
		hoursAgo: 44
	}
];

const paragraphs = (list: string[]) => list.map((p) => (p.startsWith('<') ? p : `<p>${p}</p>`)).join('');

/** Publications, the group "Clients Lyon", and Paul's notification of the private offer. Returns how many publications. */
export async function seedDemoPublications(prisma: PrismaClient, now: Date = new Date()): Promise<number> {
	const members = await prisma.member.findMany({ select: { id: true, email: true, firstName: true, lastName: true, slug: true } });
	const byHandle = new Map(members.map((m) => [m.email.replace(/@exemple\.fr$/, ''), m]));
	const companies = new Map((await prisma.company.findMany({ select: { id: true, title: true, slug: true } })).map((c) => [c.title, c]));
	const claire = byHandle.get('claire.martin');
	const paul = byHandle.get('paul.bernard');
	const camille = byHandle.get('camille.roche');
	if (!claire || !paul) return 0;
	// "Clients Lyon": Claire's contacts Paul (and Camille, when she is one); never Sophie
	const group = await prisma.contactGroup.create({ data: { ownerId: claire.id, name: 'Clients Lyon', createdAt: new Date(now.getTime() - 30 * 86_400_000) } });
	const contacts = await prisma.contact.findMany({ where: { ownerId: claire.id, otherId: { in: [paul.id, camille?.id ?? paul.id] } }, select: { otherId: true } });
	await prisma.contactGroupMember.createMany({ data: contacts.map((c) => ({ groupId: group.id, ownerId: claire.id, memberId: c.otherId })) });

	const rows: Prisma.PublicationCreateManyInput[] = [];
	const groupRows: Prisma.PublicationGroupCreateManyInput[] = [];
	const notifications: Prisma.NotificationCreateManyInput[] = [];
	for (const spec of DEMO_PUBLICATIONS) {
		const author = byHandle.get(spec.author);
		const company = spec.company ? companies.get(spec.company) : undefined;
		if (!author || (spec.company && !company)) continue;
		const id = randomUUID();
		const publishedAt = new Date(now.getTime() - spec.hoursAgo * 3_600_000);
		rows.push({
			id,
			kind: spec.kind,
			audience: spec.audience ?? 'public',
			authorId: author.id,
			companyId: company?.id ?? null,
			title: spec.title,
			body: paragraphs(spec.paragraphs),
			...(spec.place ?? {}),
			priceCents: spec.price === undefined ? null : spec.price * 100,
			expiresAt: spec.expiresInDays === undefined ? null : new Date(now.getTime() + spec.expiresInDays * 86_400_000),
			publishedAt,
			createdAt: publishedAt
		});
		if (spec.groups) {
			groupRows.push({ publicationId: id, groupId: group.id });
			notifications.push({
				recipientId: paul.id,
				type: 'publication.addressed',
				actorId: author.id,
				objectType: 'publication',
				objectId: id,
				data: { actorName: `${author.firstName} ${author.lastName}${company ? ` (${company.title})` : ''}`, actorSlug: author.slug, title: spec.title, publicationId: id },
				channel: 'email',
				createdAt: publishedAt
			});
		}
	}
	const { count } = await prisma.publication.createMany({ data: rows });
	await prisma.publicationGroup.createMany({ data: groupRows });
	await prisma.notification.createMany({ data: notifications });
	// the home feeds, as the publication.published subscriber would have built them
	await fanOutPublications(prisma, rows.map((r) => r.id!));
	return count;
}
