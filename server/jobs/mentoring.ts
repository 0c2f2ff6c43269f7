import { MENTORING_JOBS, expireRequest, mentorshipPayload, remindMentor, sendMentoringMail } from '../../src/lib/server/mentoring/index.ts';
import type { JobDefinition } from './definition.ts';

/** Mentoring: one mail, the mentor's D+7 reminder, the request's D+14 expiry. */
export const mentoringJobs: JobDefinition[] = [
	{ kind: MENTORING_JOBS.mail, run: (payload) => sendMentoringMail(payload) },
	{ kind: MENTORING_JOBS.reminder, run: (payload) => remindMentor(payload) },
	{
		kind: MENTORING_JOBS.expire,
		async run(payload) {
			const parsed = mentorshipPayload.safeParse(payload);
			return parsed.success ? expireRequest(parsed.data.mentorshipId) : 'malformed';
		}
	}
];
