import { defineConfig } from 'vitest/config';

// `npm run test:cluster`: three Relais processes behind HAProxy, with PostgreSQL and Redis
// (tests/cluster/harness.ts). One file, in order: the scenarios share the cluster.
export default defineConfig({
	test: {
		include: ['tests/cluster/**/*.test.ts'],
		testTimeout: 120_000,
		hookTimeout: 180_000,
		pool: 'forks',
		fileParallelism: false
	}
});
