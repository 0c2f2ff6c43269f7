import { z } from 'zod';
import { context } from '../context.ts';
import { notFound } from '../errors.ts';
import { requirePermission, requireMember, type ActorRef } from '../access/index.ts';
import { checkbox, optionalText, parseInput } from '../validation.ts';
import { mediaUrl } from '../uploads/index.ts';
import { resolvePlace } from '../directory/places.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/**
 * Mentors (Datalumni part 2): a member opts in from their settings ("Je souhaite activer le
 * mentorat sur mon compte") with the topics they mentor on, how many mentees they take at once,
 * and the company and sector they work in; the mentoring tab lists the active mentors with
 * filters (promotion, diploma/programme, company, sector, skills, place).
 */
export const CAPACITY_MAX = 10;
export const TOPICS_MAX = 12;

export interface MentorSettings {
	active: boolean;
	topics: string[];
	capacity: number;
	company: string;
	sector: string;
	/** running mentorships as mentor */
	mentees: number;
}

export async function mentorSettings(actor: ActorRef): Promise<MentorSettings> {
	const me = requireMember(await requirePermission(actor, 'mentoring.use'));
	const { db } = context();
	const [row, mentees] = await Promise.all([
		db.mentorProfile.findUnique({ where: { memberId: me } }),
		db.mentorship.count({ where: { mentorId: me, status: 'accepted' } })
	]);
	return { active: row?.active ?? false, topics: row?.topics ?? [], capacity: row?.capacity ?? 2, company: row?.company ?? '', sector: row?.sector ?? '', mentees };
}

const settingsInput = z.object({
	active: checkbox,
	topics: z.preprocess(
		(v) => (typeof v === 'string' ? v.split(/[,;\n]/).map((t) => t.trim()).filter(Boolean) : v),
		z.array(z.string().max(60, { error: 'mentoring.error.topic_too_long' })).max(TOPICS_MAX, { error: 'mentoring.error.topics_too_many' })
	),
	capacity: z.coerce.number({ error: 'mentoring.error.capacity' }).int({ error: 'mentoring.error.capacity' }).min(1, { error: 'mentoring.error.capacity' }).max(CAPACITY_MAX, { error: 'mentoring.error.capacity' }),
	company: optionalText(120),
	sector: optionalText(120)
});

export async function saveMentorSettings(actor: ActorRef, raw: unknown): Promise<MentorSettings> {
	const me = requireMember(await requirePermission(actor, 'mentoring.use'));
	const input = parseInput(settingsInput, raw);
	const topics = [...new Map(input.topics.map((t) => [t.toLowerCase(), t])).values()];
	const data = { active: input.active, topics, capacity: input.capacity, company: input.company ?? null, sector: input.sector ?? null };
	await context().db.mentorProfile.upsert({ where: { memberId: me }, create: { memberId: me, ...data }, update: data });
	return mentorSettings(actor);
}

export interface MentorFilters {
	q?: string;
	promotion?: number;
	programme?: string;
	company?: string;
	sector?: string;
	skill?: string;
	place?: string;
}

export const filtersInput = z.object({
	q: optionalText(100),
	promotion: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number().int().min(1950).max(2100).optional()).catch(undefined),
	programme: optionalText(100),
	company: optionalText(100),
	sector: optionalText(100),
	skill: optionalText(60),
	place: optionalText(100)
});

export interface MentorCard {
	memberId: string;
	slug: string;
	name: string;
	photoUrl: string | null;
	headline: string | null;
	promotion: number | null;
	programme: string | null;
	campus: string | null;
	city: string | null;
	company: string | null;
	sector: string | null;
	topics: string[];
	skills: string[];
	capacity: number;
	/** places left (capacity minus running mentorships) */
	available: number;
}

const mentorSelect = {
	memberId: true,
	topics: true,
	capacity: true,
	company: true,
	sector: true,
	member: {
		select: {
			slug: true,
			firstName: true,
			lastName: true,
			photoPath: true,
			promotion: true,
			programme: true,
			campus: true,
			city: true,
			profile: { select: { headline: true } },
			skills: { select: { skill: { select: { label: true } } }, orderBy: { position: 'asc' }, take: 8 },
			_count: { select: { mentorshipsAsMentor: { where: { status: 'accepted' } } } }
		}
	}
} as const satisfies Prisma.MentorProfileSelect;
type MentorRow = Prisma.MentorProfileGetPayload<{ select: typeof mentorSelect }>;

