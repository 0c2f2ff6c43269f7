import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { verifyPassword } from '../../src/lib/server/auth/password.ts';
import { availableSlots } from '../../src/lib/server/booking/availability.ts';
import { forgetCalendarCache } from '../../src/lib/server/calendar/connections.ts';
import { listReports } from '../../src/lib/server/chat/index.ts';
import { buildDemoRows, DEMO_PASSWORD, seedDemo, skillKey, type DemoLogin } from '../../prisma/seed/demo.ts';

let db: TestContext;
let logins: DemoLogin[];

beforeAll(async () => {
	db = await useTestContext();
	({ logins } = await seedDemo(db.prisma));
});
afterAll(async () => db?.close());

const DAY = 86_400_000;
/** next Monday 00:00 UTC, then a week */
function nextWeek(now = Date.now()) {
	const today = new Date(now);
	const monday = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + (((8 - today.getUTCDay()) % 7) || 7));
	return { from: new Date(monday).toISOString(), to: new Date(monday + 7 * DAY).toISOString() };
}

/** Luhn over the whole string (SIREN: 9 digits, SIRET: 14 digits) */
function luhnValid(digits: string): boolean {
	let sum = 0;
	for (let i = 0; i < digits.length; i++) {
		let d = Number(digits[digits.length - 1 - i]);
		if (i % 2 === 1) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
	}
	return sum % 10 === 0;
}

