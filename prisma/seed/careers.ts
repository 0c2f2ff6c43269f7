// Demo job board (ECE "Carrière", Datalumni part 4): offers in every state — pending, changes
// requested, refused, published public / members-only / private to a contact group, archived with
// and without the author's answer —, applications with a PDF CV, weekly alert subscriptions, and
// the board's "offers need approval" setting (on). Dates are relative to `now`, so a fresh install
// always shows a live board. Called by seedDemo (prisma/seed/demo.ts) after the people exist.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';
import { sanitizeDescription } from '../../src/lib/server/careers/fields.ts';
import { demoPdf } from './media.ts';

const DAY = 86_400_000;

// what resolvePlace (directory/places.ts) answers for these names, written out: loading the
// gazetteer would add half a second to every fresh start
const PLACES: Record<string, { label: string; departement: string; latitude: number; longitude: number }> = {
	Grenoble: { label: 'Grenoble (38)', departement: '38', latitude: 45.1885, longitude: 5.7245 },
	Lyon: { label: 'Lyon (69)', departement: '69', latitude: 45.764, longitude: 4.8357 },
	Villeurbanne: { label: 'Villeurbanne (69)', departement: '69', latitude: 45.7719, longitude: 4.8902 },
	Paris: { label: 'Paris (75)', departement: '75', latitude: 48.8566, longitude: 2.3522 },
	Reims: { label: 'Reims (51)', departement: '51', latitude: 49.2583, longitude: 4.0317 }
};

interface OfferSpec {
	author: string;
	company?: string;
	title: string;
	employer: string;
	contractType: 'cdi' | 'cdd' | 'internship' | 'apprenticeship' | 'freelance' | 'vie' | 'other';
	sector: string;
	place: string;
	remote?: boolean;
	audience: 'public' | 'members' | 'contacts' | 'selected';
	group?: string;
	state: 'pending' | 'changes_requested' | 'published' | 'refused' | 'archived';
	/** days ago it was posted */
	age: number;
	/** days from now (negative: past) */
	deadline?: number;
	startsIn?: number;
	applyEmail: string;
	note?: string;
	archived?: { daysAgo: number; reason: 'expired' | 'withdrawn'; outcome?: 'filled_network' | 'filled_other' | 'open' };
	description: string;
}

