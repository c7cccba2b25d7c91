import { defineConfig } from 'vitest/config';
import { minifiedCss } from './build-css';

export default defineConfig({
  define: { __CONSENTRY_CSS__: JSON.stringify(minifiedCss()) },
  test: {
    name: 'ui',
    include: ['src/**/*.test.ts'],
    environment: 'jsdom',
  },
});