describe('demo seed', () => {
	it('creates ≥ 60 active members in every category, on reserved e-mail domains', async () => {
		// registered accounts (the administration's demo also pre-registers members who have no password yet: prisma/seed/admin.ts)
		const members = await db.prisma.member.findMany({ where: { passwordHash: { not: null } } });
		expect(members.length).toBeGreaterThanOrEqual(60);
		const categories = new Set(members.map((m) => m.category));
		for (const category of ['visitor', 'job_seeker', 'freelance', 'company', 'administration', 'association'] as const) {
			expect(categories, category).toContain(category);
		}
		for (const m of members) {
			expect(m.status).toBe('active');
			expect(m.activatedAt).not.toBeNull();
			expect(m.email).toMatch(/^([a-z-]+\.[a-z-]+|admin)@(exemple\.fr|example\.org)$/);
			expect(m.passwordHash).toMatch(/^\$argon2id\$/);
			if (m.phone) expect(m.phone).toMatch(/^\+(33|32|1) [\d ]+$/);
		}
		expect(members.some((m) => m.locale === 'en')).toBe(true);
		expect(members.some((m) => m.timezone !== 'Europe/Paris')).toBe(true);
		expect(members.some((m) => !m.visibleInDirectory)).toBe(true);
		expect(members.some((m) => !m.acceptsContactRequests)).toBe(true);
	});

	it('spreads members over ≥ 15 French cities with postcodes and coordinates', async () => {
		const members = await db.prisma.member.findMany({ where: { country: 'FR', passwordHash: { not: null } } });
		expect(new Set(members.map((m) => m.city)).size).toBeGreaterThanOrEqual(15);
		for (const m of members) {
			expect(m.postcode).toMatch(/^\d{5}$/);
			// metropolitan France
			expect(m.latitude).toBeGreaterThan(41);
			expect(m.latitude).toBeLessThan(51.2);
			expect(m.longitude).toBeGreaterThan(-5.2);
			expect(m.longitude).toBeLessThan(9.7);
		}
	});

	it('gives providers a profile, several skills and a career', async () => {
		const providers = await db.prisma.member.findMany({
			where: { category: { in: ['freelance', 'company', 'administration', 'association'] } },
			include: { profile: true, skills: true, experiences: true, educations: true, languages: true, missions: true }
		});
		for (const p of providers) {
			expect(p.profile?.headline, p.email).toBeTruthy();
			expect(p.profile?.bio, p.email).toBeTruthy();
			expect(p.skills.length, p.email).toBeGreaterThanOrEqual(3);
			expect(p.experiences.length, p.email).toBeGreaterThanOrEqual(1);
			expect(p.educations.length, p.email).toBeGreaterThanOrEqual(1);
			expect(p.missions.length, p.email).toBeGreaterThanOrEqual(1);
			expect(p.languages.map((l) => l.code), p.email).toContain('fr');
		}
		const skills = await db.prisma.skill.findMany({ include: { _count: { select: { members: true } } } });
		for (const s of skills) expect(s.key).toBe(skillKey(s.label));
		// shared skills make "most common skills" meaningful
		expect(skills.filter((s) => s._count.members >= 3).length).toBeGreaterThanOrEqual(10);
	});

	it('creates ≥ 10 companies with a valid SIRET, each with an active admin (its creator)', async () => {
		const companies = await db.prisma.company.findMany({ include: { memberships: true } });
		expect(companies.length).toBeGreaterThanOrEqual(10);
		for (const c of companies) {
			expect(c.siret, c.title).toMatch(/^\d{14}$/);
			expect(luhnValid(c.siret!.slice(0, 9)), `${c.title} SIREN`).toBe(true);
			expect(luhnValid(c.siret!), `${c.title} SIRET`).toBe(true);
			expect(c.nafCode).toMatch(/^\d{2}\.\d{2}[A-Z]$/);
			expect(c.website).toMatch(/^https:\/\/[a-z0-9.-]+\.example\.org$/);
			const admins = c.memberships.filter((m) => m.role === 'admin' && m.status === 'active');
			expect(admins.length, c.title).toBeGreaterThanOrEqual(1);
			expect(admins.map((m) => m.memberId), c.title).toContain(c.createdById);
		}
		const memberships = companies.flatMap((c) => c.memberships);
		expect(memberships.some((m) => m.role === 'advertiser' && m.status === 'active')).toBe(true);
		expect(memberships.some((m) => m.role === 'employee' && m.status === 'active')).toBe(true);
		expect(memberships.some((m) => m.status === 'requested')).toBe(true);
	});

	it('stores contacts in both directions, each backed by an accepted request', async () => {
		const contacts = await db.prisma.contact.findMany();
		expect(contacts.length).toBeGreaterThan(0);
		const keys = new Set(contacts.map((c) => `${c.ownerId}>${c.otherId}`));
		for (const c of contacts) expect(keys.has(`${c.otherId}>${c.ownerId}`)).toBe(true);
		const accepted = await db.prisma.contactRequest.findMany({ where: { status: 'accepted' } });
		const acceptedPairs = new Set(accepted.flatMap((r) => [`${r.requesterId}>${r.recipientId}`, `${r.recipientId}>${r.requesterId}`]));
		for (const c of contacts) expect(acceptedPairs.has(`${c.ownerId}>${c.otherId}`)).toBe(true);
		const pending = await db.prisma.contactRequest.findMany({ where: { status: 'pending' } });
		expect(pending.length).toBeGreaterThan(0);
		for (const r of pending) expect(keys.has(`${r.requesterId}>${r.recipientId}`)).toBe(false);
	});

	it('puts only the owner’s contacts in contact groups', async () => {
		const entries = await db.prisma.contactGroupMember.findMany({ include: { group: true } });
		expect(entries.length).toBeGreaterThan(0);
		const contacts = new Set((await db.prisma.contact.findMany()).map((c) => `${c.ownerId}>${c.otherId}`));
		for (const e of entries) {
			expect(e.ownerId).toBe(e.group.ownerId);
			expect(contacts.has(`${e.group.ownerId}>${e.memberId}`)).toBe(true);
		}
	});

	it('has follows of members and of companies', async () => {
		expect(await db.prisma.follow.count({ where: { followedMemberId: { not: null } } })).toBeGreaterThan(0);
		expect(await db.prisma.follow.count({ where: { followedCompanyId: { not: null } } })).toBeGreaterThan(0);
	});

	it('returns the demo logins (provider, visitor, admin) whose password verifies', async () => {
		expect(logins.map((l) => l.email)).toEqual(['claire.martin@exemple.fr', 'paul.bernard@exemple.fr', 'admin@exemple.fr']);
		for (const login of logins) {
			expect(login.password).toBe(DEMO_PASSWORD);
			expect(login.password.length).toBeGreaterThanOrEqual(12);
			const member = await db.prisma.member.findUniqueOrThrow({ where: { email: login.email } });
			expect(member.status).toBe('active');
			expect(await verifyPassword(member.passwordHash, login.password)).toBe(true);
		}
		const [provider, visitor] = await Promise.all(
			logins.slice(0, 2).map((l) =>
				db.prisma.member.findUniqueOrThrow({
					where: { email: l.email },
					include: { profile: true, skills: true, companyMemberships: true, contactsOwned: true, contactGroups: true }
				})
			)
		);
		expect(provider.category).toBe('freelance');
		expect(provider.profile?.bio).toBeTruthy();
		expect(provider.companyMemberships.some((m) => m.role === 'admin' && m.status === 'active')).toBe(true);
		expect(provider.contactsOwned.length).toBeGreaterThanOrEqual(5);
		expect(provider.contactGroups.length).toBeGreaterThanOrEqual(1);
		expect(visitor.category).toBe('visitor');
		expect(visitor.contactsOwned.length).toBeGreaterThanOrEqual(1);
	});

	it('has ≥ 20 providers taking online bookings, each with free slots next week; Claire is one of them', async () => {
		const schedules = await db.prisma.availabilitySchedule.findMany({
			where: { enabled: true },
			include: { workingHours: true, provider: { select: { email: true, visibleInDirectory: true, appointmentTypes: { where: { active: true } } } } }
		});
		expect(schedules.length).toBeGreaterThanOrEqual(20);
		expect(schedules.map((s) => s.provider.email)).toContain('claire.martin@exemple.fr');
		const week = nextWeek();
		for (const s of schedules) {
			expect(s.provider.visibleInDirectory, s.provider.email).toBe(true);
			expect(new Set(s.workingHours.map((w) => w.weekday)).size, s.provider.email).toBeGreaterThanOrEqual(4);
			expect(s.provider.appointmentTypes.length, s.provider.email).toBeGreaterThanOrEqual(1);
			expect(s.provider.appointmentTypes.length, s.provider.email).toBeLessThanOrEqual(2);
			for (const type of s.provider.appointmentTypes) {
				expect(type.minimumNoticeMinutes).toBeGreaterThan(0);
				expect(type.horizonDays).toBeGreaterThanOrEqual(30);
				const view = await availableSlots(null, s.providerId, { ...week, type: type.id, tz: 'Europe/Paris' });
				expect(view.slots.length, `${s.provider.email} — ${type.name}`).toBeGreaterThan(5);
			}
		}
		const names = (await db.prisma.appointmentType.findMany()).map((t) => t.name);
		expect(names).toContain('Premier échange (30 min, visio)');
		expect((await db.prisma.appointmentType.count({ where: { bufferAfterMinutes: { gt: 0 } } })) > 0).toBe(true);
	});

	it('gives some providers a demo iCal calendar whose busy blocks remove slots (read without any request)', async () => {
		const feeds = await db.prisma.calendarConnection.findMany({ where: { kind: 'ical' }, include: { provider: { select: { email: true } } } });
		expect(feeds.length).toBeGreaterThanOrEqual(3);
		const claire = feeds.find((f) => f.provider.email === 'claire.martin@exemple.fr');
		expect(claire, 'Claire has a busy calendar').toBeTruthy();
		const week = nextWeek();
		const withCalendar = await availableSlots({ memberId: claire!.providerId }, claire!.providerId, { ...week, tz: 'Europe/Paris' });
		// the feed was read (no failure recorded) and blocks the weekly team meeting (Monday 09:00–10:30, Paris)
		expect(withCalendar.calendarFailures).toEqual([]);
		const row = await db.prisma.calendarConnection.findUniqueOrThrow({ where: { id: claire!.id } });
		expect(row.status).toBe('ok');
		const mondayMorning = withCalendar.days[0]!;
		expect(mondayMorning.slots.map((s) => s.time)).not.toContain('09:00');
		// without the calendar the same week has more slots
		await db.prisma.calendarConnection.delete({ where: { id: claire!.id } });
		forgetCalendarCache();
		const without = await availableSlots(null, claire!.providerId, { ...week, tz: 'Europe/Paris' });
		expect(without.slots.length).toBeGreaterThan(withCalendar.slots.length);
		expect(without.days[0]!.slots.map((s) => s.time)).toContain('09:00');
	});

	it('has an admin login who can read the reports, which a plain member cannot', async () => {
		const admin = await db.prisma.member.findUniqueOrThrow({ where: { email: 'admin@exemple.fr' } });
		expect(admin.roles).toEqual(['member', 'admin']);
		expect(admin.visibleInDirectory).toBe(false);
		await expect(listReports({ memberId: admin.id })).resolves.toBeInstanceOf(Array);
		const claire = await db.prisma.member.findUniqueOrThrow({ where: { email: 'claire.martin@exemple.fr' } });
		await expect(listReports({ memberId: claire.id })).rejects.toMatchObject({ kind: 'forbidden' });
	});

	it('gives the bookable providers a photo and the main ones a gallery and a PDF, stored as uploads', async () => {
		const bookable = await db.prisma.member.findMany({ where: { availabilitySchedule: { isNot: null } }, include: { documents: true } });
		for (const m of bookable) {
			expect(m.photoPath, m.email).toMatch(/\.webp$/);
			expect(existsSync(path.join(db.uploadsDir, m.photoPath!)), m.email).toBe(true);
		}
		const withGallery = bookable.filter((m) => m.documents.some((d) => d.kind === 'gallery_image'));
		expect(withGallery.length).toBeGreaterThanOrEqual(5);
		expect(withGallery.map((m) => m.email)).toContain('claire.martin@exemple.fr');
		for (const m of withGallery) {
			expect(m.documents.filter((d) => d.kind === 'gallery_image').length).toBeGreaterThanOrEqual(3);
			const pdf = m.documents.find((d) => d.kind === 'pdf_document');
			expect(pdf?.mimeType, m.email).toBe('application/pdf');
			for (const d of m.documents) expect(existsSync(path.join(db.uploadsDir, d.storedName))).toBe(true);
		}
	});

	it('is deterministic', () => {
		const a = buildDemoRows('hash');
		const b = buildDemoRows('hash');
		expect(JSON.stringify(a)).toBe(JSON.stringify(b));
	});
});

