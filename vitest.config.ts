import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/plainSummaryReporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Guards against a hang, not speed checks (those are in `npm run bench`): a loaded
          // two-core CI machine must not fail a test that starts a child process.
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // A poll waits for the kiosk and Chromium to catch up; 1 s (the default) is too tight on a loaded two-core machine.
          expect: { poll: { timeout: 10_000 } },
          // One kiosk and one Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
