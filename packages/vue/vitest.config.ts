import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'vue',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    typecheck: { enabled: true, include: ['src/**/*.test-d.{ts,tsx}'], tsconfig: './tsconfig.json' },
  },
});
