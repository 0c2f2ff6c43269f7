import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { afterCommit } from '../helpers/jobs.ts';
import { rejection } from '../helpers/errors.ts';
import {
	approveRegistration,
	duplicateGroups,
	exportMembers,
	memberAdminView,
	memberList,
	refuseRegistration,
	registrationQueue,
	runBulkAction,
	saveListColumns,
	setRegistrationApproval,
	updateMemberByAdmin
} from '../../src/lib/server/admin/index.ts';
import { activate, logIn, signUp } from '../../src/lib/server/auth/accounts.ts';
import type { Role } from '../../src/lib/server/access/index.ts';

let ctx: TestContext;
let admin: { memberId: string; roles: Role[] };
let n = 0;

async function member(data: { email?: string; firstName?: string; lastName?: string; status?: 'active' | 'pending' | 'deactivated'; roles?: Role[]; promotion?: number; programme?: string; externalRef?: string; passwordHash?: string; lastLoginAt?: Date }) {
	n++;
	const row = await ctx.prisma.member.create({
		data: {
			email: data.email ?? `membre.${n}@exemple.fr`,
			firstName: data.firstName ?? 'Camille',
			lastName: data.lastName ?? `Nom${n}`,
			slug: `crm-${n}`,
			status: data.status ?? 'active',
			roles: data.roles ?? ['member'],
			promotion: data.promotion,
			programme: data.programme,
			externalRef: data.externalRef,
			passwordHash: data.passwordHash,
			lastLoginAt: data.lastLoginAt
		},
		select: { id: true }
	});
	return row.id;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
	ctx = await useTestContext();
	admin = { memberId: await member({ email: 'admin.crm@exemple.fr', firstName: 'Ada', lastName: 'Admin', roles: ['member', 'admin'] }), roles: ['member', 'admin'] };
	// promo 2025: 4 students (2 non inscrits), 1 alumni; promo 2020: 2 non inscrits, 1 active
	for (let k = 0; k < 4; k++) ids[`s${k}`] = await member({ firstName: 'Étudiant', lastName: `Promo2025-${k}`, roles: ['member', 'student'], promotion: 2025, programme: 'Master Finance', status: k < 2 ? 'pending' : 'active' });
	ids.a25 = await member({ firstName: 'Alumna', lastName: 'Vingt-cinq', roles: ['member', 'alumni'], promotion: 2025 });
	ids.p1 = await member({ firstName: 'Hélène', lastName: 'Lévêque', roles: ['member', 'alumni'], promotion: 2020, status: 'pending', externalRef: 'SCH-2020-01' });
	ids.p2 = await member({ firstName: 'Jérôme', lastName: 'Durand', roles: ['member', 'alumni'], promotion: 2020, status: 'pending' });
	ids.p3 = await member({ firstName: 'Zoé', lastName: 'Active', roles: ['member', 'alumni'], promotion: 2020, lastLoginAt: new Date() });
	ids.await = await member({ firstName: 'Signé', lastName: 'EnAttente', status: 'pending', passwordHash: 'x' });
	ids.deact = await member({ firstName: 'Parti', lastName: 'Désactivé', status: 'deactivated' });
	// duplicates: an active Hélène Lévêque of 2020 registered with another address; same address up to dots and capitals
	ids.dup = await member({ email: 'helene.leveque.perso@exemple.fr', firstName: 'Helene', lastName: 'LEVEQUE', roles: ['member', 'alumni'], promotion: 2020 });
	ids.dotA = await member({ email: 'jean.paul@exemple.fr', firstName: 'Jean', lastName: 'Paul' });
	ids.dotB = await member({ email: 'jeanpaul@exemple.fr', firstName: 'Jean', lastName: 'Paul', status: 'pending' });
});
afterAll(async () => ctx?.close());

