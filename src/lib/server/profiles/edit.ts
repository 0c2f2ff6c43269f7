import { context } from '../context.ts';
import { conflict, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { memberSearchStale } from '../members/search-sync.ts';
import { requireMember, type Actor } from './access.ts';
import {
	basicsInput,
	certificationInput,
	educationInput,
	experienceInput,
	idInput,
	languageCodeInput,
	languageInput,
	missionInput,
	skillIdInput,
	skillsInput
} from './inputs.ts';
import { cleanSkillLabel, skillKey } from './skills.ts';

/**
 * The owner edits their own profile. Every mutation names its row by id AND by the acting member
 * (`where: { id, memberId }`): an id belonging to someone else matches nothing and answers
 * `not_found`, without telling whether it exists.
 */

async function stale(memberId: string) {
	await memberSearchStale([memberId]);
}

/** Headline, bio, address, postcode, city and phone. */
export async function updateProfileBasics(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const input = parseInput(basicsInput, raw);
	const { db } = context();
	await db.$transaction([
		db.member.update({
			where: { id: memberId },
			data: { address: input.address ?? null, postcode: input.postcode ?? null, city: input.city ?? null, phone: input.phone ?? null }
		}),
		db.profile.upsert({
			where: { memberId },
			create: { memberId, headline: input.headline ?? null, bio: input.bio ?? null },
			update: { headline: input.headline ?? null, bio: input.bio ?? null }
		})
	]);
	await stale(memberId);
}

// --- skills --------------------------------------------------------------------------------------

/** Adds one or several skills (comma-separated); skills the member already has are skipped. */
export async function addSkills(actor: Actor, raw: unknown): Promise<{ added: number }> {
	const memberId = requireMember(actor);
	const { labels } = parseInput(skillsInput, raw);
	const { db } = context();
	const wanted = new Map<string, string>();
	for (const label of labels) {
		const key = skillKey(label);
		if (key && !wanted.has(key)) wanted.set(key, cleanSkillLabel(label));
	}
	const added = await db.$transaction(async (tx) => {
		// the first writer of a skill chooses its label; later ones reuse the row
		await tx.skill.createMany({ data: [...wanted].map(([key, label]) => ({ key, label })), skipDuplicates: true });
		const skills = await tx.skill.findMany({ where: { key: { in: [...wanted.keys()] } }, select: { id: true } });
		const last = await tx.memberSkill.aggregate({ where: { memberId }, _max: { position: true } });
		let position = (last._max.position ?? -1) + 1;
		const { count } = await tx.memberSkill.createMany({
			data: skills.map((s) => ({ memberId, skillId: s.id, position: position++ })),
			skipDuplicates: true
		});
		return count;
	});
	if (added === 0) throw conflict('profiles.error.skill_exists', { labels: 'profiles.error.skill_exists' });
	await stale(memberId);
	return { added };
}

export async function removeSkill(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { skillId } = parseInput(skillIdInput, raw);
	const { count } = await context().db.memberSkill.deleteMany({ where: { memberId, skillId } });
	if (count === 0) throw notFound();
	await stale(memberId);
}

// --- certifications, missions, experiences, education ---------------------------------------------

export const PROFILE_ITEM_KINDS = ['certification', 'mission', 'experience', 'education'] as const;
export type ProfileItemKind = (typeof PROFILE_ITEM_KINDS)[number];

function nextPosition(kind: 'certification' | 'mission', memberId: string) {
	const { db } = context();
	const where = { where: { memberId }, _max: { position: true as const } };
	return (kind === 'certification' ? db.certification.aggregate(where) : db.mission.aggregate(where)).then((r) => (r._max.position ?? -1) + 1);
}

/** Creates one item of `kind` for the acting member; returns its id. */
export async function addProfileItem(actor: Actor, kind: ProfileItemKind, raw: unknown): Promise<{ id: string }> {
	const memberId = requireMember(actor);
	const { db } = context();
	let created: { id: string };
	switch (kind) {
		case 'certification': {
			const i = parseInput(certificationInput, raw);
			created = await db.certification.create({
				data: { memberId, name: i.name, issuer: i.issuer ?? null, obtainedOn: i.obtainedOn ?? null, position: await nextPosition(kind, memberId) },
				select: { id: true }
			});
			break;
		}
		case 'mission': {
			const i = parseInput(missionInput, raw);
			created = await db.mission.create({
				data: { memberId, title: i.title, client: i.client ?? null, description: i.description ?? null, year: i.year ?? null, position: await nextPosition(kind, memberId) },
				select: { id: true }
			});
			break;
		}
		case 'experience': {
			const i = parseInput(experienceInput, raw);
			created = await db.experience.create({
				data: { memberId, title: i.title, companyName: i.companyName, location: i.location ?? null, startedOn: i.startedOn, endedOn: i.endedOn ?? null, description: i.description ?? null },
				select: { id: true }
			});
			break;
		}
		case 'education': {
			const i = parseInput(educationInput, raw);
			created = await db.education.create({ data: { memberId, school: i.school, diploma: i.diploma, promoYear: i.promoYear ?? null }, select: { id: true } });
			break;
		}
	}
	await stale(memberId);
	return created;
}

/** Rewrites one item, only if it belongs to the acting member. */
export async function updateProfileItem(actor: Actor, kind: ProfileItemKind, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { id } = parseInput(idInput, raw);
	const { db } = context();
	const where = { id, memberId };
	let count: number;
	switch (kind) {
		case 'certification': {
			const i = parseInput(certificationInput, raw);
			({ count } = await db.certification.updateMany({ where, data: { name: i.name, issuer: i.issuer ?? null, obtainedOn: i.obtainedOn ?? null } }));
			break;
		}
		case 'mission': {
			const i = parseInput(missionInput, raw);
			({ count } = await db.mission.updateMany({ where, data: { title: i.title, client: i.client ?? null, description: i.description ?? null, year: i.year ?? null } }));
			break;
		}
		case 'experience': {
			const i = parseInput(experienceInput, raw);
			({ count } = await db.experience.updateMany({
				where,
				data: { title: i.title, companyName: i.companyName, location: i.location ?? null, startedOn: i.startedOn, endedOn: i.endedOn ?? null, description: i.description ?? null }
			}));
			break;
		}
		case 'education': {
			const i = parseInput(educationInput, raw);
			({ count } = await db.education.updateMany({ where, data: { school: i.school, diploma: i.diploma, promoYear: i.promoYear ?? null } }));
			break;
		}
	}
	if (count === 0) throw notFound();
	await stale(memberId);
}

/** Deletes one item, only if it belongs to the acting member. */
export async function deleteProfileItem(actor: Actor, kind: ProfileItemKind, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { id } = parseInput(idInput, raw);
	const { db } = context();
	const where = { id, memberId };
	const { count } =
		kind === 'certification'
			? await db.certification.deleteMany({ where })
			: kind === 'mission'
				? await db.mission.deleteMany({ where })
				: kind === 'experience'
					? await db.experience.deleteMany({ where })
					: await db.education.deleteMany({ where });
	if (count === 0) throw notFound();
	await stale(memberId);
}

// --- languages ----------------------------------------------------------------------------------

/** Adds a language or changes its level (one row per ISO 639-1 code). */
export async function setLanguage(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { code, level } = parseInput(languageInput, raw);
	await context().db.memberLanguage.upsert({ where: { memberId_code: { memberId, code } }, create: { memberId, code, level }, update: { level } });
	await stale(memberId);
}

export async function removeLanguage(actor: Actor, raw: unknown): Promise<void> {
	const memberId = requireMember(actor);
	const { code } = parseInput(languageCodeInput, raw);
	const { count } = await context().db.memberLanguage.deleteMany({ where: { memberId, code } });
	if (count === 0) throw notFound();
	await stale(memberId);
}
