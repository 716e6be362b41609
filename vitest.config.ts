import { defineConfig } from 'vitest/config';

/**
 * Three projects: `unit` (no network, part of `npm run check`), `integration` (real peers on
 * loopback) and `e2e` (Chromium against `frameline ui`). Peers that are missing are listed at the
 * end of the run by the peer reporter; FRAMELINE_REQUIRE_PEERS=1 turns them into failures.
 */
export const config = defineConfig({
  test: {
    reporters: ['default', './test/harness/peer-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

export default config;
