import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { rejection } from '../helpers/errors.ts';
import { afterCommit, jobsOf, runDueJobs } from '../helpers/jobs.ts';
import { loadActor, type ActorRef, type Role } from '../../src/lib/server/access/index.ts';
import { answerRequest, endMentorship, mentorSettings, mentorshipConversation, myMentorships, requestMentor, saveMentorSettings, searchMentors, sweepMentoringDeadlines } from '../../src/lib/server/mentoring/index.ts';
import { MENTORING_JOBS } from '../../src/lib/server/mentoring/mail.ts';

/**
 * Mentoring: opt in, search with filters, "Solliciter comme mentor" → mail + notification, a
 * reminder at D+7 and the expiry at D+14 (pg-boss jobs on the test clock), accept → a
 * conversation, decline, end; recruiters and visitors never reach it.
 */
let ctx: TestContext;
let n = 0;
const DAY = 86_400_000;
const MESSAGE = 'Bonjour, je termine mon master et aimerais vos conseils pour un premier poste en data.';

async function member(first: string, data: { roles?: Role[]; promotion?: number; programme?: string; city?: string; postcode?: string; acceptsMessages?: boolean } = {}) {
	const i = ++n;
	const row = await ctx.prisma.member.create({
		data: {
			email: `${first.toLowerCase()}${i}@exemple.fr`,
			firstName: first,
			lastName: `Mentorat${i}`,
			slug: `${first.toLowerCase()}-mentorat-${i}`,
			status: 'active',
			activatedAt: new Date(),
			roles: data.roles ?? ['member', 'alumni'],
			promotion: data.promotion ?? null,
			programme: data.programme ?? null,
			city: data.city ?? null,
			postcode: data.postcode ?? null,
			acceptsMessages: data.acceptsMessages ?? true
		},
		select: { id: true, email: true }
	});
	return row;
}

const as = (id: string): Promise<ActorRef> => loadActor(id);

async function mentor(first: string, settings: Record<string, string> = {}, data: Parameters<typeof member>[1] = {}) {
	const m = await member(first, data);
	await saveMentorSettings(await as(m.id), { active: 'on', topics: 'premier emploi, data', capacity: '2', company: 'Banque Populaire', sector: 'Finance', ...settings });
	return m;
}

beforeAll(async () => {
	ctx = await useTestContext();
});
afterAll(async () => ctx?.close());

describe('who reaches mentoring', () => {
	it('members do; visitors are asked to log in; recruiters only are refused', async () => {
		const alumni = await member('Alice');
		const recruiter = await member('Rémi', { roles: ['member', 'recruiter'] });
		const recruiterAlumni = await member('Rose', { roles: ['member', 'recruiter', 'alumni'] });
		expect((await searchMentors(await as(alumni.id), {})).mentors).toBeDefined();
		expect((await searchMentors(await as(recruiterAlumni.id), {})).mentors).toBeDefined();
		expect((await rejection(searchMentors(null, {}))).kind).toBe('unauthenticated');
		expect((await rejection(searchMentors(await as(recruiter.id), {}))).kind).toBe('forbidden');
		expect((await rejection(mentorSettings(await as(recruiter.id)))).kind).toBe('forbidden');
		expect((await rejection(myMentorships(await as(recruiter.id)))).kind).toBe('forbidden');
	});
});

describe('mentor search', () => {
	it('lists active mentors only, with filters on promotion, programme, company, sector, skill and place', async () => {
		const a = await mentor('Amandine', { company: 'Capgemini', sector: 'Conseil' }, { promotion: 2012, programme: 'Ingénieur informatique', city: 'Lyon', postcode: '69003' });
		const b = await mentor('Bastien', { company: 'BNP Paribas', sector: 'Finance' }, { promotion: 2015, programme: 'Master finance', city: 'Paris', postcode: '75011' });
		const off = await mentor('Odile');
		await saveMentorSettings(await as(off.id), { active: '', topics: '', capacity: '1' });
		const skill = await ctx.prisma.skill.create({ data: { key: 'python', label: 'Python' } });
		await ctx.prisma.memberSkill.create({ data: { memberId: a.id, skillId: skill.id } });
		const seeker = await member('Sami');
		const search = async (filters: Record<string, string>) => (await searchMentors(await as(seeker.id), filters)).mentors.map((m) => m.memberId);
		const all = await search({});
		expect(all).toEqual(expect.arrayContaining([a.id, b.id]));
		expect(all).not.toContain(off.id);
		expect(await search({ promotion: '2012' })).toEqual([a.id]);
		expect(await search({ programme: 'finance' })).toEqual([b.id]);
		expect(await search({ company: 'capgemini' })).toEqual([a.id]);
		expect(await search({ sector: 'Finance' })).toContain(b.id);
		expect(await search({ sector: 'Finance' })).not.toContain(a.id);
		expect(await search({ skill: 'pyth' })).toEqual([a.id]);
		expect(await search({ place: 'Lyon' })).toEqual([a.id]);
		expect(await search({ place: '75' })).toEqual([b.id]);
		// a mentor does not find themself
		expect(await (async () => (await searchMentors(await as(a.id), {})).mentors.map((m) => m.memberId))()).not.toContain(a.id);
		expect((await rejection(saveMentorSettings(await as(a.id), { active: 'on', capacity: '0' }))).fields.capacity).toBe('mentoring.error.capacity');
	});
});

