// @vitest-environment node
/// <reference types="node" />
// The built ESM entry as an application's bundler takes it: esbuild, code splitting, an ES2020 target
// (Vite 5's default build target is about the same). ES2022 class syntax in the package (#private
// fields, static fields or blocks) was lowered to WeakMap helpers there, and the split build got an
// extra, empty shared chunk that the entry and every language chunk imported: one more request per page.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('../..', import.meta.url));

async function bundle(target: string) {
  const result = await build({
    stdin: {
      contents: `import { mountConsentUI, defineConsentElements } from './dist/index.js';
        export { mountConsentUI, defineConsentElements };`,
      resolveDir: pkg,
      loader: 'js',
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target,
    minify: true,
    write: false,
    outdir: '/out',
    external: ['@consentry/core'],
    logLevel: 'silent',
  });
  return result.outputFiles.map((f) => ({ path: f.path, text: f.text }));
}

describe('the ESM build in an application bundle', () => {
  for (const target of ['es2020', 'es2022']) {
    it(`splits into the entry and one chunk per language, none empty, no lowering helpers (${target})`, async () => {
      const files = await bundle(target);
      // The entry and the 10 bundled languages.
      expect(files).toHaveLength(11);
      expect(files.filter((f) => f.text.trim() === '').map((f) => f.path)).toEqual([]);
      const entry = files.find((f) => f.text.includes('consentry-banner'))!;
      // Lowered #private fields come with __privateAdd/__privateGet helpers (and a WeakMap per field,
      // which the UI's own map of mounted stores would match too).
      expect(entry.text).not.toMatch(/__private/);
    });
  }
});
