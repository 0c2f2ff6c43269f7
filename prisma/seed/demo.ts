// Demo data for an EMPTY Relais database: ~70 members in every category across 25 cities
// (23 in France), rich provider profiles, 15 companies with their memberships, follows, mutual
// contacts, pending requests and contact groups. Deterministic: a seeded PRNG drives every
// choice, ids are UUIDv7 built from the rows' own dates, slugs are name + PRNG suffix.
//
// Called by `npm start` on a fresh embedded database and by `npm run db:seed` (prisma/seed.ts);
// both check `member.count() === 0` first. The rows are written in one transaction; the demo photos
// and documents (drawn meanwhile, prisma/seed/media.ts) are attached in a second one.
//
// ALL seeded members share the demo password (hashed once with Argon2id and reused: hashing
// 70 passwords would cost ~3.5 s). Never seed a database reachable by real users.
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';
import { hashPassword } from '../../src/lib/server/auth/password.ts';
import { slugify } from '../../src/lib/server/members/slug.ts';
import { refreshAllMemberSearch } from '../../src/lib/server/directory/refresh.ts';
import { skillKey } from '../../src/lib/server/profiles/skills.ts';
import {
	CITIES,
	COMPANIES,
	DECLINED_REQUESTS,
	DEMO_CONTACTS,
	DEMO_FOLLOWS,
	DEMO_GROUPS,
	FRENCH_STREETS,
	PENDING_REQUESTS,
	PEOPLE,
	TRADES,
	type Category,
	type City,
	type Trade
} from './demo-data.ts';
import { mulberry32 } from './random.ts';
import { seedDemoNotifications } from './notifications.ts';
import { seedDemoMentoring } from './mentoring.ts';
import { seedDemoBlog } from './blog.ts';
import { seedDemoAdmin } from './admin.ts';
import { seedDemoCareers } from './careers.ts';
import { fanOutAll } from '../../src/lib/server/publications/fanout.ts';
import { seedDemoPublications } from './publications.ts';
import { seedDemoEvents } from './events.ts';
import { seedStatistics } from './statistics.ts';
import { seedSurveys } from './surveys.ts';
import { BOOKABLE_COMPANY_MEMBERS, buildBookingRows, DEMO_AGENDA_URL, type BookingRows } from './booking.ts';
import { demoGalleryImage, demoPdf, demoPhoto } from './media.ts';
import { encryptSecret } from '../../src/lib/server/calendar/secrets.ts';

// the Skill.key form lives with the profiles domain; re-exported for the seed's own tests
export { skillKey };

export const DEMO_PASSWORD = 'Relais-demo-2026';

export interface DemoLogin {
	label: string;
	email: string;
	password: string;
}

export const DEMO_LOGINS: DemoLogin[] = [
	{ label: 'Prestataire — Claire Martin, développeuse web freelance, admin de la Coopérative Numérique du Rhône', email: 'claire.martin@exemple.fr', password: DEMO_PASSWORD },
	{ label: 'Membre — Paul Bernard, visiteur à Paris', email: 'paul.bernard@exemple.fr', password: DEMO_PASSWORD },
	{ label: 'Administrateur — modération (signalements : /admin/reports)', email: 'admin@exemple.fr', password: DEMO_PASSWORD }
];

/** Luhn check digit to append to `digits` (SIREN: 8 → 9 digits; SIRET: 13 → 14 digits). */
export function luhnCheckDigit(digits: string): number {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 0) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return (10 - (sum % 10)) % 10;
}

// ---------------------------------------------------------------------------------------------
// deterministic randomness and time

class Rng {
	readonly next: () => number;
	constructor(seed: number) {
		this.next = mulberry32(seed);
	}
	int(min: number, max: number) {
		return min + Math.floor(this.next() * (max - min + 1));
	}
	chance(p: number) {
		return this.next() < p;
	}
	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}
	sample<T>(items: readonly T[], n: number): T[] {
		const copy = [...items];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[copy[i], copy[j]] = [copy[j], copy[i]];
		}
		return copy.slice(0, n);
	}
	digits(n: number) {
		let s = '';
		for (let i = 0; i < n; i++) s += String(this.int(0, 9));
		return s;
	}
}

/** "de Plomberie Garnier", "d'Électricité Lefèvre" */
const of = (name: string) => (/^[aeiouyhàâéèêëîïôöùûü]/i.test(name) ? `d'${name}` : `de ${name}`);

const DAY = 86_400_000;
/** members joined between these dates; every date is clamped to the past at run time */
const START = Date.UTC(2025, 8, 1, 9);
const END = Date.UTC(2026, 9, 31, 18);
const past = (ms: number) => new Date(Math.min(ms, Date.now() - 60_000));
const ymd = (year: number, month = 1, day = 1) => new Date(Date.UTC(year, month - 1, day));

// ---------------------------------------------------------------------------------------------

type MemberRow = Prisma.MemberCreateManyInput & { id: string; createdAt: Date };

