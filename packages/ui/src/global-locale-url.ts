// Where the script-tag build finds its language files (only that build uses this: tsup.config.ts
// points mount.ts's `import('./locales/<lang>')` here). A classic script loaded from another origin
// without `crossorigin` (a plain <script src> from a CDN) gets about:blank as the base URL of its
// import()s (HTML, "create a classic script"), so a relative specifier cannot resolve and no banner would
// show. The script's own URL, read while it runs (currentScript is null later), makes it absolute. Without
// one (the build inlined into a page or another script), the specifier stays relative, as before.
const base = (globalThis.document?.currentScript as HTMLScriptElement | null | undefined)?.src;

export const localeUrl = (lang: string): string =>
  base ? new URL(`locales/${lang}.js`, base).href : `./locales/${lang}.js`;
