export { demoSeedWanted, loadConfig, type Config } from '../src/lib/server/config.ts';
