// Demo data of the administration (src/lib/server/admin), so that an administrator's pages are
// alive on a fresh install: promotions, programmes and campuses on part of the community, members
// pre-registered by the school (promo 2020 "non inscrits" among them) with their invitation and the
// reminders already sent, external references, an address that unsubscribed from invitations, a
// sign-up waiting in the moderation queue, and Claire's invitations to her clients — one joined.
import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';
import type { MemberRole } from '../../src/lib/server/generated/prisma/enums.ts';
import { mulberry32 } from './random.ts';

const DAY = 86_400_000;
const PROGRAMMES = ['Master Finance', 'Bachelor Marketing', 'MBA Management', 'Licence Éco-gestion', 'Master Ressources humaines'];
const CAMPUSES = ['Paris', 'Lyon', 'Bordeaux', 'Lille'];

/** Pre-registered by the school, never activated: [first, last, promotion, programme, campus, role] */
const PRE_REGISTERED: [string, string, number, string, string, MemberRole][] = [
	['Théo', 'Marchand', 2020, 'Master Finance', 'Paris', 'alumni'],
	['Anaïs', 'Lefèvre', 2020, 'Bachelor Marketing', 'Lyon', 'alumni'],
	['Rémi', 'Gauthier', 2020, 'Licence Éco-gestion', 'Bordeaux', 'alumni'],
	['Margaux', 'Dumont', 2020, 'MBA Management', 'Paris', 'alumni'],
	['Yann', 'Le Goff', 2020, 'Master Finance', 'Lille', 'alumni'],
	['Inès', 'Benali', 2020, 'Master Ressources humaines', 'Lyon', 'alumni'],
	['Loïc', 'Prévost', 2020, 'Bachelor Marketing', 'Paris', 'alumni'],
	['Agathe', 'Ménard', 2020, 'Licence Éco-gestion', 'Bordeaux', 'alumni'],
	['Karim', 'Haddad', 2021, 'Master Finance', 'Paris', 'alumni'],
	['Chloé', 'Barbier', 2021, 'MBA Management', 'Lyon', 'alumni'],
	['Gaël', 'Rivière', 2025, 'Bachelor Marketing', 'Lille', 'student'],
	['Jade', 'Fontaine', 2025, 'Master Ressources humaines', 'Paris', 'student'],
	['Hugo', 'Carré', 2025, 'Licence Éco-gestion', 'Bordeaux', 'student'],
	['Élodie', 'Vasseur', 2019, 'Master Finance', 'Lyon', 'teacher']
];

