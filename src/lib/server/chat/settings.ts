import { z } from 'zod';

/** Chat settings from the environment (README: CHAT_*); tests and the bench override them. */
const schema = z.object({
	CHAT_DIGEST_DELAY_MINUTES: z.coerce.number().min(0).max(7 * 24 * 60).default(120),
	CHAT_EDIT_WINDOW_MINUTES: z.coerce.number().min(0).max(7 * 24 * 60).default(15)
});

export interface ChatSettings {
	/** how long unread messages wait before the one offline email */
	digestDelayMs: number;
	/** how long a sender may edit or delete a message */
	editWindowMs: number;
}

const KEY = Symbol.for('relais.chat.settings');
type Holder = { [KEY]?: ChatSettings };

/** Validates the environment at start-up: a bad value stops the boot with its name. */
export function checkChatEnv(env: Record<string, string | undefined> = process.env): void {
	const parsed = schema.safeParse(env);
	if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
}

export function chatSettings(): ChatSettings {
	const holder = globalThis as Holder;
	if (!holder[KEY]) {
		const parsed = schema.safeParse(process.env);
		const values = parsed.success ? parsed.data : schema.parse({});
		holder[KEY] = { digestDelayMs: values.CHAT_DIGEST_DELAY_MINUTES * 60_000, editWindowMs: values.CHAT_EDIT_WINDOW_MINUTES * 60_000 };
	}
	return holder[KEY];
}

export function configureChat(overrides: Partial<ChatSettings>): ChatSettings {
	const holder = globalThis as Holder;
	holder[KEY] = { ...chatSettings(), ...overrides };
	return holder[KEY];
}