describe('demo notifications', () => {
	it('each member demo login finds notifications in the bell, some unread, each linking to something of the demo data', async () => {
		// the admin demo login moderates; it has no contacts or companies to be notified about
		for (const login of logins.filter((l) => l.email !== 'admin@exemple.fr')) {
			const member = await db.prisma.member.findUniqueOrThrow({ where: { email: login.email }, select: { id: true } });
			const rows = await db.prisma.notification.findMany({ where: { recipientId: member.id } });
			expect(rows.length).toBeGreaterThan(0);
			expect(rows.some((r) => r.readAt === null)).toBe(true);
			for (const r of rows) expect((r.data as { actorSlug?: string }).actorSlug).toBeTruthy();
		}
	});
});

describe('demo seed: administration (prisma/seed/admin.ts)', () => {
	it('pre-registers promo 2020 members with invitations and reminders, keeps a sign-up to moderate, and Claire has a joined invitee', async () => {
		const notRegistered2020 = await db.prisma.member.findMany({ where: { promotion: 2020, status: 'pending', passwordHash: null }, include: { invitationsReceived: { include: { sends: true } } } });
		expect(notRegistered2020.length).toBeGreaterThanOrEqual(5);
		expect(notRegistered2020.every((m) => m.externalRef && m.invitationsReceived[0]?.sends.some((s) => s.kind === 'reminder' && s.sentAt))).toBe(true);
		expect(await db.prisma.registrationRequest.count({ where: { status: 'pending' } })).toBe(1);
		const claire = await db.prisma.member.findUniqueOrThrow({ where: { email: 'claire.martin@exemple.fr' } });
		const joined = await db.prisma.invitation.findMany({ where: { inviterId: claire.id, kind: 'member', acceptedAt: { not: null } }, include: { member: true } });
		expect(joined).toHaveLength(1);
		expect(await db.prisma.follow.count({ where: { followerId: joined[0]!.memberId!, followedMemberId: claire.id } })).toBe(1);
	});
});