describe('a request: mail and notification, reminder at D+7, expiry at D+14', () => {
	it('runs on the clock, each step once', async () => {
		const m = await mentor('Marc');
		const mentee = await member('Nina');
		const d0 = new Date();
		const { id } = await requestMentor(await as(mentee.id), { mentorId: m.id, message: MESSAGE }, d0);
		expect((await rejection(requestMentor(await as(mentee.id), { mentorId: m.id, message: MESSAGE }, d0))).key).toBe('mentoring.error.already_requested');
		expect((await rejection(requestMentor(await as(mentee.id), { mentorId: m.id, message: 'trop court' }, d0))).fields.message).toBe('mentoring.error.message_short');
		await afterCommit(ctx);

		const toMentor = await ctx.sentMail(m.email);
		expect(toMentor).toHaveLength(1);
		expect(toMentor[0]!.subject).toContain('vous sollicite comme mentor');
		expect(toMentor[0]!.text).toContain(MESSAGE);
		expect(toMentor[0]!.text).toContain('/mentorat/parrainages');
		const notes = await ctx.prisma.notification.findMany({ where: { recipientId: m.id } });
		expect(notes.map((x) => x.type)).toEqual(['mentoring.requested']);

		// D+6: nothing yet
		expect(await runDueJobs(ctx, new Date(d0.getTime() + 6 * DAY))).toBe(0);
		// D+7: the reminder, once
		await runDueJobs(ctx, new Date(d0.getTime() + 7 * DAY + 60_000));
		const reminded = await ctx.sentMail(m.email);
		expect(reminded).toHaveLength(2);
		expect(reminded[1]!.subject).toMatch(/^Rappel/);
		expect(await ctx.sentMail(mentee.email)).toHaveLength(0);
		// D+13: still pending
		await runDueJobs(ctx, new Date(d0.getTime() + 13 * DAY));
		expect((await ctx.prisma.mentorship.findUniqueOrThrow({ where: { id } })).status).toBe('pending');
		// D+14: expired, the mentee is told by mail and notification
		await runDueJobs(ctx, new Date(d0.getTime() + 14 * DAY + 60_000));
		expect((await ctx.prisma.mentorship.findUniqueOrThrow({ where: { id } })).status).toBe('expired');
		await afterCommit(ctx, new Date(d0.getTime() + 14 * DAY + 60_000));
		const toMentee = await ctx.sentMail(mentee.email);
		expect(toMentee).toHaveLength(1);
		expect(toMentee[0]!.subject).toContain('a expiré');
		expect((await ctx.prisma.notification.findMany({ where: { recipientId: mentee.id } })).map((x) => x.type)).toEqual(['mentoring.expired']);
		expect(await ctx.sentMail(m.email)).toHaveLength(2);
		// too late to answer
		expect((await rejection(answerRequest(await as(m.id), { id, decision: 'accept' }))).kind).toBe('conflict');
		const list = await myMentorships(await as(mentee.id));
		expect(list.asMentee.map((x) => x.status)).toEqual(['expired']);
	});

	it('an answered request is neither reminded nor expired', async () => {
		const m = await mentor('Paule');
		const mentee = await member('Quentin');
		const d0 = new Date();
		const { id } = await requestMentor(await as(mentee.id), { mentorId: m.id, message: MESSAGE }, d0);
		await afterCommit(ctx, d0);
		await answerRequest(await as(m.id), { id, decision: 'decline', message: 'Je suis très pris ce trimestre, désolée.' });
		await afterCommit(ctx);
		await runDueJobs(ctx, new Date(d0.getTime() + 15 * DAY));
		expect((await ctx.prisma.mentorship.findUniqueOrThrow({ where: { id } })).status).toBe('declined');
		expect(await ctx.sentMail(m.email)).toHaveLength(1);
		const mails = await ctx.sentMail(mentee.email);
		expect(mails.map((x) => x.subject)).toEqual([expect.stringContaining('Votre demande de mentorat')]);
		expect(mails[0]!.text).toContain('Je suis très pris ce trimestre');
		const jobs = await jobsOf(ctx, MENTORING_JOBS.reminder);
		expect(jobs.filter((j) => (j.data as { mentorshipId: string }).mentorshipId === id)).toHaveLength(1);
	});
});

