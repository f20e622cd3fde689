import { defineConfig } from 'vitest/config';

/**
 * Test tiers, each its own project and npm script: unit (no network), integration (the real local
 * engines, started once per run), stream (the stream consumer under injected faults), infra (assertions on the synthesized CDK
 * templates), e2e (Chromium).
 */
export default defineConfig({
  test: {
    // Two files at a time (vitest's default on 2 cores is one): the integration and e2e tiers spend
    // most of their time waiting on the local engines, the stream and the clock (rate-limit windows),
    // not on the CPU. Projects with fileParallelism: false still run their own files one at a time.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          // It runs the scheduled check "as of" 15 days on (S6) over the whole table: with the
          // scheduler tier, alone, after the others.
          exclude: ['test/integration/device-claims.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The scheduled check runs "as of" future dates over the whole table, so it runs alone,
        // after the other projects that share the local engines.
        test: {
          name: 'scheduler',
          include: ['test/scheduler/**/*.test.ts', 'test/integration/device-claims.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        // The stream consumer run by the tests themselves, on engines of this project's own, so
        // faults can be injected into it (SES failing, a crash between sending and recording).
        test: {
          name: 'stream',
          include: ['test/stream/**/*.test.ts'],
          globalSetup: ['test/support/stream-setup.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // Synthesis takes about 2 s alone, far more when the 2 cores are shared (vitest's 10 s
        // default hook timeout was hit under load): every hook of this tier gets the time a test
        // does, whatever its file passes. Each synthesis writes into a directory of its own
        // (mkdtemp), so two runs at once never share an output.
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 },
      },
      {
        // Bad input, the authorization matrix, races and injected faults, with figures (issue 13):
        // on engines of its own, each file serving the API from its own process (so faults can be
        // injected into the handlers' DynamoDB client), one file at a time, after the others.
        test: {
          name: 'reliability',
          include: ['test/reliability/**/*.test.ts'],
          globalSetup: ['test/reliability/setup.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 180_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/setup-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
