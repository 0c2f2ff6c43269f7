import { context } from '../context.ts';
import { PROVIDER_CATEGORIES } from '../../categories.ts';
import type { Actor } from '../auth/accounts.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { z } from 'zod';
import { parseInput } from '../validation.ts';

export const directoryQuery = z.object({
	q: z.string().trim().max(200, { error: 'error.too_long' }).default(''),
	where: z.string().trim().max(100, { error: 'error.too_long' }).default(''),
	page: z.coerce.number().int().min(1).max(1000).catch(1)
});

const PAGE_SIZE = 20;

/**
 * The directory's first floor: active members who chose to appear; visitors only see providers
 * (ECE: no member search without logging in). Simple matching for now — ranked French full-text
 * search, filters and geolocation come with the Directory issue.
 */
export async function searchDirectory(actor: Actor, raw: unknown) {
	const query = parseInput(directoryQuery, raw);
	const { db } = context();
	const and: Prisma.MemberWhereInput[] = [{ status: 'active', visibleInDirectory: true }];
	if (!actor) and.push({ category: { in: [...PROVIDER_CATEGORIES] } });
	for (const word of query.q.split(/\s+/).filter(Boolean).slice(0, 6)) {
		and.push({
			OR: [
				{ firstName: { contains: word, mode: 'insensitive' } },
				{ lastName: { contains: word, mode: 'insensitive' } },
				{ profile: { headline: { contains: word, mode: 'insensitive' } } },
				{ skills: { some: { skill: { label: { contains: word, mode: 'insensitive' } } } } }
			]
		});
	}
	if (query.where) {
		and.push({ OR: [{ city: { contains: query.where, mode: 'insensitive' } }, { postcode: { startsWith: query.where } }] });
	}
	const where: Prisma.MemberWhereInput = { AND: and };
	const [total, members] = await Promise.all([
		db.member.count({ where }),
		db.member.findMany({
			where,
			orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
			skip: (query.page - 1) * PAGE_SIZE,
			take: PAGE_SIZE,
			select: {
				slug: true,
				firstName: true,
				lastName: true,
				category: true,
				city: true,
				profile: { select: { headline: true } },
				skills: { select: { skill: { select: { label: true } } }, orderBy: { position: 'asc' }, take: 5 }
			}
		})
	]);
	return {
		query,
		total,
		pageSize: PAGE_SIZE,
		results: members.map((m) => ({
			slug: m.slug,
			name: `${m.firstName} ${m.lastName}`.trim(),
			category: m.category,
			city: m.city,
			headline: m.profile?.headline ?? null,
			skills: m.skills.map((s) => s.skill.label)
		}))
	};
}
