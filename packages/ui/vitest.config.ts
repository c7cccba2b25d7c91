import { defineConfig } from 'vitest/config';
import { minifiedCss } from './build-css';

export default defineConfig({
  define: { __CONSENTRY_CSS__: JSON.stringify(minifiedCss()) },
  test: {
    name: 'ui',
    include: ['src/**/*.test.ts'],
    environment: 'jsdom',
    // The typing tests (jsx.test.ts) compile whole programs against React's and Vue's types, and the
    // bundling and CommonJS tests run esbuild and Node: a few seconds each alone, past the default 5 s
    // on a loaded 2-core machine (a fresh-clone CI run timed out at 5 s). Not a speed check.
    testTimeout: 60_000,
  },
});