function toCard(row: MentorRow): MentorCard {
	const m = row.member;
	return {
		memberId: row.memberId,
		slug: m.slug,
		name: `${m.firstName} ${m.lastName}`,
		photoUrl: mediaUrl(m.photoPath),
		headline: m.profile?.headline ?? null,
		promotion: m.promotion,
		programme: m.programme,
		campus: m.campus,
		city: m.city,
		company: row.company,
		sector: row.sector,
		topics: row.topics,
		skills: m.skills.map((s) => s.skill.label),
		capacity: row.capacity,
		available: Math.max(0, row.capacity - m._count.mentorshipsAsMentor)
	};
}

const contains = (value: string) => ({ contains: value, mode: 'insensitive' as const });

function placeWhere(text: string): Prisma.MemberWhereInput {
	const place = resolvePlace(text);
	if (place?.kind === 'postcode') return { postcode: place.label.slice(0, 5) };
	if (place?.kind === 'departement' && place.departement) return { postcode: { startsWith: place.departement } };
	if (place?.kind === 'commune') return { city: contains(place.label.replace(/\s*\([^)]*\)$/, '')) };
	return { city: contains(text) };
}

/** The mentoring tab's search: active mentors (the actor excluded), the most available first. */
export async function searchMentors(actor: ActorRef, raw: unknown): Promise<{ mentors: MentorCard[]; filters: MentorFilters; promotions: number[]; programmes: string[]; sectors: string[] }> {
	const me = requireMember(await requirePermission(actor, 'mentoring.use'));
	const filters = parseInput(filtersInput, raw ?? {}) as MentorFilters;
	const member: Prisma.MemberWhereInput[] = [{ status: 'active' }, { id: { not: me } }];
	if (filters.promotion) member.push({ promotion: filters.promotion });
	if (filters.programme) member.push({ programme: contains(filters.programme) });
	if (filters.skill) member.push({ skills: { some: { skill: { label: contains(filters.skill) } } } });
	if (filters.place) member.push(placeWhere(filters.place));
	const and: Prisma.MentorProfileWhereInput[] = [{ active: true }, { member: { AND: member } }];
	if (filters.company) and.push({ company: contains(filters.company) });
	if (filters.sector) and.push({ sector: contains(filters.sector) });
	if (filters.q) {
		const words = filters.q.split(/\s+/).filter(Boolean).slice(0, 5);
		for (const w of words) {
			and.push({
				OR: [
					{ member: { firstName: contains(w) } },
					{ member: { lastName: contains(w) } },
					{ member: { profile: { headline: contains(w) } } },
					{ topics: { has: w } },
					{ company: contains(w) },
					{ sector: contains(w) }
				]
			});
		}
	}
	const { db } = context();
	const [rows, facets] = await Promise.all([
		db.mentorProfile.findMany({ where: { AND: and }, select: mentorSelect, orderBy: [{ member: { lastName: 'asc' } }, { member: { firstName: 'asc' } }], take: 100 }),
		db.mentorProfile.findMany({ where: { active: true, member: { status: 'active' } }, select: { sector: true, member: { select: { promotion: true, programme: true } } } })
	]);
	const cards = rows.map(toCard).sort((a, b) => Number(b.available > 0) - Number(a.available > 0));
	const uniq = <T>(values: (T | null)[]) => [...new Set(values.filter((v): v is T => v !== null && v !== ''))];
	return {
		mentors: cards,
		filters,
		promotions: uniq(facets.map((f) => f.member.promotion)).sort((a, b) => b - a),
		programmes: uniq(facets.map((f) => f.member.programme)).sort(),
		sectors: uniq(facets.map((f) => f.sector)).sort()
	};
}

/** One mentor's card (the request page), or not found when they are not an active mentor. */
export async function mentorBySlug(actor: ActorRef, slug: string): Promise<MentorCard & { self: boolean }> {
	const me = requireMember(await requirePermission(actor, 'mentoring.use'));
	const row = await context().db.mentorProfile.findFirst({ where: { active: true, member: { slug, status: 'active' } }, select: mentorSelect });
	if (!row) throw notFound('mentoring.error.mentor_not_found');
	return { ...toCard(row), self: row.memberId === me };
}
