import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveStatic, type TestServer, watchedPage } from '@consentry/test-utils';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The script-tag build loaded the way most sites load a library without a bundler: from a CDN, another
// origin, with a plain <script src> (no `crossorigin`). Such a script is "CORS-cross-origin", and the
// HTML spec gives it about:blank as the base URL of its dynamic import()s ("create a classic script"):
// a relative `import('./locales/en.js')` cannot resolve, and no banner would ever show. The CDN here
// answers as jsDelivr and unpkg do, with `Access-Control-Allow-Origin: *` (module fetches are CORS).
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
let siteRoot: string;
let cdnRoot: string;
let site: TestServer;
let cdn: TestServer;
let plainCdn: TestServer;
let browser: Browser;

const page = (lang: string, cdnUrl: string, attrs = '') => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>A page using the CDN</title>
<link rel="stylesheet" href="${cdnUrl}/npm/@consentry/ui/dist/style.css">
<script src="${cdnUrl}/npm/@consentry/ui/dist/consentry.global.js"${attrs}></script>
<script src="/site.js" defer></script>
</head>
<body>
<h1>A page using the CDN</h1>
<script type="text/plain" data-consent="analytics" src="/analytics.js"></script>
</body>
</html>
`;

const siteJs = `
const config = Consentry.defineConfig({
  revision: 1,
  languages: ['en', 'fr'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' }, fr: { title: 'Nécessaires' } } },
    { id: 'analytics', texts: { en: { title: 'Analytics' }, fr: { title: 'Mesure d’audience' } } },
  ],
});
window.store = Consentry.createConsent(config, { integrations: [Consentry.gating()] });
window.ui = Consentry.mountConsentUI(window.store);
`;

const siteUrl = () => `http://www.site.test:${site.port}`;
const cdnUrl = (server: TestServer) => `http://cdn.other.test:${server.port}`;

beforeAll(async () => {
  cdnRoot = mkdtempSync(join(tmpdir(), 'consentry-cdn-'));
  for (const file of ['consentry.global.js', 'consentry.placeholders.js', 'style.css', 'locales']) {
    cpSync(join(DIST, file), join(cdnRoot, 'npm/@consentry/ui/dist', file), { recursive: true });
  }
  cdn = await serveStatic(cdnRoot, {
    headers: { 'access-control-allow-origin': '*' },
    // The bare package address, with a version range, as jsDelivr answers it: the file the package.json's
    // `jsdelivr` field names, at that address; the package's files under it.
    handler(req, res) {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      if (!path.startsWith('/npm/@consentry/ui@0.1')) return false;
      const rest =
        path.slice('/npm/@consentry/ui@0.1'.length).replace(/^\/$/, '') || '/dist/consentry.global.js';
      res.writeHead(302, { location: `/npm/@consentry/ui${rest}`, 'access-control-allow-origin': '*' });
      res.end();
      return true;
    },
  });
  // A server on another origin that sends no CORS headers (a site's own static host, say).
  plainCdn = await serveStatic(cdnRoot);
  siteRoot = mkdtempSync(join(tmpdir(), 'consentry-site-'));
  writeFileSync(join(siteRoot, 'en.html'), page('en', cdnUrl(cdn)));
  writeFileSync(join(siteRoot, 'fr.html'), page('fr', cdnUrl(cdn)));
  writeFileSync(join(siteRoot, 'crossorigin.html'), page('en', cdnUrl(cdn), ' crossorigin="anonymous"'));
  writeFileSync(
    join(siteRoot, 'bare.html'),
    page('fr', cdnUrl(cdn))
      .replace('/npm/@consentry/ui/dist/consentry.global.js', '/npm/@consentry/ui@0.1/?v=2')
      .replace('/site.js', '/site-embed.js')
      .replace(
        '</h1>',
        '</h1>\n<iframe title="map" data-consent="analytics" data-src="/analytics.js"></iframe>',
      ),
  );
  writeFileSync(join(siteRoot, 'no-cors.html'), page('en', cdnUrl(plainCdn)));
  writeFileSync(join(siteRoot, 'site.js'), siteJs);
  writeFileSync(
    join(siteRoot, 'embed.html'),
    page('en', cdnUrl(cdn))
      .replace('/site.js', '/site-embed.js')
      .replace(
        '</h1>',
        '</h1>\n<iframe title="map" data-consent="analytics" data-src="/analytics.js"></iframe>',
      ),
  );
  writeFileSync(
    join(siteRoot, 'site-embed.js'),
    `${siteJs}window.placeholders = Consentry.mountPlaceholders(window.store);\n`,
  );
  writeFileSync(join(siteRoot, 'analytics.js'), 'window.analyticsRuns = (window.analyticsRuns || 0) + 1;');
  writeFileSync(join(siteRoot, 'favicon.ico'), '');
  site = await serveStatic(siteRoot);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([site?.close(), cdn?.close(), plainCdn?.close()]);
  rmSync(siteRoot, { recursive: true, force: true });
  rmSync(cdnRoot, { recursive: true, force: true });
});

