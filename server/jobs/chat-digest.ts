import { z } from 'zod';
import { DIGEST_JOB, runDigest } from '../../src/lib/server/chat/index.ts';
import type { JobDefinition } from './definition.ts';

/** The offline digest email of one member (scheduled by the chat domain when a message arrives). */
const payload = z.object({ memberId: z.uuid() });

export const chatDigestJob: JobDefinition = {
	kind: DIGEST_JOB,
	async run(raw) {
		const parsed = payload.safeParse(raw);
		// a malformed payload will never succeed: done, not retried
		if (!parsed.success) return 'malformed';
		return runDigest(parsed.data.memberId);
	}
};
