// Live (in-process) events of the notification centre, added to the bus's map by declaration merging.
declare module '../events.ts' {
	interface DomainEventMap {
		/** `memberId`'s unread count changed: every open tab updates its bell */
		'notification.unread': { memberId: string; unread: number };
	}
}

export {};
