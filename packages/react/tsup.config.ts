import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

// index imports ./client as its own file, never inlined or split into a shared chunk, so the file a
// server component's bundler sees behind that import carries the 'use client' directive (see index.ts).
const clientBoundary: Plugin = {
  name: 'client-boundary',
  setup(build) {
    const ext = build.initialOptions.format === 'cjs' ? '.cjs' : '.js';
    build.onResolve({ filter: /^\.\/client$/ }, () => ({ path: `./client${ext}`, external: true }));
  },
};

export default defineConfig({
  entry: { index: 'src/index.ts', client: 'src/client.tsx' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  target: 'es2020',
  external: ['react', '@consentry/core'],
  esbuildPlugins: [clientBoundary],
});
