// Demo mentoring: a dozen alumni mentors (promotion, programme, company, sector, topics) and
// requests in every state — pending (one past its reminder), accepted, declined, expired, ended —
// so that /mentorat and "Mes parrainages" are alive. Claire Martin mentors (she has a request to
// answer and a running mentorship); Paul Bernard is not a mentor (he sees the banner) and has one
// request pending and one mentorship running as a mentee.
import type { Prisma, PrismaClient } from '../../src/lib/server/generated/prisma/client.ts';

const DAY = 86_400_000;

const MENTORS: { email?: string; promotion: number; programme: string; company: string; sector: string; topics: string[]; capacity: number }[] = [
	{ email: 'claire.martin@exemple.fr', promotion: 2011, programme: 'Ingénieur informatique', company: 'Coopérative Numérique du Rhône', sector: 'Numérique', topics: ['freelance', 'développement web', 'entrepreneuriat'], capacity: 3 },
	{ promotion: 2008, programme: 'Master finance', company: 'BNP Paribas', sector: 'Banque et finance', topics: ['premier emploi', 'finance de marché'], capacity: 2 },
	{ promotion: 2014, programme: 'Ingénieur informatique', company: 'Capgemini', sector: 'Conseil', topics: ['conseil', 'data', 'entretiens'], capacity: 2 },
	{ promotion: 2016, programme: 'Master marketing digital', company: 'Decathlon', sector: 'Distribution', topics: ['marketing', 'reconversion'], capacity: 1 },
	{ promotion: 2005, programme: 'Ingénieur généraliste', company: 'Airbus', sector: 'Aéronautique', topics: ['industrie', 'management', 'international'], capacity: 2 },
	{ promotion: 2019, programme: 'Bachelor design', company: 'Ubisoft', sector: 'Jeu vidéo', topics: ['portfolio', 'créativité'], capacity: 2 },
	{ promotion: 2012, programme: 'Master RH', company: 'Groupe SEB', sector: 'Industrie', topics: ['CV', 'négociation salariale'], capacity: 3 },
	{ promotion: 2010, programme: 'Ingénieur énergie', company: 'EDF', sector: 'Énergie', topics: ['transition énergétique', 'alternance'], capacity: 2 },
	{ promotion: 2020, programme: 'Ingénieur informatique', company: 'Doctolib', sector: 'Santé numérique', topics: ['startup', 'premier emploi', 'data'], capacity: 2 },
	{ promotion: 2007, programme: 'Master droit des affaires', company: 'Cabinet Fidal', sector: 'Juridique', topics: ['droit', 'création d’entreprise'], capacity: 1 }
];

const REQUESTS = [
	'Bonjour, je suis en dernière année et j’hésite entre le conseil et une startup. Auriez-vous un peu de temps pour en parler ?',
	'Bonjour ! Je prépare ma recherche d’alternance pour la rentrée et votre parcours m’intéresse beaucoup.',
	'Je souhaite me reconvertir vers le numérique après cinq ans dans la logistique : vos conseils me seraient précieux.',
	'Bonjour, je viens de décrocher mon premier entretien et j’aimerais le préparer avec quelqu’un du métier.',
	'Votre expérience à l’international m’intéresse : je vise un VIE l’an prochain.',
	'Bonjour, je voudrais créer mon activité de freelance et je ne sais pas par où commencer.'
];

export async function seedDemoMentoring(prisma: PrismaClient, now: Date = new Date()): Promise<{ mentors: number; mentorships: number }> {
	const claire = await prisma.member.findUnique({ where: { email: 'claire.martin@exemple.fr' }, select: { id: true } });
	const paul = await prisma.member.findUnique({ where: { email: 'paul.bernard@exemple.fr' }, select: { id: true } });
	const logins = ['claire.martin@exemple.fr', 'paul.bernard@exemple.fr', 'admin@exemple.fr'];
	const others = await prisma.member.findMany({
		where: { status: 'active', email: { notIn: logins }, NOT: { roles: { has: 'recruiter' } } },
		select: { id: true },
		orderBy: { email: 'asc' },
		take: 30
	});
	if (!claire || !paul || others.length < 20) return { mentors: 0, mentorships: 0 };
	const mentorIds: string[] = [];
	const profiles: Prisma.MentorProfileCreateManyInput[] = [];
	let next = 0;
	for (const m of MENTORS) {
		const id = m.email ? claire.id : others[next++]!.id;
		mentorIds.push(id);
		profiles.push({ memberId: id, topics: m.topics, capacity: m.capacity, company: m.company, sector: m.sector });
	}
	// the mentors are alumni of a promotion and a programme (one statement for all)
	await prisma.$executeRaw`
		UPDATE "Member" m SET promotion = v.promotion, programme = v.programme,
			roles = CASE WHEN 'alumni' = ANY(m.roles) THEN m.roles ELSE array_append(m.roles, 'alumni') END
		FROM unnest(${mentorIds}::uuid[], ${MENTORS.map((x) => x.promotion)}::int[], ${MENTORS.map((x) => x.programme)}::text[]) AS v(id, promotion, programme)
		WHERE m.id = v.id`;
	await prisma.mentorProfile.createMany({ data: profiles });
	const mentees = others.slice(next);
	const at = (days: number) => new Date(now.getTime() - days * DAY);
	const row = (mentorId: string, menteeId: string, message: string, ageDays: number, status: Prisma.MentorshipCreateManyInput['status'], extra: Partial<Prisma.MentorshipCreateManyInput> = {}): Prisma.MentorshipCreateManyInput => ({
		mentorId,
		menteeId,
		message,
		status,
		requestedAt: at(ageDays),
		expiresAt: new Date(at(ageDays).getTime() + 14 * DAY),
		...extra
	});
	const [m1, m2, m3, m4, m5, m6] = mentees.map((m) => m.id);
	const rows: Prisma.MentorshipCreateManyInput[] = [
		// Claire: a request to answer, one reminded already, a running mentorship, one she declined
		row(claire.id, m1!, REQUESTS[5]!, 2, 'pending'),
		row(claire.id, m2!, REQUESTS[2]!, 9, 'pending', { remindedAt: at(2) }),
		row(claire.id, m3!, REQUESTS[1]!, 40, 'accepted', { answeredAt: at(38), answer: 'Avec plaisir ! Écrivez-moi vos disponibilités.' }),
		row(claire.id, m4!, REQUESTS[4]!, 60, 'declined', { answeredAt: at(57), answer: 'Je ne connais pas assez le VIE, mais je vous conseille de solliciter un mentor dans l’industrie.' }),
		// Paul as a mentee: one running, one pending, one expired
		row(mentorIds[2]!, paul.id, REQUESTS[3]!, 30, 'accepted', { answeredAt: at(29), answer: 'Bien sûr, parlons-en cette semaine.' }),
		row(mentorIds[1]!, paul.id, REQUESTS[0]!, 3, 'pending'),
		row(mentorIds[4]!, paul.id, REQUESTS[4]!, 45, 'expired', { endedAt: at(31) }),
		// the others
		row(mentorIds[6]!, m5!, REQUESTS[3]!, 120, 'ended', { answeredAt: at(118), endedAt: at(20), endedById: m5! }),
		row(mentorIds[7]!, m6!, REQUESTS[1]!, 15, 'accepted', { answeredAt: at(13) }),
		row(mentorIds[8]!, m1!, REQUESTS[0]!, 5, 'pending')
	];
	await prisma.mentorship.createMany({ data: rows });
	return { mentors: profiles.length, mentorships: rows.length };
}
