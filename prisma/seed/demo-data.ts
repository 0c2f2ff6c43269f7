// Demo data catalogue for prisma/seed/demo.ts: cities, trades (skills, bios, certifications,
// missions, jobs, schools), the people, the companies and who relates to whom.
// Everything here is fiction: e-mails use exemple.fr, companies use *.example.org.

export interface City {
	city: string;
	postcode: string;
	latitude: number;
	longitude: number;
	country: string;
	/** first digit of a French landline (01 Paris … 05 south-west); foreign cities use their own */
	phonePrefix: string;
	streets?: string[];
}

const fr = (city: string, postcode: string, latitude: number, longitude: number, zone: string): City => ({
	city,
	postcode,
	latitude,
	longitude,
	country: 'FR',
	phonePrefix: `+33 ${zone}`
});

/** Key → city; Paris, Lyon and Marseille are split by arrondissement (own postcode and centre). */
export const CITIES = {
	paris2: fr('Paris', '75002', 48.8677, 2.3447, '1'),
	paris9: fr('Paris', '75009', 48.8763, 2.3375, '1'),
	paris11: fr('Paris', '75011', 48.859, 2.38, '1'),
	paris15: fr('Paris', '75015', 48.8412, 2.3003, '1'),
	lyon2: fr('Lyon', '69002', 45.7485, 4.827, '4'),
	lyon3: fr('Lyon', '69003', 45.7597, 4.859, '4'),
	lyon7: fr('Lyon', '69007', 45.7328, 4.841, '4'),
	marseille1: fr('Marseille', '13001', 43.2999, 5.3841, '4'),
	marseille8: fr('Marseille', '13008', 43.242, 5.379, '4'),
	toulouse: fr('Toulouse', '31000', 43.6045, 1.444, '5'),
	nice: fr('Nice', '06000', 43.7009, 7.2683, '4'),
	nantes: fr('Nantes', '44000', 47.2184, -1.5536, '2'),
	strasbourg: fr('Strasbourg', '67000', 48.5734, 7.7521, '3'),
	montpellier: fr('Montpellier', '34000', 43.6108, 3.8767, '4'),
	bordeaux: fr('Bordeaux', '33000', 44.8378, -0.5792, '5'),
	lille: fr('Lille', '59000', 50.6292, 3.0573, '3'),
	rennes: fr('Rennes', '35000', 48.1173, -1.6778, '2'),
	reims: fr('Reims', '51100', 49.2583, 4.0317, '3'),
	grenoble: fr('Grenoble', '38000', 45.1885, 5.7245, '4'),
	dijon: fr('Dijon', '21000', 47.322, 5.0415, '3'),
	angers: fr('Angers', '49000', 47.4784, -0.5632, '2'),
	brest: fr('Brest', '29200', 48.3904, -4.4861, '2'),
	tours: fr('Tours', '37000', 47.3941, 0.6848, '2'),
	clermont: fr('Clermont-Ferrand', '63000', 45.7772, 3.087, '4'),
	limoges: fr('Limoges', '87000', 45.8336, 1.2611, '5'),
	amiens: fr('Amiens', '80000', 49.8941, 2.2958, '3'),
	metz: fr('Metz', '57000', 49.1193, 6.1757, '3'),
	lehavre: fr('Le Havre', '76600', 49.4944, 0.1079, '2'),
	saintetienne: fr('Saint-Étienne', '42000', 45.4397, 4.3872, '4'),
	montreal: {
		city: 'Montréal',
		postcode: 'H2X 1Y4',
		latitude: 45.5088,
		longitude: -73.5617,
		country: 'CA',
		phonePrefix: '+1 514',
		streets: ['rue Saint-Denis', 'boulevard Saint-Laurent', 'avenue du Mont-Royal']
	},
	bruxelles: {
		city: 'Bruxelles',
		postcode: '1000',
		latitude: 50.8503,
		longitude: 4.3517,
		country: 'BE',
		phonePrefix: '+32 2',
		streets: ['rue Neuve', 'boulevard Anspach', 'rue du Marché aux Herbes']
	}
} satisfies Record<string, City>;

export type CityKey = keyof typeof CITIES;

/** Street names found in nearly every French town. */
export const FRENCH_STREETS = [
	'rue de la République',
	'avenue Jean Jaurès',
	'rue Victor Hugo',
	'boulevard Gambetta',
	'rue Pasteur',
	'avenue du Général de Gaulle',
	'rue Nationale',
	'rue des Lilas',
	'place de la Mairie',
	'rue du Moulin',
	'rue Jules Ferry',
	'quai de la Loire'
];

type Gendered = readonly [masculine: string, feminine: string];

export interface Trade {
	title: Gendered;
	headline: (f: boolean, city: string) => string;
	/** the first three are always given; the others are drawn per member */
	skills: string[];
	/** one or two sentences on the craft; the builder adds the member's situation */
	bio: (f: boolean) => string;
	certifications: { name: string; issuer: string }[];
	missions: { title: string; client: string; description: string }[];
	pastJobs: { title: Gendered; companyName: string; description: string }[];
	education: { school: string; diploma: string }[];
	languages?: [code: string, level: string][];
}

const g = (f: boolean, masculine: string, feminine: string) => (f ? feminine : masculine);

