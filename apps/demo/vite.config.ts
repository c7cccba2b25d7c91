import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

const PAGES = {
  index: 'index.html',
  islands: 'islands.html',
  plain: 'plain.html',
  'script-tag': 'script-tag.html',
  policy: 'policy.html',
  'ssr-react': 'ssr-react.html',
  'ssr-vue': 'ssr-vue.html',
} as const;

const NAV = [
  ['/', 'Home'],
  ['/islands.html', 'React + Vue islands'],
  ['/plain.html', 'Plain page'],
  ['/script-tag.html', 'Script tag'],
  ['/ssr/react', 'SSR React'],
  ['/ssr/vue', 'SSR Vue'],
  ['/policy.html', 'Cookie policy'],
] as const;

/**
 * One header and footer for every page (multi-page builds have no shared template). The current
 * page's link gets aria-current; links carry the demo's query (revision, jurisdiction) at runtime.
 */
function layout(): Plugin {
  return {
    name: 'demo-layout',
    transformIndexHtml(html, ctx) {
      const file = ctx.filename.split('/').pop();
      const current =
        file === 'ssr-react.html'
          ? '/ssr/react'
          : file === 'ssr-vue.html'
            ? '/ssr/vue'
            : file === 'index.html'
              ? '/'
              : `/${file}`;
      const links = NAV.map(
        ([href, label]) =>
          `<li><a href="${href}" data-carry${href === current ? ' aria-current="page"' : ''}>${label}</a></li>`,
      ).join('');
      // The site chrome is English on every page (the policy page also comes in French): lang says so.
      // The consent UI is mounted right after the skip link: visually a bar at the bottom, but the
      // first thing a keyboard or screen-reader user meets, before the whole page.
      const header = `<a class="skip" href="#main" lang="en">Skip to content</a>
    <div id="consent-ui"></div>
    <header class="site" lang="en">
      <p class="brand"><a href="/" data-carry><span aria-hidden="true">◈</span> Consentry demo</a></p>
      <nav aria-label="Demo pages"><ul>${links}</ul></nav>
    </header>`;
      const footer = `<footer class="site" lang="en">
      <button type="button" class="button secondary" data-consent-open>Cookie preferences</button>
      <a href="/policy.html" data-carry>Cookie policy</a>
      <span>Everything on this page is served from this machine; nothing reaches the network.</span>
    </footer>`;
      return html.replace('<!--demo-header-->', header).replace('<!--demo-footer-->', footer);
    },
  };
}

/**
 * The script-tag page loads @consentry/ui's script-tag build as a CDN would serve it: the files of the
 * package's dist/ (the global script and the source map it names, the placeholders' module it imports,
 * its language chunks, the stylesheet) under /vendor/consentry/.
 */
function vendorConsentry(): Plugin {
  const dist = join(dirname(createRequire(import.meta.url).resolve('@consentry/ui/package.json')), 'dist');
  const files = [
    'consentry.global.js',
    // Imported by the global script, beside it, the first time the page calls mountPlaceholders.
    'consentry.placeholders.js',
    // Named by the script's sourceMappingURL: without it, a developer's devtools report a 404.
    ...(existsSync(join(dist, 'consentry.global.js.map')) ? ['consentry.global.js.map'] : []),
    'style.css',
    ...readdirSync(join(dist, 'locales'))
      .filter((f) => f.endsWith('.js'))
      .map((f) => `locales/${f}`),
  ];
  return {
    name: 'demo-vendor-consentry',
    generateBundle() {
      for (const file of files) {
        this.emitFile({
          type: 'asset',
          fileName: `vendor/consentry/${file}`,
          source: readFileSync(join(dist, file)),
        });
      }
    },
    configureServer(server) {
      server.middlewares.use('/vendor/consentry/', (req, res, next) => {
        const file = (req.url ?? '').split('?')[0]!.slice(1);
        if (!files.includes(file)) return next();
        res.setHeader(
          'content-type',
          file.endsWith('.css') ? 'text/css' : file.endsWith('.map') ? 'application/json' : 'text/javascript',
        );
        res.end(readFileSync(join(dist, file)));
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), vue(), layout(), vendorConsentry()],
  build: {
    outDir: 'dist/client',
    emptyOutDir: true,
    rollupOptions: {
      input: Object.fromEntries(Object.entries(PAGES).map(([name, file]) => [name, resolve(here, file)])),
      // Core and UI in a chunk of their own, so the demo's shared code (panels, params) carries none of
      // the SDK and the script-tag page, whose SDK is window.Consentry, downloads no second copy. Not
      // the React and Vue adapters: a manual chunk takes its modules' dependencies with it, so the
      // plain pages would download React and Vue. Not the UI's languages either: each is a chunk the UI
      // loads when a page asks for it; in the SDK's chunk every page would download all ten.
      output: {
        manualChunks: (id) =>
          /[\\/]packages[\\/](core|ui)[\\/]dist[\\/](?!locales[\\/])/.test(id) ? 'consentry' : undefined,
      },
    },
  },
  // The SSR bundle carries the SDK with it; react and vue stay external (node_modules).
  ssr: { noExternal: [/^@consentry\//] },
});
