import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveStatic, type TestServer, watchedPage } from '@consentry/test-utils';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../src/locales/en';
import fr from '../src/locales/fr';

// The README's page without a bundler: the ES modules of both packages' dist/ copied whole under
// /vendor/ and found through an import map. Nothing defines `process` there, so the UI must not read
// process.env.NODE_ENV: it threw a ReferenceError while defining <consentry-banner>, and made ui.ready
// reject (nothing drawn) for a language with no bundled texts.
const UI_DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const CORE_DIST = fileURLToPath(new URL('../../core/dist/', import.meta.url));
let root: string;
let server: TestServer;
let browser: Browser;

const page = (body: string, script: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>No bundler</title>
<script type="importmap">{ "imports": { "@consentry/core": "/vendor/@consentry/core/dist/index.js",
"@consentry/ui": "/vendor/@consentry/ui/dist/index.js",
"@consentry/ui/locales/fr": "/vendor/@consentry/ui/dist/locales/fr.js" } }</script>
<link rel="stylesheet" href="/vendor/@consentry/ui/dist/style.css">
</head>
<body>
<h1>No bundler</h1>
${body}
<script type="module" src="/${script}"></script>
</body>
</html>
`;

const config = (languages: string[]) => `defineConfig({
  revision: 1,
  languages: ${JSON.stringify(languages)},
  categories: [
    { id: 'necessary', required: true, texts: { ${languages[0]}: { title: 'Necessary' } } },
    { id: 'analytics', texts: { ${languages[0]}: { title: 'Analytics' } } },
  ],
})`;

// The outcome of ui.ready on <html data-ready>: "ok", or the error it rejected with.
const done = `.then(
  () => document.documentElement.setAttribute('data-ready', 'ok'),
  (e) => document.documentElement.setAttribute('data-ready', String(e)),
);`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'consentry-importmap-'));
  cpSync(UI_DIST, join(root, 'vendor/@consentry/ui/dist'), { recursive: true });
  cpSync(CORE_DIST, join(root, 'vendor/@consentry/core/dist'), { recursive: true });
  // <consentry-banner> as React 19 or Vue sets it up (the store a property), and as React 18 does (an attribute).
  writeFileSync(
    join(root, 'element.html'),
    page(
      '<consentry-banner id="good"></consentry-banner>\n<consentry-banner id="react18" store="[object Object]"></consentry-banner>',
      'element.js',
    ),
  );
  writeFileSync(
    join(root, 'element.js'),
    `import { createConsent, defineConfig } from '@consentry/core';
import { defineConsentElements } from '@consentry/ui';
Promise.resolve()
  .then(() => {
    defineConsentElements();
    document.getElementById('good').store = createConsent(${config(['en'])});
  })${done}
`,
  );
  // Japanese: declared by the site, not bundled by the UI, and no config.ui.ja.
  writeFileSync(join(root, 'ja.html'), page('', 'ja.js'));
  writeFileSync(
    join(root, 'ja.js'),
    `import { createConsent, defineConfig } from '@consentry/core';
import { mountConsentUI } from '@consentry/ui';
window.ui = mountConsentUI(createConsent(${config(['ja'])}));
window.ui.ready${done}
`,
  );
  // The README's vanilla sample: a language imported by name, through its own line of the map.
  writeFileSync(join(root, 'named.html'), page('', 'named.js'));
  writeFileSync(
    join(root, 'named.js'),
    `import { createConsent, defineConfig } from '@consentry/core';
import { mountConsentUI } from '@consentry/ui';
import fr from '@consentry/ui/locales/fr';
window.ui = mountConsentUI(createConsent(${config(['fr'])}), { locale: fr, position: 'box' });
window.ui.ready${done}
`,
  );
  writeFileSync(join(root, 'favicon.ico'), '');
  server = await serveStatic(root);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

async function open(path: string) {
  const watched = await watchedPage(browser);
  await watched.page.goto(`${server.url}${path}`);
  await watched.page.waitForSelector('html[data-ready]');
  return watched;
}

describe('the ES modules through an import map, no bundler', () => {
  it('leave no `process` in any built file a browser loads', () => {
    const files = readdirSync(UI_DIST, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    );
    expect(files).toContain('index.js');
    expect(files.filter((f) => /\bprocess\b/.test(readFileSync(join(UI_DIST, f), 'utf8')))).toEqual([]);
  });

  it('<consentry-banner> with a store property renders; a React 18 store attribute is reported', async () => {
    const { page, console, errors } = await open('/element.html');
    expect(await page.getAttribute('html', 'data-ready')).toBe('ok');
    expect(errors).toEqual([]);
    await page.waitForSelector('#good .cy-b', { state: 'visible' });
    expect(await page.$eval('#good .cy-b h2', (h) => h.textContent)).toBe(en.title);
    expect(await page.$$('#react18 .cy')).toHaveLength(0);
    const reported = console.filter((m) => m.type() === 'error').map((m) => m.text());
    expect(reported).toHaveLength(1);
    expect(reported[0]).toContain('<consentry-banner store="[object Object]">');
    expect(reported[0]).toContain('the element has no store and shows nothing');
    // The property a ref would set mounts it.
    await page.evaluate(() => {
      const el = document.getElementById('react18') as HTMLElement & { store: unknown };
      el.store = (document.getElementById('good') as HTMLElement & { store: unknown }).store;
    });
    await page.waitForSelector('#react18 .cy');
  });

  it('a config language with no bundled texts renders in English, with the warning', async () => {
    const { page, console, errors } = await open('/ja.html');
    expect(await page.getAttribute('html', 'data-ready')).toBe('ok');
    expect(errors).toEqual([]);
    expect(await page.$eval('.cy', (el) => el.getAttribute('lang'))).toBe('ja');
    for (const name of [en.acceptAll, en.rejectAll, en.customise]) {
      expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
    }
    const warnings = console.filter((m) => m.type() === 'warning').map((m) => m.text());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no bundled texts for "ja"');
    expect(console.filter((m) => m.type() === 'error')).toEqual([]);
  });

  it('a language imported by name, as the README samples it, through its own line of the map', async () => {
    const { page, console, errors } = await open('/named.html');
    expect(await page.getAttribute('html', 'data-ready')).toBe('ok');
    expect(errors).toEqual([]);
    expect(await page.getByRole('button', { name: fr.acceptAll, exact: true }).isVisible()).toBe(true);
    expect(console.filter((m) => m.type() === 'error' || m.type() === 'warning')).toEqual([]);
  });
});
