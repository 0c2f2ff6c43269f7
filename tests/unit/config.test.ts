import { describe, expect, it } from 'vitest';
import { demoSeedWanted, loadConfig } from '../../src/lib/server/config.ts';

describe('demo data at start-up', () => {
	it('production seeds only with SEED_DEMO=on, never by default', () => {
		expect(demoSeedWanted(loadConfig({ NODE_ENV: 'production' }))).toBe(false);
		expect(demoSeedWanted(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'auto' }))).toBe(false);
		expect(demoSeedWanted(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'on' }))).toBe(true);
		expect(demoSeedWanted(loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'off' }))).toBe(false);
	});
	it('outside production auto stays the default; off turns it off', () => {
		expect(demoSeedWanted(loadConfig({}))).toBe(true);
		expect(demoSeedWanted(loadConfig({ NODE_ENV: 'development', SEED_DEMO: 'on' }))).toBe(true);
		expect(demoSeedWanted(loadConfig({ NODE_ENV: 'development', SEED_DEMO: 'off' }))).toBe(false);
	});
});