export const DEMO_OFFERS: OfferSpec[] = [
	{
		author: 'laurent.michel@exemple.fr',
		company: 'Alpes Conseil RH',
		title: 'Chargé·e de recrutement H/F',
		employer: 'Alpes Conseil RH',
		contractType: 'cdi',
		sector: 'hr',
		place: 'Grenoble',
		audience: 'members',
		state: 'published',
		age: 3,
		deadline: 30,
		startsIn: 45,
		applyEmail: 'recrutement@alpes-conseil-rh.fr',
		description:
			'Au sein d’un cabinet de six consultants, vous menez les recrutements de nos clients industriels de l’Isère : définition du besoin, sourcing, entretiens, suivi de l’intégration.\n\nProfil : une première expérience en cabinet ou en entreprise, le goût du contact et de la rigueur. Rémunération : 36 à 42 k€ selon expérience, tickets restaurant, deux jours de télétravail par semaine.'
	},
	{
		author: 'claire.martin@exemple.fr',
		company: 'Coopérative Numérique du Rhône',
		title: 'Développeur·se web Svelte / TypeScript',
		employer: 'Coopérative Numérique du Rhône',
		contractType: 'cdi',
		sector: 'it',
		place: 'Lyon',
		remote: true,
		audience: 'public',
		state: 'published',
		age: 2,
		deadline: 25,
		startsIn: 40,
		applyEmail: 'claire.martin@exemple.fr',
		description:
			'Notre coopérative conçoit des sites et applications web accessibles pour des PME, des associations et des collectivités de la région lyonnaise.\n\nVous développez en **Svelte** et TypeScript, avec PostgreSQL côté serveur ; vous participez aux choix techniques et à la vie de la SCOP (sociétariat possible après un an).\n\nTélétravail jusqu’à trois jours par semaine. Salaire : 40 à 48 k€.'
	},
	{
		author: 'gregoire.marchand@exemple.fr',
		title: 'Stage — assistant·e marketing digital (6 mois)',
		employer: 'Maison Lenoir Cosmétiques',
		contractType: 'internship',
		sector: 'marketing',
		place: 'Paris',
		audience: 'members',
		state: 'published',
		age: 5,
		deadline: 20,
		startsIn: 60,
		applyEmail: 'stages@maison-lenoir.fr',
		description:
			'Stage de fin d’études au sein de l’équipe marketing (4 personnes) d’une marque de cosmétiques bio : réseaux sociaux, newsletters, suivi des campagnes et des indicateurs.\n\nGratification légale, remboursement de 50 % du pass Navigo.'
	},
	{
		author: 'claire.martin@exemple.fr',
		title: 'Alternance — développeur·se web junior',
		employer: 'Coopérative Numérique du Rhône',
		contractType: 'apprenticeship',
		sector: 'it',
		place: 'Villeurbanne',
		audience: 'selected',
		group: 'Clients',
		state: 'published',
		age: 1,
		deadline: 45,
		startsIn: 90,
		applyEmail: 'claire.martin@exemple.fr',
		description: 'Une alternance de deux ans (BTS SIO ou bachelor) pour apprendre le métier avec nous. Je la propose d’abord à mes contacts : si quelqu’un de votre entourage cherche, faites-le moi savoir !'
	},
	{
		author: 'laurent.michel@exemple.fr',
		title: 'VIE — ingénieur·e d’affaires industrie (18 mois)',
		employer: 'Dauphiné Process',
		contractType: 'vie',
		sector: 'industry',
		place: 'Grenoble',
		audience: 'members',
		state: 'published',
		age: 9,
		deadline: 15,
		startsIn: 75,
		applyEmail: 'rh@dauphine-process.fr',
		description: 'Volontariat international en entreprise à Montréal : développement commercial de nos lignes de dosage auprès des industriels québécois. Anglais courant, une première expérience commerciale appréciée.'
	},
	{
		author: 'paul.bernard@exemple.fr',
		title: 'Freelance — refonte du site vitrine d’un cabinet',
		employer: 'Cabinet Bernard & Associés',
		contractType: 'freelance',
		sector: 'it',
		place: 'Paris',
		remote: true,
		audience: 'members',
		state: 'pending',
		age: 0,
		deadline: 21,
		applyEmail: 'paul.bernard@exemple.fr',
		description: 'Mission de 15 jours environ : refonte du site vitrine (8 pages), accessibilité RGAA, formulaire de contact. Devis sur la base d’un TJM.'
	},
	{
		author: 'gregoire.marchand@exemple.fr',
		title: 'Consultant·e RH junior',
		employer: 'Alpes Conseil RH',
		contractType: 'cdd',
		sector: 'hr',
		place: 'Reims',
		audience: 'members',
		state: 'changes_requested',
		age: 4,
		deadline: 30,
		applyEmail: 'gregoire.marchand@exemple.fr',
		note: 'Merci d’indiquer la durée du CDD et la rémunération proposée, puis renvoyez l’offre.',
		description: 'CDD pour renforcer notre équipe rémoise sur les bilans de compétences.'
	},
	{
		author: 'paul.bernard@exemple.fr',
		title: 'Revenus garantis : devenez ambassadeur de nos formations',
		employer: 'FormaPlus',
		contractType: 'other',
		sector: 'commerce',
		place: 'Paris',
		audience: 'public',
		state: 'refused',
		age: 12,
		applyEmail: 'paul.bernard@exemple.fr',
		note: 'Ce n’est pas une offre d’emploi (rémunération à la commission sur des ventes) : elle n’entre pas dans la charte du réseau.',
		description: 'Rejoignez notre réseau de vendeurs indépendants.'
	},
	{
		author: 'laurent.michel@exemple.fr',
		company: 'Alpes Conseil RH',
		title: 'Assistant·e RH — CDD 6 mois',
		employer: 'Alpes Conseil RH',
		contractType: 'cdd',
		sector: 'hr',
		place: 'Grenoble',
		audience: 'members',
		state: 'archived',
		age: 190,
		deadline: -160,
		applyEmail: 'recrutement@alpes-conseil-rh.fr',
		archived: { daysAgo: 68, reason: 'expired', outcome: 'filled_network' },
		description: 'Remplacement d’un congé maternité : administration du personnel, paie, suivi des formations.'
	},
	{
		author: 'claire.martin@exemple.fr',
		title: 'Intégrateur·rice HTML/CSS (mission courte)',
		employer: 'Coopérative Numérique du Rhône',
		contractType: 'freelance',
		sector: 'it',
		place: 'Lyon',
		remote: true,
		audience: 'members',
		state: 'archived',
		age: 40,
		applyEmail: 'claire.martin@exemple.fr',
		archived: { daysAgo: 10, reason: 'withdrawn' },
		description: 'Intégration de maquettes pour un site associatif, 5 jours.'
	},
	{
		author: 'gregoire.marchand@exemple.fr',
		title: 'Stage — chargé·e d’études RH',
		employer: 'Alpes Conseil RH',
		contractType: 'internship',
		sector: 'hr',
		place: 'Reims',
		audience: 'members',
		state: 'archived',
		age: 200,
		deadline: -130,
		applyEmail: 'gregoire.marchand@exemple.fr',
		archived: { daysAgo: 40, reason: 'expired', outcome: 'open' },
		description: 'Stage de 4 mois : enquête sur la marque employeur de nos clients.'
	}
];