// ── publications (prisma/seed/publications.ts) ──
describe('demo publications', () => {
	it('the home feeds of Claire and Paul are alive; the private offer to "Clients Lyon" reaches Paul, not Sophie', async () => {
		const { homeFeed, searchPublications } = await import('../../src/lib/server/publications/index.ts');
		const who = async (email: string) => (await db.prisma.member.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
		const [claire, paul, sophie] = [await who('claire.martin@exemple.fr'), await who('paul.bernard@exemple.fr'), await who('sophie.durand@exemple.fr')];
		const group = await db.prisma.contactGroup.findFirstOrThrow({ where: { ownerId: claire, name: 'Clients Lyon' }, select: { entries: { select: { memberId: true } } } });
		expect(group.entries.map((e) => e.memberId)).toContain(paul);
		expect(group.entries.map((e) => e.memberId)).not.toContain(sophie);
		expect(await db.prisma.contact.count({ where: { ownerId: claire, otherId: sophie } })).toBe(1);
		const titles = async (id: string) => (await homeFeed({ memberId: id })).items.map((i) => i.title);
		const offer = 'Offre réservée à nos clients lyonnais : maintenance de site à -20 %';
		expect((await titles(paul)).length).toBeGreaterThanOrEqual(5);
		expect(await titles(paul)).toContain(offer);
		expect((await titles(claire)).length).toBeGreaterThanOrEqual(5);
		expect(await titles(sophie)).not.toContain(offer);
		const news = await searchPublications(null, { type: 'news' });
		expect(news.items.length).toBeGreaterThanOrEqual(3);
		expect(news.items.map((i) => i.audience)).toEqual(news.items.map(() => 'public'));
	});
});