interface SeedRows {
	members: MemberRow[];
	profiles: Prisma.ProfileCreateManyInput[];
	skills: Prisma.SkillCreateManyInput[];
	memberSkills: Prisma.MemberSkillCreateManyInput[];
	certifications: Prisma.CertificationCreateManyInput[];
	missions: Prisma.MissionCreateManyInput[];
	experiences: Prisma.ExperienceCreateManyInput[];
	educations: Prisma.EducationCreateManyInput[];
	languages: Prisma.MemberLanguageCreateManyInput[];
	companies: Prisma.CompanyCreateManyInput[];
	memberships: Prisma.CompanyMembershipCreateManyInput[];
	follows: Prisma.FollowCreateManyInput[];
	contactRequests: Prisma.ContactRequestCreateManyInput[];
	contacts: Prisma.ContactCreateManyInput[];
	groups: Prisma.ContactGroupCreateManyInput[];
	groupMembers: Prisma.ContactGroupMemberCreateManyInput[];
	/** online booking of the bookable providers (prisma/seed/booking.ts) */
	booking: BookingRows;
}

/** Builds every row in memory (no database access); `passwordHash` is shared by all members. */
export function buildDemoRows(passwordHash: string, seed = 20_260_101): SeedRows {
	const rng = new Rng(seed);
	const idRng = new Rng(seed ^ 0x5eed);
	const uuid7 = (at: Date | number): string => {
		const ms = typeof at === 'number' ? at : at.getTime();
		const hex = Math.floor(ms).toString(16).padStart(12, '0');
		const h = (bits: number) => idRng.int(0, 2 ** bits - 1).toString(16);
		const variant = (0x8000 | idRng.int(0, 0x3fff)).toString(16);
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${h(12).padStart(3, '0')}-${variant}-${h(24).padStart(6, '0')}${h(24).padStart(6, '0')}`;
	};
	const jitter = (value: number, spread: number) => Math.round((value + (rng.next() - 0.5) * 2 * spread) * 1e6) / 1e6;
	const pair = () => String(rng.int(0, 99)).padStart(2, '0');
	const street = (city: City) => `${rng.int(1, 120)} ${rng.pick(city.streets ?? FRENCH_STREETS)}`;
	const mobile = (city: City) => {
		if (city.country === 'CA') return `+1 514 555 ${String(rng.int(100, 199)).padStart(4, '0')}`;
		if (city.country === 'BE') return `+32 47${rng.int(0, 9)} ${pair()} ${pair()} ${pair()}`;
		return `+33 ${rng.pick(['6', '7'])} ${pair()} ${pair()} ${pair()} ${pair()}`;
	};
	const landline = (city: City) => `${city.phonePrefix} ${pair()} ${pair()} ${pair()} ${pair()}`;

	const rows: SeedRows = {
		members: [],
		profiles: [],
		skills: [],
		memberSkills: [],
		certifications: [],
		missions: [],
		experiences: [],
		educations: [],
		languages: [],
		companies: [],
		memberships: [],
		follows: [],
		contactRequests: [],
		contacts: [],
		groups: [],
		groupMembers: [],
		booking: { schedules: [], workingHours: [], appointmentTypes: [], busyCalendars: [] }
	};

	// --- skills are shared: one row per key -----------------------------------------------
	const skillIds = new Map<string, string>();
	const skillId = (label: string) => {
		const key = skillKey(label);
		let id = skillIds.get(key);
		if (!id) {
			id = uuid7(START - DAY + skillIds.size);
			skillIds.set(key, id);
			rows.skills.push({ id, key, label });
		}
		return id;
	};

	// --- members -------------------------------------------------------------------------------
	interface Built {
		row: MemberRow;
		f: boolean;
		category: Category;
		city: City;
		trade: Trade | null;
		tradeKey: string | null;
	}
	const byHandle = new Map<string, Built>();
	const usedSlugs = new Set<string>();

	PEOPLE.forEach(([firstName, lastName, sex, category, cityKey, tradeKey, options = {}], index) => {
		const handle = slugify(`${firstName} ${lastName}`);
		if (byHandle.has(handle)) throw new Error(`demo seed: duplicate person ${handle}`);
		const city: City = CITIES[cityKey];
		const f = sex === 'f';
		const trade: Trade | null = tradeKey ? TRADES[tradeKey] : null;
		// the two demo logins joined first; the others over fourteen months
		const joined = index < 2 ? START + index * DAY : START + 3 * DAY + rng.next() * (END - START - 30 * DAY);
		const createdAt = past(Math.floor(joined / 1000) * 1000);
		let slug: string;
		do slug = `${handle}-${rng.int(0, 36 ** 5 - 1).toString(36).padStart(5, '0')}`;
		while (usedSlugs.has(slug));
		usedSlugs.add(slug);
		const row: MemberRow = {
			id: uuid7(createdAt),
			email: `${slugify(firstName)}.${slugify(lastName)}@exemple.fr`,
			passwordHash,
			firstName,
			lastName,
			slug,
			address: street(city),
			postcode: city.postcode,
			city: city.city,
			country: city.country,
			latitude: jitter(city.latitude, 0.012),
			longitude: jitter(city.longitude, 0.016),
			phone: category === 'visitor' && rng.chance(0.4) ? null : mobile(city),
			locale: options.locale ?? 'fr',
			timezone: options.timezone ?? 'Europe/Paris',
			category,
			status: 'active',
			roles: options.roles ?? ['member'],
			visibleInDirectory: !options.hidden,
			acceptsContactRequests: !options.noRequests,
			createdAt,
			updatedAt: createdAt,
			activatedAt: past(createdAt.getTime() + rng.int(2, 90) * 60_000),
			lastLoginAt: index < 2 ? null : past(END + rng.int(0, 20) * DAY)
		};
		rows.members.push(row);
		byHandle.set(handle, { row, f, category, city, trade, tradeKey });
		if (!trade) return;

		const isClaire = index === 0;
		const seeker = category === 'job_seeker';
		const since = options.since ?? (seeker ? rng.int(2016, 2023) : rng.int(2008, 2021));
		const ofOrg = options.ofOrg ?? (options.org ? of(options.org) : '');
		const title = trade.title[f ? 1 : 0];

		// profile
		const situation =
			category === 'freelance'
				? `${f ? 'Installée' : 'Installé'} à ${city.city} depuis ${since}, je travaille à mon compte.`
				: seeker
					? `Actuellement en recherche d'emploi à ${city.city} ou en télétravail, je suis disponible immédiatement.`
					: category === 'company'
						? `Je fais partie de l'équipe ${ofOrg} à ${city.city}.`
						: `J'exerce au sein ${ofOrg}, à ${city.city}.`;
		rows.profiles.push({
			memberId: row.id,
			headline: isClaire ? CLAIRE.headline : (options.headline ?? trade.headline(f, city.city)),
			bio: isClaire ? CLAIRE.bio : `${trade.bio(f)} ${situation}`,
			updatedAt: createdAt
		});

		// skills: the trade's first three, then one to three more
		const labels = isClaire ? CLAIRE.skills : [...trade.skills.slice(0, 3), ...rng.sample(trade.skills.slice(3), rng.int(1, 3))];
		labels.forEach((label, position) => rows.memberSkills.push({ memberId: row.id, skillId: skillId(label), position }));

		// certifications and missions: providers only
		if (!seeker) {
			const certs: { name: string; issuer: string; year?: number }[] = isClaire ? CLAIRE.certifications : trade.certifications;
			certs.forEach((c, position) =>
				rows.certifications.push({
					id: uuid7(createdAt.getTime() + 1 + position),
					memberId: row.id,
					name: c.name,
					issuer: c.issuer,
					obtainedOn: c.year ? ymd(c.year, 6, 1) : ymd(rng.int(since, 2025), rng.int(1, 12), rng.int(1, 28)),
					position
				})
			);
			const missions: { title: string; client: string; description: string; year?: number }[] = isClaire ? CLAIRE.missions : trade.missions;
			missions.forEach((m, position) =>
				rows.missions.push({
					id: uuid7(createdAt.getTime() + 10 + position),
					memberId: row.id,
					title: m.title,
					client: m.client,
					description: m.description,
					year: m.year ?? rng.int(Math.max(since, 2019), 2026),
					position
				})
			);
		}

		// experiences and education
		if (isClaire) {
			CLAIRE.experiences.forEach((e, i) =>
				rows.experiences.push({ id: uuid7(createdAt.getTime() + 20 + i), memberId: row.id, ...e, startedOn: ymd(...e.startedOn), endedOn: e.endedOn ? ymd(...e.endedOn) : null })
			);
			CLAIRE.education.forEach((e, i) => rows.educations.push({ id: uuid7(createdAt.getTime() + 30 + i), memberId: row.id, ...e }));
		} else {
			const past1 = trade.pastJobs[0];
			const pastStart = since - rng.int(2, 6);
			if (seeker) {
				rows.experiences.push({
					id: uuid7(createdAt.getTime() + 20),
					memberId: row.id,
					title: past1.title[f ? 1 : 0],
					companyName: past1.companyName,
					location: city.city,
					startedOn: ymd(since, rng.int(1, 12)),
					endedOn: ymd(2026, rng.int(1, 9), 1),
					description: past1.description
				});
			} else {
				rows.experiences.push(
					{
						id: uuid7(createdAt.getTime() + 20),
						memberId: row.id,
						title: category === 'freelance' ? `${title} ${f ? 'indépendante' : 'indépendant'}` : title,
						companyName: category === 'freelance' ? `${firstName} ${lastName} EI` : (options.org ?? title),
						location: city.city,
						startedOn: ymd(since, rng.int(1, 12)),
						endedOn: null,
						description: null
					},
					{
						id: uuid7(createdAt.getTime() + 21),
						memberId: row.id,
						title: past1.title[f ? 1 : 0],
						companyName: past1.companyName,
						location: city.city,
						startedOn: ymd(pastStart, rng.int(1, 12)),
						endedOn: ymd(since - 1, rng.int(1, 12)),
						description: past1.description
					}
				);
			}
			const schools = rng.sample(trade.education, trade.education.length > 1 && rng.chance(0.35) ? 2 : 1);
			schools.forEach((e, i) =>
				rows.educations.push({
					id: uuid7(createdAt.getTime() + 30 + i),
					memberId: row.id,
					school: e.school,
					diploma: e.diploma,
					promoYear: (seeker ? since : pastStart) - i * rng.int(2, 3)
				})
			);
		}

		// languages: French native, then the trade's, English for most, some Spanish/German/Italian
		const langs = new Map<string, string>([['fr', 'native']]);
		if (isClaire) for (const [code, level] of CLAIRE.languages) langs.set(code, level);
		else {
			if (rng.chance(0.8)) langs.set('en', rng.pick(['A2', 'B1', 'B2', 'B2', 'C1']));
			if (rng.chance(0.3)) langs.set('es', rng.pick(['A2', 'B1', 'B2']));
			if (rng.chance(0.12)) langs.set('de', rng.pick(['A2', 'B1']));
			if (rng.chance(0.08)) langs.set('it', rng.pick(['A2', 'B1']));
			for (const [code, level] of trade.languages ?? []) langs.set(code, level);
			for (const [code, level] of options.languages ?? []) langs.set(code, level);
		}
		for (const [code, level] of langs) rows.languages.push({ memberId: row.id, code, level });
	});

	const member = (handle: string): Built => {
		const found = byHandle.get(handle);
		if (!found) throw new Error(`demo seed: unknown person ${handle}`);
		return found;
	};
	const after = (...dates: Date[]) => past(Math.max(...dates.map((d) => d.getTime())) + rng.int(1, 40) * DAY + rng.int(0, 86_399) * 1000);

	// --- companies -------------------------------------------------------------------------------
	const companyIds = new Map<string, { id: string; createdAt: Date }>();
	const usedSirens = new Set<string>();
	for (const spec of COMPANIES) {
		const creator = member(spec.creator);
		const city: City = CITIES[spec.city];
		const createdAt = past(creator.row.createdAt.getTime() + rng.int(1, 10) * DAY);
		let siren: string;
		do {
			const body = `${rng.int(3, 9)}${rng.digits(7)}`;
			siren = body + luhnCheckDigit(body);
		} while (usedSirens.has(siren));
		usedSirens.add(siren);
		const nic = `000${rng.int(1, 5)}`;
		const siret = siren + nic + luhnCheckDigit(siren + nic);
		const slug = slugify(spec.title);
		const id = uuid7(createdAt);
		companyIds.set(spec.title, { id, createdAt });
		rows.companies.push({
			id,
			slug,
			legalName: spec.legalName,
			title: spec.title,
			description: spec.description,
			siret,
			nafCode: spec.naf,
			sector: spec.sector,
			address: street(city),
			postcode: city.postcode,
			city: city.city,
			country: city.country,
			latitude: jitter(city.latitude, 0.01),
			longitude: jitter(city.longitude, 0.014),
			phone: landline(city),
			fax: spec.fax ? landline(city) : null,
			contactEmail: `contact@${slug}.example.org`,
			website: `https://www.${slug}.example.org`,
			createdById: creator.row.id,
			createdAt,
			updatedAt: createdAt
		});
		const creatorTitle =
			spec.sector === 'Associations'
				? creator.f
					? 'Présidente'
					: 'Président'
				: spec.sector === 'Administration publique'
					? 'Chef du service prévention'
					: spec.creator === 'claire-martin'
						? 'Cofondatrice et gérante'
						: creator.f
							? 'Gérante'
							: 'Gérant';
		rows.memberships.push({ companyId: id, memberId: creator.row.id, role: 'admin', status: 'active', jobTitle: creatorTitle, createdAt, updatedAt: createdAt });
		for (const [handle, role, status, jobTitle] of spec.members) {
			const joinedAt = after(createdAt, member(handle).row.createdAt);
			rows.memberships.push({ companyId: id, memberId: member(handle).row.id, role, status, jobTitle, createdAt: joinedAt, updatedAt: joinedAt });
		}
	}

	// --- follows (one-way, no acceptance) ----------------------------------------------------------
	const follows = new Set<string>();
	const follow = (follower: Built, target: { member?: Built; company?: string }) => {
		const targetId = target.member?.row.id ?? companyIds.get(target.company!)?.id;
		if (!targetId) throw new Error(`demo seed: unknown company ${target.company}`);
		if (targetId === follower.row.id || follows.has(`${follower.row.id}>${targetId}`)) return;
		follows.add(`${follower.row.id}>${targetId}`);
		const createdAt = after(follower.row.createdAt, target.member?.row.createdAt ?? companyIds.get(target.company!)!.createdAt);
		rows.follows.push({
			id: uuid7(createdAt),
			followerId: follower.row.id,
			followedMemberId: target.member?.row.id ?? null,
			followedCompanyId: target.member ? null : targetId,
			createdAt
		});
	};
	for (const spec of DEMO_FOLLOWS) {
		for (const handle of spec.members) follow(member(spec.follower), { member: member(handle) });
		for (const title of spec.companies) follow(member(spec.follower), { company: title });
	}
	const everyone = [...byHandle.values()];
	const demoIds = new Set([member('claire-martin').row.id, member('paul-bernard').row.id]);
	const followable = everyone.filter((m) => m.row.visibleInDirectory && m.category !== 'visitor');
	const companyTitles = COMPANIES.map((c) => c.title);
	for (const m of everyone) {
		if (demoIds.has(m.row.id)) continue;
		// people of the same city or trade first, then anyone
		const near = followable.filter((o) => o.city.city === m.city.city || (m.trade && o.trade === m.trade));
		for (const o of rng.sample(near, rng.int(0, 3))) follow(m, { member: o });
		for (const o of rng.sample(followable, rng.int(1, 4))) follow(m, { member: o });
		for (const title of rng.sample(companyTitles, rng.int(0, 2))) follow(m, { company: title });
		// people of the web trades follow the provider demo login
		if (m.tradeKey && WEB_TRADES.has(m.tradeKey)) follow(m, { member: member('claire-martin') });
	}

	// --- contacts: an accepted request + two rows ---------------------------------------------------
	const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
	const contactPairs = new Set<string>();
	const blocked = new Set([...PENDING_REQUESTS, ...DECLINED_REQUESTS].map(([a, b]) => pairKey(member(a).row.id, member(b).row.id)));
	const contactsOf = new Map<string, Set<string>>();
	const openingLines = [
		'Bonjour, je vous ajoute volontiers à mes contacts.',
		'Bonjour, suite à notre échange, je vous propose de rester en contact.',
		'Nous nous sommes croisés au salon des entrepreneurs, restons en contact !',
		null,
		null
	];
	const connect = (requester: Built, recipient: Built) => {
		const a = requester.row.id;
		const b = recipient.row.id;
		const key = pairKey(a, b);
		if (a === b || contactPairs.has(key) || blocked.has(key)) return false;
		if (!recipient.row.acceptsContactRequests) throw new Error(`demo seed: ${recipient.row.email} does not accept contact requests`);
		contactPairs.add(key);
		const createdAt = after(requester.row.createdAt, recipient.row.createdAt);
		const answeredAt = past(createdAt.getTime() + rng.int(1, 72) * 3_600_000);
		rows.contactRequests.push({ id: uuid7(createdAt), requesterId: a, recipientId: b, message: rng.pick(openingLines), status: 'accepted', createdAt, answeredAt });
		rows.contacts.push({ ownerId: a, otherId: b, createdAt: answeredAt }, { ownerId: b, otherId: a, createdAt: answeredAt });
		for (const [x, y] of [
			[a, b],
			[b, a]
		]) {
			if (!contactsOf.has(x)) contactsOf.set(x, new Set());
			contactsOf.get(x)!.add(y);
		}
		return true;
	};
	for (const [requester, recipient] of DEMO_CONTACTS) connect(member(requester), member(recipient));
	const others = everyone.filter((m) => !demoIds.has(m.row.id));
	const reachable = others.filter((m) => m.row.acceptsContactRequests);
	for (let made = 0, tries = 0; made < 55 && tries < 1000; tries++) {
		const a = rng.pick(others);
		const sameCity = reachable.filter((o) => o.city.city === a.city.city && o !== a);
		const b = sameCity.length && rng.chance(0.5) ? rng.pick(sameCity) : rng.pick(reachable);
		if (connect(a, b)) made++;
	}

	// --- pending and declined requests ---------------------------------------------------------------
	for (const [requester, recipient, message] of PENDING_REQUESTS) {
		const createdAt = past(END - rng.int(1, 20) * DAY + rng.int(0, 86_399) * 1000);
		rows.contactRequests.push({ id: uuid7(createdAt), requesterId: member(requester).row.id, recipientId: member(recipient).row.id, message, status: 'pending', createdAt, answeredAt: null });
	}
	for (const [requester, recipient] of DECLINED_REQUESTS) {
		const createdAt = after(member(requester).row.createdAt, member(recipient).row.createdAt);
		rows.contactRequests.push({
			id: uuid7(createdAt),
			requesterId: member(requester).row.id,
			recipientId: member(recipient).row.id,
			message: null,
			status: 'declined',
			createdAt,
			answeredAt: past(createdAt.getTime() + 2 * DAY)
		});
	}

	// --- contact groups: only the owner's contacts ----------------------------------------------------
	const addGroup = (owner: Built, name: string, memberIds: string[]) => {
		const createdAt = after(owner.row.createdAt);
		const id = uuid7(createdAt);
		rows.groups.push({ id, ownerId: owner.row.id, name, createdAt });
		for (const memberId of memberIds) {
			if (!contactsOf.get(owner.row.id)?.has(memberId)) throw new Error(`demo seed: group "${name}" of ${owner.row.email} holds a non-contact`);
			rows.groupMembers.push({ groupId: id, ownerId: owner.row.id, memberId, addedAt: past(createdAt.getTime() + rng.int(1, 30) * 60_000) });
		}
	};
	for (const [owner, name, handles] of DEMO_GROUPS) addGroup(member(owner), name, handles.map((h) => member(h).row.id));
	const groupNames = ['Clients', 'Partenaires', 'Prospects', 'Réseau local', 'Fournisseurs', 'Recrutement'];
	const owners = others.filter((m) => (contactsOf.get(m.row.id)?.size ?? 0) >= 3);
	for (const owner of rng.sample(owners, 8)) {
		const mine = [...contactsOf.get(owner.row.id)!];
		for (const name of rng.sample(groupNames, rng.int(1, 2))) addGroup(owner, name, rng.sample(mine, rng.int(2, Math.min(4, mine.length))));
	}

	// --- online booking: every listed freelance and a few company members ------------------------------
	const bookable = everyone.filter(
		(m) => m.trade && m.row.visibleInDirectory && (m.category === 'freelance' || BOOKABLE_COMPANY_MEMBERS.includes(slugify(`${m.row.firstName} ${m.row.lastName}`)))
	);
	rows.booking = buildBookingRows(
		bookable.map((m) => ({ id: m.row.id, handle: slugify(`${m.row.firstName} ${m.row.lastName}`), tradeKey: m.tradeKey, timezone: m.row.timezone ?? 'Europe/Paris' })),
		past(END)
	);

	// --- the admin demo login: moderation, not in the directory ----------------------------------------
	const adminJoined = past(START);
	rows.members.push({
		id: uuid7(adminJoined),
		email: ADMIN_EMAIL,
		passwordHash,
		firstName: 'Admin',
		lastName: 'Relais',
		slug: 'admin-relais',
		city: 'Paris',
		postcode: '75002',
		country: 'FR',
		latitude: CITIES.paris2.latitude,
		longitude: CITIES.paris2.longitude,
		locale: 'fr',
		timezone: 'Europe/Paris',
		category: 'visitor',
		status: 'active',
		roles: ['member', 'admin'],
		visibleInDirectory: false,
		acceptsContactRequests: false,
		createdAt: adminJoined,
		updatedAt: adminJoined,
		activatedAt: adminJoined,
		lastLoginAt: null
	});

	return rows;
}

