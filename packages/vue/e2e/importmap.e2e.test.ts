import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveStatic, type TestServer, watchedPage } from '@consentry/test-utils';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Vue's own docs start without a bundler: vue.esm-browser.js through an import map. The plugin and the
// gate must work there too. Nothing defines `process` on such a page: reading process.env.NODE_ENV
// threw a ReferenceError from app.use() and from every <ConsentGate>, so nothing rendered.
const VUE_DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CORE_DIST = fileURLToPath(new URL('../../core/dist/', import.meta.url));
const VUE_BROWSER = join(
  dirname(createRequire(import.meta.url).resolve('vue/package.json')),
  'dist/vue.esm-browser.js',
);
let root: string;
let server: TestServer;
let browser: Browser;

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Vue without a bundler</title>
<script type="importmap">{ "imports": {
  "vue": "/vendor/vue.esm-browser.js",
  "@consentry/core": "/vendor/@consentry/core/dist/index.js",
  "@consentry/vue": "/vendor/@consentry/vue/dist/index.js" } }</script>
</head>
<body>
<div id="app"></div>
<script type="module" src="/app.js"></script>
</body>
</html>
`;

// The README's usage: a store, the plugin, a gate with a fallback that grants, and a gate given an id
// the config lacks (a typo), which a developer is told about.
const app = `import { createApp } from 'vue';
import { createConsent, defineConfig } from '@consentry/core';
import { ConsentGate, createConsentPlugin, useConsent } from '@consentry/vue';

const config = defineConfig({
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
    { id: 'analytics', texts: { en: { title: 'Analytics' } } },
  ],
  services: [{ id: 'stats', provider: 'Stats', category: 'analytics', texts: { en: { title: 'Stats' } } }],
});
const store = createConsent(config);
window.store = store;
try {
  createApp({
  components: { ConsentGate },
  setup: () => ({ consent: useConsent() }),
  template: \`
    <p id="status">{{ consent.state.value.status }}</p>
    <button id="reject" @click="consent.rejectAll()">Reject all</button>
    <ConsentGate service="stats">
      <p id="player">Stats run</p>
      <template #fallback="{ grant }"><button id="grant" @click="grant">Allow Stats</button></template>
    </ConsentGate>
    <ConsentGate category="analytcs"><p id="typo">never</p></ConsentGate>\`,
  })
    .use(createConsentPlugin(store))
    .mount('#app');
} finally {
  // Set even when mounting threw, so a test reads the error at once instead of timing out.
  document.documentElement.setAttribute('data-ready', '');
}
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'consentry-vue-importmap-'));
  cpSync(VUE_DIST, join(root, 'vendor/@consentry/vue/dist'), { recursive: true });
  cpSync(CORE_DIST, join(root, 'vendor/@consentry/core/dist'), { recursive: true });
  cpSync(VUE_BROWSER, join(root, 'vendor/vue.esm-browser.js'));
  writeFileSync(join(root, 'index.html'), html);
  writeFileSync(join(root, 'app.js'), app);
  writeFileSync(join(root, 'favicon.ico'), '');
  server = await serveStatic(root);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function open() {
  const watched = await watchedPage(browser);
  await watched.page.goto(`${server.url}/`);
  await watched.page.waitForSelector('html[data-ready]');
  return watched;
}

describe('@consentry/vue through an import map, no bundler', () => {
  it('installs the plugin and renders the gates without an error', async () => {
    const { page, errors } = await open();
    expect(errors).toEqual([]);
    expect(await page.textContent('#status')).toBe('undecided');
    // Nothing is granted yet: the fallback shows, the gated content does not.
    expect(await page.isVisible('#grant')).toBe(true);
    expect(await page.locator('#player').count()).toBe(0);
    await page.context().close();
  });

  it('opens a gate on its fallback’s grant, and closes it on a refusal', async () => {
    const { page, errors } = await open();
    await page.click('#grant');
    await page.waitForSelector('#player');
    expect(await page.textContent('#status')).toBe('decided');
    expect(await page.evaluate(() => (window as any).store.has('stats'))).toBe(true);
    // The typo'd gate never opens, whatever is granted.
    expect(await page.locator('#typo').count()).toBe(0);
    await page.click('#reject');
    await page.waitForSelector('#grant');
    expect(await page.locator('#player').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('tells the developer about a gate id the config lacks (no build to say it is production)', async () => {
    const { page, console } = await open();
    const warnings = console.filter((m) => m.type() === 'warning').map((m) => m.text());
    expect(warnings.filter((w) => w.includes('"analytcs"'))).toHaveLength(1);
    await page.context().close();
  });
});