export const TRADES = {
	dev_web: {
		title: ['Développeur web', 'Développeuse web'],
		headline: (f, city) => `${g(f, 'Développeur', 'Développeuse')} web full-stack à ${city} — TypeScript, Node.js, PostgreSQL`,
		skills: ['Développement web', 'TypeScript', 'JavaScript', 'Node.js', 'PostgreSQL', 'Svelte', 'React', 'Accessibilité numérique'],
		bio: (f) =>
			`${g(f, 'Développeur', 'Développeuse')} web, je conçois des applications sur mesure pour des PME, des associations et des collectivités : sites vitrines, extranets, outils métiers. J'attache une grande importance à la performance, à l'accessibilité et à la maintenabilité du code.`,
		certifications: [
			{ name: 'Professional Scrum Master I', issuer: 'Scrum.org' },
			{ name: 'Certification Opquast — Maîtrise de la qualité en projet web', issuer: 'Opquast' }
		],
		missions: [
			{
				title: "Refonte de l'extranet adhérents",
				client: 'Fédération régionale du bâtiment',
				description: "Migration d'une application PHP vieillissante vers SvelteKit et PostgreSQL, avec reprise de 12 000 comptes."
			},
			{
				title: 'Application de prise de rendez-vous',
				client: 'Cabinet de kinésithérapie',
				description: 'Agenda en ligne, rappels par e-mail et tableau de bord pour les praticiens.'
			}
		],
		pastJobs: [
			{ title: ['Développeur web', 'Développeuse web'], companyName: 'Agence Web Horizon', description: "Sites e-commerce et intégration d'API de paiement." },
			{ title: ['Développeur back-end', 'Développeuse back-end'], companyName: 'Logistique Express SAS', description: 'API de suivi de colis, deux millions de requêtes par jour.' }
		],
		education: [
			{ school: 'Université Claude Bernard Lyon 1', diploma: 'Master Informatique' },
			{ school: 'IUT de Nantes', diploma: 'BUT Informatique' },
			{ school: 'Epitech', diploma: "Expert en technologies de l'information" }
		]
	},
	dev_mobile: {
		title: ['Développeur mobile', 'Développeuse mobile'],
		headline: (f, city) => `${g(f, 'Développeur', 'Développeuse')} d'applications mobiles iOS et Android à ${city}`,
		skills: ['Développement mobile', 'Flutter', 'Kotlin', 'Swift', 'TypeScript', 'UX design'],
		bio: (f) =>
			`${g(f, 'Développeur', 'Développeuse')} mobile, je réalise des applications natives et multiplateformes, de la maquette à la publication sur les stores. J'accompagne aussi les équipes produit sur l'ergonomie et les tests utilisateurs.`,
		certifications: [{ name: 'Google Associate Android Developer', issuer: 'Google' }],
		missions: [
			{ title: 'Application de covoiturage domicile-travail', client: 'Syndicat mixte de transport', description: 'Application Flutter, 8 000 utilisateurs actifs la première année.' },
			{ title: 'Carte de fidélité dématérialisée', client: 'Réseau de boulangeries', description: 'Application iOS et Android avec notifications et programme de points.' }
		],
		pastJobs: [{ title: ['Développeur iOS', 'Développeuse iOS'], companyName: 'Studio Nordique Apps', description: 'Applications grand public pour des médias régionaux.' }],
		education: [
			{ school: 'Université de Montréal', diploma: 'Baccalauréat en informatique' },
			{ school: 'INSA Lyon', diploma: "Diplôme d'ingénieur Informatique" }
		]
	},
	plombier: {
		title: ['Plombier chauffagiste', 'Plombière chauffagiste'],
		headline: (f, city) => `${g(f, 'Plombier', 'Plombière')} chauffagiste à ${city} — dépannage, salles de bains, pompes à chaleur`,
		skills: ['Plomberie', 'Chauffage', 'Dépannage', 'Installation sanitaire', 'Pompe à chaleur', 'Rénovation'],
		bio: (f) =>
			`${g(f, 'Plombier', 'Plombière')} chauffagiste, j'interviens pour les dépannages urgents, la rénovation de salles de bains et le remplacement de chaudières par des pompes à chaleur. Devis gratuit et conseils sur les aides à la rénovation énergétique.`,
		certifications: [
			{ name: 'Qualification RGE QualiPAC', issuer: "Qualit'EnR" },
			{ name: 'Professionnel Gaz (PG)', issuer: 'Qualigaz' }
		],
		missions: [
			{ title: "Rénovation complète d'une salle de bains", client: 'Particulier', description: "Création d'une douche à l'italienne et remplacement du chauffe-eau." },
			{ title: 'Remplacement de chaudière fioul par une PAC air-eau', client: 'Copropriété Les Tilleuls', description: 'Dimensionnement, dossier MaPrimeRénov’ et mise en service.' }
		],
		pastJobs: [{ title: ['Plombier', 'Plombière'], companyName: 'Thermique du Sud SARL', description: 'Installation et entretien de chaudières gaz.' }],
		education: [
			{ school: 'CFA du BTP', diploma: 'CAP Monteur en installations sanitaires' },
			{ school: 'Lycée professionnel Gustave Eiffel', diploma: 'Bac pro Installateur en chauffage, climatisation et énergies renouvelables' }
		]
	},
	electricien: {
		title: ['Électricien', 'Électricienne'],
		headline: (f, city) => `${g(f, 'Électricien', 'Électricienne')} à ${city} — mise aux normes, domotique, bornes de recharge`,
		skills: ['Électricité générale', 'Mise aux normes NF C 15-100', 'Dépannage', 'Domotique', 'Bornes de recharge IRVE', 'Rénovation'],
		bio: (f) =>
			`${g(f, 'Électricien', 'Électricienne')} du bâtiment, je réalise installations neuves, mises aux normes et dépannages chez les particuliers comme dans les commerces. Je pose aussi des bornes de recharge pour véhicules électriques.`,
		certifications: [
			{ name: 'Habilitation électrique BR B2V', issuer: 'AFPA' },
			{ name: 'Qualification IRVE', issuer: 'Qualifelec' }
		],
		missions: [
			{ title: "Mise aux normes d'un immeuble de 12 logements", client: 'Syndic Bretagne Habitat', description: 'Remplacement des tableaux, liaisons équipotentielles et attestation Consuel.' },
			{ title: 'Installation de 6 bornes de recharge', client: 'Concession automobile', description: 'Étude de puissance, pose et paramétrage de la supervision.' }
		],
		pastJobs: [{ title: ['Électricien', 'Électricienne'], companyName: 'Réseaux Ouest Électricité', description: 'Chantiers tertiaires et maintenance.' }],
		education: [
			{ school: 'CFA du BTP', diploma: 'CAP Électricien' },
			{ school: 'Lycée professionnel Gustave Eiffel', diploma: 'BTS Électrotechnique' }
		]
	},
	comptable: {
		title: ['Expert-comptable', 'Experte-comptable'],
		headline: (f, city) => `${g(f, 'Expert-comptable', 'Experte-comptable')} à ${city} — TPE, indépendants et associations`,
		skills: ['Comptabilité', 'Fiscalité', 'Bilan annuel', 'Paie', "Création d'entreprise", 'Excel'],
		bio: (f) =>
			`${g(f, 'Expert-comptable', 'Experte-comptable')}, j'accompagne les artisans, les indépendants et les associations : tenue comptable, bilans, déclarations fiscales et sociales, conseils à la création d'entreprise. Rendez-vous possibles en visioconférence.`,
		certifications: [
			{ name: "Diplôme d'expertise comptable (DEC)", issuer: "Ministère de l'Enseignement supérieur" },
			{ name: "Inscription au tableau de l'Ordre", issuer: 'Ordre des experts-comptables' }
		],
		missions: [
			{ title: "Création d'une SAS de restauration", client: 'Restaurant Le Comptoir', description: 'Prévisionnel, statuts, choix du régime fiscal et mise en place de la paie.' },
			{ title: "Mise en place d'une comptabilité analytique", client: 'Association culturelle', description: 'Suivi par projet pour les dossiers de subvention.' }
		],
		pastJobs: [{ title: ['Collaborateur comptable', 'Collaboratrice comptable'], companyName: 'Cabinet Audit & Conseil Atlantique', description: 'Portefeuille de 80 dossiers TPE.' }],
		education: [
			{ school: 'Université de Bordeaux', diploma: 'DSCG' },
			{ school: 'IAE Lille', diploma: 'Master Comptabilité, contrôle, audit' }
		]
	},
	avocat_travail: {
		title: ['Avocat en droit du travail', 'Avocate en droit du travail'],
		headline: (f, city) => `${g(f, 'Avocat', 'Avocate')} en droit du travail à ${city} — salariés et employeurs`,
		skills: ['Droit du travail', "Contentieux prud'homal", 'Rupture conventionnelle', 'Droit social', 'Conseil RH'],
		bio: (f) =>
			`${g(f, 'Avocat', 'Avocate')} au barreau, je conseille et défends salariés et employeurs : licenciements, ruptures conventionnelles, harcèlement, contentieux devant le conseil de prud'hommes. Première consultation possible en visioconférence.`,
		certifications: [
			{ name: "CAPA — Certificat d'aptitude à la profession d'avocat", issuer: 'École de formation du barreau' },
			{ name: 'Mention de spécialisation en droit du travail', issuer: 'Conseil national des barreaux' }
		],
		missions: [
			{ title: "Accompagnement d'un plan de départs volontaires", client: "PME industrielle de 140 salariés", description: 'Négociation avec le CSE et rédaction des accords.' },
			{ title: 'Défense devant le conseil de prud’hommes', client: 'Cadre commercial', description: 'Contestation d’un licenciement pour faute grave, requalification obtenue.' }
		],
		pastJobs: [{ title: ['Avocat collaborateur', 'Avocate collaboratrice'], companyName: 'Cabinet Marceau & Associés', description: 'Contentieux social et audits de conformité.' }],
		education: [{ school: 'Université Paris 1 Panthéon-Sorbonne', diploma: 'Master 2 Droit social' }]
	},
	traduction: {
		title: ['Traducteur anglais-français', 'Traductrice anglais-français'],
		headline: (f) => `${g(f, 'Traducteur', 'Traductrice')} anglais-français — juridique, technique, sous-titrage`,
		skills: ['Traduction anglais-français', 'Relecture', 'Traduction juridique', 'Sous-titrage', 'Interprétariat'],
		bio: (f) =>
			`${g(f, 'Traducteur', 'Traductrice')} de l'anglais vers le français, je traduis contrats, documentations techniques et sites web, et je réalise des sous-titres pour la vidéo. Chaque traduction est relue avant livraison.`,
		certifications: [{ name: 'Traduction assermentée (expert judiciaire)', issuer: "Cour d'appel" }],
		missions: [
			{ title: "Traduction d'un manuel utilisateur de 180 pages", client: 'Fabricant de matériel médical', description: 'Terminologie validée avec le client, mémoire de traduction livrée.' },
			{ title: "Sous-titrage d'une série documentaire", client: 'Société de production', description: 'Six épisodes de 52 minutes, sous-titres français et anglais.' }
		],
		pastJobs: [{ title: ['Traducteur salarié', 'Traductrice salariée'], companyName: 'Lingua Services', description: 'Traductions juridiques et financières.' }],
		education: [
			{ school: 'ISIT Paris', diploma: 'Master Traduction spécialisée' },
			{ school: 'Université Rennes 2', diploma: 'Master Traduction et interprétation' }
		],
		languages: [['en', 'C2']]
	},
	coach: {
		title: ['Coach professionnel', 'Coach professionnelle'],
		headline: (f, city) => `${g(f, 'Coach professionnel', 'Coach professionnelle')} à ${city} — transitions de carrière et leadership`,
		skills: ['Coaching professionnel', 'Bilan de compétences', 'Gestion du stress', 'Prise de parole en public', 'Management'],
		bio: (f) =>
			`Coach ${g(f, 'certifié', 'certifiée')} ICF, j'accompagne les cadres et les indépendants dans leurs transitions professionnelles, la prise de poste et la gestion du stress. Séances individuelles en cabinet ou en visioconférence.`,
		certifications: [
			{ name: 'Coach professionnel certifié (RNCP niveau 6)', issuer: 'France Compétences' },
			{ name: 'Associate Certified Coach (ACC)', issuer: 'International Coaching Federation' }
		],
		missions: [
			{ title: 'Accompagnement de managers de proximité', client: 'Réseau de magasins de bricolage', description: '12 managers coachés sur six mois, ateliers collectifs.' },
			{ title: 'Programme de reconversion', client: 'Particuliers', description: 'Bilan, projet et plan d’action pour des personnes en reconversion.' }
		],
		pastJobs: [{ title: ['Responsable formation', 'Responsable formation'], companyName: 'Groupe Hôtelier du Nord', description: 'Plan de formation et entretiens professionnels.' }],
		education: [{ school: 'Université de Lille', diploma: 'DU Coaching professionnel' }]
	},
	graphiste: {
		title: ['Graphiste', 'Graphiste'],
		headline: (_f, city) => `Graphiste et webdesigner à ${city} — identité visuelle, print, web`,
		skills: ['Graphisme', 'Identité visuelle', 'Figma', 'Adobe Illustrator', 'Webdesign', 'Print'],
		bio: () =>
			"Graphiste, je crée des identités visuelles, des supports imprimés et des maquettes de sites pour les commerces, les artisans et les associations. J'aime partir d'un échange approfondi pour que l'image ressemble vraiment à l'activité.",
		certifications: [{ name: 'Adobe Certified Professional — Illustrator', issuer: 'Adobe' }],
		missions: [
			{ title: "Identité visuelle d'une brasserie artisanale", client: 'Brasserie des Collines', description: 'Logo, étiquettes de bouteilles et signalétique.' },
			{ title: 'Rapport annuel illustré', client: 'Association régionale', description: 'Mise en page de 48 pages et infographies.' }
		],
		pastJobs: [{ title: ['Graphiste', 'Graphiste'], companyName: 'Imprimerie Moderne', description: 'PAO et préparation de fichiers pour l’impression.' }],
		education: [
			{ school: 'École de design Nantes Atlantique', diploma: 'DN MADE Graphisme' },
			{ school: 'École Estienne', diploma: 'DSAA Design graphique' }
		]
	},
	archi_interieur: {
		title: ["Architecte d'intérieur", "Architecte d'intérieur"],
		headline: (_f, city) => `Architecte d'intérieur à ${city} — rénovation, aménagement, décoration`,
		skills: ["Architecture d'intérieur", 'Rénovation', 'Décoration', 'Modélisation 3D', 'SketchUp', 'Aménagement de bureaux'],
		bio: () =>
			"Architecte d'intérieur, je conçois et suis des projets de rénovation d'appartements, de commerces et de bureaux : relevés, plans, rendus 3D, choix des matériaux et coordination des artisans.",
		certifications: [{ name: 'Membre agréé', issuer: "Conseil français des architectes d'intérieur (CFAI)" }],
		missions: [
			{ title: "Rénovation d'un appartement haussmannien", client: 'Particulier', description: 'Redistribution des pièces, cuisine ouverte, suivi de chantier sur quatre mois.' },
			{ title: 'Aménagement de bureaux partagés', client: 'Espace de coworking', description: '40 postes, acoustique et mobilier sur mesure.' }
		],
		pastJobs: [{ title: ['Chef de projet', 'Cheffe de projet'], companyName: 'Agence Intérieurs & Cie', description: 'Projets résidentiels haut de gamme.' }],
		education: [{ school: 'École Boulle', diploma: 'DSAA Architecture intérieure' }]
	},
	formateur_excel: {
		title: ['Formateur Excel', 'Formatrice Excel'],
		headline: (f) => `${g(f, 'Formateur', 'Formatrice')} Excel et Power BI — tous niveaux, finançable CPF`,
		skills: ['Excel', 'Formation bureautique', 'Tableaux croisés dynamiques', 'Power BI', 'VBA'],
		bio: (f) =>
			`${g(f, 'Formateur', 'Formatrice')} en bureautique, j'anime des formations Excel du niveau débutant à l'automatisation en VBA, en intra-entreprise ou à distance. Programmes adaptés à vos fichiers réels.`,
		certifications: [
			{ name: 'Microsoft Office Specialist : Excel Expert', issuer: 'Microsoft' },
			{ name: 'Certification Qualiopi', issuer: 'AFNOR Certification' }
		],
		missions: [
			{ title: 'Formation Excel avancé pour un service financier', client: 'Mutuelle régionale', description: '24 stagiaires, tableaux croisés dynamiques et Power Query.' },
			{ title: 'Automatisation de reporting', client: 'Transporteur routier', description: 'Macros VBA remplaçant deux jours de saisie mensuelle.' }
		],
		pastJobs: [{ title: ['Contrôleur de gestion', 'Contrôleuse de gestion'], companyName: 'Groupe Agroalimentaire de l’Est', description: 'Tableaux de bord et budgets.' }],
		education: [{ school: 'Université de Strasbourg', diploma: 'Master Contrôle de gestion' }]
	},
	photographe: {
		title: ['Photographe', 'Photographe'],
		headline: (f, city) => `Photographe ${g(f, 'professionnel', 'professionnelle')} à ${city} — portraits, entreprises, événements`,
		skills: ['Photographie', 'Photo corporate', 'Retouche photo', 'Vidéo', 'Adobe Lightroom'],
		bio: () =>
			"Photographe, je réalise des portraits professionnels, des reportages d'entreprise et des photos d'événements. Retouche et livraison en galerie privée sous une semaine.",
		certifications: [],
		missions: [
			{ title: 'Portraits des collaborateurs', client: "Cabinet d'avocats", description: '35 portraits en studio mobile, retouches homogènes.' },
			{ title: "Reportage d'un salon professionnel", client: 'Chambre de commerce', description: 'Deux jours de couverture, 400 photos livrées.' }
		],
		pastJobs: [{ title: ['Assistant photographe', 'Assistante photographe'], companyName: 'Studio Lumière', description: 'Prises de vue de mode et de produits.' }],
		education: [{ school: 'École nationale supérieure de la photographie', diploma: 'Diplôme de photographe' }]
	},
	community_manager: {
		title: ['Community manager', 'Community manager'],
		headline: (_f, city) => `Community manager à ${city} — réseaux sociaux et contenus pour les TPE`,
		skills: ['Réseaux sociaux', 'Marketing digital', 'Rédaction web', 'SEO', 'Canva'],
		bio: () =>
			"Community manager, j'anime les réseaux sociaux des commerces, artisans et associations : ligne éditoriale, calendrier de publications, création de visuels et suivi des statistiques.",
		certifications: [{ name: 'Certification Google Ads — Réseau de Recherche', issuer: 'Google' }],
		missions: [
			{ title: 'Lancement des réseaux sociaux d’une épicerie fine', client: 'Épicerie Saveurs d’ici', description: 'De 0 à 3 000 abonnés en six mois.' },
			{ title: 'Campagne de recrutement de bénévoles', client: 'Banque alimentaire départementale', description: 'Campagne sponsorisée et contenus vidéo courts.' }
		],
		pastJobs: [{ title: ['Chargé de communication', 'Chargée de communication'], companyName: 'Office de tourisme', description: 'Réseaux sociaux et newsletters.' }],
		education: [{ school: 'IUT de Toulouse', diploma: 'BUT Métiers du multimédia et de l’internet' }]
	},
	redaction_web: {
		title: ['Rédacteur web SEO', 'Rédactrice web SEO'],
		headline: (f) => `${g(f, 'Rédacteur', 'Rédactrice')} web SEO — articles, fiches produits, pages de services`,
		skills: ['Rédaction web', 'SEO', 'WordPress', 'Marketing digital', 'Relecture'],
		bio: (f) =>
			`${g(f, 'Rédacteur', 'Rédactrice')} web, j'écris des contenus optimisés pour le référencement naturel : articles de blog, pages de services, fiches produits. Je m'appuie sur une recherche de mots-clés pour chaque sujet.`,
		certifications: [{ name: 'Certification SEO', issuer: 'Semrush Academy' }],
		missions: [
			{ title: 'Rédaction de 60 fiches produits', client: 'Boutique en ligne de jardinage', description: 'Textes uniques, balisage et maillage interne.' },
			{ title: 'Blog d’un cabinet d’architectes', client: 'Atelier d’architecture', description: 'Deux articles par mois, trafic organique multiplié par trois.' }
		],
		pastJobs: [{ title: ['Journaliste', 'Journaliste'], companyName: 'Quotidien régional', description: 'Rubrique économie locale.' }],
		education: [{ school: 'Université de Picardie Jules Verne', diploma: 'Licence Lettres modernes' }]
	},
	consultant_rh: {
		title: ['Consultant RH', 'Consultante RH'],
		headline: (f, city) => `${g(f, 'Consultant', 'Consultante')} RH à ${city} — recrutement et gestion des compétences`,
		skills: ['Recrutement', 'Conseil RH', 'Gestion des compétences', 'Droit social', 'Bilan de compétences'],
		bio: (f) =>
			`${g(f, 'Consultant', 'Consultante')} en ressources humaines, j'aide les PME à recruter, à structurer leurs entretiens professionnels et à construire leur gestion des compétences.`,
		certifications: [{ name: 'Certification MBTI', issuer: 'The Myers-Briggs Company' }],
		missions: [
			{ title: 'Recrutement de 8 techniciens de maintenance', client: 'Industriel agroalimentaire', description: 'Sourcing, entretiens et intégration.' },
			{ title: 'Mise en place des entretiens professionnels', client: 'Réseau de cliniques', description: 'Trames, formation des managers et suivi.' }
		],
		pastJobs: [{ title: ['Chargé de recrutement', 'Chargée de recrutement'], companyName: 'Cabinet Talents & Territoires', description: 'Recrutements de cadres en région.' }],
		education: [{ school: 'IAE Grenoble', diploma: 'Master Gestion des ressources humaines' }]
	},
	menuisier: {
		title: ['Menuisier agenceur', 'Menuisière agenceuse'],
		headline: (f, city) => `${g(f, 'Menuisier agenceur', 'Menuisière agenceuse')} à ${city} — cuisines, dressings, escaliers`,
		skills: ['Menuiserie', 'Agencement', 'Pose de cuisine', 'Rénovation', 'Ébénisterie'],
		bio: (f) =>
			`${g(f, 'Menuisier', 'Menuisière')}, je fabrique et pose cuisines, dressings, bibliothèques et escaliers sur mesure, en bois massif ou en panneaux. Atelier équipé et pose soignée.`,
		certifications: [{ name: 'Qualibat — Menuiserie intérieure', issuer: 'Qualibat' }],
		missions: [
			{ title: 'Cuisine sur mesure en chêne', client: 'Particulier', description: 'Conception, fabrication à l’atelier et pose en trois jours.' },
			{ title: 'Agencement d’une librairie', client: 'Librairie indépendante', description: 'Rayonnages, comptoir et tables de présentation.' }
		],
		pastJobs: [{ title: ['Compagnon menuisier', 'Compagnonne menuisière'], companyName: 'Les Compagnons du Devoir', description: 'Tour de France, ateliers de menuiserie.' }],
		education: [{ school: 'Les Compagnons du Devoir', diploma: 'BP Menuisier' }]
	},
	dieteticien: {
		title: ['Diététicien-nutritionniste', 'Diététicienne-nutritionniste'],
		headline: (f, city) => `${g(f, 'Diététicien', 'Diététicienne')}-nutritionniste à ${city} et en téléconsultation`,
		skills: ['Nutrition', 'Rééquilibrage alimentaire', 'Nutrition sportive', 'Éducation thérapeutique', 'Téléconsultation'],
		bio: (f) =>
			`${g(f, 'Diététicien', 'Diététicienne')} diplômé${g(f, '', 'e')}, j'accompagne le rééquilibrage alimentaire, la nutrition du sportif et les régimes thérapeutiques, en cabinet ou en téléconsultation.`,
		certifications: [{ name: 'Numéro ADELI', issuer: 'Agence régionale de santé' }],
		missions: [
			{ title: 'Ateliers nutrition en entreprise', client: 'Centre hospitalier', description: 'Cycle de six ateliers pour les équipes de nuit.' },
			{ title: 'Suivi nutritionnel d’un club de rugby', client: 'Club amateur', description: 'Bilans individuels et plans de repas.' }
		],
		pastJobs: [{ title: ['Diététicien hospitalier', 'Diététicienne hospitalière'], companyName: 'Centre hospitalier régional', description: 'Service de diabétologie.' }],
		education: [{ school: 'IUT de Tours', diploma: 'BUT Génie biologique, parcours diététique' }]
	},
	peintre: {
		title: ['Peintre en bâtiment', 'Peintre en bâtiment'],
		headline: (_f, city) => `Peintre en bâtiment à ${city} — intérieur, façades, revêtements`,
		skills: ['Peinture', 'Rénovation', 'Décoration', 'Ravalement de façade', 'Pose de revêtements muraux'],
		bio: () =>
			'Peintre en bâtiment, je réalise travaux de peinture intérieure, pose de papiers peints et ravalements de façade, avec protection soignée des lieux et nettoyage en fin de chantier.',
		certifications: [{ name: 'Qualibat — Peinture et ravalement', issuer: 'Qualibat' }],
		missions: [
			{ title: 'Ravalement d’une maison de ville', client: 'Particulier', description: 'Nettoyage, reprise des fissures et peinture minérale.' },
			{ title: 'Rafraîchissement de 15 logements', client: 'Bailleur social', description: 'Peinture complète entre deux locations.' }
		],
		pastJobs: [{ title: ['Peintre', 'Peintre'], companyName: 'Entreprise Auvergne Peinture', description: 'Chantiers neufs et rénovation.' }],
		education: [{ school: 'CFA du BTP', diploma: 'CAP Peintre applicateur de revêtements' }]
	},
	psy_travail: {
		title: ['Psychologue du travail', 'Psychologue du travail'],
		headline: (_f, city) => `Psychologue du travail à ${city} — bilans de compétences et prévention des RPS`,
		skills: ['Bilan de compétences', 'Orientation professionnelle', 'Gestion du stress', 'Prévention des risques psychosociaux', 'Coaching professionnel'],
		bio: () =>
			"Psychologue du travail, je réalise des bilans de compétences, j'accompagne les reconversions et j'interviens en entreprise pour la prévention des risques psychosociaux.",
		certifications: [{ name: 'Bilan de compétences — organisme certifié Qualiopi', issuer: 'AFNOR Certification' }],
		missions: [
			{ title: 'Diagnostic des risques psychosociaux', client: 'Collectivité territoriale', description: 'Questionnaires, entretiens et plan d’action.' },
			{ title: '40 bilans de compétences', client: 'Particuliers (CPF)', description: 'Accompagnements de 24 heures sur trois mois.' }
		],
		pastJobs: [{ title: ['Conseiller en évolution professionnelle', 'Conseillère en évolution professionnelle'], companyName: 'Centre interinstitutionnel de bilan de compétences', description: 'Bilans et accompagnements VAE.' }],
		education: [{ school: 'Université d’Angers', diploma: 'Master Psychologie du travail' }]
	},
	data_analyst: {
		title: ['Data analyst', 'Data analyst'],
		headline: (_f, city) => `Data analyst à ${city} — tableaux de bord, SQL, Python`,
		skills: ['SQL', 'Python', 'Power BI', 'Excel', 'Data visualisation', 'PostgreSQL'],
		bio: () =>
			"Data analyst, je transforme les données des entreprises en tableaux de bord utiles : modélisation, requêtes SQL, automatisation en Python et restitution claire aux équipes métier.",
		certifications: [{ name: 'Microsoft Certified: Power BI Data Analyst Associate', issuer: 'Microsoft' }],
		missions: [
			{ title: 'Tableau de bord commercial', client: 'Distributeur de matériel agricole', description: 'Power BI connecté à l’ERP, suivi hebdomadaire des ventes.' },
			{ title: 'Analyse de fréquentation', client: 'Réseau de médiathèques', description: 'Étude des prêts et recommandations d’horaires.' }
		],
		pastJobs: [{ title: ['Analyste décisionnel', 'Analyste décisionnelle'], companyName: 'Assurances Mutuelles du Centre', description: 'Reporting réglementaire et entrepôt de données.' }],
		education: [{ school: 'Université Jean Monnet Saint-Étienne', diploma: 'Master Statistique et science des données' }]
	},
	assistante_admin: {
		title: ['Assistant administratif', 'Assistante administrative'],
		headline: (f) => `${g(f, 'Assistant administratif', 'Assistante administrative')} — facturation, devis, relances, agenda`,
		skills: ['Gestion administrative', 'Facturation', 'Secrétariat', 'Excel', 'Relation client'],
		bio: (f) =>
			`${g(f, 'Assistant administratif', 'Assistante administrative')}, je prends en charge devis, facturation, relances clients, classement et gestion d'agenda pour les artisans et les professions libérales.`,
		certifications: [{ name: 'Certification Voltaire', issuer: 'Projet Voltaire' }],
		missions: [
			{ title: 'Reprise de la facturation en retard', client: 'Entreprise de couverture', description: 'Six mois de factures et relances traitées en trois semaines.' },
			{ title: 'Secrétariat à distance', client: 'Cabinet d’orthophonie', description: 'Gestion des rendez-vous et des appels.' }
		],
		pastJobs: [{ title: ['Secrétaire de direction', 'Secrétaire de direction'], companyName: 'Transports du Limousin', description: 'Assistanat du directeur général.' }],
		education: [{ school: 'Lycée professionnel Gustave Eiffel', diploma: 'BTS Support à l’action managériale' }]
	},
	webmaster: {
		title: ['Webmaster', 'Webmaster'],
		headline: (_f, city) => `Webmaster WordPress à ${city} — création, maintenance et référencement`,
		skills: ['WordPress', 'SEO', 'Développement web', 'Maintenance de sites', 'Hébergement web'],
		bio: () =>
			'Webmaster, je crée et maintiens des sites WordPress pour les TPE : mises à jour, sauvegardes, sécurité, référencement local et petites évolutions.',
		certifications: [],
		missions: [
			{ title: 'Site d’un gîte rural avec réservation', client: 'Gîte des Trois Frontières', description: 'WordPress, calendrier de disponibilités et paiement en ligne.' },
			{ title: 'Contrat de maintenance pour 15 sites', client: 'Réseau de concessionnaires', description: 'Mises à jour mensuelles et supervision.' }
		],
		pastJobs: [{ title: ['Technicien informatique', 'Technicienne informatique'], companyName: 'Informatique Services Lorraine', description: 'Support et infogérance.' }],
		education: [{ school: 'Université de Lorraine', diploma: 'Licence professionnelle Métiers de l’informatique' }]
	},
	conseiller_emploi: {
		title: ['Conseiller emploi', 'Conseillère emploi'],
		headline: (f, city) => `${g(f, 'Conseiller', 'Conseillère')} emploi à ${city} — accompagnement des demandeurs d'emploi`,
		skills: ["Accompagnement vers l'emploi", 'Orientation professionnelle', 'Rédaction de CV', 'Recrutement', 'Bilan de compétences'],
		bio: (f) =>
			`${g(f, 'Conseiller', 'Conseillère')} emploi, j'accompagne les demandeurs d'emploi dans leur projet et les entreprises du territoire dans leurs recrutements : ateliers CV, préparation aux entretiens, aides à l'embauche.`,
		certifications: [{ name: 'Titre professionnel Conseiller en insertion professionnelle', issuer: 'Ministère du Travail' }],
		missions: [
			{ title: 'Forum emploi du bassin', client: 'Partenaires du territoire', description: '60 entreprises et 1 200 visiteurs.' },
			{ title: 'Ateliers « Réussir son entretien »', client: 'Demandeurs d’emploi', description: 'Ateliers mensuels en présentiel et à distance.' }
		],
		pastJobs: [{ title: ['Chargé de recrutement', 'Chargée de recrutement'], companyName: 'Agence d’intérim Horizon Emploi', description: 'Recrutements dans l’industrie et la logistique.' }],
		education: [{ school: 'Université de Reims Champagne-Ardenne', diploma: 'Licence Sciences de l’éducation' }]
	},
	prevention_incendie: {
		title: ['Capitaine de sapeurs-pompiers', 'Capitaine de sapeurs-pompiers'],
		headline: () => 'Capitaine de sapeurs-pompiers — prévention incendie et sécurité des ERP',
		skills: ['Prévention incendie', 'Sécurité des ERP', 'Secourisme', 'Gestion de crise', 'Formation'],
		bio: (f) =>
			`${g(f, 'Officier', 'Officière')} de sapeurs-pompiers, je suis ${g(f, 'chargé', 'chargée')} de la prévention : visites de sécurité des établissements recevant du public, conseils aux exploitants et formation aux gestes qui sauvent.`,
		certifications: [{ name: 'PRV2 — Préventionniste', issuer: 'École nationale supérieure des officiers de sapeurs-pompiers' }],
		missions: [
			{ title: 'Campagne de visites des ERP', client: 'Communes du département', description: '150 établissements visités dans l’année.' },
			{ title: 'Formation aux gestes qui sauvent', client: 'Lycées', description: 'Sessions de deux heures pour 2 000 élèves.' }
		],
		pastJobs: [{ title: ['Lieutenant', 'Lieutenante'], companyName: 'Centre de secours principal', description: 'Chef de garde.' }],
		education: [{ school: 'École nationale supérieure des officiers de sapeurs-pompiers', diploma: 'Formation d’intégration de capitaine' }]
	},
	developpement_eco: {
		title: ['Chargé de développement économique', 'Chargée de développement économique'],
		headline: (f, city) => `${g(f, 'Chargé', 'Chargée')} de développement économique — entreprises et créateurs de ${city}`,
		skills: ['Développement économique', "Création d'entreprise", 'Financement public', 'Animation de réseau', "Immobilier d'entreprise"],
		bio: (f) =>
			`${g(f, 'Chargé', 'Chargée')} de développement économique, j'accueille les créateurs et les entreprises qui s'implantent sur le territoire : recherche de locaux, aides publiques, mise en relation avec les réseaux d'accompagnement.`,
		certifications: [],
		missions: [
			{ title: 'Guichet unique des créateurs', client: 'Territoire métropolitain', description: '300 porteurs de projet reçus par an.' },
			{ title: 'Salon des entrepreneurs', client: 'Partenaires économiques', description: 'Organisation et animation de la journée.' }
		],
		pastJobs: [{ title: ['Conseiller entreprises', 'Conseillère entreprises'], companyName: 'Chambre de commerce et d’industrie', description: 'Accompagnement des TPE.' }],
		education: [{ school: 'Université de Bourgogne', diploma: 'Master Économie et développement territorial' }]
	},
	mediation_numerique: {
		title: ['Médiateur numérique', 'Médiatrice numérique'],
		headline: (f, city) => `${g(f, 'Médiateur', 'Médiatrice')} numérique à ${city} — ateliers et démarches en ligne`,
		skills: ['Médiation numérique', 'Formation bureautique', 'Démarches en ligne', 'Excel', 'Animation'],
		bio: (f) =>
			`${g(f, 'Médiateur', 'Médiatrice')} numérique, j'anime des ateliers pour apprendre à utiliser un ordinateur, un smartphone et les services publics en ligne, et j'aide aux démarches administratives.`,
		certifications: [{ name: 'Pass numérique — structure qualifiée', issuer: 'Agence nationale de la cohésion des territoires' }],
		missions: [
			{ title: 'Ateliers seniors connectés', client: 'Centre communal d’action sociale', description: '20 ateliers par trimestre.' },
			{ title: 'Permanences démarches en ligne', client: 'Maison France Services', description: 'Deux permanences par semaine.' }
		],
		pastJobs: [{ title: ['Animateur multimédia', 'Animatrice multimédia'], companyName: 'Médiathèque municipale', description: 'Espace public numérique.' }],
		education: [{ school: 'Université de Limoges', diploma: 'Licence professionnelle Médiation numérique' }]
	},
	droit_conso: {
		title: ['Juriste en droit de la consommation', 'Juriste en droit de la consommation'],
		headline: () => 'Juriste en droit de la consommation — litiges, médiation, information des consommateurs',
		skills: ['Droit de la consommation', 'Médiation', 'Conseil juridique', 'Litiges', 'Animation'],
		bio: () =>
			"Juriste, j'aide les consommateurs à résoudre leurs litiges avec les professionnels : garanties, démarchage abusif, contrats d'énergie et de téléphonie. Permanences gratuites pour les adhérents.",
		certifications: [],
		missions: [
			{ title: 'Permanences juridiques', client: 'Adhérents de l’association', description: '400 dossiers traités par an.' },
			{ title: 'Campagne contre le démarchage abusif', client: 'Grand public', description: 'Réunions d’information dans les quartiers.' }
		],
		pastJobs: [{ title: ['Juriste', 'Juriste'], companyName: 'Maison de la justice et du droit', description: 'Accès au droit.' }],
		education: [{ school: 'Université de Tours', diploma: 'Master Droit privé' }]
	},
	insertion_sport: {
		title: ['Éducateur sportif', 'Éducatrice sportive'],
		headline: (f, city) => `${g(f, 'Éducateur sportif', 'Éducatrice sportive')} — le sport comme tremplin vers l'emploi à ${city}`,
		skills: ['Éducation sportive', 'Insertion professionnelle', 'Animation', "Accompagnement vers l'emploi"],
		bio: (f) =>
			`${g(f, 'Éducateur', 'Éducatrice')} sporti${g(f, 'f', 've')}, j'utilise le sport pour remobiliser des jeunes éloignés de l'emploi et les mettre en relation avec des entreprises partenaires.`,
		certifications: [{ name: 'BPJEPS Activités physiques pour tous', issuer: 'Ministère des Sports' }],
		missions: [
			{ title: 'Programme « Du terrain à l’emploi »', client: 'Jeunes de 16 à 25 ans', description: '45 jeunes accompagnés, 28 en emploi ou formation.' },
			{ title: 'Tournois entreprises-quartiers', client: 'Entreprises partenaires', description: 'Rencontres sportives suivies de job datings.' }
		],
		pastJobs: [{ title: ['Animateur', 'Animatrice'], companyName: 'Centre social', description: 'Activités jeunesse.' }],
		education: [{ school: 'CREPS Provence-Alpes-Côte d’Azur', diploma: 'BPJEPS Activités physiques pour tous' }]
	},
	ess: {
		title: ['Chargé de mission ESS', 'Chargée de mission ESS'],
		headline: (f) => `${g(f, 'Chargé', 'Chargée')} de mission économie sociale et solidaire`,
		skills: ['Économie sociale et solidaire', "Création d'entreprise", 'Animation de réseau', 'Financement public', 'Gestion de projet'],
		bio: (f) =>
			`${g(f, 'Chargé', 'Chargée')} de mission, j'accompagne les porteurs de projets de l'économie sociale et solidaire : statut, modèle économique, financements et mise en réseau.`,
		certifications: [],
		missions: [
			{ title: 'Incubateur de projets solidaires', client: 'Porteurs de projet', description: 'Promotion de 12 projets sur neuf mois.' },
			{ title: 'Mois de l’ESS', client: 'Réseau régional', description: 'Coordination de 30 événements.' }
		],
		pastJobs: [{ title: ['Chargé d’études', 'Chargée d’études'], companyName: 'Chambre régionale de l’ESS', description: 'Observatoire régional.' }],
		education: [{ school: 'Université Paul-Valéry Montpellier 3', diploma: 'Master Économie sociale et solidaire' }]
	},
	cours_langues: {
		title: ['Professeur de langues', 'Professeure de langues'],
		headline: (f) => `${g(f, 'Professeur', 'Professeure')} d'anglais et de néerlandais — cours en ligne et en entreprise`,
		skills: ["Cours d'anglais", 'Anglais des affaires', 'Cours de néerlandais', 'Traduction anglais-français', 'Formation'],
		bio: (f) =>
			`${g(f, 'Professeur', 'Professeure')} de langues, je donne des cours d'anglais et de néerlandais aux adultes, en groupe ou en individuel, avec une préparation aux examens et aux entretiens en anglais.`,
		certifications: [{ name: 'CELTA', issuer: 'Cambridge English' }],
		missions: [
			{ title: 'Anglais des affaires pour une équipe commerciale', client: 'PME exportatrice', description: '10 personnes, 40 heures.' },
			{ title: 'Tables de conversation', client: 'Adhérents', description: 'Rencontres hebdomadaires en trois langues.' }
		],
		pastJobs: [{ title: ['Enseignant', 'Enseignante'], companyName: 'Athénée royal', description: 'Cours de langues germaniques.' }],
		education: [{ school: 'Université libre de Bruxelles', diploma: 'Master Langues et lettres modernes' }],
		languages: [
			['nl', 'native'],
			['en', 'C2']
		]
	}
} satisfies Record<string, Trade>;

