import { EventEmitter } from 'node:events';

/** Domain events, named `<concept>.<fact>`; transports (socket.io, mail, jobs) subscribe. */
export interface DomainEventMap {
	'member.signed_up': { memberId: string };
	'member.activated': { memberId: string };
	'member.deactivated': { memberId: string };
	'session.ended': { memberId: string; sessionIdHash: string };
	/** two members became contacts (mutual) — e.g. presence starts watching both ways */
	'contact.added': { memberIds: [string, string] };
	'contact.removed': { memberIds: [string, string] };
}

export class DomainEvents {
	private emitter = new EventEmitter();
	emit<K extends keyof DomainEventMap>(name: K, payload: DomainEventMap[K]) {
		this.emitter.emit(name, payload);
	}
	on<K extends keyof DomainEventMap>(name: K, listener: (payload: DomainEventMap[K]) => void) {
		this.emitter.on(name, listener);
		return () => this.emitter.off(name, listener);
	}
}