export const ADMIN_EMAIL = 'admin@exemple.fr';

const WEB_TRADES = new Set(['dev_web', 'dev_mobile', 'graphiste', 'community_manager', 'webmaster', 'data_analyst', 'redaction_web']);

/** Fills an EMPTY database with the demo data, in one transaction. */
export async function seedDemo(prisma: PrismaClient, options: { log?: (line: string) => void } = {}): Promise<{ logins: DemoLogin[] }> {
	const log = options.log ?? (() => {});
	const started = performance.now();
	// one Argon2id hash for everybody (see the header)
	// the media (sharp) are drawn while the hash (Argon2id) and the inserts run; rows do not depend on the hash's value
	const rows = buildDemoRows('');
	const media = addDemoMedia(rows);
	media.catch(() => {});
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	for (const m of rows.members) m.passwordHash = passwordHash;
	const calendars = demoCalendarRows(rows.booking.busyCalendars, log);
	await prisma.$transaction(
		async (tx) => {
			await tx.member.createMany({ data: rows.members });
			await tx.profile.createMany({ data: rows.profiles });
			await tx.skill.createMany({ data: rows.skills });
			await tx.memberSkill.createMany({ data: rows.memberSkills });
			await tx.certification.createMany({ data: rows.certifications });
			await tx.mission.createMany({ data: rows.missions });
			await tx.experience.createMany({ data: rows.experiences });
			await tx.education.createMany({ data: rows.educations });
			await tx.memberLanguage.createMany({ data: rows.languages });
			await tx.company.createMany({ data: rows.companies });
			await tx.companyMembership.createMany({ data: rows.memberships });
			await tx.follow.createMany({ data: rows.follows });
			await tx.contactRequest.createMany({ data: rows.contactRequests });
			await tx.contact.createMany({ data: rows.contacts });
			await tx.contactGroup.createMany({ data: rows.groups });
			await tx.contactGroupMember.createMany({ data: rows.groupMembers });
			await tx.availabilitySchedule.createMany({ data: rows.booking.schedules });
			await tx.workingHours.createMany({ data: rows.booking.workingHours });
			await tx.appointmentType.createMany({ data: rows.booking.appointmentTypes });
			await tx.calendarConnection.createMany({ data: calendars });
		},
		{ maxWait: 10_000, timeout: 60_000 }
	);
	// the school's students and alumni with their entry questionnaires (statistics.ts), indexed with everyone below
	const school = await seedStatistics(prisma, { passwordHash });
	const [{ photos, documents }] = await Promise.all([media, refreshAllMemberSearch(prisma)]);
	await prisma.$transaction([
		prisma.$executeRaw`UPDATE "Member" m SET "photoPath" = v.name FROM unnest(${[...photos.keys()]}::uuid[], ${[...photos.values()]}::text[]) AS v(id, name) WHERE m.id = v.id`,
		prisma.profileDocument.createMany({ data: documents })
	]);
	await seedDemoNotifications(prisma, DEMO_LOGINS.map((l) => l.email));
	// administration: pre-registered members, invitations and reminders, a sign-up to moderate (prisma/seed/admin.ts)
	const adminStarted = performance.now();
	const administration = await seedDemoAdmin(prisma, passwordHash);
	log(`administration demo: ${administration.preRegistered} pre-registered members, ${administration.invitations} invitations (${Math.round(performance.now() - adminStarted)} ms)`);
	// job board: offers in every state, applications, weekly alerts (prisma/seed/careers.ts)
	const careers = await seedDemoCareers(prisma);
	log(`demo job board: ${careers.offers} offers, ${careers.applications} applications`);
	// the published offers enter their authors' followers' home feeds, as a live one does
	await fanOutAll(prisma);
	const publicationsStarted = performance.now();
	const publications = await seedDemoPublications(prisma);
	log(`demo data: ${publications} publications (news and ads, public and private, ${Math.round(performance.now() - publicationsStarted)} ms)`);
	await seedDemoEvents(prisma);
	// mentoring and blog (prisma/seed/mentoring.ts, prisma/seed/blog.ts): after the seeds that set promotions,
	// so that the mentors keep theirs
	const mentoring = await seedDemoMentoring(prisma);
	const articles = await seedDemoBlog(prisma);
	log(`demo mentoring: ${mentoring.mentors} mentors, ${mentoring.mentorships} requests and mentorships; demo blog: ${articles} articles`);
	// their graduate surveys (surveys.ts)
	const surveys = await seedSurveys(prisma, school);
	log(`demo school: ${school.length} students and alumni, ${surveys.graduates} graduates surveyed (${surveys.responses} survey answers)`);
	// the community's own alumni (the admin and events seeds gave them promotions) answered the entry
	// questionnaire long ago: a demo login is not stopped at /enquete (the school's members keep their 85 %)
	const schoolIds = school.map((m) => m.id);
	await prisma.$executeRaw`
		INSERT INTO "SurveyResponse"(id, "memberId", wave, promotion, satisfaction, situation, "inTargetedJob", "answeredAt")
		SELECT gen_random_uuid(), m.id, 'entry', m.promotion, 4, 'employed', true, now() - interval '200 days'
		  FROM "Member" m
		 WHERE 'alumni' = ANY(m.roles) AND NOT (m.id = ANY(${schoolIds}::uuid[]))
		   AND NOT EXISTS (SELECT 1 FROM "SurveyResponse" r WHERE r."memberId" = m.id AND r.wave = 'entry')`;
	log(
		`demo data: ${rows.members.length} members, ${rows.companies.length} companies, ${rows.skills.length} skills, ` +
			`${rows.follows.length} follows, ${rows.contacts.length / 2} contacts, ${rows.groups.length} contact groups, ` +
			`${rows.booking.schedules.length} providers taking online bookings (${calendars.length} with a busy calendar), ${documents.length} gallery images and PDFs ` +
			`(${Math.round(performance.now() - started)} ms)`
	);
	return { logins: DEMO_LOGINS.map((l) => ({ ...l })) };
}