export type TradeKey = keyof typeof TRADES;

export type Category = 'visitor' | 'job_seeker' | 'freelance' | 'company' | 'administration' | 'association';

export interface PersonOptions {
	headline?: string;
	/** employer or organisation named in the bio and current experience */
	org?: string;
	/** "of the organisation" with the right article when plain "de <org>" reads wrong */
	ofOrg?: string;
	/** year the current activity started (drawn when absent) */
	since?: number;
	locale?: 'fr' | 'en';
	timezone?: string;
	hidden?: boolean;
	noRequests?: boolean;
	roles?: ('member' | 'recruiter')[];
	/** extra language [code, level] */
	languages?: [string, string][];
}

export type Person = [firstName: string, lastName: string, sex: 'f' | 'm', category: Category, city: CityKey, trade: TradeKey | null, options?: PersonOptions];

// The two demo logins come first.
export const PEOPLE: Person[] = [
	['Claire', 'Martin', 'f', 'freelance', 'lyon2', 'dev_web'],
	['Paul', 'Bernard', 'm', 'visitor', 'paris11', null],
	// freelances
	['Élodie', 'Moreau', 'f', 'freelance', 'rennes', 'traduction'],
	['Mathieu', 'Girard', 'm', 'freelance', 'marseille8', 'plombier'],
	['Sébastien', 'Faure', 'm', 'freelance', 'toulouse', 'electricien'],
	['Amélie', 'Dubois', 'f', 'freelance', 'bordeaux', 'comptable'],
	['Benoît', 'Lambert', 'm', 'freelance', 'paris9', 'avocat_travail'],
	['Inès', 'Benali', 'f', 'freelance', 'lille', 'coach'],
	['Hélène', 'Roux', 'f', 'freelance', 'nice', 'graphiste'],
	['Maëlle', 'Le Goff', 'f', 'freelance', 'brest', 'archi_interieur'],
	['François', 'Mercier', 'm', 'freelance', 'strasbourg', 'formateur_excel', { languages: [['de', 'C1']] }],
	['Noémie', 'Fournier', 'f', 'freelance', 'montpellier', 'photographe', { noRequests: true }],
	['Julien', 'Chevalier', 'm', 'freelance', 'grenoble', 'dev_web'],
	['Zoé', 'Perrin', 'f', 'freelance', 'dijon', 'community_manager'],
	['Léa', 'Caron', 'f', 'freelance', 'amiens', 'redaction_web'],
	['Grégoire', 'Marchand', 'm', 'freelance', 'reims', 'consultant_rh', { roles: ['member', 'recruiter'] }],
	['Loïc', 'Tanguy', 'm', 'freelance', 'rennes', 'menuisier'],
	['Céline', 'Barbier', 'f', 'freelance', 'tours', 'dieteticien'],
	['Yannick', 'Morel', 'm', 'freelance', 'clermont', 'peintre'],
	['Anaïs', 'Colin', 'f', 'freelance', 'angers', 'psy_travail'],
	['Karim', 'Haddad', 'm', 'freelance', 'paris15', 'data_analyst', { languages: [['ar', 'C1']] }],
	['Gaëlle', 'Renaud', 'f', 'freelance', 'limoges', 'assistante_admin', { hidden: true }],
	['Romain', 'Leclerc', 'm', 'freelance', 'metz', 'webmaster', { noRequests: true, languages: [['de', 'B2']] }],
	[
		'Emily',
		'Carter',
		'f',
		'freelance',
		'paris2',
		'traduction',
		{
			locale: 'en',
			headline: 'Traductrice français-anglais de langue maternelle anglaise — marketing, tourisme, édition',
			languages: [
				['en', 'native'],
				['fr', 'C2']
			]
		}
	],
	['Olivier', 'Gagnon', 'm', 'freelance', 'montreal', 'dev_mobile', { timezone: 'America/Montreal' }],
	// people working in companies
	['Christophe', 'Garnier', 'm', 'company', 'marseille1', 'plombier', { org: 'Plomberie Garnier & Fils' }],
	['Nathalie', 'Lefèvre', 'f', 'company', 'nantes', 'electricien', { org: 'Électricité Lefèvre' }],
	['Stéphane', 'Rousseau', 'm', 'company', 'bordeaux', 'comptable', { org: 'Cabinet Rousseau' }],
	['Valérie', 'Fontaine', 'f', 'company', 'paris9', 'avocat_travail', { org: 'Fontaine Avocats' }],
	['Aurélie', 'Lemoine', 'f', 'company', 'rennes', 'traduction', { org: 'Océane Traductions' }],
	['Thomas', 'Blanc', 'm', 'company', 'nice', 'graphiste', { org: 'Studio Azur' }],
	['Guillaume', 'Dupont', 'm', 'company', 'lille', 'archi_interieur', { org: 'Atelier Vauban' }],
	['Sandrine', 'Weber', 'f', 'company', 'strasbourg', 'formateur_excel', { org: 'Formations Bureautique Alsace', languages: [['de', 'C2']] }],
	['Pierre-Yves', 'Dubois', 'm', 'company', 'angers', 'menuisier', { org: 'Menuiserie Dubois' }],
	['Camille', 'Roche', 'f', 'company', 'toulouse', 'community_manager', { org: 'Pixel Occitanie' }],
	['Laurent', 'Michel', 'm', 'company', 'grenoble', 'consultant_rh', { org: 'Alpes Conseil RH', roles: ['member', 'recruiter'] }],
	['Sophie', 'Durand', 'f', 'company', 'lyon3', 'dev_web', { org: 'Coopérative Numérique du Rhône' }],
	['Maxime', 'Petit', 'm', 'company', 'lyon7', 'graphiste', { org: 'Coopérative Numérique du Rhône' }],
	['Julie', 'Robert', 'f', 'company', 'paris11', 'avocat_travail', { org: 'Fontaine Avocats' }],
	['Antoine', 'Richard', 'm', 'company', 'marseille8', 'plombier', { org: 'Plomberie Garnier & Fils' }],
	['Manon', 'Simon', 'f', 'company', 'bordeaux', 'comptable', { org: 'Cabinet Rousseau' }],
	['Hugo', 'Laurent', 'm', 'company', 'toulouse', 'dev_web', { org: 'Pixel Occitanie' }],
	['Chloé', 'Lefebvre', 'f', 'company', 'nantes', 'assistante_admin', { org: 'Électricité Lefèvre' }],
	// administrations
	['Isabelle', 'Gauthier', 'f', 'administration', 'reims', 'conseiller_emploi', { org: 'France Travail Reims' }],
	['Patrick', 'Lemaire', 'm', 'administration', 'brest', 'prevention_incendie', { org: 'SDIS du Finistère', ofOrg: 'du SDIS du Finistère', noRequests: true }],
	['Martine', 'Bonnet', 'f', 'administration', 'dijon', 'developpement_eco', { org: 'Dijon Métropole' }],
	[
		'Frédéric',
		'Roussel',
		'm',
		'administration',
		'metz',
		'conseiller_emploi',
		{ org: 'France Travail Metz', headline: "Conseiller entreprises à France Travail Metz — recrutement et aides à l'embauche" }
	],
	[
		'Sylvie',
		'Gérard',
		'f',
		'administration',
		'clermont',
		'conseiller_emploi',
		{ org: 'Mission locale de Clermont-Ferrand', ofOrg: 'de la Mission locale de Clermont-Ferrand', headline: 'Conseillère en insertion professionnelle à la Mission locale de Clermont-Ferrand' }
	],
	// associations
	['Bernard', 'Mallet', 'm', 'association', 'tours', 'droit_conso', { org: 'ADC Touraine', ofOrg: "de l'ADC Touraine" }],
	['Mireille', 'Aubert', 'f', 'association', 'limoges', 'mediation_numerique', { org: 'Entraide Numérique Limousin' }],
	['Mehdi', 'Bouzid', 'm', 'association', 'marseille1', 'insertion_sport', { org: 'Sport et Insertion Marseille', ofOrg: "de l'association Sport et Insertion Marseille", languages: [['ar', 'B2']] }],
	['Agnès', 'Vidal', 'f', 'association', 'montpellier', 'ess', { org: "Réseau des entrepreneurs solidaires d'Occitanie", ofOrg: "du Réseau des entrepreneurs solidaires d'Occitanie", languages: [['es', 'C1']] }],
	['Lucas', 'Peeters', 'm', 'association', 'bruxelles', 'cours_langues', { org: 'Passerelles Langues ASBL', locale: 'en', timezone: 'Europe/Brussels' }],
	// job seekers
	['Lucie', 'Fabre', 'f', 'job_seeker', 'toulouse', 'comptable', { headline: 'Comptable confirmée en recherche de poste — cabinet ou entreprise, Toulouse' }],
	['Kévin', 'Henry', 'm', 'job_seeker', 'lille', 'dev_web', { since: 2024, headline: 'Développeur web junior — alternance terminée, disponible immédiatement' }],
	['Sarah', 'Cohen', 'f', 'job_seeker', 'paris15', 'consultant_rh', { headline: 'Assistante RH en recherche de poste — recrutement, paie, administration du personnel' }],
	['Adrien', 'Masson', 'm', 'job_seeker', 'nantes', 'electricien'],
	['Pauline', 'Jacob', 'f', 'job_seeker', 'lehavre', 'graphiste', { since: 2024, headline: 'Graphiste junior — recherche un premier poste en agence ou en studio' }],
	['Nicolas', 'François', 'm', 'job_seeker', 'saintetienne', 'data_analyst', { hidden: true }],
	[
		'Fatima',
		'El Idrissi',
		'f',
		'job_seeker',
		'lyon7',
		'traduction',
		{ headline: "Traductrice arabe-anglais-français à la recherche d'un poste en agence", languages: [['ar', 'native']] }
	],
	['Alexandre', 'Besson', 'm', 'job_seeker', 'amiens', 'formateur_excel'],
	// visitors
	['Monique', 'Arnaud', 'f', 'visitor', 'tours', null],
	['Jean-Pierre', 'Picard', 'm', 'visitor', 'reims', null, { hidden: true, noRequests: true }],
	['Brigitte', 'Guérin', 'f', 'visitor', 'angers', null, { hidden: true }],
	['Marc', 'Joly', 'm', 'visitor', 'dijon', null],
	['Élise', 'Navarro', 'f', 'visitor', 'nice', null],
	['David', 'Schmitt', 'm', 'visitor', 'strasbourg', null],
	['Margaux', 'Lacroix', 'f', 'visitor', 'bordeaux', null],
	['Thierry', 'Boyer', 'm', 'visitor', 'grenoble', null, { hidden: true }],
	['Catherine', 'Tremblay', 'f', 'visitor', 'montreal', null, { timezone: 'America/Montreal', noRequests: true }],
	['Ethan', 'Walker', 'm', 'visitor', 'paris9', null, { locale: 'en' }]
];

