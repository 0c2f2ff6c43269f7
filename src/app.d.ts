import type { SessionMember } from '#lib/server/auth/sessions.ts';
import type { Locale, MessageKey } from '#lib/i18n/index.ts';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			member: SessionMember | null;
			sessionSecret: string | null;
			locale: Locale;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
