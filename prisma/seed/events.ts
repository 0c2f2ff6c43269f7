// Demo data of association life (src/lib/server/gatherings, membership): upcoming and past events
// (free, paid "à régler sur place", an online one full with a waiting list, one for promotion 2020),
// registrations with tickets and check-ins, membership plans and a few "cotisants". Paul Bernard
// (the demo member) is of promotion 2020, so the events for that promotion reach him.
import { randomUUID } from 'node:crypto';
import type { PrismaClient, Prisma } from '../../src/lib/server/generated/prisma/client.ts';
import { newTicketCode } from '../../src/lib/server/gatherings/tokens.ts';
import { instantIn } from '../../src/lib/server/gatherings/inputs.ts';

const DAY = 86_400_000;
const ZONE = 'Europe/Paris';

/** The instant at hh:mm Paris time, `days` from `now`. */
function at(now: Date, days: number, hour: number, minute = 0): Date {
	const date = new Date(now.getTime() + days * DAY).toISOString().slice(0, 10);
	return instantIn(ZONE, `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
}

export async function seedDemoEvents(prisma: PrismaClient, now: Date = new Date()): Promise<{ events: number; registrations: number; cotisants: number }> {
	const admin = await prisma.member.findUnique({ where: { email: 'admin@exemple.fr' }, select: { id: true } });
	if (!admin) return { events: 0, registrations: 0, cotisants: 0 };
	await prisma.member.updateMany({ where: { email: 'paul.bernard@exemple.fr' }, data: { promotion: 2020, roles: { set: ['member', 'alumni'] } } });
	const claire = await prisma.member.findUnique({ where: { email: 'claire.martin@exemple.fr' }, select: { id: true } });
	if (claire) await prisma.gatheringOrganiser.upsert({ where: { memberId: claire.id }, create: { memberId: claire.id, grantedById: admin.id, grantedAt: new Date(now.getTime() - 40 * DAY) }, update: {} });
	// members other than the demo logins, in a stable order
	const others = await prisma.member.findMany({
		where: { status: 'active', email: { notIn: ['admin@exemple.fr', 'paul.bernard@exemple.fr', 'claire.martin@exemple.fr'] } },
		orderBy: { email: 'asc' },
		take: 40,
		select: { id: true }
	});
	// a few alumni of 2020 and 2019, students of 2027
	const ofPromotion = (from: number, to: number) => ({ id: { in: others.slice(from, to).map((m) => m.id) } });
	await Promise.all([
		prisma.member.updateMany({ where: ofPromotion(0, 5), data: { promotion: 2020, roles: { set: ['member', 'alumni'] } } }),
		prisma.member.updateMany({ where: ofPromotion(5, 9), data: { promotion: 2019, roles: { set: ['member', 'alumni'] } } }),
		prisma.member.updateMany({ where: ofPromotion(9, 12), data: { promotion: 2027, roles: { set: ['member', 'student'] } } })
	]);

	const base = { createdById: admin.id, organiserName: 'Bureau de l’association', organiserEmail: 'bureau@exemple.fr', timezone: ZONE };
	const roomSlug = 'atelier-cv-linkedin-demo';
	const room = await prisma.room.create({
		select: { id: true },
		data: { slug: roomSlug, kind: 'adhoc', hostId: admin.id, title: 'Atelier CV et LinkedIn', opensAt: at(now, 6, 18, 20), closesAt: at(now, 6, 20, 15), maxParticipants: 9 }
	});
	const events: (Prisma.GatheringUncheckedCreateInput & { key: string })[] = [
		{
			key: 'afterwork',
			...base,
			title: 'Afterwork des anciens — Paris',
			description: 'Retrouvons-nous autour d’un verre pour fêter la fin d’année. Ouvert à tous les diplômés, étudiants et amis de l’école.\nUne boisson offerte aux membres cotisants.',
			place: 'Le Comptoir Général, 80 quai de Jemmapes, 75010 Paris',
			startAt: at(now, 12, 19),
			endAt: at(now, 12, 22, 30),
			capacity: 60,
			audience: 'public'
		},
		{
			key: 'promo2020',
			...base,
			title: 'Soirée des 5 ans — promotion 2020',
			description: 'Cinq ans déjà ! Dîner-retrouvailles de la promotion 2020 sur la péniche habituelle.',
			place: 'Péniche Marcounet, quai de l’Hôtel de Ville, 75004 Paris',
			startAt: at(now, 21, 19, 30),
			endAt: at(now, 21, 23, 30),
			capacity: 40,
			registrationDeadline: at(now, 18, 23, 59),
			audience: 'promotions',
			audiencePromotions: [2020]
		},
		{
			key: 'gala',
			...base,
			title: 'Dîner de gala annuel',
			description: 'Le dîner de gala de l’association : remise des prix des alumni, dîner assis et soirée dansante. Tenue de soirée souhaitée.',
			place: 'Pavillon Dauphine, place du Maréchal de Lattre de Tassigny, 75116 Paris',
			startAt: at(now, 35, 20),
			endAt: at(now, 36, 1),
			priceCents: 6500,
			capacity: 120,
			audience: 'members'
		},
		{
			key: 'atelier',
			...base,
			title: 'Atelier CV et LinkedIn',
			description: 'Une heure et demie en visio avec une recruteuse pour relire vos CV et profils LinkedIn. 8 places : inscrivez-vous sur la liste d’attente si c’est complet.',
			roomSlug,
			startAt: at(now, 6, 18, 30),
			endAt: at(now, 6, 20),
			capacity: 8,
			audience: 'roles',
			audienceRoles: ['student', 'alumni', 'member']
		},
		{
			key: 'conference',
			...base,
			title: 'Conférence « IA et emploi »',
			description: 'Table ronde avec trois anciens sur l’IA générative dans leurs métiers.',
			place: 'Amphithéâtre Eiffel, 37 quai de Grenelle, 75015 Paris',
			startAt: at(now, -30, 18, 30),
			endAt: at(now, -30, 20, 30),
			capacity: 150,
			audience: 'public'
		},
		{
			key: 'rentree',
			...base,
			title: 'Afterwork de rentrée — Lyon',
			description: 'L’antenne lyonnaise se retrouve pour la rentrée.',
			place: 'Le Sucre, 50 quai Rambaud, 69002 Lyon',
			startAt: at(now, -60, 19),
			endAt: at(now, -60, 22),
			audience: 'members'
		},
		{
			// organised by Claire and moved a week later (the page shows « Date modifiée », the registered got one mail)
			key: 'visite',
			...base,
			...(claire ? { createdById: claire.id, organiserName: 'Claire Martin', organiserEmail: 'claire.martin@exemple.fr' } : {}),
			title: 'Visite du centre de données Equinix — Saint-Denis',
			description: 'Visite guidée d’un centre de données (salles serveurs, refroidissement, sécurité), suivie d’un échange avec deux anciens ingénieurs d’exploitation. Pièce d’identité obligatoire à l’entrée.\nNouvelle date : le site a déplacé les visites de groupe d’une semaine.',
			place: '114 rue Ambroise Croizat, 93200 Saint-Denis',
			startAt: at(now, 16, 14),
			endAt: at(now, 16, 16, 30),
			capacity: 20,
			registrationDeadline: at(now, 13, 18),
			audience: 'members',
			revision: 1,
			rescheduledAt: new Date(now.getTime() - 3 * DAY)
		}
	];
	const ids: Record<string, string> = Object.fromEntries(events.map((e) => [e.key, randomUUID()]));
	await prisma.gathering.createMany({ data: events.map(({ key, ...data }) => ({ ...data, id: ids[key], invitationsSentAt: new Date(now.getTime() - 5 * DAY) })) });

	const regs: Prisma.GatheringRegistrationCreateManyInput[] = [];
	const add = (gathering: string, memberId: string, data: Partial<Prisma.GatheringRegistrationCreateManyInput> = {}) =>
		regs.push({ gatheringId: ids[gathering]!, memberId, status: 'registered', ticketCode: newTicketCode(), registeredAt: new Date(now.getTime() - (regs.length + 1) * 3600_000), ...data });
	const people = others.map((m) => m.id);
	people.slice(0, 14).forEach((id) => add('afterwork', id));
	if (claire) add('afterwork', claire.id);
	people.slice(1, 4).forEach((id) => add('promo2020', id));
	people.slice(10, 16).forEach((id, i) => add('gala', id, { payment: i % 2 ? 'on_site_paid' : 'on_site_due' }));
	people.slice(16, 24).forEach((id) => add('atelier', id));
	people.slice(24, 27).forEach((id, i) => add('atelier', id, { status: 'waiting', waitPosition: i + 1 }));
	people.slice(0, 25).forEach((id, i) => add('conference', id, { checkedInAt: i < 21 ? new Date(at(now, -30, 18, 10).getTime() + i * 60_000) : null }));
	people.slice(5, 12).forEach((id) => add('rentree', id, { checkedInAt: at(now, -60, 19, 15) }));
	people.slice(27, 36).forEach((id) => add('visite', id));
	await prisma.gatheringRegistration.createMany({ data: regs });
	await prisma.roomInvite.createMany({ data: people.slice(16, 24).map((memberId) => ({ roomId: room.id, memberId })) });

	// membership: plans and a few cotisants (paid otherwise, recorded by the administrator)
	const yearly = { id: randomUUID() };
	const student = { id: randomUUID() };
	await prisma.membershipPlan.createMany({
		data: [
			{ id: yearly.id, name: 'Cotisation annuelle alumni', amountCents: 3000, period: 'yearly', roles: ['alumni'] },
			{ id: student.id, name: 'Cotisation étudiante (à vie)', amountCents: 9000, period: 'lifetime', roles: ['student'] },
			{ name: 'Membre bienfaiteur', amountCents: 10000, period: 'yearly', roles: [] }
		]
	});
	const cotisants: { memberId: string; planId: string; amountCents: number; startsAt: Date; endsAt: Date | null }[] = [];
	if (claire) cotisants.push({ memberId: claire.id, planId: yearly.id, amountCents: 3000, startsAt: new Date(now.getTime() - 100 * DAY), endsAt: new Date(now.getTime() + 265 * DAY) });
	for (const [i, m] of others.slice(0, 5).entries()) cotisants.push({ memberId: m.id, planId: yearly.id, amountCents: 3000, startsAt: new Date(now.getTime() - (340 - i * 40) * DAY), endsAt: new Date(now.getTime() + (25 + i * 40) * DAY) });
	for (const m of others.slice(9, 11)) cotisants.push({ memberId: m.id, planId: student.id, amountCents: 9000, startsAt: new Date(now.getTime() - 50 * DAY), endsAt: null });
	const rows = cotisants.map((c) => ({ ...c, duesId: randomUUID(), paymentId: randomUUID() }));
	await prisma.payment.createMany({ data: rows.map((c) => ({ id: c.paymentId, memberId: c.memberId, purpose: 'dues' as const, reference: c.duesId, amountCents: c.amountCents, provider: 'offline', status: 'paid' as const, paidAt: c.startsAt })) });
	await prisma.membershipDues.createMany({
		data: rows.map((c) => ({ id: c.duesId, paymentId: c.paymentId, memberId: c.memberId, planId: c.planId, amountCents: c.amountCents, startsAt: c.startsAt, endsAt: c.endsAt, method: 'offline', status: 'paid' as const, recordedById: admin.id, note: 'Chèque reçu au bureau', createdAt: c.startsAt }))
	});
	return { events: events.length, registrations: regs.length, cotisants: cotisants.length };
}