export interface CompanySpec {
	title: string;
	legalName: string;
	naf: string;
	sector: string;
	city: CityKey;
	description: string;
	/** handle (slugified full name) of the creator, who becomes its first admin */
	creator: string;
	fax?: boolean;
	members: [handle: string, role: 'admin' | 'advertiser' | 'employee', status: 'active' | 'requested', jobTitle: string][];
}

export const COMPANIES: CompanySpec[] = [
	{
		title: 'Coopérative Numérique du Rhône',
		legalName: 'Coopérative Numérique du Rhône SCOP SARL',
		naf: '62.01Z',
		sector: 'Informatique et numérique',
		city: 'lyon2',
		description:
			'Coopérative de développeurs, designers et graphistes indépendants : sites et applications web accessibles pour les PME, les associations et les collectivités de la région lyonnaise.',
		creator: 'claire-martin',
		members: [
			['sophie-durand', 'advertiser', 'active', 'Développeuse web'],
			['maxime-petit', 'employee', 'active', 'Graphiste'],
			['julien-chevalier', 'employee', 'active', 'Développeur associé'],
			['kevin-henry', 'employee', 'requested', 'Développeur web junior']
		]
	},
	{
		title: 'Plomberie Garnier & Fils',
		legalName: 'Plomberie Garnier et Fils SARL',
		naf: '43.22A',
		sector: 'Bâtiment et travaux',
		city: 'marseille1',
		description: 'Plomberie, chauffage et climatisation à Marseille depuis 1987 : dépannage 7 jours sur 7, rénovation de salles de bains, pompes à chaleur.',
		creator: 'christophe-garnier',
		fax: true,
		members: [
			['antoine-richard', 'employee', 'active', 'Plombier chauffagiste'],
			['mathieu-girard', 'employee', 'requested', 'Plombier chauffagiste']
		]
	},
	{
		title: 'Électricité Lefèvre',
		legalName: 'Électricité Lefèvre SAS',
		naf: '43.21A',
		sector: 'Bâtiment et travaux',
		city: 'nantes',
		description: 'Installations électriques, mises aux normes, domotique et bornes de recharge pour particuliers et professionnels de Loire-Atlantique.',
		creator: 'nathalie-lefevre',
		members: [
			['chloe-lefebvre', 'advertiser', 'active', 'Assistante de gestion'],
			['adrien-masson', 'employee', 'requested', 'Électricien']
		]
	},
	{
		title: 'Cabinet Rousseau',
		legalName: 'Rousseau Expertise Comptable SELARL',
		naf: '69.20Z',
		sector: 'Comptabilité et gestion',
		city: 'bordeaux',
		description: "Cabinet d'expertise comptable au service des artisans, commerçants, professions libérales et associations de Gironde.",
		creator: 'stephane-rousseau',
		fax: true,
		members: [
			['manon-simon', 'advertiser', 'active', 'Collaboratrice comptable'],
			['lucie-fabre', 'employee', 'requested', 'Comptable']
		]
	},
	{
		title: 'Fontaine Avocats',
		legalName: 'Fontaine Avocats SELAS',
		naf: '69.10Z',
		sector: 'Juridique',
		city: 'paris9',
		description: 'Cabinet dédié au droit social : conseil aux employeurs, défense des salariés, négociation collective et contentieux prud’homal.',
		creator: 'valerie-fontaine',
		fax: true,
		members: [
			['julie-robert', 'admin', 'active', 'Avocate associée'],
			['sarah-cohen', 'employee', 'requested', 'Assistante juridique']
		]
	},
	{
		title: 'Océane Traductions',
		legalName: 'Océane Traductions SARL',
		naf: '74.30Z',
		sector: 'Traduction et langues',
		city: 'rennes',
		description: 'Agence de traduction et d’interprétation : juridique, technique, marketing et sous-titrage, dans plus de vingt langues.',
		creator: 'aurelie-lemoine',
		members: [
			['elodie-moreau', 'employee', 'active', 'Traductrice partenaire'],
			['emily-carter', 'advertiser', 'active', 'Traductrice partenaire'],
			['fatima-el-idrissi', 'employee', 'requested', 'Traductrice']
		]
	},
	{
		title: 'Studio Azur',
		legalName: 'Studio Azur SAS',
		naf: '74.10Z',
		sector: 'Communication et design',
		city: 'nice',
		description: 'Studio de design graphique niçois : identités visuelles, packaging et sites web pour les marques de la Côte d’Azur.',
		creator: 'thomas-blanc',
		members: [
			['helene-roux', 'employee', 'active', 'Graphiste'],
			['pauline-jacob', 'employee', 'requested', 'Graphiste junior']
		]
	},
	{
		title: 'Atelier Vauban',
		legalName: 'Atelier Vauban EURL',
		naf: '71.11Z',
		sector: 'Architecture et décoration',
		city: 'lille',
		description: 'Architecture intérieure et aménagement d’espaces de travail dans la métropole lilloise.',
		creator: 'guillaume-dupont',
		members: [['maelle-le-goff', 'employee', 'active', "Architecte d'intérieur"]]
	},
	{
		title: 'Formations Bureautique Alsace',
		legalName: 'Formations Bureautique Alsace SARL',
		naf: '85.59A',
		sector: 'Formation',
		city: 'strasbourg',
		description: 'Organisme de formation certifié Qualiopi : Excel, Word, Power BI et outils collaboratifs, en présentiel à Strasbourg et à distance.',
		creator: 'sandrine-weber',
		members: [
			['francois-mercier', 'advertiser', 'active', 'Formateur Excel'],
			['alexandre-besson', 'employee', 'requested', 'Formateur']
		]
	},
	{
		title: 'Menuiserie Dubois',
		legalName: 'Menuiserie Dubois SARL',
		naf: '43.32A',
		sector: 'Bâtiment et travaux',
		city: 'angers',
		description: 'Menuiserie et agencement sur mesure en Anjou : cuisines, dressings, escaliers et menuiseries extérieures.',
		creator: 'pierre-yves-dubois',
		fax: true,
		members: [['loic-tanguy', 'employee', 'active', 'Menuisier poseur']]
	},
	{
		title: 'Pixel Occitanie',
		legalName: 'Pixel Occitanie SAS',
		naf: '73.11Z',
		sector: 'Communication et design',
		city: 'toulouse',
		description: 'Agence de communication digitale toulousaine : réseaux sociaux, sites web, campagnes publicitaires en ligne.',
		creator: 'camille-roche',
		members: [
			['hugo-laurent', 'employee', 'active', 'Développeur web'],
			['zoe-perrin', 'advertiser', 'active', 'Community manager partenaire']
		]
	},
	{
		title: 'Alpes Conseil RH',
		legalName: 'Alpes Conseil RH SAS',
		naf: '70.22Z',
		sector: 'Ressources humaines',
		city: 'grenoble',
		description: 'Cabinet de conseil en ressources humaines : recrutement, bilans de compétences, accompagnement des managers.',
		creator: 'laurent-michel',
		members: [
			['anais-colin', 'employee', 'active', 'Psychologue du travail'],
			['gregoire-marchand', 'advertiser', 'active', 'Consultant associé']
		]
	},
	{
		title: 'SDIS du Finistère',
		legalName: "Service départemental d'incendie et de secours du Finistère",
		naf: '84.25Z',
		sector: 'Administration publique',
		city: 'brest',
		description: 'Service public de secours : prévention, prévision et lutte contre les incendies, secours aux personnes dans le Finistère.',
		creator: 'patrick-lemaire',
		members: []
	},
	{
		title: 'ADC Touraine',
		legalName: 'Association de défense des consommateurs de Touraine',
		naf: '94.99Z',
		sector: 'Associations',
		city: 'tours',
		description: 'Association loi 1901 : information des consommateurs, aide au règlement des litiges, permanences juridiques gratuites pour les adhérents.',
		creator: 'bernard-mallet',
		members: [['monique-arnaud', 'employee', 'active', 'Bénévole']]
	},
	{
		title: 'Entraide Numérique Limousin',
		legalName: 'Entraide Numérique Limousin',
		naf: '94.99Z',
		sector: 'Associations',
		city: 'limoges',
		description: 'Association d’inclusion numérique : ateliers pour tous les âges, aide aux démarches en ligne, reconditionnement d’ordinateurs.',
		creator: 'mireille-aubert',
		members: [['gaelle-renaud', 'advertiser', 'active', 'Bénévole, ateliers bureautique']]
	}
];

