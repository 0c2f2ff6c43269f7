import './events.ts';
export { admitToRoom, assertHost, createDirectRoom, createEventRoom, inviteToRoom, createMeetingRoom, refusalError, roomAccess, roomConversation, roomMessages, roomSummary, sendRoomMessage, type RoomAccess, type RoomView } from './service.ts';
export { appointmentWindow, checkGroupSize, decideAccess, decideTopology, lifetimeState, mayAdmit, shouldReturnToP2p, type AccessDecision, type Relation, type RoomKind, type Topology } from './policy.ts';
export { checkRoomsEnv, configureRooms, roomSettings, type IceServer, type RoomSettings, type VideoMode } from './settings.ts';
export { iceServersFor, turnCredentials } from './ice.ts';
export { mayCall, transition, type Call, type CallEvent, type CallRefusal, type CallState } from './call-machine.ts';
export { holdBusy, isBusy, releaseBusy } from './busy.ts';
export { acceptCall, cancelCall, cancelCallsOf, declineCall, hangUpDirectCall, joinedDirectCall, resetCalls, startCall } from './calls.ts';
export { mediaStats, provideMediaStats, type MediaStats } from './media-stats.ts';