describe('the CRM list', () => {
	it('shows every member with a status, combines filters, searches French keywords and pages on the server', async () => {
		const all = await memberList(admin, new URLSearchParams());
		expect(all.total).toBe(await ctx.prisma.member.count());
		const states = new Map(all.rows.map((r) => [r.id, r.state]));
		expect(states.get(ids.p1!)).toBe('pending');
		expect(states.get(ids.await!)).toBe('awaiting');
		expect(states.get(ids.deact!)).toBe('deactivated');
		expect(states.get(ids.p3!)).toBe('active');

		const promo2020NotRegistered = await memberList(admin, new URLSearchParams('promotion=2020&status=pending'));
		expect(promo2020NotRegistered.rows.map((r) => r.id).sort()).toEqual([ids.p1, ids.p2].sort());

		// accents and case folded: "leveque" finds Lévêque (and the duplicate LEVEQUE), an external reference too
		expect((await memberList(admin, new URLSearchParams('q=leveque'))).rows.map((r) => r.id).sort()).toEqual([ids.p1, ids.dup].sort());
		expect((await memberList(admin, new URLSearchParams('q=SCH-2020'))).rows.map((r) => r.id)).toEqual([ids.p1]);
		expect((await memberList(admin, new URLSearchParams('roles=student&status=active'))).total).toBe(2);

		const page = await memberList(admin, new URLSearchParams('size=25&sort=promotion&dir=desc'));
		expect(page.rows[0]!.promotion).toBe(2025);
		expect(page.rows.length).toBeLessThanOrEqual(25);
		// nonsense in the query string falls back to defaults, never an error
		expect((await memberList(admin, new URLSearchParams('page=-3&sort=drop&size=7&promotion=abc'))).query).toMatchObject({ page: 1, sort: 'name', size: 50 });
	});

	it('remembers the columns each administrator chose', async () => {
		await saveListColumns(admin, ['email', 'externalRef', 'nonsense']);
		expect((await memberList(admin, new URLSearchParams())).columns).toEqual(['email', 'externalRef']);
	});

	it('is for administrators only', async () => {
		const plain = { memberId: await member({}) };
		expect((await rejection(memberList(plain, new URLSearchParams()))).kind).toBe('forbidden');
		expect((await rejection(runBulkAction(plain, { action: 'delete', scope: 'all', filter: '' }))).kind).toBe('forbidden');
	});
});

describe('bulk actions', () => {
	it('"basculer tous les étudiants de la promo 2025 en alumni" on every matching row', async () => {
		const result = await runBulkAction(admin, { action: 'roles', scope: 'all', filter: 'roles=student&promotion=2025', add: 'alumni', remove: 'student' });
		expect(result).toEqual({ action: 'roles', count: 4 });
		const promo = await ctx.prisma.member.findMany({ where: { promotion: 2025 }, select: { roles: true } });
		expect(promo.every((m) => m.roles.includes('alumni') && !m.roles.includes('student') && m.roles.includes('member'))).toBe(true);
		expect(await ctx.prisma.member.count({ where: { roles: { has: 'student' } } })).toBe(0);
	});

	it('corrects the promotion of the selection', async () => {
		const result = await runBulkAction(admin, { action: 'promotion', scope: 'selected', ids: [ids.s0, ids.s1], promotion: '2024', programme: '' });
		expect(result).toEqual({ action: 'promotion', count: 2 });
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: ids.s0! } })).promotion).toBe(2024);
	});

	it('re-invites the "non inscrits" of promo 2020', async () => {
		const result = await runBulkAction(admin, { action: 'reinvite', scope: 'all', filter: 'promotion=2020&status=pending' });
		expect(result).toEqual({ action: 'reinvite', queued: 2, alreadyActive: 0, optedOut: 0 });
		await afterCommit(ctx);
		expect((await ctx.sentMail('membre.7@exemple.fr')).length + (await ctx.sentMail('membre.8@exemple.fr')).length).toBe(2);
		const view = await memberAdminView(admin, ids.p1);
		expect(view.invitations[0]!.sends[0]).toMatchObject({ kind: 'manual' });
		expect(view.invitations[0]!.sends[0]!.sentAt).toBeTruthy();
	});

	it('deletes only after the count is typed, and never the acting admin', async () => {
		const error = await rejection(runBulkAction(admin, { action: 'delete', scope: 'selected', ids: [ids.dotB, admin.memberId], confirm: '1' }));
		expect(error.key).toBe('admin.error.confirm_count');
		expect(error.params).toEqual({ count: 2 });
		const result = await runBulkAction(admin, { action: 'delete', scope: 'selected', ids: [ids.dotB, admin.memberId], confirm: '2' });
		expect(result).toEqual({ action: 'delete', count: 1 });
		const gone = await ctx.prisma.member.findUniqueOrThrow({ where: { id: ids.dotB! } });
		expect(gone).toMatchObject({ status: 'deactivated', firstName: 'Membre', passwordHash: null });
		expect(gone.email).not.toContain('jeanpaul');
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { id: admin.memberId } })).status).toBe('active');
	});
});