// ---------------------------------------------------------------------------------------------
// media and calendars (files and encryption: done by seedDemo, outside the pure row builder)

/** Providers whose profile shows a gallery (their trade's missions) and a PDF brochure. */
const SHOWCASE = ['claire.martin@exemple.fr', 'benoit.lambert@exemple.fr', 'amelie.dubois@exemple.fr', 'mathieu.girard@exemple.fr', 'helene.roux@exemple.fr', 'thomas.blanc@exemple.fr'];

/**
 * A photo for every provider taking bookings (member id → stored name) and, for the showcase
 * providers, three gallery images and a PDF (ProfileDocument rows). Files go through
 * the upload store, so the context (UPLOADS_DIR) must be set.
 */
async function addDemoMedia(rows: SeedRows): Promise<{ photos: Map<string, string>; documents: Prisma.ProfileDocumentCreateManyInput[] }> {
	const bookable = new Set(rows.booking.schedules.map((s) => s.providerId));
	const personOf = new Map(PEOPLE.map(([first, last, sex, , , trade]) => [`${slugify(first)}.${slugify(last)}@exemple.fr`, { trade: trade ? TRADES[trade] : null, f: sex === 'f' }]));
	const documents: Prisma.ProfileDocumentCreateManyInput[] = [];
	const photos = new Map<string, string>();
	await Promise.all(
		rows.members.map(async (m, index) => {
			if (!bookable.has(m.id)) return;
			photos.set(m.id, (await demoPhoto(m.firstName, m.lastName, index)).storedName);
			const { trade, f } = personOf.get(m.email) ?? { trade: null, f: false };
			if (!SHOWCASE.includes(m.email) || !trade) return;
			const createdAt = m.createdAt;
			const captions = [...trade.missions.map((mission) => mission.title), `${m.firstName} ${m.lastName} — ${trade.title[f ? 1 : 0]}`].slice(0, 3);
			await Promise.all(
				captions.map(async (title, position) => {
					const image = await demoGalleryImage(title, index + position + 1);
					documents.push({ memberId: m.id, kind: 'gallery_image', title, mimeType: 'image/webp', position, createdAt, ...image });
				})
			);
			const pdfTitle = `Plaquette de présentation — ${m.firstName} ${m.lastName}`;
			const pdf = await demoPdf(pdfTitle, [
				trade.headline(f, m.city ?? ''),
				'',
				...trade.missions.map((mission) => `- ${mission.title} (${mission.client})`),
				'',
				'Premier échange en visioconférence, gratuit et sans engagement : réservez en ligne sur Relais.'
			]);
			documents.push({ memberId: m.id, kind: 'pdf_document', title: pdfTitle, mimeType: 'application/pdf', position: 0, createdAt, ...pdf });
		})
	);
	// Promise.all finishes in any order: keep the rows (and so the ids' order) stable
	documents.sort((a, b) => `${a.memberId}${a.kind}${a.position}`.localeCompare(`${b.memberId}${b.kind}${b.position}`));
	return { photos, documents };
}

