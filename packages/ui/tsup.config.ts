import { readFileSync, writeFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { minifiedCss } from './build-css';

const locales = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ar'];
const css = minifiedCss();

// mount.ts's `import('./locales/<lang>')` becomes `import(localeUrl('<lang>'))`: the file beside the
// script-tag build, by the script's own URL, so it resolves even when the script came from a CDN
// (src/global-script-url.ts says why). The languages stay the ESM chunks of the first build.
const localesBesideTheScript: Plugin = {
  name: 'locales-beside-the-script',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]mount\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(/import\('\.\/locales\/(\w+)'\)/g, "import(localeUrl('$1'))");
      if (contents === source)
        throw new Error('mount.ts: no import of ./locales/<lang> to point beside the script');
      return {
        contents: `import { localeUrl } from './global-script-url';\n${contents}`,
        loader: 'ts',
      };
    });
  },
};

export default defineConfig([
  {
    // Each locale is an entry too: `import('./locales/fr.js')` in index stays a separate chunk, and
    // a page can import one directly (`@consentry/ui/locales/fr`) to skip the extra request.
    entry: {
      index: 'src/index.ts',
      css: 'src/css.ts',
      // Typings only (empty at run time): <consentry-banner> in React's JSX and in Vue's templates.
      jsx: 'src/jsx.ts',
      vue: 'src/vue.ts',
      ...Object.fromEntries(locales.map((l) => [`locales/${l}`, `src/locales/${l}.ts`])),
    },
    dts: true,
    format: ['esm', 'cjs'],
    clean: true,
    treeshake: true,
    splitting: true,
    target: 'es2022',
    external: ['@consentry/core'],
    define: { __CONSENTRY_CSS__: JSON.stringify(css) },
    // dist/style.css for a <link>: the way to style the UI under a strict CSP with no script at all.
    onSuccess: async () => writeFileSync('dist/style.css', css),
  },
  {
    // The script-tag build: core and UI as `window.Consentry` in one classic script (src/global.ts).
    // The languages stay the ESM chunks above, imported from beside the script (the plugin above), so a
    // page still downloads only the language it shows.
    entry: { 'consentry.global': 'src/global.ts' },
    // No globalName: src/global.ts assigns window.Consentry itself.
    format: ['iife'],
    outExtension: () => ({ js: '.js' }),
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: true,
    noExternal: ['@consentry/core'],
    define: { __CONSENTRY_CSS__: JSON.stringify(css) },
    esbuildPlugins: [localesBesideTheScript],
  },
  {
    // mountPlaceholders for the script-tag build, which imports this module beside itself on first use
    // (src/global.ts says why). An ES module like the languages, whose import()s resolve against its
    // own URL; with no import of its own, core's code is not in it (the store is passed in).
    entry: { 'consentry.placeholders': 'src/placeholder.ts' },
    format: ['esm'],
    outExtension: () => ({ js: '.js' }),
    platform: 'browser',
    target: 'es2020',
    minify: true,
    noExternal: ['@consentry/core'],
    esbuildPlugins: [localesBesideTheScript],
  },
]);
