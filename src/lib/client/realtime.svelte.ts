import { ask, getSocket, type SocketMode } from './socket.ts';

/**
 * Reactive realtime state of the tab (Svelte 5 runes): connection, presence of watched members,
 * unread counts, the provider's availability. Started once by whoever needs it first.
 */
export type PresenceStatus = 'available' | 'online' | 'away' | 'busy' | 'offline';

export interface UnreadCounts {
	total: number;
	byConversation: Record<string, number>;
}

export const realtime = $state({
	mode: null as SocketMode | null,
	connected: false,
	memberId: null as string | null,
	provider: false,
	availableForCalls: false,
	unread: { total: 0, byConversation: {} } as UnreadCounts,
	visitorUnread: 0,
	presence: {} as Record<string, PresenceStatus>,
	lastError: null as string | null
});

const IDLE_AFTER_MS = 5 * 60_000;
const HEARTBEAT_MS = 25_000;
const MAX_WATCHED = 200;

const watchCounts = new Map<string, number>();
let watchTimer: ReturnType<typeof setTimeout> | null = null;
let started = false;
let idle = false;
let lastInput = Date.now();

function sendWatchList() {
	watchTimer = null;
	if (!realtime.connected) return;
	const ids = [...watchCounts.keys()].slice(0, MAX_WATCHED);
	void ask<{ presence: Record<string, PresenceStatus> }>('presence:watch', { ids }).then((reply) => {
		if (reply.ok && reply.data) Object.assign(realtime.presence, reply.data.presence);
	});
}

function scheduleWatch() {
	if (watchTimer === null) watchTimer = setTimeout(sendWatchList, 50);
}

/** Watch members' presence while a component shows them; returns the unwatch function. */
export function watchPresence(memberIds: string[]): () => void {
	for (const id of memberIds) watchCounts.set(id, (watchCounts.get(id) ?? 0) + 1);
	scheduleWatch();
	return () => {
		for (const id of memberIds) {
			const n = (watchCounts.get(id) ?? 1) - 1;
			if (n <= 0) watchCounts.delete(id);
			else watchCounts.set(id, n);
		}
		scheduleWatch();
	};
}

function heartbeat() {
	if (realtime.mode === 'member' && realtime.connected) void ask('presence:heartbeat', { state: idle ? 'idle' : 'active' });
}

function onInput() {
	lastInput = Date.now();
	if (idle) {
		idle = false;
		heartbeat();
	}
}

/** Starts the tab's realtime link (idempotent). */
export function startRealtime(mode: SocketMode) {
	if (typeof window === 'undefined') return;
	if (started && realtime.mode === mode) return;
	started = true;
	realtime.mode = mode;
	const socket = getSocket(mode);
	socket.on('connect', () => {
		realtime.connected = true;
		// the public namespace has no session:state: (re)send the watch list now
		if (mode === 'public') sendWatchList();
	});
	socket.on('disconnect', () => (realtime.connected = false));
	socket.on('session:state', (state: { memberId: string; provider: boolean; availableForCalls: boolean; unread: UnreadCounts; visitorUnread: number; presence: Record<string, PresenceStatus> }) => {
		realtime.memberId = state.memberId;
		realtime.provider = state.provider;
		realtime.availableForCalls = state.availableForCalls;
		realtime.unread = state.unread;
		realtime.visitorUnread = state.visitorUnread;
		Object.assign(realtime.presence, state.presence);
		sendWatchList();
	});
	socket.on('presence:update', (u: { memberId: string; status: PresenceStatus; availableForCalls: boolean }) => {
		realtime.presence[u.memberId] = u.status;
		if (u.memberId === realtime.memberId) realtime.availableForCalls = u.availableForCalls;
	});
	socket.on('chat:unread', (counts: UnreadCounts) => (realtime.unread = counts));
	socket.on('chat:message', (m: { senderId: string | null; conversationId: string }) => {
		if (m.senderId === realtime.memberId) return;
		realtime.unread = {
			total: realtime.unread.total + 1,
			byConversation: { ...realtime.unread.byConversation, [m.conversationId]: (realtime.unread.byConversation[m.conversationId] ?? 0) + 1 }
		};
	});
	socket.on('chat:visitor_message', () => (realtime.visitorUnread += 1));
	socket.on('relais:error', (e: { message: string }) => (realtime.lastError = e.message));
	if (mode === 'member') {
		for (const type of ['pointerdown', 'keydown', 'wheel', 'touchstart', 'focus']) window.addEventListener(type, onInput, { passive: true });
		setInterval(() => {
			if (!idle && Date.now() - lastInput > IDLE_AFTER_MS) idle = true;
			heartbeat();
		}, HEARTBEAT_MS);
		setInterval(() => {
			if (!idle && Date.now() - lastInput > IDLE_AFTER_MS) {
				idle = true;
				heartbeat();
			}
		}, 15_000);
	}
}

export async function setAvailableForCalls(available: boolean): Promise<boolean> {
	const reply = await ask<{ availableForCalls: boolean }>('presence:available', { available });
	if (reply.ok && reply.data) realtime.availableForCalls = reply.data.availableForCalls;
	else if (reply.error?.message) realtime.lastError = reply.error.message;
	return reply.ok;
}
