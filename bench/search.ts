// `npm run bench:search` — directory search at 100 000 members, or at each of BENCH_SIZES
// (e.g. BENCH_SIZES=100000,1000000) with the growth of p95 from the first size to the last.
//
// 1. a SEPARATE embedded PostgreSQL in a temporary folder, migrated like production;
// 2. 100 000 members with realistic trades, skills, cities, categories, education and languages,
//    plus 3 000 companies, written with array-parameter INSERT … SELECT FROM unnest(…) batches;
// 3. the search documents built in one statement (relais_refresh_member_search(NULL));
// 4. the real server (node --import tsx server/index.ts, DATABASE_URL of that database, SEED_DEMO=off);
// 5. 200 mixed queries (text, text + where + radius, filters only) over GET /api/v1/providers,
//    then the same queries as the naive ILIKE scans they replace, straight in SQL (no HTTP: the
//    naive side is even given an advantage).
// 6. the companies search (GET /api/v1/companies, 100 queries) the same way, companies growing with members;
// 7. page 20 of the text queries, the first query after the server started (cold) against the warm
//    median, and a full ONLINE rebuild of the search documents while searches keep running and one
//    member edits their profile (how long until the change is searchable).
// Prints p50/p95 both ways and the ratio. Figures only: nothing here asserts a time.
// BENCH_QUICK=1 (with BENCH_DATABASE_URL, while tuning): the indexed timings only, members and
// companies, with the slowest queries — no naive baselines, no online rebuild.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, startEmbeddedPostgres } from '../server/db/embedded.ts';
import { applyMigrations } from '../server/db/migrate.ts';
import { resolvePlace } from '../src/lib/server/directory/places.ts';
import { searchWords } from '../src/lib/server/directory/text.ts';
import { mulberry32 } from '../prisma/seed/random.ts';
import { createDatabase } from '../src/lib/server/db.ts';
import { refreshAllMemberSearch, refreshMemberSearch } from '../src/lib/server/directory/refresh.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZES = (process.env.BENCH_SIZES ?? process.env.BENCH_MEMBERS ?? '100000').split(',').map((n) => Number(n.trim()));
let MEMBERS = SIZES[0];
// companies grow with the directory (3 000 at 100 000 members)
let COMPANIES = Number(process.env.BENCH_COMPANIES) || 3_000;
const QUERIES = 200;
const BATCH = 5_000;

// ---------------------------------------------------------------------------------------------
// deterministic data

let random = mulberry32(20_260_401);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const sample = <T>(items: readonly T[], n: number): T[] => [...items].sort(() => random() - 0.5).slice(0, n);

