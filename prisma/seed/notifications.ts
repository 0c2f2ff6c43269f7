// Demo notifications for the demo logins, built from what the demo data already holds (pending
// contact requests they received, join requests to companies they administer, recent contacts),
// so that the bell and /notifications are alive on a fresh install. A few are already read.
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';

export async function seedDemoNotifications(prisma: PrismaClient, emails: string[], now: Date = new Date()): Promise<number> {
	const members = await prisma.member.findMany({ where: { email: { in: emails } }, select: { id: true } });
	const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);
	const names = (m: { firstName: string; lastName: string; slug: string }) => ({ actorName: `${m.firstName} ${m.lastName}`, actorSlug: m.slug });
	const person = { firstName: true, lastName: true, slug: true } as const;
	const rows: Prisma.NotificationCreateManyInput[] = [];
	for (const { id } of members) {
		let age = 30;
		const requests = await prisma.contactRequest.findMany({ where: { recipientId: id, status: 'pending' }, orderBy: { createdAt: 'desc' }, take: 3, select: { id: true, requesterId: true, requester: { select: person } } });
		for (const r of requests) rows.push({ recipientId: id, type: 'contact.requested', actorId: r.requesterId, objectType: 'contact_request', objectId: r.id, data: names(r.requester), createdAt: minutesAgo((age += 47)) });
		const joins = await prisma.companyMembership.findMany({
			where: { status: 'requested', company: { memberships: { some: { memberId: id, role: 'admin', status: 'active' } } } },
			take: 2,
			select: { memberId: true, member: { select: person }, company: { select: { id: true, title: true, slug: true } } }
		});
		for (const j of joins) {
			rows.push({ recipientId: id, type: 'company.join_requested', actorId: j.memberId, objectType: 'company', objectId: j.company.id, data: { ...names(j.member), companyName: j.company.title, companySlug: j.company.slug }, groupKey: `company:${j.company.id}:join`, createdAt: minutesAgo((age += 95)) });
		}
		const contacts = await prisma.contact.findMany({ where: { ownerId: id }, orderBy: { createdAt: 'desc' }, take: 2, select: { otherId: true, other: { select: person } } });
		for (const c of contacts) rows.push({ recipientId: id, type: 'contact.accepted', actorId: c.otherId, objectType: 'member', objectId: c.otherId, data: names(c.other), createdAt: minutesAgo((age += 1440)), readAt: minutesAgo(age - 60) });
	}
	const { count } = await prisma.notification.createMany({ data: rows });
	return count;
}
