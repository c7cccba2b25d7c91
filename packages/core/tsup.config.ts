import { defineConfig } from 'tsup';

// No `clean` here: the two builds run at once and one would delete the other's output. The build
// script empties dist first.

export default defineConfig([
  {
    entry: { index: 'src/index.ts', server: 'src/server/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    treeshake: true,
    splitting: true,
    target: 'es2020',
  },
  {
    // The build-time command (bin): Node only, ESM, no types.
    entry: { 'consentry-config': 'src/cli/config-module.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    outDir: 'dist/cli',
  },
]);