const FIRST = 'Camille Léa Manon Chloé Inès Jade Louise Emma Alice Lina Zoé Sarah Juliette Anaïs Élodie Claire Sophie Nathalie Isabelle Céline Amélie Hélène Margaux Agathe Lucas Hugo Louis Gabriel Arthur Jules Adam Raphaël Nathan Théo Paul Thomas Nicolas Julien Maxime Antoine Mathieu Pierre Olivier Sébastien Frédéric Stéphane Jérôme François Benoît Yann Karim Mehdi Sofiane Rémi Loïc Gaël Cédric Hervé Mickaël Noël'.split(' ');
const LAST = 'Martin Bernard Thomas Petit Robert Richard Durand Dubois Moreau Laurent Simon Michel Lefebvre Leroy Roux David Bertrand Morel Fournier Girard Bonnet Dupont Lambert Fontaine Rousseau Vincent Muller Lefèvre Faure André Mercier Blanc Guérin Boyer Garnier Chevalier François Legrand Gauthier Garcia Perrin Robin Clément Morin Nicolas Henry Roussel Mathieu Gautier Masson Marchand Duval Denis Dumont Marie Lemaire Noël Meyer Dufour Meunier Brun Blanchard Giraud Joly Rivière Lucas Brunet Gaillard Barbier Arnaud Martinez Gérard Roche Renard Schmitt Roy Leroux Colin Vidal Caron Picard Roger Fabre Aubert Lemoine Renaud Dumas Lacroix Olivier Philippe Bourgeois Pierre Benoît Rey Leclerc Payet Rolland Leclercq Guillaume Lecomte Lopez Jean Dupuy Guillot Hubert Berger Carpentier Sanchez Dupuis Moulin Louis Deschamps Huet Vasseur Perez Boucher Fleury Royer Klein Jacquet Adam Paris Poirier Marty Aubry Guyot Carré Charles Renault Charpentier Ménard Maillard Baron Bertin Bailly Hervé Schneider Fernandez Le Gall Collet Léger Bouvier Julien Prévost Millet Perrot Daniel Le Roux Cousin Germain Breton Besson Langlois Rémy Le Goff Pelletier Lévêque Perrier Leblanc Barré Lebrun Marchal Weber Mallet Hamon Boulanger Jacob Monnier Michaud Rodriguez Guichard Gillet Étienne Grondin Poulain Tessier Chevallier Collin Chauvin Da Silva Bouchet Gay Lemaître Bénard Maréchal Humbert Reynaud Antoine Hoarau Perret Barthélemy Cordier Pichon Lejeune Gilbert Lamy Delaunay Pasquier Carlier Laporte'.split(' ');
const CITIES: [string, string, number, number][] = [
	['Paris', '75011', 48.8583, 2.3795], ['Paris', '75015', 48.8412, 2.3003], ['Marseille', '13008', 43.2637, 5.3849], ['Lyon', '69003', 45.7597, 4.8422],
	['Toulouse', '31000', 43.6045, 1.444], ['Nice', '06000', 43.7009, 7.2683], ['Nantes', '44000', 47.2184, -1.5536], ['Montpellier', '34000', 43.6108, 3.8767],
	['Strasbourg', '67000', 48.5734, 7.7521], ['Bordeaux', '33000', 44.8378, -0.5792], ['Lille', '59000', 50.6292, 3.0573], ['Rennes', '35000', 48.1173, -1.6778],
	['Reims', '51100', 49.2583, 4.0317], ['Toulon', '83000', 43.1242, 5.928], ['Saint-Étienne', '42000', 45.4397, 4.3872], ['Le Havre', '76600', 49.4944, 0.1079],
	['Grenoble', '38000', 45.1885, 5.7245], ['Dijon', '21000', 47.322, 5.0415], ['Angers', '49000', 47.4784, -0.5632], ['Nîmes', '30000', 43.8367, 4.3601],
	['Villeurbanne', '69100', 45.7719, 4.8902], ['Clermont-Ferrand', '63000', 45.7772, 3.087], ['Aix-en-Provence', '13100', 43.5297, 5.4474], ['Brest', '29200', 48.3904, -4.4861],
	['Tours', '37000', 47.3941, 0.6848], ['Amiens', '80000', 49.894, 2.2958], ['Limoges', '87000', 45.8336, 1.2611], ['Annecy', '74000', 45.8992, 6.1294],
	['Perpignan', '66000', 42.6887, 2.8948], ['Metz', '57000', 49.1193, 6.1757], ['Besançon', '25000', 47.2378, 6.0241], ['Orléans', '45000', 47.9029, 1.9093],
	['Rouen', '76000', 49.4432, 1.0999], ['Caen', '14000', 49.1829, -0.3707], ['Nancy', '54000', 48.6921, 6.1844], ['Avignon', '84000', 43.9493, 4.8055],
	['Poitiers', '86000', 46.5802, 0.3404], ['La Rochelle', '17000', 46.1603, -1.1511], ['Pau', '64000', 43.2951, -0.3708], ['Bayonne', '64100', 43.4929, -1.4748],
	['Vannes', '56000', 47.6582, -2.7608], ['Quimper', '29000', 47.9961, -4.1026], ['Chambéry', '73000', 45.5646, 5.9178], ['Valence', '26000', 44.9334, 4.8924],
	['Colmar', '68000', 48.0794, 7.3585], ['Ajaccio', '20000', 41.9192, 8.7386], ['Saint-Denis', '97400', -20.8823, 55.4504], ['Arles', '13200', 43.6766, 4.6278]
];
const TRADES: [string, string[]][] = [
	['Plombier chauffagiste', ['Plomberie', 'Chauffage', 'Dépannage', 'Installation sanitaire', 'Pompe à chaleur']],
	['Électricien', ['Électricité', 'Domotique', 'Mise aux normes', 'Bornes de recharge', 'Éclairage']],
	['Menuisier', ['Menuiserie', 'Agencement', 'Ébénisterie', 'Pose de cuisine', 'Escaliers']],
	['Peintre en bâtiment', ['Peinture', 'Décoration', 'Ravalement', 'Enduits', 'Papier peint']],
	['Maçon', ['Maçonnerie', 'Gros œuvre', 'Rénovation', 'Terrassement', 'Béton']],
	['Couvreur zingueur', ['Couverture', 'Zinguerie', 'Charpente', 'Isolation', 'Étanchéité']],
	['Développeur web', ['Développement web', 'JavaScript', 'TypeScript', 'Node.js', 'PostgreSQL', 'React', 'Svelte']],
	['Développeur mobile', ['Flutter', 'Swift', 'Kotlin', 'Applications mobiles', 'Développement web']],
	['Graphiste', ['Identité visuelle', 'Illustration', 'PAO', 'Figma', 'Photoshop']],
	['Expert-comptable', ['Comptabilité', 'Fiscalité', 'Paie', 'Création d’entreprise', 'Audit']],
	['Avocat', ['Droit du travail', 'Droit des affaires', 'Contentieux', 'Médiation', 'Droit de la famille']],
	['Traducteur', ['Traduction', 'Anglais', 'Espagnol', 'Sous-titrage', 'Relecture']],
	['Coach professionnel', ['Coaching', 'Bilan de compétences', 'Management', 'Formation', 'Reconversion']],
	['Photographe', ['Photographie', 'Retouche', 'Mariage', 'Portrait', 'Vidéo']],
	['Architecte', ['Architecture', 'Permis de construire', 'Rénovation énergétique', 'Maîtrise d’œuvre', 'BIM']],
	['Infirmier libéral', ['Soins infirmiers', 'Soins à domicile', 'Pansements', 'Prélèvements', 'Éducation thérapeutique']],
	['Kinésithérapeute', ['Kinésithérapie', 'Rééducation', 'Massage', 'Sport', 'Posturologie']],
	['Ostéopathe', ['Ostéopathie', 'Douleurs dorsales', 'Nourrissons', 'Sport', 'Posturologie']],
	['Jardinier paysagiste', ['Paysagisme', 'Élagage', 'Entretien de jardins', 'Arrosage automatique', 'Potager']],
	['Boulanger', ['Boulangerie', 'Pâtisserie', 'Viennoiserie', 'Pain bio', 'Traiteur']],
	['Consultant en informatique', ['Cybersécurité', 'Cloud', 'DevOps', 'Linux', 'Réseaux']],
	['Data analyst', ['Analyse de données', 'Python', 'SQL', 'Power BI', 'Statistiques']],
	['Formateur', ['Formation', 'Pédagogie', 'E-learning', 'Bureautique', 'Management']],
	['Rédacteur web', ['Rédaction', 'SEO', 'Réseaux sociaux', 'Communication', 'Relecture']],
	['Serrurier', ['Serrurerie', 'Dépannage', 'Blindage de portes', 'Métallerie', 'Contrôle d’accès']],
	['Décorateur d’intérieur', ['Décoration', 'Home staging', 'Aménagement', 'Couleurs', 'Mobilier']],
	['Agent immobilier', ['Immobilier', 'Estimation', 'Location', 'Gestion locative', 'Transaction']],
	['Assistante administrative', ['Secrétariat', 'Bureautique', 'Facturation', 'Gestion administrative', 'Accueil']]
];
const SCHOOLS: [string, string][] = [
	['INSA Lyon', "Diplôme d'ingénieur"], ['Université Claude Bernard Lyon 1', 'Licence Informatique'], ['ECE Paris', "Diplôme d'ingénieur"], ['Sciences Po', 'Master Affaires publiques'],
	['Université de Bordeaux', 'Master Droit social'], ['Lycée professionnel Le Corbusier', 'CAP Plombier'], ['CFA du Bâtiment', 'BP Électricien'], ['IUT de Nantes', 'BUT Gestion'],
	['École des Beaux-Arts', 'DNSEP Design graphique'], ['Université Paul-Valéry Montpellier 3', 'Master Traduction'], ['KEDGE Business School', 'Master Management'], ['IFSI de Toulouse', "Diplôme d'État d'infirmier"]
];
const CATEGORIES = ['freelance', 'freelance', 'freelance', 'company', 'company', 'association', 'administration', 'job_seeker', 'visitor', 'visitor'] as const;
const LANGS = ['en', 'en', 'en', 'es', 'de', 'it', 'ar', 'pt'];
const SECTORS = ['Bâtiment et travaux', 'Informatique et numérique', 'Comptabilité et gestion', 'Santé', 'Conseil', 'Commerce', 'Associations', 'Administration publique'];

