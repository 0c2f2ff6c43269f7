import type { PageServerLoad } from './$types';
import { isValidTimezone } from '#lib/server/calendar/tz.ts';

export const load: PageServerLoad = ({ url }) => {
	const tz = url.searchParams.get('tz') ?? '';
	const start = Date.parse(url.searchParams.get('start') ?? '');
	return {
		status: url.searchParams.get('status') === 'pending' ? ('pending' as const) : ('confirmed' as const),
		start: Number.isFinite(start) ? new Date(start).toISOString() : null,
		timezone: isValidTimezone(tz) ? tz : 'Europe/Paris'
	};
};