// Relations, by handle. Contact pairs are [requester, recipient] of the accepted request.
export const DEMO_CONTACTS: [string, string][] = [
	['paul-bernard', 'claire-martin'],
	['claire-martin', 'sophie-durand'],
	['maxime-petit', 'claire-martin'],
	['claire-martin', 'julien-chevalier'],
	['helene-roux', 'claire-martin'],
	['claire-martin', 'zoe-perrin'],
	['claire-martin', 'elodie-moreau'],
	['valerie-fontaine', 'claire-martin'],
	['camille-roche', 'claire-martin'],
	['claire-martin', 'martine-bonnet'],
	['stephane-rousseau', 'claire-martin'],
	['claire-martin', 'thomas-blanc'],
	['karim-haddad', 'claire-martin'],
	['paul-bernard', 'mathieu-girard'],
	['paul-bernard', 'amelie-dubois'],
	['margaux-lacroix', 'paul-bernard']
];

export const PENDING_REQUESTS: [requester: string, recipient: string, message: string][] = [
	['kevin-henry', 'claire-martin', 'Bonjour Claire, je termine mon alternance en développement web et votre parcours m’inspire. Pourrions-nous échanger ?'],
	['christophe-garnier', 'paul-bernard', 'Bonjour, suite à votre demande de devis, je vous propose de rester en contact.'],
	['paul-bernard', 'benoit-lambert', 'Bonjour Maître, j’aurais besoin d’un conseil au sujet de mon contrat de travail.'],
	['sarah-cohen', 'valerie-fontaine', 'Bonjour, je suis intéressée par votre cabinet et me permets de vous solliciter.'],
	['adrien-masson', 'nathalie-lefevre', 'Bonjour, électricien diplômé, je serais ravi de rejoindre votre équipe.'],
	['pauline-jacob', 'thomas-blanc', 'Bonjour, j’admire le travail du studio, puis-je vous présenter mon book ?'],
	['nicolas-francois', 'karim-haddad', 'Bonjour Karim, data analyst moi aussi, je cherche à élargir mon réseau.']
];