const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').replace(/[’`]/g, "'").toLowerCase().replace(/\s+/g, ' ').trim();

// ---------------------------------------------------------------------------------------------

export async function seed(client: pg.Client) {
	const skillIds = new Map<string, string>();
	const allSkills = [...new Set(TRADES.flatMap(([, s]) => s))];
	for (const label of allSkills) skillIds.set(label, randomUUID());
	await client.query(`INSERT INTO "Skill"(id, key, label) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`, [
		[...skillIds.values()],
		[...skillIds.keys()].map(fold),
		[...skillIds.keys()]
	]);
	const companies: { id: string; title: string }[] = [];
	{
		const rows: unknown[][] = [[], [], [], [], [], [], [], [], [], []];
		for (let i = 0; i < COMPANIES; i++) {
			const [trade, skills] = pick(TRADES);
			const [city, postcode, lat, lng] = pick(CITIES);
			const title = `${pick(['Atelier', 'Cabinet', 'Société', 'Coopérative', 'Agence', 'Maison'])} ${pick(LAST)} ${trade.split(' ')[0]} ${i}`;
			const id = randomUUID();
			companies.push({ id, title });
			[id, `company-${i}`, `${title} SARL`, title, `${trade} à ${city} : ${skills.slice(0, 3).join(', ')}.`, pick(SECTORS), postcode, city, lat, lng].forEach((v, k) => rows[k].push(v));
		}
		await client.query(
			`INSERT INTO "Company"(id, slug, "legalName", title, description, sector, postcode, city, latitude, longitude, keywords, "updatedAt")
			 SELECT id, slug, ln, t, d, s, pc, c, la, lo, ARRAY[]::text[], now()
			   FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[], $10::float8[]) AS x(id, slug, ln, t, d, s, pc, c, la, lo)`,
			rows
		);
	}
	for (let start = 0; start < MEMBERS; start += BATCH) {
		const m: unknown[][] = Array.from({ length: 13 }, () => []);
		const p: unknown[][] = [[], [], []];
		const ms: unknown[][] = [[], [], []];
		const ed: unknown[][] = [[], [], [], [], []];
		const la: unknown[][] = [[], []];
		const ex: unknown[][] = [[], [], [], []];
		for (let i = start; i < Math.min(MEMBERS, start + BATCH); i++) {
			const id = randomUUID();
			const first = pick(FIRST);
			const last = pick(LAST);
			const category = pick(CATEGORIES);
			const [city, postcode, lat, lng] = pick(CITIES);
			const status = random() < 0.96 ? 'active' : pick(['pending', 'deactivated']);
			const visible = random() < 0.93;
			const createdAt = new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 700 * 86_400_000));
			[id, `membre${i}@exemple.fr`, first, last, `${fold(`${first}-${last}`).replace(/[^a-z0-9]+/g, '-')}-${i}`, postcode, city, lat + (random() - 0.5) * 0.06, lng + (random() - 0.5) * 0.08, category, status, visible, createdAt].forEach((v, k) =>
				m[k].push(v)
			);
			if (category === 'visitor') continue;
			const [trade, skills] = pick(TRADES);
			p[0].push(id);
			p[1].push(`${trade} à ${city}`);
			p[2].push(`${trade} depuis ${int(2, 25)} ans, j'interviens à ${city} et alentours. ${skills.slice(0, 3).join(', ')} : devis gratuit, réponse rapide.`);
			sample(skills, int(3, skills.length)).forEach((label, position) => {
				ms[0].push(id);
				ms[1].push(skillIds.get(label));
				ms[2].push(position);
			});
			if (random() < 0.5) {
				const [school, diploma] = pick(SCHOOLS);
				[randomUUID(), id, school, diploma, int(1985, 2024)].forEach((v, k) => ed[k].push(v));
			}
			la[0].push(id);
			la[1].push('fr');
			for (const code of sample(LANGS, int(0, 2))) {
				la[0].push(id);
				la[1].push(code);
			}
			if (category === 'company' || random() < 0.2) [randomUUID(), id, trade, pick(companies).title].forEach((v, k) => ex[k].push(v));
		}
		await client.query(
			`INSERT INTO "Member"(id, email, "firstName", "lastName", slug, postcode, city, latitude, longitude, category, status, "visibleInDirectory", "createdAt", "updatedAt")
			 SELECT *, now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::float8[], $9::float8[], $10::"MemberCategory"[], $11::"MemberStatus"[], $12::bool[], $13::timestamp[])`,
			m
		);
		await client.query(`INSERT INTO "Profile"("memberId", headline, bio, "updatedAt") SELECT *, now() FROM unnest($1::uuid[], $2::text[], $3::text[])`, p);
		await client.query(`INSERT INTO "MemberSkill"("memberId", "skillId", position) SELECT DISTINCT ON (a, b) * FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS x(a, b, c)`, ms);
		await client.query(`INSERT INTO "Education"(id, "memberId", school, diploma, "promoYear") SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[])`, ed);
		await client.query(`INSERT INTO "MemberLanguage"("memberId", code) SELECT DISTINCT * FROM unnest($1::uuid[], $2::text[])`, la);
		await client.query(`INSERT INTO "Experience"(id, "memberId", title, "companyName", "startedOn") SELECT *, date '2018-01-01' FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])`, ex);
	}
}

