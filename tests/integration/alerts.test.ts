import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { rejection } from '../helpers/errors.ts';
import { makeContacts, makeMember } from '../helpers/realtime.ts';
import { createAlert, deleteAlert, listAlerts, pauseAlert, runAlerts, updateAlert } from '../../src/lib/server/alerts/index.ts';
import { publish } from '../../src/lib/server/publications/index.ts';
import { listNotifications } from '../../src/lib/server/notifications/index.ts';
import { refreshMemberSearch } from '../../src/lib/server/directory/index.ts';

let ctx: TestContext;
type M = Awaited<ReturnType<typeof makeMember>>;
const as = (m: { id: string }) => ({ memberId: m.id });
let watcher: M, author: M;
const HOUR = 3_600_000;

beforeAll(async () => {
	ctx = await useTestContext();
	[watcher, author] = [await makeMember(ctx), await makeMember(ctx)];
});
afterAll(async () => ctx?.close());

const alertTitles = async (m: M) => (await listNotifications(as(m))).items.filter((n) => n.type === 'alert.matched');

describe('keyword alerts', () => {
	it('an ad matching the phrase (French text rules) is reported once; one notification per alert and day; never a private ad', async () => {
		const t0 = new Date(Date.now() - 10 * HOUR);
		const { id: alertId } = await createAlert(as(watcher), { phrase: 'électricien', scope: 'ads', place: 'Lyon', radius: '30' }, t0);
		const match = await publish(as(author), { kind: 'demand', title: 'Recherche ELECTRICIENS pour un chantier', body: 'Mise aux normes.', place: 'Villeurbanne' }, [], new Date(t0.getTime() + HOUR));
		await publish(as(author), { kind: 'offer', title: 'Électricien disponible à Marseille', body: 'Dépannage.', place: 'Marseille' }, [], new Date(t0.getTime() + HOUR));
		await publish(as(author), { kind: 'offer', audience: 'contacts', title: 'Électricien : offre privée à mes contacts', body: 'Privé.', place: 'Lyon' }, [], new Date(t0.getTime() + HOUR));
		// even a contact of the author never gets a private ad through an alert
		await makeContacts(author.id, watcher.id);
		await publish(as(author), { kind: 'offer', audience: 'contacts', title: 'Électricien : seconde offre privée', body: 'Privé.', place: 'Lyon' }, [], new Date(t0.getTime() + HOUR));

		const run1 = new Date(t0.getTime() + 2 * HOUR);
		expect(await runAlerts(run1)).toBe(1);
		const [alert] = await listAlerts(as(watcher));
		expect(alert!.matches.map((m) => m.itemId)).toEqual([match.id]);
		expect(await alertTitles(watcher)).toHaveLength(1);

		// the same run again: nothing new, no second notification
		expect(await runAlerts(run1)).toBe(0);
		// a new match the same day is recorded, but the day's notification is already there
		await publish(as(author), { kind: 'demand', title: 'Électricien pour tableau électrique', body: 'Lyon 3e.', place: '69003' }, [], new Date(run1.getTime() + HOUR));
		expect(await runAlerts(new Date(run1.getTime() + 2 * HOUR))).toBe(1);
		expect(await alertTitles(watcher)).toHaveLength(1);
		// the next day: a new notification
		await publish(as(author), { kind: 'demand', title: 'Électricien pour borne de recharge', body: 'Lyon.', place: 'Lyon' }, [], new Date(run1.getTime() + 26 * HOUR));
		expect(await runAlerts(new Date(run1.getTime() + 27 * HOUR))).toBe(1);
		expect(await alertTitles(watcher)).toHaveLength(2);
		await deleteAlert(as(watcher), { alertId });
	});

	it('member profiles: a listed member matches, an unlisted one never does', async () => {
		const t0 = new Date(Date.now() - HOUR);
		await createAlert(as(watcher), { phrase: 'ostéopathe', scope: 'members' }, t0);
		const [listed, unlisted] = [await makeMember(ctx), await makeMember(ctx, { visibleInDirectory: false })];
		for (const m of [listed, unlisted]) await ctx.prisma.profile.upsert({ where: { memberId: m.id }, create: { memberId: m.id, headline: 'Ostéopathe à Lyon' }, update: { headline: 'Ostéopathe à Lyon' } });
		await refreshMemberSearch([listed.id, unlisted.id]);
		expect(await runAlerts(new Date())).toBe(1);
		const alerts = await listAlerts(as(watcher));
		expect(alerts.flatMap((a) => a.matches.map((m) => m.itemId))).toEqual([listed.id]);
	});

	it('alerts are the member’s own: listed, edited, paused, deleted; paused ones do not run', async () => {
		const other = await makeMember(ctx);
		const { id: alertId } = await createAlert(as(other), { phrase: 'menuisier', scope: 'companies' });
		expect((await rejection(deleteAlert(as(watcher), { alertId }))).kind).toBe('not_found');
		expect((await rejection(createAlert(as(other), { phrase: 'x', scope: 'ads' }))).fields).toHaveProperty('phrase');
		expect((await rejection(createAlert(null, { phrase: 'menuisier', scope: 'ads' }))).kind).toBe('unauthenticated');
		await updateAlert(as(other), { alertId, phrase: 'ébéniste', scope: 'companies' });
		await pauseAlert(as(other), { alertId }, true);
		expect((await listAlerts(as(other)))[0]).toMatchObject({ phrase: 'ébéniste', paused: true });
		await ctx.prisma.company.create({ data: { slug: `ebenisterie-${Date.now()}`, legalName: 'Ébénisterie Durand', title: 'Ébénisterie Durand' } });
		await runAlerts(new Date(Date.now() + HOUR));
		expect((await listAlerts(as(other)))[0]!.matches).toEqual([]);
		await pauseAlert(as(other), { alertId }, false, new Date(Date.now() - 2 * HOUR));
		await ctx.prisma.company.create({ data: { slug: `ebenisterie-b-${Date.now()}`, legalName: 'Ébénisterie Martin', title: 'Ébénisterie Martin' } });
		await runAlerts(new Date(Date.now() + HOUR));
		expect((await listAlerts(as(other)))[0]!.matches.map((m) => m.label).sort()).toEqual(['Ébénisterie Durand', 'Ébénisterie Martin']);
		await deleteAlert(as(other), { alertId });
		expect(await listAlerts(as(other))).toEqual([]);
	});
});