describe('accepting opens a conversation', () => {
	it('the mentee gets a mail whose button opens the conversation with the mentor; either side ends the mentorship', async () => {
		const m = await mentor('Hélène', { capacity: '1' });
		const mentee = await member('Ibrahim');
		const other = await member('Jade');
		const { id } = await requestMentor(await as(mentee.id), { mentorId: m.id, message: MESSAGE });
		const second = await requestMentor(await as(other.id), { mentorId: m.id, message: MESSAGE });
		await afterCommit(ctx);
		// only the mentor answers
		expect((await rejection(answerRequest(await as(mentee.id), { id, decision: 'accept' }))).kind).toBe('not_found');
		const answer = await answerRequest(await as(m.id), { id, decision: 'accept', message: 'Avec plaisir, écrivez-moi !' });
		expect(answer.status).toBe('accepted');
		const conversation = await ctx.prisma.conversation.findUniqueOrThrow({ where: { id: answer.conversationId! }, include: { members: true } });
		expect(conversation.kind).toBe('direct');
		expect(conversation.members.map((x) => x.memberId).sort()).toEqual([m.id, mentee.id].sort());
		await afterCommit(ctx);
		const mail = (await ctx.sentMail(mentee.email)).at(-1)!;
		expect(mail.subject).toContain('a accepté');
		expect(mail.text).toContain('Avec plaisir, écrivez-moi !');
		expect(mail.html).toContain(`/mentorat/parrainages/${id}/conversation`);
		expect(await mentorshipConversation(await as(mentee.id), id)).toBe(answer.conversationId);
		expect((await rejection(mentorshipConversation(await as(other.id), id))).kind).toBe('not_found');
		// capacity 1: the second request cannot be accepted now
		expect((await rejection(answerRequest(await as(m.id), { id: second.id, decision: 'accept' }))).key).toBe('mentoring.error.capacity_reached');
		// "Mes parrainages" on both sides
		expect((await myMentorships(await as(m.id))).asMentor.map((x) => x.status)).toEqual(['pending', 'accepted']);
		expect((await myMentorships(await as(mentee.id))).asMentee[0]).toMatchObject({ status: 'accepted', conversationId: answer.conversationId });
		// the mentee ends it: the mentor is told
		await endMentorship(await as(mentee.id), { id });
		await afterCommit(ctx);
		expect((await ctx.sentMail(m.email)).at(-1)!.subject).toContain('est terminé');
		expect((await rejection(endMentorship(await as(m.id), { id }))).kind).toBe('conflict');
		// a place is free again
		expect((await answerRequest(await as(m.id), { id: second.id, decision: 'accept' })).status).toBe('accepted');
	});

	it('a mentor closed to messages still gets the conversation: it is opened as the mentor', async () => {
		const m = await mentor('Karim', {}, { acceptsMessages: false });
		const mentee = await member('Léa');
		const { id } = await requestMentor(await as(mentee.id), { mentorId: m.id, message: MESSAGE });
		const { conversationId } = await answerRequest(await as(m.id), { id, decision: 'accept' });
		expect(conversationId).toBeTruthy();
		expect(await mentorshipConversation(await as(mentee.id), id)).toBe(conversationId);
	});
});

describe('safety net and blocks', () => {
	it('the daily sweep reminds and expires requests whose jobs were lost, once', async () => {
		const m = await mentor('Sylvie');
		const a = await member('Théo');
		const b = await member('Ursule');
		const d0 = new Date(Date.now() - 20 * DAY);
		// rows as an import would leave them: no job behind them
		const late = await ctx.prisma.mentorship.create({ data: { mentorId: m.id, menteeId: a.id, message: MESSAGE, requestedAt: new Date(Date.now() - 8 * DAY), expiresAt: new Date(Date.now() + 6 * DAY) } });
		const overdue = await ctx.prisma.mentorship.create({ data: { mentorId: m.id, menteeId: b.id, message: MESSAGE, requestedAt: d0, expiresAt: new Date(d0.getTime() + 14 * DAY) } });
		const sweep = await sweepMentoringDeadlines();
		expect(sweep.expired).toBeGreaterThanOrEqual(1);
		expect(sweep.reminded).toBeGreaterThanOrEqual(1);
		expect((await ctx.prisma.mentorship.findUniqueOrThrow({ where: { id: overdue.id } })).status).toBe('expired');
		expect((await ctx.prisma.mentorship.findUniqueOrThrow({ where: { id: late.id } })).remindedAt).not.toBeNull();
		await afterCommit(ctx);
		expect((await ctx.sentMail(b.email)).map((x) => x.subject)).toEqual([expect.stringContaining('a expiré')]);
		expect((await ctx.sentMail(m.email)).map((x) => x.subject)).toEqual([expect.stringMatching(/^Rappel/)]);
		expect(await sweepMentoringDeadlines()).toEqual({ reminded: 0, expired: 0 });
	});

	it('a member blocked by a mentor cannot ask them', async () => {
		const m = await mentor('Victor');
		const a = await member('Wanda');
		await ctx.prisma.memberBlock.create({ data: { blockerId: m.id, blockedId: a.id } });
		expect((await rejection(requestMentor(await as(a.id), { mentorId: m.id, message: MESSAGE }))).key).toBe('mentoring.error.mentor_not_found');
	});
});
