export { connectLiveRedis, liveRedis, newNodeId, redisAnswers, KEY_PREFIX, type LiveRedis } from './redis.ts';
export { checkLiveEnv, configureLive, liveSettings, type LiveSettings, type NodeRole } from './settings.ts';
