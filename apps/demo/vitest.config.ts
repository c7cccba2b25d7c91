import { defineConfig } from 'vitest/config';

// Unit tests of the demo's own logic (URL parameters, config); the browser tests are in e2e/.
export default defineConfig({
  test: {
    name: 'demo',
    include: ['src/**/__tests__/*.test.ts'],
    environment: 'node',
  },
});
