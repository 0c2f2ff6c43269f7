// The outbox (kernel): durable domain events recorded with the change, delivered after commit.
export { recordEvent, OUTBOX_CHANNEL, type Tx } from './record.ts';
export { OutboxDispatcher, type Delivery, type DispatcherOptions } from './dispatcher.ts';
export type { OutboxEventMap, OutboxEventName } from './events.ts';
