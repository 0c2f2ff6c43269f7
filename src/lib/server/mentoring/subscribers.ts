import type { Delivery, OutboxDispatcher } from '../outbox/index.ts';
import { deliver as deliverNotifications } from '../notifications/subscribers.ts';
import type { NotificationType } from '../notifications/types.ts';
import { enqueueMentoringMail, scheduleRequestDeadlines } from './mail.ts';

/**
 * What a mentoring change causes once it has committed (registered in src/lib/server/subscribers.ts),
 * each in its delivery's transaction, so each happens once:
 * - `mentoring.mails`: the mail to the party concerned (a job, mail.ts);
 * - `mentoring.deadlines`: a new request's reminder (D+7) and expiry (D+14) jobs;
 * - `mentoring.notifications`: the in-app notification, per the recipient's preferences.
 */
async function notifyParty(delivery: Delivery, e: { mentorshipId: string }, recipientId: string, actorId: string | null, type: NotificationType) {
	const actor = actorId ? await delivery.tx.member.findUnique({ where: { id: actorId }, select: { firstName: true, lastName: true, slug: true } }) : null;
	await deliverNotifications(
		delivery,
		[{ recipientId, type, actorId, object: { type: 'mentorship', id: e.mentorshipId }, data: actor ? { actorName: `${actor.firstName} ${actor.lastName}`, actorSlug: actor.slug } : {} }],
		type
	);
}

export function registerMentoringSubscribers(dispatcher: OutboxDispatcher): void {
	dispatcher.subscribe('mentorship.requested', 'mentoring.mails', async (e, { tx }) => enqueueMentoringMail(tx, { mentorshipId: e.mentorshipId, kind: 'requested', to: 'mentor' }));
	dispatcher.subscribe('mentorship.requested', 'mentoring.deadlines', async (e, { tx }) => scheduleRequestDeadlines(tx, e.mentorshipId, new Date(e.requestedAt), new Date(e.expiresAt)));
	dispatcher.subscribe('mentorship.requested', 'mentoring.notifications', (e, delivery) => notifyParty(delivery, e, e.mentorId, e.menteeId, 'mentoring.requested'));

	dispatcher.subscribe('mentorship.accepted', 'mentoring.mails', async (e, { tx }) => enqueueMentoringMail(tx, { mentorshipId: e.mentorshipId, kind: 'accepted', to: 'mentee' }));
	dispatcher.subscribe('mentorship.accepted', 'mentoring.notifications', (e, delivery) => notifyParty(delivery, e, e.menteeId, e.mentorId, 'mentoring.accepted'));

	dispatcher.subscribe('mentorship.declined', 'mentoring.mails', async (e, { tx }) => enqueueMentoringMail(tx, { mentorshipId: e.mentorshipId, kind: 'declined', to: 'mentee' }));
	dispatcher.subscribe('mentorship.declined', 'mentoring.notifications', (e, delivery) => notifyParty(delivery, e, e.menteeId, e.mentorId, 'mentoring.declined'));

	dispatcher.subscribe('mentorship.expired', 'mentoring.mails', async (e, { tx }) => enqueueMentoringMail(tx, { mentorshipId: e.mentorshipId, kind: 'expired', to: 'mentee' }));
	dispatcher.subscribe('mentorship.expired', 'mentoring.notifications', (e, delivery) => notifyParty(delivery, e, e.menteeId, e.mentorId, 'mentoring.expired'));

	// a running mentorship ended: the other side is told (a withdrawn request only leaves the mentor's list)
	dispatcher.subscribe('mentorship.ended', 'mentoring.mails', async (e, { tx }) => {
		if (!e.wasPending) await enqueueMentoringMail(tx, { mentorshipId: e.mentorshipId, kind: 'ended', to: e.endedBy === e.mentorId ? 'mentee' : 'mentor' });
	});
	dispatcher.subscribe('mentorship.ended', 'mentoring.notifications', async (e, delivery) => {
		if (!e.wasPending) await notifyParty(delivery, e, e.endedBy === e.mentorId ? e.menteeId : e.mentorId, e.endedBy, 'mentoring.ended');
	});
}
