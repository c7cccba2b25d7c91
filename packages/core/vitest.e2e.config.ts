import { defineConfig } from 'vitest/config';

// Browser tests: headless Debian chromium driven by playwright-core, one file at a time (2 cores).
export default defineConfig({
  test: {
    name: 'core-e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // expect.poll waits 1 s by default; a loaded 2-core CI machine needs longer for a page to react.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
