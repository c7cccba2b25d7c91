import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The adapter's own test files, run once more against React 18 (packages/react runs them on 19).
// `dedupe` resolves react, react-dom and @testing-library/react from this package's root, where
// 18.3.1 is installed, for every file Vite processes: the adapter's source (src/client.tsx, so its
// `import 'react'` and the compiled JSX's `react/jsx-runtime`) and the test files. Without it they
// would resolve from packages/react/src to the React 19 next to it. Inside pnpm's store, react-dom 18
// and this package's copy of @testing-library/react find react 18.3.1 beside them, so the whole tree
// shares one React. version.test.tsx fails if that ever stops being true.
export default defineConfig({
  resolve: { dedupe: ['react', 'react-dom', '@testing-library/react'] },
  test: {
    name: 'react18',
    // Absolute: Vitest globs `dir` from the working directory, not from this file.
    dir: fileURLToPath(new URL('../react/src', import.meta.url)),
    include: ['**/__tests__/*.test.{ts,tsx}'],
    environment: 'jsdom',
    provide: { reactMajor: 18 },
  },
});
