import { z } from 'zod';
import { Prisma } from '../generated/prisma/client.ts';
import { parseInput } from '../validation.ts';
import { CATEGORIES } from '../../categories.ts';

export const SEGMENT_ROLES = ['student', 'alumni', 'teacher', 'recruiter', 'admin', 'moderator', 'buyer', 'cooperative'] as const;

const optionalChoice = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** A segment of members ("étudiants en éco-gestion de la promo 2006"): every filter optional, combined with AND. */
export const segmentInput = z.object({
	role: optionalChoice(z.enum(SEGMENT_ROLES, { error: 'stats.error.bad_filter' })),
	promotion: optionalChoice(z.coerce.number({ error: 'stats.error.bad_filter' }).int({ error: 'stats.error.bad_filter' }).min(1900, { error: 'stats.error.bad_filter' }).max(2200, { error: 'stats.error.bad_filter' })),
	programme: optionalChoice(z.string().max(200, { error: 'stats.error.bad_filter' })),
	campus: optionalChoice(z.string().max(200, { error: 'stats.error.bad_filter' })),
	category: optionalChoice(z.enum(CATEGORIES, { error: 'stats.error.bad_filter' }))
});
export type Segment = z.infer<typeof segmentInput>;

export function parseSegment(raw: unknown): Segment {
	return parseInput(segmentInput, raw);
}

/**
 * SQL condition on `m` (Member) for a segment. Deactivated accounts are left out of every figure;
 * pre-registered (never activated) members count: they are part of the school's population.
 */
export function segmentWhere(segment: Segment): Prisma.Sql {
	const conditions: Prisma.Sql[] = [Prisma.sql`m.status <> 'deactivated'`];
	if (segment.role) conditions.push(Prisma.sql`${segment.role}::"MemberRole" = ANY (m.roles)`);
	if (segment.promotion !== undefined) conditions.push(Prisma.sql`m.promotion = ${segment.promotion}`);
	if (segment.programme) conditions.push(Prisma.sql`m.programme = ${segment.programme}`);
	if (segment.campus) conditions.push(Prisma.sql`m.campus = ${segment.campus}`);
	if (segment.category) conditions.push(Prisma.sql`m.category = ${segment.category}::"MemberCategory"`);
	return Prisma.join(conditions, ' AND ');
}

/** The segment as URL parameters (links to the export keep the filters). */
export function segmentQuery(segment: Segment): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(segment)) if (value !== undefined && value !== '') params.set(key, String(value));
	const text = params.toString();
	return text ? `?${text}` : '';
}
