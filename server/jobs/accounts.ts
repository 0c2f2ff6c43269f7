import { PASSWORD_RESET_JOB, sendPasswordResetMail } from '../../src/lib/server/auth/accounts.ts';
import { DomainError } from '../../src/lib/server/errors.ts';
import type { JobDefinition } from './definition.ts';

/** The forgotten-password mail, sent off the request so known and unknown addresses answer alike. */
export const passwordResetJob: JobDefinition = {
	kind: PASSWORD_RESET_JOB,
	async run(payload) {
		try {
			return await sendPasswordResetMail(payload);
		} catch (error) {
			// a malformed payload will never succeed: done, not retried
			if (error instanceof DomainError) return 'malformed';
			throw error;
		}
	}
};
