// @vitest-environment node
/// <reference types="node" />
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const clientReference = Symbol.for('react.client.reference');

/**
 * What a React Server Components bundler (Next.js App Router) does with a module: React resolves with
 * the "react-server" condition (no createContext, no hooks), and a module whose first statement is
 * 'use client' does not run on the server: each of its exports is a client reference, which a server
 * component can render or pass down but not call.
 */
const clientReferences: Plugin = {
  name: 'client-references',
  setup(b) {
    b.onLoad({ filter: /\.(c?js|tsx?)$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!/^(?:(["'])use strict\1;?\s*)?(["'])use client\2/.test(source)) return undefined;
      // The export names, as the bundler reads them (here from the module loaded in plain Node).
      const names = Object.keys(await import(/* @vite-ignore */ args.path)).filter((n) => n !== 'default');
      return {
        loader: 'js',
        contents: names
          .map((n) => `export const ${n} = { $$typeof: Symbol.for('react.client.reference'), name: '${n}' };`)
          .join('\n'),
      };
    });
  },
};

/** The package as a server component's bundle sees it, from this entry file. */
async function serverImport(entry: string): Promise<Record<string, any>> {
  const file = join(root, entry);
  if (!existsSync(file)) throw new Error(`${entry} is missing: run pnpm --filter @consentry/react build`);
  const cjs = entry.endsWith('.cjs');
  const outfile = join(mkdtempSync(join(tmpdir(), 'consentry-rsc-')), cjs ? 'server.cjs' : 'server.mjs');
  await build({
    entryPoints: [file],
    bundle: true,
    platform: 'node',
    format: cjs ? 'cjs' : 'esm',
    conditions: ['react-server'],
    outfile,
    logLevel: 'silent',
    plugins: [clientReferences],
  });
  return cjs
    ? createRequire(import.meta.url)(outfile)
    : import(/* @vite-ignore */ pathToFileURL(outfile).href);
}

// The source, and the built files a Next.js app installs (ESM and CommonJS): tsup must keep the
// directive on dist/client and keep index importing it as a separate file.
describe.each(['src/index.ts', 'dist/index.js', 'dist/index.cjs'])(
  'imported by a server component (%s)',
  (entry) => {
    it('loads, and the core is real: defineConfig, readConsent and cookieHeaderStorage run on the server', async () => {
      const pkg = await serverImport(entry);
      const config = pkg.defineConfig({
        revision: 1,
        languages: ['en'],
        categories: [
          { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
          { id: 'marketing', texts: { en: { title: 'Marketing' } } },
        ],
      });
      expect(pkg.readConsent('theme=dark', config).state.banner).toBe(true);
      const store = pkg.createConsent(config, { storage: pkg.cookieHeaderStorage('', config.cookie.name) });
      expect(store.has('marketing')).toBe(false);
    });

    it('gives client references for the provider, the gate and the hooks, typed hooks included', async () => {
      const pkg = await serverImport(entry);
      for (const name of [
        'ConsentProvider',
        'ConsentGate',
        'useConsent',
        'useConsentSelector',
        'useHasConsent',
        'useConsentStore',
      ]) {
        expect(pkg[name], name).toEqual({ $$typeof: clientReference, name });
      }
      expect(pkg.createConsentHooks().ConsentGate).toEqual({
        $$typeof: clientReference,
        name: 'ConsentGate',
      });
    });
  },
);
