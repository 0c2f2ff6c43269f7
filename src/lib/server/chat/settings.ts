import { z } from 'zod';
import { envSettings } from '../env-settings.ts';

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

const fromEnv = envSettings('chat', schema, (values): ChatSettings => ({ digestDelayMs: values.CHAT_DIGEST_DELAY_MINUTES * 60_000, editWindowMs: values.CHAT_EDIT_WINDOW_MINUTES * 60_000 }));

export const checkChatEnv = fromEnv.check;
export const chatSettings = fromEnv.get;
export const configureChat = fromEnv.configure;
