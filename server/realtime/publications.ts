import type { Server } from 'socket.io';
import type { DomainEvents } from '../../src/lib/server/events.ts';
import '../../src/lib/server/publications/events.ts';
import { memberRoom } from './chat.ts';

/**
 * The home feed's live banner ("N nouvelles publications"): once a publication's delivery has
 * committed, every open tab of the members whose feed it entered gets `publications:new`
 * (server → client only; the page counts them and reloads its first page on demand).
 */
export function publicationBroadcaster(io: Server, events: DomainEvents) {
	return [
		events.on('publication.arrived', ({ publicationId, memberIds }) => {
			for (const memberId of memberIds) io.to(memberRoom(memberId)).emit('publications:new', { publicationId });
		})
	];
}
