import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests run after these, on their own (vitest.e2e.config.ts): Chromium beside
    // the engine's timing tests would make both slower and flakier on a 2-core machine.
    exclude: ['test/e2e/**', '**/node_modules/**'],
    // Tests start real processes and send signals: each file gets a process of its own.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    reporters: ['default'],
  },
});
