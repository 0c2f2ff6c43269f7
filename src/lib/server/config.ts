import { z } from 'zod';
import { trustedProxyHops } from './client-address.ts';

/** Every environment variable Relais reads — the README's table mirrors this schema. */
const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	HOST: z.string().default('127.0.0.1'),
	PORT: z.coerce.number().int().min(0).max(65535).default(3000),
	PUBLIC_URL: z.url().optional(),
	DATABASE_URL: z.string().optional(),
	DATA_DIR: z.string().default('data'),
	UPLOADS_DIR: z.string().optional(),
	SMTP_URL: z.string().optional(),
	MAIL_FROM: z.string().default('Relais <no-reply@relais.local>'),
	SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
	GOOGLE_CLIENT_ID: z.string().optional(),
	GOOGLE_CLIENT_SECRET: z.string().optional(),
	// only for tests and self-hosted mirrors of Google's endpoints
	GOOGLE_OAUTH_BASE_URL: z.url().optional(),
	LOGIN_MAX_FAILURES_ACCOUNT: z.coerce.number().int().min(1).default(5),
	LOGIN_MAX_FAILURES_IP: z.coerce.number().int().min(1).default(20),
	LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
	LOGIN_DELAY_MAX_SECONDS: z.coerce.number().int().min(1).default(300),
	MAIL_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).default(3),
	MAIL_LIMIT_PER_IP: z.coerce.number().int().min(1).default(20),
	MAIL_LIMIT_PER_MEMBER: z.coerce.number().int().min(1).default(10),
	MAIL_LIMIT_WINDOW_MINUTES: z.coerce.number().int().min(1).default(60),
	VISITOR_WRITES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
	TRUST_PROXY: z.string().optional(),
	SEED_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info')
});

export type Config = z.infer<typeof schema> & { publicUrl: string; secureCookies: boolean; devTools: boolean; trustProxyHops: number };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
		throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
	}
	const values = parsed.data;
	let trustProxyHops: number;
	try {
		trustProxyHops = trustedProxyHops(values.TRUST_PROXY);
	} catch (error) {
		throw new Error(`Invalid configuration:\n  TRUST_PROXY: ${(error as Error).message}`);
	}
	const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/$/, '');
	return {
		...values,
		publicUrl,
		secureCookies: publicUrl.startsWith('https://'),
		devTools: values.NODE_ENV !== 'production',
		trustProxyHops
	};
}

/**
 * Whether an empty database gets the demo data (71 accounts sharing a published password):
 * `on` always, `auto` only outside production — a production start never seeds by default.
 */
export function demoSeedWanted(config: Pick<Config, 'SEED_DEMO' | 'NODE_ENV'>): boolean {
	return config.SEED_DEMO === 'on' || (config.SEED_DEMO === 'auto' && config.NODE_ENV !== 'production');
}
