import { defineConfig } from 'vitest/config';

// Browser tests: Debian's chromium driven by playwright-core through @consentry/test-utils.
export default defineConfig({
  test: {
    name: 'ui-e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