export async function seedDemoAdmin(prisma: PrismaClient, passwordHash: string, now: Date = new Date()): Promise<{ preRegistered: number; invitations: number }> {
	const random = mulberry32(20_261_201);
	const ago = (days: number, hours = 0) => new Date(now.getTime() - days * DAY - hours * 3_600_000);
	const admin = await prisma.member.findUnique({ where: { email: 'admin@exemple.fr' }, select: { id: true } });
	const claire = await prisma.member.findUnique({ where: { email: 'claire.martin@exemple.fr' }, select: { id: true } });

	// part of the community has a promotion, a programme and a campus (the CRM's filters have something to filter)
	const community = await prisma.member.findMany({ where: { status: 'active', email: { not: 'admin@exemple.fr' } }, orderBy: { email: 'asc' }, select: { id: true } });
	const picked = community.flatMap((m, i) => {
		if (i % 3 === 2) return [];
		const promotion = 2008 + Math.floor(random() * 18);
		return [{ id: m.id, promotion, programme: PROGRAMMES[i % PROGRAMMES.length]!, campus: CAMPUSES[i % CAMPUSES.length]!, ref: i % 2 === 0 ? `ECO-${promotion}-${String(i + 1).padStart(3, '0')}` : null, role: promotion >= 2025 ? 'student' : 'alumni' }];
	});
	await prisma.$executeRaw`
		UPDATE "Member" m SET "promotion" = v.p, "programme" = v.pg, "campus" = v.c, "externalRef" = v.r, "roles" = CASE WHEN v.role::"MemberRole" = ANY(m."roles") THEN m."roles" ELSE array_append(m."roles", v.role::"MemberRole") END
		  FROM unnest(${picked.map((p) => p.id)}::uuid[], ${picked.map((p) => p.promotion)}::int[], ${picked.map((p) => p.programme)}::text[],
		              ${picked.map((p) => p.campus)}::text[], ${picked.map((p) => p.ref)}::text[], ${picked.map((p) => p.role)}::text[]) AS v(id, p, pg, c, r, role)
		 WHERE m."id" = v.id`;

	// pre-registered members: status pending, no password ("non inscrit", grey dot)
	const members: Prisma.MemberCreateManyInput[] = PRE_REGISTERED.map(([firstName, lastName, promotion, programme, campus, role], i) => ({
		id: randomUUID(),
		email: `${firstName}.${lastName}`
			.normalize('NFD')
			.replace(/\p{Diacritic}/gu, '')
			.toLowerCase()
			.replace(/[^a-z.]+/g, '-')
			.concat('@ecole.exemple.fr'),
		firstName,
		lastName,
		slug: `${firstName}-${lastName}-pre`.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z-]+/g, '-'),
		status: 'pending',
		roles: ['member', role],
		promotion,
		programme,
		campus,
		externalRef: `ECO-${promotion}-P${String(i + 1).padStart(2, '0')}`,
		createdAt: ago(14)
	}));
	await prisma.member.createMany({ data: members });

	// their invitations: most sent 12 days ago (reminded at D+4 and D+10), the 2025 students 2 days ago
	const invitations: Prisma.InvitationCreateManyInput[] = [];
	const sends: Prisma.InvitationSendCreateManyInput[] = [];
	for (const m of members) {
		const recent = m.promotion === 2025;
		const first = recent ? ago(2) : ago(12);
		const id = randomUUID();
		invitations.push({ id, kind: 'admin', email: m.email, firstName: m.firstName, lastName: m.lastName, inviterId: admin?.id, memberId: m.id, createdAt: first, firstSentAt: first, lastSentAt: recent ? first : ago(2), reminderStep: recent ? 0 : 2 });
		const batch = randomUUID();
		sends.push({ invitationId: id, kind: 'invitation', batch, queuedAt: first, sentAt: first });
		if (!recent) {
			sends.push({ invitationId: id, kind: 'reminder', step: 4, batch: randomUUID(), queuedAt: ago(8), sentAt: ago(8) });
			sends.push({ invitationId: id, kind: 'reminder', step: 10, batch: randomUUID(), queuedAt: ago(2), sentAt: ago(2) });
		}
	}
	// the teacher unsubscribed from invitation mails after the first one: no reminder since
	const teacher = members.at(-1)!;
	const teacherInvitation = invitations.at(-1)!;
	teacherInvitation.reminderStep = 0;
	teacherInvitation.lastSentAt = teacherInvitation.firstSentAt;
	sends.splice(sends.length - 2, 2);
	await prisma.invitationOptOut.create({ data: { email: teacher.email, createdAt: ago(11) } });

	// Claire (provider) invited three clients: one joined and follows her, one was reminded, one has not answered
	let joinedId: string | null = null;
	if (claire) {
		joinedId = randomUUID();
		await prisma.member.create({
			data: {
				id: joinedId,
				email: 'bastien.morel@exemple.fr',
				passwordHash,
				firstName: 'Bastien',
				lastName: 'Morel',
				slug: 'bastien-morel',
				status: 'active',
				activatedAt: ago(5),
				lastLoginAt: ago(1),
				createdAt: ago(6),
				city: 'Lyon',
				postcode: '69003',
				latitude: 45.7597,
				longitude: 4.8422,
				category: 'visitor',
				visibleInDirectory: false
			}
		});
		await prisma.follow.create({ data: { followerId: joinedId, followedMemberId: claire.id, createdAt: ago(5) } });
		const message = 'Bonjour, je rejoins Relais pour partager mes disponibilités et mes actualités : inscrivez-vous pour les suivre !';
		const claireInvitations: { id: string; email: string; joined: boolean; reminded: boolean; relation: 'follow' | 'contact' }[] = [
			{ id: randomUUID(), email: 'bastien.morel@exemple.fr', joined: true, reminded: false, relation: 'follow' },
			{ id: randomUUID(), email: 'nadia.client@exemple.fr', joined: false, reminded: true, relation: 'contact' },
			{ id: randomUUID(), email: 'atelier.dupuis@exemple.fr', joined: false, reminded: false, relation: 'follow' }
		];
		for (const inv of claireInvitations) {
			invitations.push({
				id: inv.id,
				kind: 'member',
				email: inv.email,
				inviterId: claire.id,
				memberId: inv.joined ? joinedId : null,
				relation: inv.relation,
				message,
				createdAt: ago(7),
				firstSentAt: ago(7),
				lastSentAt: inv.reminded ? ago(3) : ago(7),
				acceptedAt: inv.joined ? ago(5) : null
			});
			sends.push({ invitationId: inv.id, kind: 'invitation', batch: randomUUID(), queuedAt: ago(7), sentAt: ago(7) });
			if (inv.reminded) sends.push({ invitationId: inv.id, kind: 'reminder', batch: randomUUID(), queuedAt: ago(3), sentAt: ago(3) });
		}
	}
	await prisma.invitation.createMany({ data: invitations });
	await prisma.invitationSend.createMany({ data: sends });

	// a sign-up waiting for moderation (the setting itself stays off in the demo: sign-ups work as usual)
	await prisma.registrationRequest.create({
		data: { email: 'lucie.hamon@exemple.fr', firstName: 'Lucie', lastName: 'Hamon', passwordHash, category: 'job_seeker', role: 'alumni', promotion: 2022, programme: 'Master Finance', createdAt: ago(0, 5) }
	});
	return { preRegistered: members.length, invitations: invitations.length };
}
