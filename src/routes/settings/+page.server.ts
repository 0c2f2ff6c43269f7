import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { accountSettings, changePassword, deactivate, requestEmailChange, updateSettings } from '#lib/server/auth/accounts.ts';
import { actorOf, clearSessionCookie, echo, failWith, formObject, requestMeta, setLocaleCookie } from '#lib/server/http.ts';
import { translate } from '#lib/i18n/index.ts';

export const load: PageServerLoad = async (event) => {
	if (!event.locals.member) redirect(303, `/login?redirectTo=${encodeURIComponent(event.url.pathname)}`);
	return { account: await accountSettings(actorOf(event)), reactivated: event.url.searchParams.has('reactivated'), timezones: Intl.supportedValuesOf('timeZone') };
};

// Each section is its own action so one form's failure never resets another's fields.
export const actions: Actions = {
	identity: async (event) => {
		const form = await event.request.formData();
		try {
			const { locale } = await updateSettings(actorOf(event), formObject(form));
			setLocaleCookie(event.cookies, locale);
			return { section: 'identity', success: translate(locale, 'settings.saved') };
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'identity', ...echo(form, 'firstName', 'lastName', 'phone', 'postcode', 'city') });
		}
	},
	email: async (event) => {
		const form = await event.request.formData();
		try {
			const { newEmail } = await requestEmailChange(actorOf(event), formObject(form), { ip: requestMeta(event).ip });
			return { section: 'email', success: translate(event.locals.locale, 'settings.email_sent', { email: newEmail }) };
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'email', ...echo(form, 'newEmail') });
		}
	},
	password: async (event) => {
		const form = await event.request.formData();
		try {
			await changePassword(actorOf(event), formObject(form), event.locals.sessionSecret);
			return { section: 'password', success: translate(event.locals.locale, 'settings.password_changed') };
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'password' });
		}
	},
	deactivate: async (event) => {
		const form = await event.request.formData();
		try {
			await deactivate(actorOf(event), formObject(form));
		} catch (error) {
			return failWith(error, event.locals.locale, { section: 'deactivate' });
		}
		clearSessionCookie(event.cookies);
		redirect(303, '/login?deactivated=1');
	}
};

