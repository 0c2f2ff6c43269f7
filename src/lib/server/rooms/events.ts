// Domain events of video rooms and direct calls, added to the bus's map by declaration merging.
declare module '../events.ts' {
	interface DomainEventMap {
		/** a direct call rings every open tab of the provider */
		'call.ringing': { callId: string; callerId: string; callerName: string; providerId: string; ringSeconds: number };
		/** accepted: both parties go to the fresh room */
		'call.accepted': { callId: string; callerId: string; providerId: string; slug: string };
		/** declined, timed out, or cancelled by the caller */
		'call.ended': { callId: string; callerId: string; providerId: string; providerSlug: string; providerName: string; reason: 'declined' | 'timed_out' | 'cancelled' };
	}
}

export {};
