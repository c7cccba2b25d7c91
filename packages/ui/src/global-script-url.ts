// Where the script-tag build finds the files beside it: its language files (tsup.config.ts points
// mount.ts's `import('./locales/<lang>')` at `localeUrl`) and the placeholders' code (global.ts). A
// classic script loaded from another origin without `crossorigin` (a plain <script src> from a CDN) gets
// about:blank as the base URL of its import()s (HTML, "create a classic script"), so a relative specifier
// cannot resolve and no banner would show. The script's own URL, read while it runs (currentScript is
// null later), makes it absolute. Without one (the build inlined into a page or another script), the
// specifier stays relative, as before.
const src = (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.src;

// Loaded by the package's bare address (`https://cdn.jsdelivr.net/npm/@consentry/ui@0.1`, which CDNs
// answer with this file by the package.json's `jsdelivr`/`unpkg` fields; unpkg redirects, but `src`
// keeps the address as written), the files beside it are in the package's dist/: resolved from the
// bare address, `locales/en.js` was `@consentry/locales/en.js`, outside the package, and no banner showed.
// Only that address: a site serving the file from a route of its own (`/static/consentry-8f3a1c`) keeps
// the files beside it.
export const scriptUrl =
  src &&
  (/\/@consentry\/ui(@[^/]*)?\/?$/.test(new URL(src).pathname)
    ? `${src.replace(/[?#].*/, '').replace(/\/$/, '')}/dist/consentry.global.js`
    : src);

export const localeUrl = (lang: string): string =>
  scriptUrl ? new URL(`locales/${lang}.js`, scriptUrl).href : `./locales/${lang}.js`;
