import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/redis-server.ts'],
    // The core is handed its UI strings at start-up; each test file's process gets them here.
    setupFiles: ['test/setup/content.ts'],
    reporters: ['default', './test/setup/summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration files start processes and Redis connections; forks keep them isolated.
    pool: 'forks',
  },
});