/** The demo iCal feed of these providers, its URL encrypted like any feed URL. */
function demoCalendarRows(providerIds: string[], log: (line: string) => void): Prisma.CalendarConnectionCreateManyInput[] {
	let secretEnc: string;
	try {
		secretEnc = encryptSecret(DEMO_AGENDA_URL);
	} catch (error) {
		// production without CALENDAR_ENCRYPTION_KEY: the demo goes on without busy calendars
		log(`demo data: no demo calendars (${error instanceof Error ? error.message : String(error)})`);
		return [];
	}
	return providerIds.map((providerId) => ({ providerId, kind: 'ical', label: 'Agenda personnel (démo)', secretEnc, status: 'ok' }));
}

// ---------------------------------------------------------------------------------------------
// Claire Martin, the provider demo login: a complete profile.

const CLAIRE = {
	headline: 'Développeuse web full-stack & UX designer à Lyon — SvelteKit, TypeScript, accessibilité',
	bio: [
		"Développeuse web depuis plus de dix ans, je conçois des applications web utiles, rapides et accessibles pour les PME, les associations et les collectivités.",
		"Après sept ans en agence et chez un logisticien, je me suis installée à mon compte en 2019 à Lyon. J'interviens sur tout le cycle : ateliers avec les utilisateurs, maquettes sous Figma, développement SvelteKit / Node.js / PostgreSQL, mise en production et maintenance.",
		"Auditrice RGAA, je rends les interfaces utilisables par toutes et tous. Je suis aussi cofondatrice de la Coopérative Numérique du Rhône, qui réunit des indépendants du numérique de la région.",
		'Premier échange en visioconférence, sans engagement.'
	].join('\n\n'),
	skills: ['Développement web', 'TypeScript', 'Svelte', 'Node.js', 'PostgreSQL', 'UX design', 'Accessibilité numérique', 'Figma'],
	certifications: [
		{ name: 'Certification Opquast — Maîtrise de la qualité en projet web', issuer: 'Opquast', year: 2018 },
		{ name: 'Professional Scrum Master I', issuer: 'Scrum.org', year: 2020 },
		{ name: 'Auditrice accessibilité RGAA 4', issuer: 'Access42', year: 2022 }
	],
	missions: [
		{ title: "Refonte de l'extranet adhérents", client: 'Fédération régionale du bâtiment', description: "Migration d'une application PHP vers SvelteKit et PostgreSQL, reprise de 12 000 comptes, mise en conformité RGAA.", year: 2025 },
		{ title: 'Portail de réservation de salles', client: 'Métropole de Lyon (marché public)', description: 'Réservation en ligne de 40 salles municipales, paiement et synchronisation avec les agendas des services.', year: 2024 },
		{ title: "Application de suivi d'interventions", client: 'Plomberie Garnier & Fils', description: 'Application web installable pour les techniciens : bons d’intervention, photos, signature du client.', year: 2023 },
		{ title: 'Audit et plan d’accessibilité', client: 'Association régionale d’aide à domicile', description: 'Audit RGAA de 20 pages et accompagnement de l’équipe sur six mois.', year: 2022 }
	],
	experiences: [
		{ title: 'Développeuse web freelance', companyName: 'Claire Martin EI', location: 'Lyon', startedOn: [2019, 3, 1], endedOn: null, description: 'Applications web sur mesure, audits d’accessibilité, accompagnement produit.' },
		{ title: 'Lead développeuse front-end', companyName: 'Agence Web Horizon', location: 'Lyon', startedOn: [2015, 9, 1], endedOn: [2019, 2, 1], description: 'Équipe de quatre développeurs, sites e-commerce et design system.' },
		{ title: 'Développeuse web', companyName: 'Logistique Express SAS', location: 'Villeurbanne', startedOn: [2012, 9, 1], endedOn: [2015, 8, 1], description: 'API de suivi de colis et outils internes.' }
	] as { title: string; companyName: string; location: string; startedOn: [number, number, number]; endedOn: [number, number, number] | null; description: string }[],
	education: [
		{ school: 'INSA Lyon', diploma: "Diplôme d'ingénieur Informatique", promoYear: 2012 },
		{ school: 'Université Claude Bernard Lyon 1', diploma: 'Licence Informatique', promoYear: 2009 }
	],
	languages: [
		['en', 'C1'],
		['es', 'B1']
	] as [string, string][]
};
