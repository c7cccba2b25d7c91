import { defineConfig } from 'vitest/config';

// Unit, property and type tests of every package; browser tests run per package with `e2e`.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts'],
  },
});