// ---------------------------------------------------------------------------------------------
// the queries

type Query = Record<string, string>;

function typo(word: string): string {
	if (word.length < 6) return word;
	const i = int(2, word.length - 3);
	return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

function queries(): Query[] {
	const out: Query[] = [];
	const names = () => `${pick(FIRST)} ${pick(LAST)}`;
	const what = () => {
		const [trade, skills] = pick(TRADES);
		const r = random();
		if (r < 0.3) return trade.split(' ')[0].toLowerCase();
		if (r < 0.45) return `${trade.split(' ')[0].toLowerCase()}s`; // plural
		if (r < 0.6) return typo(trade.split(' ')[0].toLowerCase());
		if (r < 0.8) return fold(pick(skills));
		return random() < 0.5 ? pick(LAST) : names();
	};
	for (let i = 0; i < QUERIES; i++) {
		const kind = i % 3;
		if (kind === 0) out.push({ q: what() });
		else if (kind === 1) out.push({ q: what(), where: pick(CITIES)[0], radius: String(pick([5, 10, 20, 30, 50])) });
		else {
			const r = random();
			if (r < 0.25) out.push({ category: pick(['freelance', 'company', 'association']), departement: pick(['69', '75', '13', '33', '31', '44']) });
			else if (r < 0.5) out.push({ skill: pick(pick(TRADES)[1]) });
			else if (r < 0.75) out.push({ language: pick(['es', 'de', 'ar']), where: pick(CITIES)[0], sort: 'distance' });
			else out.push({ school: pick(SCHOOLS)[0].split(' ')[0], promo: String(int(1995, 2020)) });
		}
	}
	return out;
}

/** The pre-index search (ILIKE over the source tables, joins per word), extended to the same filters. */
function naiveSql(query: Query): { text: string; values: unknown[] } {
	const values: unknown[] = [];
	const v = (value: unknown) => {
		values.push(value);
		return `$${values.length}`;
	};
	const and: string[] = [`m.status = 'active'`, `m."visibleInDirectory"`, `m.category IN ('freelance','company','administration','association')`];
	for (const word of searchWords(query.q ?? '')) {
		const p = v(`%${word}%`);
		and.push(`(m."firstName" ILIKE ${p} OR m."lastName" ILIKE ${p} OR p.headline ILIKE ${p} OR p.bio ILIKE ${p}
			OR EXISTS (SELECT 1 FROM "MemberSkill" ms JOIN "Skill" s ON s.id = ms."skillId" WHERE ms."memberId" = m.id AND s.label ILIKE ${p})
			OR EXISTS (SELECT 1 FROM "Experience" e WHERE e."memberId" = m.id AND e."companyName" ILIKE ${p}))`);
	}
	let order = `m."lastName", m."firstName"`;
	if (query.where) {
		const place = resolvePlace(query.where);
		if (place) {
			const d = `(12742 * asin(sqrt(power(sin(radians(m.latitude - ${v(place.latitude)}) / 2), 2) + cos(radians(${v(place.latitude)})) * cos(radians(m.latitude)) * power(sin(radians(m.longitude - ${v(place.longitude)}) / 2), 2))))`;
			and.push(`${d} <= ${v(Number(query.radius ?? 20))}`);
			if (query.sort === 'distance') order = d;
		}
	}
	if (query.category) and.push(`m.category = ${v(query.category)}::"MemberCategory"`);
	if (query.departement) and.push(`m.postcode LIKE ${v(`${query.departement}%`)}`);
	if (query.skill) and.push(`EXISTS (SELECT 1 FROM "MemberSkill" ms JOIN "Skill" s ON s.id = ms."skillId" WHERE ms."memberId" = m.id AND s.label ILIKE ${v(query.skill)})`);
	if (query.language) and.push(`EXISTS (SELECT 1 FROM "MemberLanguage" l WHERE l."memberId" = m.id AND l.code = ${v(query.language)})`);
	if (query.school) and.push(`EXISTS (SELECT 1 FROM "Education" e WHERE e."memberId" = m.id AND e.school ILIKE ${v(`%${query.school}%`)} ${query.promo ? `AND e."promoYear" = ${v(Number(query.promo))}` : ''})`);
	return {
		text: `SELECT m.id, m.slug, count(*) OVER () AS total FROM "Member" m LEFT JOIN "Profile" p ON p."memberId" = m.id WHERE ${and.join(' AND ')} ORDER BY ${order} LIMIT 20`,
		values
	};
}

function companyQueries(): Query[] {
	const out: Query[] = [];
	for (let i = 0; i < 100; i++) {
		const [trade, skills] = pick(TRADES);
		const r = random();
		if (r < 0.35) out.push({ q: trade.split(' ')[0].toLowerCase() });
		else if (r < 0.55) out.push({ q: fold(pick(skills)), departement: pick(['69', '75', '13', '33', '31', '44']) });
		else if (r < 0.7) out.push({ q: pick(['Atelier', 'Cabinet', 'Coopérative', 'Agence']) + ' ' + pick(LAST) });
		else if (r < 0.85) out.push({ sector: pick(SECTORS) });
		else out.push({ departement: pick(['69', '75', '13', '33', '31', '44']) });
	}
	return out;
}

/** The companies search before its index: ILIKE over the rows, per word. */
function naiveCompanySql(query: Query): { text: string; values: unknown[] } {
	const values: unknown[] = [];
	const v = (value: unknown) => {
		values.push(value);
		return `$${values.length}`;
	};
	const and: string[] = ['true'];
	for (const word of searchWords(query.q ?? '')) {
		const p = v(`%${word}%`);
		and.push(`(c.title ILIKE ${p} OR c."legalName" ILIKE ${p} OR c.description ILIKE ${p} OR c.sector ILIKE ${p})`);
	}
	if (query.sector) and.push(`c.sector ILIKE ${v(`%${query.sector}%`)}`);
	if (query.departement) and.push(`c.postcode LIKE ${v(`${query.departement}%`)}`);
	return { text: `SELECT c.id, count(*) OVER () AS total FROM "Company" c WHERE ${and.join(' AND ')} ORDER BY c."createdAt" DESC LIMIT 20`, values };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (times: number[]) => {
	const sorted = [...times].sort((a, b) => a - b);
	return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean: times.reduce((s, t) => s + t, 0) / times.length, max: sorted.at(-1)! };
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

interface SizeFigures {
	members: number;
	indexed: ReturnType<typeof stats>;
	companies: ReturnType<typeof stats>;
}

async function main() {
	const figures: SizeFigures[] = [];
	for (const size of SIZES) {
		MEMBERS = size;
		COMPANIES = Number(process.env.BENCH_COMPANIES) || Math.max(3_000, Math.round(size * 0.03));
		random = mulberry32(20_260_401);
		figures.push(await runSize());
	}
	if (figures.length > 1) {
		const [first, last] = [figures[0], figures.at(-1)!];
		console.log(`\ngrowth ${first.members.toLocaleString('fr-FR')} → ${last.members.toLocaleString('fr-FR')} members (×${last.members / first.members} data):`);
		console.log(`  members search p95 ${ms(first.indexed.p95)} → ${ms(last.indexed.p95)}: ×${(last.indexed.p95 / first.indexed.p95).toFixed(2)}  (target ≤ ×1.5)`);
		console.log(`  companies search p95 ${ms(first.companies.p95)} → ${ms(last.companies.p95)}: ×${(last.companies.p95 / first.companies.p95).toFixed(2)}  (target ≤ ×1.5)`);
	}
}

async function runSize(): Promise<SizeFigures> {
	if (!existsSync(path.join(root, 'build', 'handler.js'))) {
		console.log('no build: running vite build first…');
		await new Promise<void>((resolve, reject) =>
			spawn(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' }).on('exit', (code) =>
				code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))
			)
		);
	}
	// BENCH_DATABASE_URL: a database an earlier run seeded (kept with BENCH_KEEP=1), to look at plans
	// again without seeding a million members
	const reuse = process.env.BENCH_DATABASE_URL;
	const dir = await mkdtemp(path.join(os.tmpdir(), 'relais-bench-'));
	await chmod(dir, 0o755);
	// BENCH_DEBUG: PostgreSQL's own plans of slow statements (auto_explain) are printed as they happen
	const server = reuse
		? null
		: await startEmbeddedPostgres({
				dataDir: path.join(dir, 'pg'),
				log: process.env.BENCH_DEBUG ? (line) => /duration|plan|Scan|Sort|Window|Hash|Nested|Limit|Subquery|Filter|Cond|SubPlan|Rows/.test(line) && console.log(`[pg] ${line}`) : undefined
			});
	let child: ReturnType<typeof spawn> | null = null;
	try {
		const url = new URL(reuse ?? server!.adminUrl);
		if (server) {
			const admin = new pg.Client({ connectionString: server.adminUrl });
			await admin.connect();
			await admin.query('CREATE DATABASE relais_bench');
			await admin.end();
			url.pathname = '/relais_bench';
		}
		await applyMigrations(url.toString());
		const client = new pg.Client({ connectionString: url.toString() });
		client.on('error', () => {}); // the server stopping at the end (or after a failure) is not news
		await client.connect();

		let t = performance.now();
		if (!reuse) {
		await seed(client);
		const counts = (await client.query<{ members: string; skills: string; companies: string }>(`SELECT (SELECT count(*) FROM "Member") members, (SELECT count(*) FROM "MemberSkill") skills, (SELECT count(*) FROM "Company") companies`)).rows[0];
		console.log(`seeded ${counts.members} members (${counts.skills} member skills), ${counts.companies} companies in ${((performance.now() - t) / 1000).toFixed(1)} s`);
		t = performance.now();
		const refreshed = await refreshAllMemberSearch(createDatabase(url.toString(), { max: 1 }));
		await client.query('VACUUM ANALYZE');
		if (process.env.BENCH_DEBUG) {
			await client.query(`ALTER DATABASE relais_bench SET session_preload_libraries = 'auto_explain'`);
			await client.query(`ALTER DATABASE relais_bench SET auto_explain.log_min_duration = 300`);
			await client.query(`ALTER DATABASE relais_bench SET auto_explain.log_analyze = on`);
		}
		console.log(`bulk refresh: ${refreshed} search documents in ${((performance.now() - t) / 1000).toFixed(1)} s`);
		} else MEMBERS = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "Member"`)).rows[0].n);
		console.log(`\n===== ${MEMBERS.toLocaleString('fr-FR')} members, ${COMPANIES.toLocaleString('fr-FR')} companies`);

		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;
		let log = '';
		child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'index.ts')], {
			cwd: root,
			env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url.toString(), SEED_DEMO: 'off', PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base, LOG_LEVEL: 'info', SMTP_URL: '' },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		child.stdout!.on('data', (c: Buffer) => (log += c.toString()));
		child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 120_000);
			const check = setInterval(() => {
				if (log.includes('Relais is listening')) {
					clearInterval(check);
					clearTimeout(timer);
					resolve();
				}
			}, 50);
			child!.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${log}`)));
		});

		// the same queries at every size (their own sequence, not what seeding left of it), so the
		// growth figure compares like with like
		random = mulberry32(20_261_201);
		const list = queries();
		// the bench's own first fetch() pays for loading undici (~35 ms): spend it on /healthz, so the
		// cold figure is the server's
		await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
		const cold = performance.now();
		await fetch(`${base}/api/v1/providers?${new URLSearchParams(list[0])}`).then((r) => r.arrayBuffer());
		const coldMs = performance.now() - cold;
		// warm-up: JIT, connection pool, PostgreSQL's caches
		for (const query of list.slice(0, 30)) await fetch(`${base}/api/v1/providers?${new URLSearchParams(query)}`).then((r) => r.arrayBuffer());
		const indexed: number[] = [];
		const totals: number[] = [];
		for (const query of list) {
			const started = performance.now();
			const response = await fetch(`${base}/api/v1/providers?${new URLSearchParams(query)}`);
			const body = (await response.json()) as { total?: number };
			indexed.push(performance.now() - started);
			if (response.status !== 200) throw new Error(`${response.status} for ${JSON.stringify(query)}: ${JSON.stringify(body)}`);
			totals.push(body.total ?? 0);
		}
		// page 20 of the same text queries (bounded ranking: as cheap as page 1)
		const page20: number[] = [];
		for (const query of list.filter((q) => q.q)) {
			const started = performance.now();
			await fetch(`${base}/api/v1/providers?${new URLSearchParams({ ...query, page: '20' })}`).then((r) => r.arrayBuffer());
			page20.push(performance.now() - started);
		}
		const companyList = companyQueries();
		for (const query of companyList.slice(0, 10)) await fetch(`${base}/api/v1/companies?${new URLSearchParams(query)}`).then((r) => r.arrayBuffer());
		const companyTimes: number[] = [];
		const companyTotals: number[] = [];
		for (const query of companyList) {
			const started = performance.now();
			const response = await fetch(`${base}/api/v1/companies?${new URLSearchParams(query)}`);
			const body = (await response.json()) as { total?: number };
			companyTimes.push(performance.now() - started);
			companyTotals.push(body.total ?? 0);
			if (response.status !== 200) throw new Error(`${response.status} for companies ${JSON.stringify(query)}`);
		}
		const quick = Boolean(process.env.BENCH_QUICK);
		if (quick) {
			const a = stats(indexed);
			const worst = list.map((query, i) => ({ query, ms: indexed[i], total: totals[i] })).sort((x, y) => y.ms - x.ms);
			for (const w of worst.slice(0, 15)) console.log(`${w.ms.toFixed(1)} ms (${w.total} matches) ${JSON.stringify(w.query)}`);
			const p20 = stats(page20);
			console.log(`indexed p50 ${ms(a.p50)}  p95 ${ms(a.p95)}  max ${ms(a.max)}; page 20 p95 ${ms(p20.p95)}; cold ${ms(coldMs)} = ×${(coldMs / indexed[0]).toFixed(1)} the same query warm, ×${(coldMs / a.p50).toFixed(1)} the warm median`);
			const c = stats(companyTimes);
			const worstCompanies = companyList.map((query, i) => ({ query, ms: companyTimes[i], total: companyTotals[i] })).sort((x, y) => y.ms - x.ms);
			for (const w of worstCompanies.slice(0, 8)) console.log(`companies ${w.ms.toFixed(1)} ms (${w.total} matches) ${JSON.stringify(w.query)}`);
			console.log(`companies p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  max ${ms(c.max)}`);
			await client.end();
			return { members: MEMBERS, indexed: a, companies: c };
		}
		const companyNaive: number[] = [];
		for (const query of companyList) {
			const { text, values } = naiveCompanySql(query);
			const started = performance.now();
			await client.query(text, values);
			companyNaive.push(performance.now() - started);
		}
		const online = await onlineRebuild(url.toString(), base, list);
		for (const query of list.slice(0, 10)) await client.query(naiveSql(query));
		const naive: number[] = [];
		for (const query of list) {
			const { text, values } = naiveSql(query);
			const started = performance.now();
			await client.query(text, values);
			naive.push(performance.now() - started);
		}
		await client.end();

		if (process.env.BENCH_DEBUG) {
			const worst = list.map((query, i) => ({ query, indexed: indexed[i], naive: naive[i], total: totals[i] })).sort((x, y) => y.indexed - x.indexed);
			for (const w of worst.slice(0, 12)) console.log(`${w.indexed.toFixed(1)} ms (naive ${w.naive.toFixed(1)} ms, ${w.total} matches) ${JSON.stringify(w.query)}`);
		}
		const a = stats(indexed);
		const b = stats(naive);
		const matched = totals.filter((n) => n > 0).length;
		console.log(`\n${QUERIES} mixed queries (text / text + where + radius / filters only), ${matched} with results, median ${[...totals].sort((x, y) => x - y)[totals.length >> 1]} matches`);
		console.log(`indexed search, HTTP GET /api/v1/providers: p50 ${ms(a.p50)}  p95 ${ms(a.p95)}  mean ${ms(a.mean)}  max ${ms(a.max)}`);
		console.log(`naive ILIKE scans, SQL only (no HTTP):    p50 ${ms(b.p50)}  p95 ${ms(b.p95)}  mean ${ms(b.mean)}  max ${ms(b.max)}`);
		console.log(`ratio naive / indexed: p50 ×${(b.p50 / a.p50).toFixed(1)}  p95 ×${(b.p95 / a.p95).toFixed(1)}  (target: p95 < 30 ms and ≥ ×10)`);
		const p20 = stats(page20);
		console.log(`page 20 of the text queries: p50 ${ms(p20.p50)}  p95 ${ms(p20.p95)}  max ${ms(p20.max)}`);
		console.log(
			`first query after the start (cold, ${JSON.stringify(list[0])}): ${ms(coldMs)} = ×${(coldMs / indexed[0]).toFixed(1)} the same query warm (${ms(indexed[0])}; target ≤ ×2), ×${(coldMs / a.p50).toFixed(1)} the warm median of all shapes`
		);
		const c = stats(companyTimes);
		const cn = stats(companyNaive);
		console.log(`companies (${companyList.length} queries, ${COMPANIES} companies), HTTP GET /api/v1/companies: p50 ${ms(c.p50)}  p95 ${ms(c.p95)}  max ${ms(c.max)}`);
		console.log(`companies naive ILIKE, SQL only:                 p50 ${ms(cn.p50)}  p95 ${ms(cn.p95)}  — ratio p95 ×${(cn.p95 / c.p95).toFixed(1)}`);
		const slowCompanies = companyList.map((query, i) => ({ query, ms: companyTimes[i] })).sort((x, y) => y.ms - x.ms).slice(0, 5);
		console.log(`  slowest: ${slowCompanies.map((w) => `${JSON.stringify(w.query)} ${ms(w.ms)}`).join(', ')}`);
		console.log(
			`online rebuild of ${online.rebuilt} documents in ${(online.ms / 1000).toFixed(1)} s: ${online.searches} searches meanwhile, p95 ${ms(online.p95)}, none failed; a profile edited mid-rebuild was searchable after ${ms(online.editMs)}`
		);
		return { members: MEMBERS, indexed: a, companies: c };
	} finally {
		if (child && child.exitCode === null) {
			const exited = new Promise((resolve) => child!.once('exit', resolve));
			child.kill('SIGTERM');
			await exited;
		}
		if (server && process.env.BENCH_KEEP) console.log(`kept: ${dir} (BENCH_DATABASE_URL=${server.urlFor('relais_bench')} while it runs)`);
		else {
			await server?.stop();
			await rm(dir, { recursive: true, force: true });
		}
	}
}

