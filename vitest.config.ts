import { configDefaults, defineConfig } from 'vitest/config';

// Pure logic: the engine (model, validation, compiler, its property tests), the editor's logic and
// the secrets' crypto. No database, Temporal or browser, so no global setup: one file runs in seconds.
const unit = [
  'engine/src/**/*.test.{ts,tsx}',
  'editor/src/**/*.test.{ts,tsx}',
  'test/src/engine-property/**/*.test.ts',
  'db/src/crypto.test.ts',
  'db/src/public-columns.test.ts',
  'api/src/services/group-commit.test.ts',
  'api/src/routes/wechat-xml.test.ts',
];

// Two projects in one run. Workflow tests live in engine/src/workflows but run Temporal: integration.
export default defineConfig({
  test: {
    reporters: ['default'],
    // Tests wait for the app's own signals; how long that takes on a busy machine is the benchmarks' business,
    // so a poll gives up only when the test's own timeout would (vitest's default of 1 s failed on busy CI).
    expect: { poll: { timeout: 60_000, interval: 50 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: unit, exclude: [...configDefaults.exclude, 'engine/src/workflows/**'] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [
            '{db,engine,activities,channels,runtime,api,editor,sandbox}/src/**/*.test.{ts,tsx}',
            'test/src/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, ...unit],
          // Forks, because suites that run Temporal workers need real processes.
          pool: 'forks',
          globalSetup: ['test/src/setup/global-setup.ts'],
          setupFiles: ['test/src/setup/per-file.ts'],
        },
      },
    ],
  },
});
