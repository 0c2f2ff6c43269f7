import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestContext, type TestContext } from '../helpers/context.ts';
import { agendaSettings, saveDateOverride, saveSchedule } from '../../src/lib/server/booking/settings.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import { translate } from '../../src/lib/i18n/index.ts';
import { actions } from '../../src/routes/agenda/+page.server.ts';

/** Working hours through the domain and the /agenda form (issue 10, item 19). */
describe('working hours settings', () => {
	let ctx: TestContext;
	const actor = { memberId: '' };

	beforeAll(async () => {
		ctx = await useTestContext();
		actor.memberId = (await ctx.prisma.member.create({ data: { email: 'hours@example.test', firstName: 'Hélène', lastName: 'Horaires', slug: 'helene-horaires', status: 'active' } })).id;
		await agendaSettings(actor);
	});
	afterAll(async () => {
		await ctx?.close();
	});

	const hoursOf = async () => (await agendaSettings(actor)).workingHours.map((w) => `${w.weekday}:${w.startMinute}-${w.endMinute}`);
	const refusal = async (run: Promise<unknown>) => {
		const error = await run.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(DomainError);
		return error as DomainError;
	};

	it('"9h-12h", "9h30-12h" and en dashes are saved as typed', async () => {
		await saveSchedule(actor, { timezone: 'Europe/Paris', enabled: true, locale: 'fr', days: { '1': '9h-12h, 14h-18h', '2': '9h30-12h', '3': '09:00–12:00', '4': '', '5': '', '6': '', '7': '' } });
		expect(await hoursOf()).toEqual(['1:540-720', '1:840-1080', '2:570-720', '3:540-720']);
	});

	it('names the day and the problem, in the member’s language; nothing is saved', async () => {
		const before = await hoursOf();
		const endBefore = await refusal(saveSchedule(actor, { timezone: 'Europe/Paris', enabled: true, locale: 'fr', days: { '1': '9h-12h', '2': '18:00-09:00' } }));
		expect(translate('fr', endBefore.key, endBefore.params)).toBe('Mardi : 18:00-09:00 — la fin précède le début.');
		expect(endBefore.fields).toEqual({ day2: 'booking.hours.field.end_before_start' });
		const overlap = await refusal(saveSchedule(actor, { timezone: 'Europe/Paris', enabled: true, locale: 'en', days: { '2': '09:00-12:00, 11:00-14:00' } }));
		expect(translate('en', overlap.key, overlap.params)).toBe('Tuesday: 09:00-12:00 and 11:00-14:00 overlap.');
		// ranges given as data are held to the same rules
		const data = await refusal(saveSchedule(actor, { timezone: 'Europe/Paris', enabled: true, locale: 'fr', workingHours: [{ weekday: 3, startMinute: 540, endMinute: 720 }, { weekday: 3, startMinute: 600, endMinute: 660 }] }));
		expect(translate('fr', data.key, data.params)).toBe('Mercredi : 09:00-12:00 et 10:00-11:00 se chevauchent.');
		expect(await hoursOf()).toEqual(before);
	});

	it('date overrides take the same text and the same checks', async () => {
		await saveDateOverride(actor, { date: '2026-12-24', ranges: '10h-12h' });
		expect((await agendaSettings(actor)).overrides).toEqual([{ date: '2026-12-24', startMinute: 600, endMinute: 720 }]);
		const error = await refusal(saveDateOverride(actor, { date: '2026-12-31', ranges: '14h-12h' }));
		expect(translate('fr', error.key, error.params)).toBe('2026-12-31 : 14:00-12:00 — la fin précède le début.');
	});

	it('the /agenda form shows the message, marks the day and gives back what was typed', async () => {
		const form = new FormData();
		form.set('timezone', 'Europe/Paris');
		form.set('enabled', 'on');
		form.set('day1', '9h-12h');
		form.set('day2', '09:00-12:00, 11:00-14:00');
		const event = { request: new Request('http://127.0.0.1:3999/agenda?/hours', { method: 'POST', body: form }), locals: { member: { id: actor.memberId }, locale: 'fr' } };
		const result = (await (actions.hours as (e: unknown) => Promise<{ status: number; data: { message: string; fields: Record<string, string>; values: Record<string, string> } }>)(event));
		expect(result.status).toBe(400);
		expect(result.data.message).toBe('Mardi : 09:00-12:00 et 11:00-14:00 se chevauchent.');
		expect(result.data.fields).toEqual({ day2: 'Deux plages se chevauchent.' });
		expect(result.data.values).toMatchObject({ section: 'hours', day1: '9h-12h', day2: '09:00-12:00, 11:00-14:00' });
	});
});