/**
 * A full rebuild (refreshAllMemberSearch: batches of its own transactions) while a client keeps
 * searching and, halfway, one member changes their headline the way the profile page does
 * (update, then refreshMemberSearch): how long until a search finds the new word.
 */
async function onlineRebuild(url: string, base: string, list: Query[]) {
	const rebuildDb = createDatabase(url, { max: 1 });
	const editDb = createDatabase(url, { max: 1 });
	let done = false;
	const times: number[] = [];
	const searching = (async () => {
		for (let i = 0; !done; i++) {
			const started = performance.now();
			const response = await fetch(`${base}/api/v1/providers?${new URLSearchParams(list[i % list.length])}`);
			await response.arrayBuffer();
			if (response.status !== 200) throw new Error(`search failed during the rebuild: ${response.status}`);
			times.push(performance.now() - started);
		}
	})();
	const started = performance.now();
	const rebuilding = refreshAllMemberSearch(rebuildDb);
	await new Promise((resolve) => setTimeout(resolve, 2_000));
	const [member] = await editDb.$queryRaw<{ id: string }[]>`SELECT "memberId" AS id FROM "MemberSearch" WHERE provider ORDER BY "memberId" DESC LIMIT 1`;
	const edit = performance.now();
	await editDb.$executeRaw`UPDATE "Profile" SET headline = 'Zythologue itinérante' WHERE "memberId" = ${member.id}::uuid`;
	await refreshMemberSearch([member.id], editDb);
	let editMs = Number.NaN;
	for (let tries = 0; tries < 200; tries++) {
		const found = (await (await fetch(`${base}/api/v1/providers?q=zythologue`)).json()) as { total: number };
		if (found.total > 0) {
			editMs = performance.now() - edit;
			break;
		}
	}
	const rebuilt = await rebuilding;
	const ms = performance.now() - started;
	done = true;
	await searching;
	await Promise.all([rebuildDb.$disconnect(), editDb.$disconnect()]);
	return { rebuilt, ms, searches: times.length, p95: stats(times).p95, editMs };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error: unknown) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
