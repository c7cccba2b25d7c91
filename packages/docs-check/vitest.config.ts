import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'docs',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // The first compile of a file parses the DOM, React, Vue and Node declarations (a few seconds, more
    // on a loaded 2-core machine); later ones reuse them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
