// Demo data of the cooperative referencing (issue 15): a dozen approved cooperatives across
// départements and sectors with full records, one awaiting moderation, one pre-registered, a demo
// buyer and a demo cooperative login, saved searches, favourites and consultations in every state.
import { randomBytes, createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { DEMO_PASSWORD } from './demo.ts';

export const REFERENCING_LOGINS = [
	{ label: 'Acheteuse — Sophie Lefèvre, Centre hospitalier de Montpellier (/referencement)', email: 'acheteur@exemple.fr' },
	{ label: 'Coopérative — Jeanne Rouvière, gérante de la Scop Les Charpentiers du Lez', email: 'cooperative@exemple.fr' }
];

interface Coop {
	name: string;
	form: string;
	sector: string;
	goods: string[];
	skills: string[];
	activity: string;
	address: string;
	postcode: string;
	city: string;
	dep: string;
	manager: [string, string];
	turnover: number;
	workforce: number;
	certifications?: string;
	carbon?: number;
	guarantees?: string;
	establishments?: { name: string; address: string; postcode: string; city: string; dep: string }[];
	references: { client: string; description: string; year: number }[];
	website: string;
}

const COOPS: Coop[] = [
	{ name: 'Les Charpentiers du Lez', form: 'scop_sarl', sector: 'batiment', goods: ['gros_oeuvre', 'second_oeuvre'], skills: ['charpente', 'ossature bois', 'éco-construction', 'couverture'], activity: 'Charpente traditionnelle, ossature bois et rénovation de toitures pour les collectivités et les particuliers du Languedoc.', address: '12 rue des Tonneliers', postcode: '34000', city: 'Montpellier', dep: '34', manager: ['Jeanne Rouvière', 'Gérante'], turnover: 1_850_000, workforce: 17, certifications: 'Qualibat 2311, RGE', carbon: 48_000, guarantees: 'Garantie décennale, caution bancaire de bonne fin', establishments: [{ name: 'Atelier de Lunel', address: 'ZA des Fournels', postcode: '34400', city: 'Lunel', dep: '34' }], references: [{ client: 'Mairie de Lunel', description: 'Charpente de l’école Louis-Pasteur', year: 2024 }, { client: 'Hérault Habitat', description: 'Réfection de 40 toitures', year: 2023 }], website: 'https://charpentiers-du-lez.coop' },
	{ name: 'Adullact Logiciels Métier', form: 'scic', sector: 'informatique', goods: ['logiciels', 'hebergement', 'formation_professionnelle'], skills: ['logiciels libres', 'programmation', 'logiciels métier', 'hébergement', 'formation'], activity: 'Développement et maintenance de logiciels métier libres pour les collectivités et les établissements hospitaliers.', address: '5 rue du Plan du Palais', postcode: '34000', city: 'Montpellier', dep: '34', manager: ['Pascal Kuczynski', 'Directeur général'], turnover: 920_000, workforce: 11, certifications: 'ISO 27001 (hébergement)', references: [{ client: 'CHU de Nîmes', description: 'Gestion des blocs opératoires', year: 2024 }], website: 'https://adullact.coop' },
	{ name: 'Nîmes Numérique Coopérative', form: 'scop_sas', sector: 'informatique', goods: ['developpement_web', 'hebergement'], skills: ['programmation', 'sites internet', 'accessibilité', 'logiciels libres'], activity: 'Sites et applications web accessibles (RGAA), hébergement en France.', address: '3 boulevard Gambetta', postcode: '30000', city: 'Nîmes', dep: '30', manager: ['Karim Benali', 'Président'], turnover: 640_000, workforce: 8, references: [{ client: 'Agglomération de Nîmes', description: 'Portail citoyen', year: 2025 }], website: 'https://nimes-numerique.coop' },
	{ name: 'Imprimerie Coopérative Audoise', form: 'scop_sa', sector: 'communication', goods: ['impression', 'graphisme'], skills: ['impression offset', 'papier recyclé', 'graphisme', 'édition'], activity: 'Impression offset et numérique sur papiers recyclés, labellisée Imprim’Vert.', address: '18 avenue de Bezons', postcode: '11100', city: 'Narbonne', dep: '11', manager: ['Lucie Fabre', 'PDG'], turnover: 2_300_000, workforce: 24, certifications: 'Imprim’Vert, PEFC, FSC', carbon: 210_000, references: [{ client: 'Région Occitanie', description: 'Supports des Journées du patrimoine', year: 2024 }], website: 'https://ica-narbonne.coop' },
	{ name: 'Catalogne Énergies Partagées', form: 'scic', sector: 'environnement', goods: ['energie', 'etudes_conseil'], skills: ['photovoltaïque', 'énergies renouvelables', 'études de faisabilité', 'éco-construction'], activity: 'Centrales photovoltaïques citoyennes sur toitures publiques, études et exploitation.', address: '2 place de la République', postcode: '66000', city: 'Perpignan', dep: '66', manager: ['Jordi Puig', 'Directeur'], turnover: 1_100_000, workforce: 9, certifications: 'QualiPV', references: [{ client: 'Commune de Prades', description: 'Centrale de 250 kWc sur le gymnase', year: 2023 }], website: 'https://cep66.coop' },
	{ name: 'Lozère Bois et Paysages', form: 'scop_sarl', sector: 'environnement', goods: ['espaces_verts', 'mobilier'], skills: ['espaces verts', 'élagage', 'mobilier urbain bois', 'gestion différenciée'], activity: 'Entretien d’espaces verts en gestion différenciée et mobilier urbain en bois local.', address: 'Route de Mende', postcode: '48000', city: 'Mende', dep: '48', manager: ['Claire Bonnal', 'Gérante'], turnover: 780_000, workforce: 14, references: [{ client: 'Département de la Lozère', description: 'Aires de repos', year: 2024 }], website: 'https://lozere-bois.coop' },
	{ name: 'Les Cuisines Solidaires de Marseille', form: 'scic', sector: 'restauration', goods: ['traiteur', 'accompagnement_social'], skills: ['traiteur', 'restauration collective', 'circuits courts', 'insertion'], activity: 'Traiteur en circuits courts et restauration collective, chantier d’insertion.', address: '45 rue de la Joliette', postcode: '13002', city: 'Marseille', dep: '13', manager: ['Nadia Haddad', 'Directrice'], turnover: 1_450_000, workforce: 32, references: [{ client: 'AP-HM', description: 'Plateaux-repas des formations', year: 2025 }], website: 'https://cuisines-solidaires.coop' },
	{ name: 'Rhône Conseil Coopératif', form: 'scop_sas', sector: 'conseil', goods: ['etudes_conseil', 'formation_professionnelle'], skills: ['conseil', 'achats responsables', 'RSE', 'formation'], activity: 'Conseil en achats responsables et RSE pour les acheteurs publics et de l’économie sociale.', address: '8 quai Saint-Vincent', postcode: '69001', city: 'Lyon', dep: '69', manager: ['Étienne Morel', 'Président'], turnover: 560_000, workforce: 6, references: [{ client: 'Métropole de Lyon', description: 'Schéma de promotion des achats responsables', year: 2024 }], website: 'https://rcc.coop' },
	{ name: 'Coursiers à Vélo Parisiens', form: 'scop_sarl', sector: 'transport', goods: ['transport_logistique'], skills: ['livraison à vélo', 'logistique urbaine', 'dernier kilomètre'], activity: 'Livraison du dernier kilomètre à vélo cargo dans Paris et la petite couronne.', address: '21 rue de la Roquette', postcode: '75011', city: 'Paris', dep: '75', manager: ['Hugo Lemaire', 'Gérant'], turnover: 890_000, workforce: 28, establishments: [{ name: 'Dépôt de Montreuil', address: '4 rue Marceau', postcode: '93100', city: 'Montreuil', dep: '93' }], references: [{ client: 'Ville de Paris', description: 'Navettes de courrier inter-mairies', year: 2025 }], website: 'https://coursiers-velo.coop' },
	{ name: 'Atelier Textile Bordelais', form: 'scop_sa', sector: 'industrie', goods: ['textile'], skills: ['confection', 'vêtements de travail', 'textile recyclé'], activity: 'Confection de vêtements de travail et linge en textiles recyclés, fabriqués à Bordeaux.', address: '60 quai de Bacalan', postcode: '33300', city: 'Bordeaux', dep: '33', manager: ['Marie Dufau', 'PDG'], turnover: 1_250_000, workforce: 19, certifications: 'Oeko-Tex', references: [{ client: 'CHU de Bordeaux', description: 'Tenues des services techniques', year: 2024 }], website: 'https://atelier-textile.coop' },
	{ name: 'Nantes Recyclage Coopératif', form: 'scic', sector: 'environnement', goods: ['recyclage', 'nettoyage'], skills: ['collecte', 'recyclage', 'réemploi', 'nettoyage'], activity: 'Collecte et réemploi du mobilier et des équipements de bureau, nettoyage de locaux.', address: '12 boulevard de Chantenay', postcode: '44100', city: 'Nantes', dep: '44', manager: ['Yann Le Goff', 'Directeur'], turnover: 1_980_000, workforce: 41, references: [{ client: 'Université de Nantes', description: 'Réemploi de 3 000 chaises', year: 2023 }], website: 'https://nrc.coop' },
	{ name: 'Toulouse Images et Sons', form: 'scop_sarl', sector: 'culture', goods: ['audiovisuel', 'graphisme'], skills: ['vidéo', 'sonorisation', 'événementiel', 'captation'], activity: 'Captation vidéo, sonorisation et régie d’événements publics.', address: '9 allée Jean-Jaurès', postcode: '31000', city: 'Toulouse', dep: '31', manager: ['Sami Ouali', 'Gérant'], turnover: 430_000, workforce: 5, references: [{ client: 'Toulouse Métropole', description: 'Captation des conseils métropolitains', year: 2025 }], website: 'https://tis.coop' }
];

/** Fills the referencing's demo rows (the rest of the demo already exists). Returns the logins it created. */
export async function seedReferencing(prisma: PrismaClient, now: Date = new Date()): Promise<{ label: string; email: string; password: string }[]> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const days = (n: number) => new Date(now.getTime() + n * 86400_000);
	const person = (email: string, firstName: string, lastName: string, roles: ('member' | 'buyer' | 'cooperative')[]) =>
		prisma.member.create({ data: { email, firstName, lastName, slug: `${firstName}-${lastName}-ref`.toLowerCase().normalize('NFD').replace(/[^a-z-]/g, ''), passwordHash, status: 'active', activatedAt: days(-200), category: 'company', roles, city: 'Montpellier', visibleInDirectory: false }, select: { id: true } });

	const buyer = await person('acheteur@exemple.fr', 'Sophie', 'Lefèvre', ['member', 'buyer']);
	await prisma.buyerProfile.create({ data: { memberId: buyer.id, institution: 'Centre hospitalier de Montpellier' } });

	const records: { id: string; name: string; ownerId: string }[] = [];
	for (const [i, c] of COOPS.entries()) {
		const email = i === 0 ? 'cooperative@exemple.fr' : `contact@${new URL(c.website).hostname.replace(/\.coop$/, '')}.exemple.fr`;
		const [first, ...last] = c.manager[0].split(' ');
		const owner = i === 0 ? await person(email, 'Jeanne', 'Rouvière', ['member', 'cooperative']) : await person(email, first!, last.join(' '), ['member', 'cooperative']);
		const slug = `${c.name}`.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
		const company = await prisma.company.create({
			data: { slug: `${slug}-ref`, title: c.name, legalName: `${c.name} ${c.form.startsWith('scop') ? 'SCOP' : c.form.toUpperCase()}`, sector: c.sector, description: c.activity, address: c.address, postcode: c.postcode, city: c.city, phone: `04 67 ${String(10 + i).padStart(2, '0')} 20 30`, website: c.website, keywords: c.skills, createdById: owner.id, createdAt: days(-150 + i * 10) },
			select: { id: true }
		});
		await prisma.companyMembership.create({ data: { companyId: company.id, memberId: owner.id, role: 'admin', status: 'active' } });
		const record = await prisma.cooperativeRecord.create({
			data: {
				companyId: company.id,
				ownerId: owner.id,
				status: 'approved',
				step: 7,
				consultationEmail: i === 0 ? 'devis.charpentiers@exemple.fr' : null,
				legalForm: c.form,
				activity: c.activity,
				goods: c.goods,
				skills: c.skills,
				certifications: c.certifications ?? null,
				carbonFootprint: c.carbon ?? null,
				guarantees: c.guarantees ?? null,
				turnover: c.turnover,
				turnoverYear: 2025,
				workforce: c.workforce,
				managerName: c.manager[0],
				managerTitle: c.manager[1],
				contacts: [{ name: c.manager[0], role: c.manager[1], email }] as Prisma.InputJsonValue,
				hasEstablishments: !!c.establishments,
				establishments: (c.establishments ?? []).map(({ dep: _dep, ...e }) => e) as Prisma.InputJsonValue,
				hasReferences: true,
				references: c.references as Prisma.InputJsonValue,
				departements: [...new Set([c.dep, ...(c.establishments ?? []).map((e) => e.dep)])],
				submittedAt: days(-140 + i * 10),
				approvedAt: days(-139 + i * 10),
				createdAt: days(-150 + i * 10)
			},
			select: { id: true }
		});
		records.push({ id: record.id, name: c.name, ownerId: owner.id });
	}

	// one awaiting moderation, one pre-registered (invited, no password yet)
	const pendingOwner = await person('contact@scop-ecoles.exemple.fr', 'Antoine', 'Vidal', ['member', 'cooperative']);
	const pendingCompany = await prisma.company.create({ data: { slug: 'scop-formation-des-garrigues-ref', title: 'Scop Formation des Garrigues', legalName: 'Scop Formation des Garrigues SARL', sector: 'formation', postcode: '34070', city: 'Montpellier', address: '4 rue de la Garrigue', createdById: pendingOwner.id } });
	await prisma.companyMembership.create({ data: { companyId: pendingCompany.id, memberId: pendingOwner.id, role: 'admin', status: 'active' } });
	await prisma.cooperativeRecord.create({ data: { companyId: pendingCompany.id, ownerId: pendingOwner.id, status: 'pending', step: 7, legalForm: 'scop_sarl', activity: 'Formations aux métiers du numérique pour les demandeurs d’emploi.', goods: ['formation_professionnelle'], skills: ['formation', 'numérique', 'insertion'], managerName: 'Antoine Vidal', departements: ['34'], submittedAt: days(-2) } });
	const invited = await prisma.member.create({ data: { email: 'contact@scop-du-minervois.exemple.fr', firstName: 'Scop du Minervois', lastName: '', slug: 'scop-du-minervois-ref', status: 'pending', category: 'company', roles: ['member', 'cooperative'], visibleInDirectory: false } });
	const invitedCompany = await prisma.company.create({ data: { slug: 'scop-du-minervois-ref', title: 'Scop du Minervois', legalName: 'Scop du Minervois', sector: 'agriculture', postcode: '11160', city: 'Caunes-Minervois', createdById: invited.id } });
	await prisma.companyMembership.create({ data: { companyId: invitedCompany.id, memberId: invited.id, role: 'admin', status: 'active' } });
	await prisma.cooperativeRecord.create({ data: { companyId: invitedCompany.id, ownerId: invited.id, preregistered: true, step: 2, departements: ['11'], inviteTokenHash: createHash('sha256').update(randomBytes(32)).digest('base64url'), inviteExpiresAt: days(14) } });

	// the buyer's saved searches and favourites
	await prisma.cooperativeSavedSearch.createMany({
		data: [
			{ memberId: buyer.id, name: 'Bâtiment dans l’Hérault', criteria: { departements: ['34'], sector: 'batiment', goods: [], skills: '', q: '' }, createdAt: days(-30) },
			{ memberId: buyer.id, name: 'Logiciels libres (Gard, Hérault)', criteria: { departements: ['30', '34'], goods: [], skills: 'logiciels libres', q: '' }, createdAt: days(-12) }
		]
	});
	const byName = (name: string) => records.find((r) => r.name === name)!;
	await prisma.cooperativeFavorite.createMany({
		data: [
			{ memberId: buyer.id, recordId: byName('Les Charpentiers du Lez').id, comment: 'Sérieux, respecte les délais', createdAt: days(-25) },
			{ memberId: buyer.id, recordId: byName('Adullact Logiciels Métier').id, comment: 'Bon rapport qualité/prix', createdAt: days(-20) },
			{ memberId: buyer.id, recordId: byName('Les Cuisines Solidaires de Marseille').id, comment: null, createdAt: days(-3) }
		]
	});

	// consultations in every state
	const endOfDay = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), 22, 0, 0));
	const consult = async (title: string, description: string, sentDaysAgo: number, closeIn: number, state: 'open' | 'closed' | 'cancelled', to: { name: string; status: 'sent' | 'read' | 'answered' | 'declined'; amount?: string; message?: string; reason?: string }[], budget: string, location: string) => {
		const sent = days(-sentDaysAgo);
		const closingAt = endOfDay(days(closeIn));
		const c = await prisma.consultation.create({
			data: {
				senderId: buyer.id,
				senderEmail: 'acheteur@exemple.fr',
				senderName: 'Sophie Lefèvre (Centre hospitalier de Montpellier)',
				title,
				description,
				budget,
				location,
				closingAt,
				state,
				createdAt: sent,
				closedAt: state === 'closed' ? closingAt : null,
				cancelledAt: state === 'cancelled' ? days(-1) : null,
				recipients: {
					create: to.map((r) => ({
						recordId: byName(r.name).id,
						email: r.name === 'Les Charpentiers du Lez' ? 'devis.charpentiers@exemple.fr' : COOPS.find((c) => c.name === r.name)!.website.replace(/^https:\/\/(.*)\.coop$/, 'contact@$1.exemple.fr'),
						status: r.status,
						readAt: r.status === 'sent' ? null : days(-sentDaysAgo + 1),
						answeredAt: r.status === 'answered' || r.status === 'declined' ? days(-sentDaysAgo + 2) : null,
						quoteAmount: r.amount ?? null,
						quoteMessage: r.message ?? null,
						declineReason: r.reason ?? null
					}))
				}
			},
			select: { id: true }
		});
		if (state === 'open') {
			// its automatic closing and reminder are queued when the server delivers this event (the recipients' mails count as sent)
			const event = await prisma.domainEvent.create({ data: { name: 'consultation.sent', payload: { consultationId: c.id, closingAt: closingAt.toISOString() } } });
			await prisma.domainEventDelivery.create({ data: { eventId: event.id, subscriber: 'referencing.mails' } });
		}
		return c;
	};
	await consult(
		'Réfection de la charpente du pavillon B',
		'Dépose et remplacement de la charpente (environ 420 m²), couverture tuiles. Visite sur site possible le mardi.',
		6,
		12,
		'open',
		[
			{ name: 'Les Charpentiers du Lez', status: 'answered', amount: '68400.00', message: 'Devis détaillé : charpente sapin traité, délai 6 semaines, démarrage possible en mars.' },
			{ name: 'Lozère Bois et Paysages', status: 'declined', reason: 'Hors de notre zone d’intervention pour ce volume.' },
			{ name: 'Nantes Recyclage Coopératif', status: 'read' }
		],
		'70 000 € HT',
		'Montpellier (34)'
	);
	await consult('Maintenance du logiciel de gestion des blocs', 'Tierce maintenance applicative du logiciel libre de planification des blocs opératoires, 3 ans.', 2, 20, 'open', [{ name: 'Adullact Logiciels Métier', status: 'sent' }, { name: 'Nîmes Numérique Coopérative', status: 'sent' }], '45 000 € HT / an', 'Montpellier (34)');
	await consult('Plateaux-repas des journées de formation', 'Environ 60 plateaux par journée, 12 journées par an, produits locaux et de saison.', 40, -10, 'closed', [{ name: 'Les Cuisines Solidaires de Marseille', status: 'answered', amount: '9360.00', message: '13 € le plateau, livraison comprise.' }], '10 000 € HT', 'Montpellier (34)');
	await consult('Impression du rapport annuel', 'Impression de 2 000 exemplaires, 64 pages, papier recyclé.', 15, 5, 'cancelled', [{ name: 'Imprimerie Coopérative Audoise', status: 'read' }], '6 000 € HT', 'Montpellier (34)');
	// the demo cooperative sends one too, and receives the buyer's
	const coop = byName('Les Charpentiers du Lez');
	await prisma.consultation.create({
		data: { senderId: coop.ownerId, senderEmail: 'devis.charpentiers@exemple.fr', senderName: 'Jeanne Rouvière (Les Charpentiers du Lez)', title: 'Sous-traitance : isolation fibre de bois', description: 'Isolation de 300 m² de rampants en fibre de bois, chantier de Lunel.', budget: '15 000 € HT', location: 'Lunel (34)', closingAt: endOfDay(days(-5)), state: 'closed', closedAt: endOfDay(days(-5)), createdAt: days(-25), recipients: { create: [{ recordId: byName('Catalogne Énergies Partagées').id, email: 'contact@cep66.exemple.fr', status: 'declined', answeredAt: days(-20), readAt: days(-21), declineReason: 'Nous ne faisons pas d’isolation.' }] } }
	});
	return REFERENCING_LOGINS.map((l) => ({ ...l, password: DEMO_PASSWORD }));
}