describe('exports for Excel', () => {
	it('the filtered list as CSV: BOM, `;`, accents, external reference column', async () => {
		const { csv, fileName } = await exportMembers(admin, 'filtered', { filter: 'promotion=2020' }, 'fr');
		expect(fileName).toMatch(/^membres-filtre-\d{4}-\d{2}-\d{2}\.csv$/);
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		const rows: string[][] = parse(csv, { delimiter: ';', bom: true });
		expect(rows[0]).toEqual(['Référence externe', 'Nom', 'Prénom', 'E-mail', 'Statut', 'Rôles', 'Promo', 'Cursus', 'Campus', 'Ville', 'Entreprise', 'Secteur', 'Dernière connexion', 'Invité le', 'Créé le']);
		expect(rows).toHaveLength(1 + 4);
		const helene = rows.find((r) => r[1] === 'Lévêque')!;
		expect(helene.slice(0, 7)).toEqual(['SCH-2020-01', 'Lévêque', 'Hélène', 'membre.7@exemple.fr', 'Non inscrit', 'Alumni', '2020']);
		expect(helene[13]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('the whole directory and the selection', async () => {
		const all: string[][] = parse((await exportMembers(admin, 'all', {}, 'en')).csv, { delimiter: ';', bom: true });
		expect(all).toHaveLength(1 + (await ctx.prisma.member.count()));
		expect(all[0]![0]).toBe('External reference');
		const selected: string[][] = parse((await exportMembers(admin, 'selected', { ids: [ids.p2] }, 'fr')).csv, { delimiter: ';', bom: true });
		expect(selected.slice(1).map((r) => r[1])).toEqual(['Durand']);
	});
});

describe('"Gérer l’utilisateur" and duplicates', () => {
	it('edits the e-mail, roles and external reference; a reference already used is refused', async () => {
		await updateMemberByAdmin(admin, ids.p2, { firstName: 'Jérôme', lastName: 'Durand', email: 'jerome.durand@exemple.fr', promotion: '2020', roles: ['alumni', 'teacher'], externalRef: 'SCH-2020-02' });
		const view = await memberAdminView(admin, ids.p2);
		expect(view).toMatchObject({ email: 'jerome.durand@exemple.fr', externalRef: 'SCH-2020-02', state: 'pending' });
		expect(view.roles.sort()).toEqual(['alumni', 'teacher']);
		expect((await rejection(updateMemberByAdmin(admin, ids.p2, { firstName: 'J', lastName: 'D', email: 'jerome.durand@exemple.fr', roles: [], externalRef: 'SCH-2020-01' }))).key).toBe('admin.error.external_ref_taken');
	});

	it('lists same name + promotion and same e-mail up to dots, with active and inactive side by side', async () => {
		const groups = await duplicateGroups(admin);
		const byName = groups.find((g) => g.kind === 'name' && g.members.some((m) => m.id === ids.p1))!;
		expect(byName.members.map((m) => [m.id, m.state])).toEqual([
			[ids.p1, 'pending'],
			[ids.dup, 'active']
		]);
		// jeanpaul@ was deleted above: its group is gone
		expect(groups.some((g) => g.kind === 'email' && g.members.some((m) => m.id === ids.dotA))).toBe(false);
	});
});

describe('registration moderation', () => {
	it('with the setting on, a sign-up waits in the queue (with promotion, programme and role) and gets a mail; approval mails the activation link', async () => {
		await setRegistrationApproval(admin, true);
		expect((await rejection(signUp({ firstName: 'Sans', lastName: 'Rôle', email: 'sans.role@exemple.fr', password: 'une phrase assez longue', acceptTerms: 'on', category: 'visitor' }, 'fr'))).fields).toHaveProperty('role');
		const result = await signUp({ firstName: 'Nina', lastName: 'Attente', email: 'nina@exemple.fr', password: 'une phrase assez longue', acceptTerms: 'on', category: 'visitor', role: 'alumni', promotion: '2019', programme: 'MBA' }, 'fr');
		expect(result.awaitingApproval).toBe(true);
		expect(await ctx.prisma.member.findUnique({ where: { email: 'nina@exemple.fr' } })).toBeNull();
		await afterCommit(ctx);
		expect((await ctx.sentMail('nina@exemple.fr')).map((m) => m.subject)).toEqual(['Votre demande d’inscription sur Relais']);
		const [request] = await registrationQueue(admin);
		expect(request).toMatchObject({ email: 'nina@exemple.fr', role: 'alumni', promotion: 2019, programme: 'MBA' });
		const { memberId } = await approveRegistration(admin, { requestId: request!.id });
		expect((await rejection(approveRegistration(admin, { requestId: request!.id }))).key).toBe('admin.registration.error.not_found');
		await afterCommit(ctx);
		const mails = await ctx.sentMail('nina@exemple.fr');
		expect(mails.at(-1)!.subject).toBe('Votre inscription sur Relais est validée');
		await activate(new URL(await ctx.lastLink('nina@exemple.fr')).searchParams.get('token'), {});
		const nina = await ctx.prisma.member.findUniqueOrThrow({ where: { id: memberId } });
		expect(nina).toMatchObject({ status: 'active', promotion: 2019, programme: 'MBA' });
		expect(nina.roles.sort()).toEqual(['alumni', 'member']);
		await logIn({ email: 'nina@exemple.fr', password: 'une phrase assez longue' }, {});
	});

	it('refusal needs a reason, which is mailed; no account is created', async () => {
		await signUp({ firstName: 'Refus', lastName: 'Motivé', email: 'refus@exemple.fr', password: 'une phrase assez longue', acceptTerms: 'on', category: 'visitor', role: 'student' }, 'fr');
		const request = (await registrationQueue(admin)).find((r) => r.email === 'refus@exemple.fr')!;
		expect((await rejection(refuseRegistration(admin, { requestId: request.id, reason: '' }))).fields).toHaveProperty('reason');
		await refuseRegistration(admin, { requestId: request.id, reason: 'Vous ne faites pas partie de l’école.' });
		await afterCommit(ctx);
		const mail = (await ctx.sentMail('refus@exemple.fr')).find((m) => m.subject === 'Votre demande d’inscription sur Relais n’a pas été acceptée')!;
		expect(mail.text).toContain('Motif : Vous ne faites pas partie de l’école.');
		expect(await ctx.prisma.member.findUnique({ where: { email: 'refus@exemple.fr' } })).toBeNull();
		expect((await registrationQueue(admin, 'refused')).map((r) => r.email)).toEqual(['refus@exemple.fr']);
	});

	it('recruiters are accepted without moderation; moderators moderate, members do not', async () => {
		const recruiter = await signUp({ firstName: 'Rex', lastName: 'Recruteur', email: 'rex@exemple.fr', password: 'une phrase assez longue', acceptTerms: 'on', category: 'company', role: 'recruiter' }, 'fr');
		expect(recruiter.awaitingApproval).toBeUndefined();
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'rex@exemple.fr' } })).roles.sort()).toEqual(['member', 'recruiter']);
		const moderator = { memberId: await member({ roles: ['member', 'moderator'] }) };
		await registrationQueue(moderator);
		expect((await rejection(registrationQueue({ memberId: await member({}) }))).kind).toBe('forbidden');
		await setRegistrationApproval(admin, false);
		const free = await signUp({ firstName: 'Libre', lastName: 'Accès', email: 'libre@exemple.fr', password: 'une phrase assez longue', acceptTerms: 'on', category: 'visitor', role: 'admin' }, 'fr');
		expect(free.awaitingApproval).toBeUndefined();
		// with the setting off the stated role is ignored: nobody gives themselves a role
		expect((await ctx.prisma.member.findUniqueOrThrow({ where: { email: 'libre@exemple.fr' } })).roles).toEqual(['member']);
	});
});
