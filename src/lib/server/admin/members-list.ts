import { z } from 'zod';
import { context } from '../context.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { MemberRole } from '../generated/prisma/enums.ts';
import { requirePermission, type ActorRef } from '../access/index.ts';
import { containsPattern, searchWords } from '../directory/text.ts';

/**
 * The CRM list (Datalumni: the directory's "mode de vue Liste" for administrators): every member,
 * pre-registered and deactivated ones included, with combinable filters, a French keyword search
 * (accents and case folded, the directory's text rules), sortable columns, the columns each
 * administrator chose (kept in the database) and server-side pagination — 10 000 members are
 * never sent to a browser at once.
 */

/** The status dot: active (green), pending = "non inscrit" (grey, pre-registered, no password), awaiting (signed up, activation link not opened), deactivated. */
export const LIST_STATES = ['active', 'pending', 'awaiting', 'deactivated'] as const;
export type ListState = (typeof LIST_STATES)[number];

export function stateOf(m: { status: string; passwordHash?: string | null; hasPassword?: boolean }): ListState {
	if (m.status === 'active') return 'active';
	if (m.status === 'deactivated') return 'deactivated';
	return (m.hasPassword ?? !!m.passwordHash) ? 'awaiting' : 'pending';
}

export const LIST_COLUMNS = ['email', 'status', 'roles', 'promotion', 'programme', 'campus', 'city', 'company', 'externalRef', 'lastLogin', 'created', 'invited'] as const;
export type ListColumn = (typeof LIST_COLUMNS)[number];
export const DEFAULT_COLUMNS: ListColumn[] = ['email', 'status', 'roles', 'promotion', 'programme', 'campus', 'lastLogin'];
export const SORTS = ['name', 'email', 'promotion', 'programme', 'campus', 'city', 'lastLogin', 'created', 'status'] as const;
export const PAGE_SIZES = [25, 50, 100] as const;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optStr = (max: number) => z.preprocess(blank, z.string().trim().max(max).optional());
const optInt = (min: number, max: number) => z.preprocess(blank, z.coerce.number().int().min(min).max(max).optional());
const optDate = z.preprocess(blank, z.iso.date().optional());
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]), z.array(item).max(20));

export const listQuery = z.object({
	q: optStr(200),
	roles: list(z.enum(['member', 'admin', 'student', 'alumni', 'teacher', 'recruiter', 'moderator', 'buyer', 'cooperative'])),
	status: list(z.enum(LIST_STATES)),
	promotion: optInt(1900, 2100),
	programme: optStr(120),
	campus: optStr(120),
	city: optStr(120),
	company: optStr(120),
	sector: optStr(120),
	inactiveDays: optInt(1, 3650),
	loginAfter: optDate,
	loginBefore: optDate,
	sort: z.preprocess(blank, z.enum(SORTS).default('name')),
	dir: z.preprocess(blank, z.enum(['asc', 'desc']).default('asc')),
	page: z.preprocess(blank, z.coerce.number().int().min(1).max(10_000).default(1)),
	size: z.preprocess(blank, z.coerce.number().pipe(z.union(PAGE_SIZES.map((s) => z.literal(s)) as [z.ZodLiteral<25>, z.ZodLiteral<50>, z.ZodLiteral<100>])).default(50)),
	// hooks registered by other administration domains (e.g. "survey answered"), as `f_<name>`
	extra: z.record(z.string(), z.string().max(100)).default({})
});
export type ListQuery = z.infer<typeof listQuery>;

/** A filter another domain adds to the list (surveys: "survey answered"): its name, and the members it keeps. */
export type ExtraFilter = (value: string) => Prisma.MemberWhereInput | Promise<Prisma.MemberWhereInput>;
const extraFilters = new Map<string, ExtraFilter>();
export function registerMemberListFilter(name: string, filter: ExtraFilter): void {
	extraFilters.set(name, filter);
}
export function memberListFilterNames(): string[] {
	return [...extraFilters.keys()];
}

/** URL query (search params) → the list query; unknown or malformed values fall back to their defaults, never a 500. */
export function parseListQuery(params: URLSearchParams | Record<string, string | string[]>): ListQuery {
	const get = (k: string) => (params instanceof URLSearchParams ? params.getAll(k) : ([] as string[]).concat(params[k] ?? []));
	const raw: Record<string, unknown> = {};
	for (const key of Object.keys(listQuery.shape)) {
		if (key === 'extra') continue;
		const values = get(key);
		raw[key] = key === 'roles' || key === 'status' ? values : values[0];
	}
	const extra: Record<string, string> = {};
	for (const name of extraFilters.keys()) {
		const v = get(`f_${name}`)[0];
		if (v) extra[name] = v;
	}
	raw.extra = extra;
	const parsed = listQuery.safeParse(raw);
	if (parsed.success) return parsed.data;
	// drop the offending fields one by one
	for (const issue of parsed.error.issues) delete raw[String(issue.path[0])];
	return listQuery.parse(raw);
}