const localeRequests = (server: TestServer) =>
  server.requests.map((r) => r.url).filter((u) => u.includes('/locales/'));

describe('the script-tag build from a CDN (another origin, plain <script src>)', () => {
  it('shows the banner with the texts fetched from the CDN, beside the script, and the visitor decides', async () => {
    const { page, errors, console: messages } = await watchedPage(browser);
    await page.goto(`${siteUrl()}/en.html`);
    await page.getByRole('button', { name: 'Accept all' }).click({ timeout: 5000 });
    await expect.poll(() => page.evaluate(() => (window as any).analyticsRuns)).toBe(1);
    expect(localeRequests(cdn)).toEqual(['/npm/@consentry/ui/dist/locales/en.js']);
    expect(errors).toEqual([]);
    expect(messages.filter((m) => m.type() === 'error').map((m) => m.text())).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['a French page gets the French texts from the CDN', 'fr.html', 'Tout accepter', 'fr'],
    ['with crossorigin="anonymous" too', 'crossorigin.html', 'Accept all', 'en'],
  ])('%s', async (_, file, accept, lang) => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(`${siteUrl()}/${file}`);
    await expect
      .poll(() => page.getByRole('button', { name: accept }).isVisible(), { timeout: 5000 })
      .toBe(true);
    expect(localeRequests(cdn)).toContain(`/npm/@consentry/ui/dist/locales/${lang}.js`);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('a host without CORS headers cannot serve the texts: ui.ready rejects naming the file, nothing is granted', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${siteUrl()}/no-cors.html`);
    const reason = await page.evaluate(() =>
      (window as any).ui.ready.then(
        () => 'resolved',
        (e: Error) => String(e),
      ),
    );
    expect(reason).toContain(`${cdnUrl(plainCdn)}/npm/@consentry/ui/dist/locales/en.js`);
    expect(await page.evaluate(() => (window as any).store.has('analytics'))).toBe(false);
    expect(await page.evaluate(() => (window as any).analyticsRuns)).toBeUndefined();
    await page.context().close();
  });

  // Served by the package's `jsdelivr`/`unpkg` field: the files beside the script are in dist/. (A
  // redirect here, as unpkg answers; `currentScript.src` is the address as written either way.)
  it('from the bare package address (`…/npm/@consentry/ui@0.1/?v=2`): texts and placeholders come from its dist/', async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(`${siteUrl()}/bare.html`);
    await page.evaluate(() => (window as any).placeholders.ready);
    await expect
      .poll(() => page.getByRole('button', { name: 'Tout accepter' }).isVisible(), { timeout: 5000 })
      .toBe(true);
    const urls = cdn.requests.map((r) => r.url);
    expect(urls).toContain('/npm/@consentry/ui@0.1/dist/locales/fr.js');
    expect(urls).toContain('/npm/@consentry/ui@0.1/dist/consentry.placeholders.js');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('mountPlaceholders fetches its code from the CDN, beside the script, and shows the placeholder', async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(`${siteUrl()}/embed.html`);
    await page.evaluate(() => (window as any).placeholders.ready);
    expect(await page.locator('.cy-p p').textContent()).toMatch(/^This content from Analytics is blocked/);
    expect(cdn.requests.map((r) => r.url)).toContain('/npm/@consentry/ui/dist/consentry.placeholders.js');
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
