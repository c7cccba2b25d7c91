import { defineConfig } from 'vitest/config';

// Browser tests against the built demo: one Chromium per file, a fresh context per test.
export default defineConfig({
  test: {
    name: 'demo-e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // expect.poll waits 1 s by default; a loaded 2-core CI machine needs longer for a page to react.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