export const DECLINED_REQUESTS: [requester: string, recipient: string][] = [
	['david-schmitt', 'benoit-lambert'],
	['thierry-boyer', 'laurent-michel']
];

export const DEMO_GROUPS: [owner: string, name: string, members: string[]][] = [
	['claire-martin', 'Clients', ['paul-bernard', 'valerie-fontaine', 'camille-roche', 'martine-bonnet', 'stephane-rousseau']],
	['claire-martin', 'Partenaires freelances', ['julien-chevalier', 'helene-roux', 'zoe-perrin', 'elodie-moreau', 'karim-haddad']],
	['claire-martin', 'Coopérative', ['sophie-durand', 'maxime-petit', 'julien-chevalier']],
	['paul-bernard', 'Artisans', ['mathieu-girard']],
	['paul-bernard', 'Conseils', ['amelie-dubois', 'claire-martin']]
];

export const DEMO_FOLLOWS: { follower: string; members: string[]; companies: string[] }[] = [
	{
		follower: 'paul-bernard',
		members: ['claire-martin', 'mathieu-girard', 'benoit-lambert', 'helene-roux'],
		companies: ['Coopérative Numérique du Rhône', 'Plomberie Garnier & Fils', 'Fontaine Avocats']
	},
	{
		follower: 'claire-martin',
		members: ['julien-chevalier', 'helene-roux', 'camille-roche', 'karim-haddad', 'agnes-vidal'],
		companies: ['Pixel Occitanie', 'Studio Azur', 'Entraide Numérique Limousin']
	}
];
