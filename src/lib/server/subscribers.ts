import type { OutboxDispatcher } from './outbox/index.ts';
import { registerNotificationSubscribers } from './notifications/subscribers.ts';
import { registerBookingSubscribers } from './booking/subscribers.ts';
import { registerMentoringSubscribers } from './mentoring/subscribers.ts';
import { registerAdminSubscribers } from './admin/subscribers.ts';
import { registerCareersSubscribers } from './careers/subscribers.ts';
import { registerPublicationSubscribers } from './publications/subscribers.ts';
import { registerGatheringSubscribers } from './gatherings/subscribers.ts';
import { registerMembershipSubscribers } from './membership/subscribers.ts';
import { registerReferencingSubscribers } from './referencing/subscribers.ts';

/**
 * Every domain's outbox subscribers, registered in one place: the server (server/index.ts) and the
 * test context wire the same list, so what a test delivers is what production delivers.
 */
export function registerSubscribers(dispatcher: OutboxDispatcher): OutboxDispatcher {
	registerNotificationSubscribers(dispatcher);
	registerBookingSubscribers(dispatcher);
	registerMentoringSubscribers(dispatcher);
	registerAdminSubscribers(dispatcher);
	registerCareersSubscribers(dispatcher);
	registerPublicationSubscribers(dispatcher);
	registerGatheringSubscribers(dispatcher);
	registerMembershipSubscribers(dispatcher);
	registerReferencingSubscribers(dispatcher);
	return dispatcher;
}
