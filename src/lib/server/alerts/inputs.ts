import { z } from 'zod';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).filter((x) => blank(x) !== undefined)), z.array(item).max(4));

export const MAX_ALERTS = 20;

export const alertInput = z.object({
	phrase: z.string({ error: 'error.required' }).trim().min(2, { error: 'alerts.error.phrase_short' }).max(100, { error: 'error.too_long' }),
	scope: z.enum(['ads', 'members', 'companies'], { error: 'alerts.error.scope' }),
	kinds: list(z.enum(['news', 'offer', 'demand', 'job'], { error: 'alerts.error.scope' })),
	place: z.preprocess(blank, z.string().trim().max(100, { error: 'error.too_long' }).optional()),
	radius: z.preprocess(blank, z.coerce.number({ error: 'directory.error.radius' }).int({ error: 'directory.error.radius' }).min(1, { error: 'directory.error.radius' }).max(500, { error: 'directory.error.radius' }).optional())
});

export const alertTarget = z.object({ alertId: z.uuid({ error: 'alerts.error.not_found' }) });
