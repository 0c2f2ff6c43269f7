import type { OutboxDispatcher } from './outbox/index.ts';
import { registerNotificationSubscribers } from './notifications/subscribers.ts';
import { registerBookingSubscribers } from './booking/subscribers.ts';
import { registerReferencingSubscribers } from './referencing/subscribers.ts';

/**
 * Every domain's outbox subscribers, registered in one place: the server (server/index.ts) and the
 * test context wire the same list, so what a test delivers is what production delivers.
 */
export function registerSubscribers(dispatcher: OutboxDispatcher): OutboxDispatcher {
	registerNotificationSubscribers(dispatcher);
	registerBookingSubscribers(dispatcher);
	registerReferencingSubscribers(dispatcher);
	return dispatcher;
}
