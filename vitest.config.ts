import { defineConfig } from 'vitest/config';

// One run for every package. Forks, because suites that run Temporal workers need real processes.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['{db,engine,activities,channels,api,editor,sandbox}/src/**/*.test.{ts,tsx}', 'test/src/**/*.test.ts'],
    globalSetup: ['test/src/setup/global-setup.ts'],
    setupFiles: ['test/src/setup/per-file.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
