import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the CLI and start loopback servers; 2 cores are shared with them.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
