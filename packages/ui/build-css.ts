import { readFileSync } from 'node:fs';
import { transformSync } from 'esbuild';

/** style.css minified: what dist/style.css holds and what `@consentry/ui/css` exports as a string. */
export const minifiedCss = (): string =>
  transformSync(readFileSync(new URL('./src/style.css', import.meta.url), 'utf8'), {
    loader: 'css',
    minify: true,
    target: 'chrome100',
  }).code.trim();
