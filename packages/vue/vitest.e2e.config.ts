import { defineConfig } from 'vitest/config';

// Browser tests: Debian's chromium driven by playwright-core through @consentry/test-utils.
export default defineConfig({
  test: {
    name: 'vue-e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    // expect.poll waits 1 s by default; a loaded 2-core CI machine needs longer for a page to react.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