const DAY = 86_400_000;

/** The Prisma filter of a list query (shared by the list, "all matching rows" bulk actions and the exports). */
export async function listWhere(query: ListQuery, now = new Date()): Promise<Prisma.MemberWhereInput> {
	const and: Prisma.MemberWhereInput[] = [];
	if (query.roles.length) and.push({ roles: { hasSome: query.roles as MemberRole[] } });
	if (query.status.length) {
		and.push({
			OR: query.status.map((s): Prisma.MemberWhereInput =>
				s === 'active' ? { status: 'active' } : s === 'deactivated' ? { status: 'deactivated' } : s === 'pending' ? { status: 'pending', passwordHash: null } : { status: 'pending', passwordHash: { not: null } }
			)
		});
	}
	if (query.promotion) and.push({ promotion: query.promotion });
	if (query.programme) and.push({ programme: { contains: query.programme, mode: 'insensitive' } });
	if (query.campus) and.push({ campus: { contains: query.campus, mode: 'insensitive' } });
	if (query.city) and.push({ city: { contains: query.city, mode: 'insensitive' } });
	if (query.company || query.sector) {
		and.push({
			companyMemberships: {
				some: {
					status: 'active',
					company: {
						...(query.company ? { title: { contains: query.company, mode: 'insensitive' } } : {}),
						...(query.sector ? { sector: { contains: query.sector, mode: 'insensitive' } } : {})
					}
				}
			}
		});
	}
	if (query.inactiveDays) {
		const since = new Date(now.getTime() - query.inactiveDays * DAY);
		and.push({ OR: [{ lastLoginAt: null }, { lastLoginAt: { lt: since } }] });
	}
	if (query.loginAfter) and.push({ lastLoginAt: { gte: new Date(`${query.loginAfter}T00:00:00Z`) } });
	if (query.loginBefore) and.push({ lastLoginAt: { lt: new Date(new Date(`${query.loginBefore}T00:00:00Z`).getTime() + DAY) } });
	for (const [name, value] of Object.entries(query.extra)) {
		const filter = extraFilters.get(name);
		if (filter) and.push(await filter(value));
	}
	if (query.q) {
		const words = searchWords(query.q);
		if (words.length) {
			const conditions = words.map((w) => Prisma.sql`relais_fold(concat_ws(' ', m."firstName", m."lastName", m."email", m."externalRef", m."programme", m."campus", m."city")) LIKE ${containsPattern(w)}`);
			const rows = await context().db.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT m."id" FROM "Member" m WHERE ${Prisma.join(conditions, ' AND ')} LIMIT 50000`);
			and.push({ id: { in: rows.map((r) => r.id) } });
		}
	}
	return and.length ? { AND: and } : {};
}

function orderBy(query: ListQuery): Prisma.MemberOrderByWithRelationInput[] {
	const dir = query.dir;
	const nulls = { sort: dir, nulls: 'last' } as const;
	switch (query.sort) {
		case 'email':
			return [{ email: dir }];
		case 'promotion':
			return [{ promotion: nulls }, { lastName: 'asc' }];
		case 'programme':
			return [{ programme: nulls }, { lastName: 'asc' }];
		case 'campus':
			return [{ campus: nulls }, { lastName: 'asc' }];
		case 'city':
			return [{ city: nulls }, { lastName: 'asc' }];
		case 'lastLogin':
			return [{ lastLoginAt: nulls }, { lastName: 'asc' }];
		case 'created':
			return [{ createdAt: dir }];
		case 'status':
			return [{ status: dir }, { lastName: 'asc' }];
		default:
			return [{ lastName: dir }, { firstName: dir }, { id: 'asc' }];
	}
}

const COLUMNS_KEY = 'members.columns';

export async function listColumns(adminId: string): Promise<ListColumn[]> {
	const pref = await context().db.adminPreference.findUnique({ where: { memberId_key: { memberId: adminId, key: COLUMNS_KEY } } });
	const chosen = Array.isArray(pref?.value) ? (pref.value as string[]).filter((c): c is ListColumn => (LIST_COLUMNS as readonly string[]).includes(c)) : null;
	return chosen ?? DEFAULT_COLUMNS;
}

/** "Colonne visible": the columns this administrator sees, remembered in the database. */
export async function saveListColumns(actor: ActorRef, columns: unknown): Promise<ListColumn[]> {
	const admin = (await requirePermission(actor, 'admin.members.manage'))!;
	const chosen = ([] as unknown[]).concat(columns ?? []).filter((c): c is ListColumn => typeof c === 'string' && (LIST_COLUMNS as readonly string[]).includes(c));
	await context().db.adminPreference.upsert({
		where: { memberId_key: { memberId: admin.memberId, key: COLUMNS_KEY } },
		create: { memberId: admin.memberId, key: COLUMNS_KEY, value: chosen },
		update: { value: chosen }
	});
	return chosen;
}

export const listSelect = {
	id: true,
	firstName: true,
	lastName: true,
	email: true,
	slug: true,
	status: true,
	passwordHash: true,
	roles: true,
	promotion: true,
	programme: true,
	campus: true,
	city: true,
	externalRef: true,
	lastLoginAt: true,
	activatedAt: true,
	createdAt: true,
	companyMemberships: { where: { status: 'active' as const }, take: 1, select: { company: { select: { title: true, sector: true } } } },
	invitationsReceived: { where: { kind: 'admin' as const }, orderBy: { createdAt: 'desc' as const }, take: 1, select: { firstSentAt: true, lastSentAt: true, reminderStep: true } }
} satisfies Prisma.MemberSelect;

export type ListRow = Prisma.MemberGetPayload<{ select: typeof listSelect }>;

export function toListRow(m: ListRow) {
	const invitation = m.invitationsReceived[0];
	return {
		id: m.id,
		name: `${m.lastName} ${m.firstName}`.trim(),
		firstName: m.firstName,
		lastName: m.lastName,
		email: m.email,
		state: stateOf(m),
		roles: m.roles.filter((r) => r !== 'member'),
		promotion: m.promotion,
		programme: m.programme,
		campus: m.campus,
		city: m.city,
		company: m.companyMemberships[0]?.company.title ?? null,
		sector: m.companyMemberships[0]?.company.sector ?? null,
		externalRef: m.externalRef,
		lastLoginAt: m.lastLoginAt,
		activatedAt: m.activatedAt,
		createdAt: m.createdAt,
		invitedAt: invitation?.firstSentAt ?? null,
		lastInvitedAt: invitation?.lastSentAt ?? null,
		reminders: invitation?.reminderStep ?? 0
	};
}

/** One page of the CRM list, its total, the admin's columns and the filter options. */
export async function memberList(actor: ActorRef, rawQuery: URLSearchParams | Record<string, string | string[]>, now = new Date()) {
	const admin = (await requirePermission(actor, 'admin.members.manage'))!;
	const query = parseListQuery(rawQuery);
	const { db } = context();
	const where = await listWhere(query, now);
	const [total, rows, columns, options] = await Promise.all([
		db.member.count({ where }),
		db.member.findMany({ where, orderBy: orderBy(query), skip: (query.page - 1) * query.size, take: query.size, select: listSelect }),
		listColumns(admin.memberId),
		filterOptions()
	]);
	return { query, total, pages: Math.max(1, Math.ceil(total / query.size)), rows: rows.map(toListRow), columns, options, extraFilters: memberListFilterNames() };
}

/** The values offered in the filters' lists (distinct promotions, programmes, campuses). */
async function filterOptions() {
	const { db } = context();
	const [promotions, programmes, campuses] = await Promise.all([
		db.member.findMany({ where: { promotion: { not: null } }, distinct: ['promotion'], select: { promotion: true }, orderBy: { promotion: 'desc' } }),
		db.member.findMany({ where: { programme: { not: null } }, distinct: ['programme'], select: { programme: true }, orderBy: { programme: 'asc' }, take: 200 }),
		db.member.findMany({ where: { campus: { not: null } }, distinct: ['campus'], select: { campus: true }, orderBy: { campus: 'asc' }, take: 200 })
	]);
	return { promotions: promotions.map((p) => p.promotion!), programmes: programmes.map((p) => p.programme!), campuses: campuses.map((c) => c.campus!) };
}

/** Every member id a list query matches (bulk actions on "all results", exports of the filtered list). */
export async function matchingIds(query: ListQuery, now = new Date()): Promise<string[]> {
	const rows = await context().db.member.findMany({ where: await listWhere(query, now), select: { id: true }, orderBy: { id: 'asc' } });
	return rows.map((r) => r.id);
}
