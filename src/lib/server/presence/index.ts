export {
	availability,
	autoWatchedMemberIds,
	connectPresence,
	connectedMemberIds,
	disconnectPresence,
	heartbeat,
	isOnline,
	MAX_WATCHED,
	onlineMemberIds,
	presenceOf,
	reapStaleConnections,
	setAvailability,
	setInCall,
	watchableMemberIds,
	type PresenceStatus
} from './service.ts';
export { resetPresenceRegistry } from './registry.ts';
export { configurePresence, presenceSettings, checkPresenceEnv } from './settings.ts';
export { nodeTtlMs, sharedPresence, startSharedPresence, stopSharedPresence, tickNode } from './shared.ts';