const day = (now: Date, days: number) => new Date(`${new Date(now.getTime() + days * DAY).toISOString().slice(0, 10)}T00:00:00Z`);

export async function seedDemoCareers(prisma: PrismaClient, now: Date = new Date()): Promise<{ offers: number; applications: number }> {
	const emails = [...new Set([...DEMO_OFFERS.map((o) => o.author), 'paul.bernard@exemple.fr', 'sophie.durand@exemple.fr', 'admin@exemple.fr'])];
	const people = new Map((await prisma.member.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } })).map((m) => [m.email, m.id]));
	const companies = new Map((await prisma.company.findMany({ select: { id: true, title: true } })).map((c) => [c.title, c.id]));
	const admin = people.get('admin@exemple.fr');
	const ids = new Map<string, string>();
	const groups = new Map((await prisma.contactGroup.findMany({ where: { ownerId: { in: [...people.values()] } }, select: { id: true, ownerId: true, name: true } })).map((g) => [`${g.ownerId}:${g.name}`, g.id]));
	const publications: Prisma.PublicationCreateManyInput[] = [];
	const jobs: Prisma.JobOfferCreateManyInput[] = [];
	const audiences: Prisma.PublicationGroupCreateManyInput[] = [];
	for (const spec of DEMO_OFFERS) {
		const authorId = people.get(spec.author);
		if (!authorId) throw new Error(`demo careers: unknown member ${spec.author}`);
		const id = randomUUID();
		ids.set(spec.title, id);
		const place = PLACES[spec.place];
		const postedAt = new Date(now.getTime() - spec.age * DAY - 3_600_000 * 5);
		publications.push({
			id,
			kind: 'job',
			audience: spec.audience,
			state: spec.state,
			authorId,
			companyId: spec.company ? (companies.get(spec.company) ?? null) : null,
			title: spec.title,
			body: sanitizeDescription(spec.description.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')),
			city: place?.label ?? null,
			departement: place?.departement ?? null,
			latitude: place?.latitude ?? null,
			longitude: place?.longitude ?? null,
			publishedAt: postedAt,
			createdAt: postedAt
		});
		const a = spec.archived;
		jobs.push({
			publicationId: id,
			employer: spec.employer,
			contractType: spec.contractType,
			sector: spec.sector,
			remote: spec.remote ?? false,
			startsOn: spec.startsIn !== undefined ? day(now, spec.startsIn) : null,
			deadline: spec.deadline !== undefined ? day(now, spec.deadline) : null,
			applyEmail: spec.applyEmail,
			reviewNote: spec.note ?? null,
			reviewedAt: spec.note ? new Date(postedAt.getTime() + DAY / 2) : null,
			reviewedById: spec.note ? (admin ?? null) : null,
			archivedAt: a ? new Date(now.getTime() - a.daysAgo * DAY) : null,
			archiveReason: a?.reason ?? null,
			followUp30At: a && a.daysAgo >= 30 ? new Date(now.getTime() - (a.daysAgo - 30) * DAY) : null,
			followUp60At: a && a.daysAgo >= 60 ? new Date(now.getTime() - (a.daysAgo - 60) * DAY) : null,
			outcome: a?.outcome ?? null,
			outcomeAt: a?.outcome ? new Date(now.getTime() - (a.daysAgo - 31) * DAY) : null
		});
		const groupId = spec.group ? groups.get(`${authorId}:${spec.group}`) : undefined;
		if (groupId) audiences.push({ publicationId: id, groupId });
	}
	// applications, each with a real PDF CV under UPLOADS_DIR (drawn at once)
	const applications: [string, string, string][] = [
		['paul.bernard@exemple.fr', 'Chargé·e de recrutement H/F', 'Bonjour,\n\nAprès huit ans dans les ressources humaines d’un groupe de distribution, je souhaite rejoindre un cabinet. Je serais ravi d’échanger avec vous.\n\nPaul Bernard'],
		['sophie.durand@exemple.fr', 'Chargé·e de recrutement H/F', 'Bonjour, je me reconvertis vers le recrutement IT et connais bien les métiers du développement. Mon CV est joint.'],
		['paul.bernard@exemple.fr', 'Assistant·e RH — CDD 6 mois', 'Bonjour, disponible immédiatement pour ce remplacement.']
	];
	const applicationRows = await Promise.all(
		applications
			.filter(([email, title]) => people.has(email) && ids.has(title))
			.map(async ([email, title, message]): Promise<Prisma.JobApplicationCreateManyInput> => {
				const name = email.split('@')[0]!.split('.').map((w) => w[0]!.toUpperCase() + w.slice(1)).join(' ');
				const cv = await demoPdf(`CV — ${name}`, ['Expériences', 'Formation', 'Compétences', `Contact : ${email}`]);
				return { publicationId: ids.get(title)!, applicantId: people.get(email)!, message, cvFile: cv.storedName, cvTitle: `CV ${name}.pdf`, createdAt: new Date(now.getTime() - DAY) };
			})
	);
	await prisma.$transaction([
		prisma.careersSettings.upsert({ where: { id: 1 }, create: { id: 1, approvalRequired: true }, update: {} }),
		prisma.publication.createMany({ data: publications }),
		prisma.jobOffer.createMany({ data: jobs }),
		prisma.publicationGroup.createMany({ data: audiences }),
		prisma.jobApplication.createMany({ data: applicationRows })
	]);
	const count = applicationRows.length;
	// weekly alerts ("Je souhaite recevoir la notification hebdomadaire des offres d'emploi")
	const alerts: [string, Prisma.JobAlertSubscriptionCreateManyInput['contractTypes'], string[]][] = [
		['paul.bernard@exemple.fr', ['cdi', 'cdd'], ['hr', 'it']],
		['sophie.durand@exemple.fr', [], ['it']],
		['claire.martin@exemple.fr', ['internship', 'apprenticeship'], []]
	];
	await prisma.jobAlertSubscription.createMany({
		data: alerts.flatMap(([email, contractTypes, sectors]) => (people.has(email) ? [{ memberId: people.get(email)!, contractTypes, sectors }] : []))
	});
	return { offers: ids.size, applications: count };
}
