import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'react',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    // version.test.tsx checks it: this project runs on React 19; packages/test-react18 reruns these
    // tests on React 18.
    provide: { reactMajor: 19 },
    typecheck: { enabled: true, include: ['src/**/*.test-d.{ts,tsx}'], tsconfig: './tsconfig.json' },
  },
});
