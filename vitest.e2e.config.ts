import { defineConfig } from 'vitest/config';

// Browser journeys: the real server (spawned as `npm start` runs it) driven by Debian's chromium.
export default defineConfig({
	test: {
		include: ['tests/e2e/**/*.e2e.ts'],
		testTimeout: 120_000,
		hookTimeout: 180_000,
		pool: 'forks',
		fileParallelism: false
	}
});
