import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { defineConfig } from 'vitest/config';

// SvelteKit 3 takes its configuration here (svelte.config.js is no longer read).
export default defineConfig({
	plugins: [
		sveltekit({
			adapter: adapter({ out: 'build' }),
			// SvelteKit checks Origin on form posts; JSON endpoints and socket.io check it themselves.
			csrf: { trustedOrigins: [] },
			// HTML pages: scripts only from here, with a nonce (or hash) SvelteKit puts on its own.
			// Inline style attributes are Svelte's (no nonce there); sockets are same-host ws/wss;
			// blob: covers local video previews and image crops.
			csp: {
				mode: 'auto',
				directives: {
					'default-src': ['self'],
					'script-src': ['self'],
					'style-src': ['self', 'unsafe-inline'],
					'img-src': ['self', 'data:', 'blob:'],
					'media-src': ['self', 'blob:'],
					'font-src': ['self', 'data:'],
					'connect-src': ['self', 'ws:', 'wss:'],
					'worker-src': ['self', 'blob:'],
					// blog articles embed YouTube videos, only from the no-cookie player (blog/sanitize.ts)
					'frame-src': ['https://www.youtube-nocookie.com'],
					'object-src': ['none'],
					'base-uri': ['self'],
					'frame-ancestors': ['none']
				}
			}
		})
	],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		globalSetup: ['tests/helpers/global-setup.ts'],
		testTimeout: 30_000,
		hookTimeout: 60_000,
		pool: 'forks',
		fileParallelism: true,
		maxWorkers: 2
	}
});
