import { ask, getSocket } from './socket.ts';
import { startRealtime } from './realtime.svelte.ts';

/** The bell's unread count, live on every tab: asked on (re)connection, then pushed by the server. */
export const notifications = $state({ unread: 0, known: false });

let started = false;

export function startNotifications() {
	if (typeof window === 'undefined' || started) return;
	started = true;
	startRealtime('member');
	const socket = getSocket('member');
	const refresh = () =>
		void ask<{ unread: number }>('notifications:unread', {}).then((reply) => {
			if (reply.ok && reply.data) {
				notifications.unread = reply.data.unread;
				notifications.known = true;
			}
		});
	socket.on('connect', refresh);
	socket.on('notifications:unread', (update: { unread: number }) => {
		notifications.unread = update.unread;
		notifications.known = true;
	});
	if (socket.connected) refresh();
}
