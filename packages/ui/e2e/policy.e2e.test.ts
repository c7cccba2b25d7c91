import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defineConfig } from '@consentry/core';
import {
  formatViolations,
  launchChromium,
  newContext,
  runAxe,
  serveStatic,
  type TestServer,
} from '@consentry/test-utils';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// What a server or a static-site generator imports: the built package, in Node, with no DOM.
import { cookiePolicyHtml, loadPolicyLocale } from '../dist/index.js';
import { testConfig } from '../src/__tests__/fixture';
import { codeReadsLeftToRight, SHOTS } from './setup';

// The cookie-policy tables in Chromium, two ways from one config: rendered in the page by
// renderCookiePolicy (bundled against dist/, texts loaded on demand), and written as a static page from
// cookiePolicyHtml in Node. Both served under `default-src 'self'`.
const FIXTURE = fileURLToPath(new URL('../src/__tests__/fixture.ts', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const PAYLOADS = ['<img src=x onerror=alert(1)>', '"><svg onload=alert(2)>', '<script>alert(3)</script>'];

let root: string;
let server: TestServer;
let browser: Browser;
let context: BrowserContext | undefined;

const page = (lang: string, body: string, script = '') => `<!doctype html>
<html lang="${lang}"${lang === 'ar' ? ' dir="rtl"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cookie policy</title>
<link rel="stylesheet" href="/page.css">
${script && `<script type="module" src="${script}"></script>`}
</head>
<body>
<main id="main">
<h1>Cookie policy</h1>
${body}
</main>
</body>
</html>
`;

// The page's code: the config (with the payloads in every text when asked), then the tables.
const renderScript = `
import { renderCookiePolicy, loadPolicyLocale } from ${JSON.stringify(DIST)};
import { testConfig } from ${JSON.stringify(FIXTURE)};
import { defineConfig } from '@consentry/core';
import { hostile } from './hostile.mjs';
const q = new URLSearchParams(location.search);
const language = q.get('lang') ?? 'en';
const config = q.has('xss') ? hostile(defineConfig, JSON.parse(q.get('xss'))) : testConfig();
document.documentElement.lang = language;
const locale = await loadPolicyLocale(language);
document.getElementById('main').append(renderCookiePolicy(config, { language, locale }));
document.documentElement.dataset.ready = '';
`;

// Every text of a config the tables show, set to a payload (and the locale's texts through config.ui).
// Plain JavaScript with no import, so the page's bundle and this Node test share it.
const hostileSource = `
export const hostile = (defineConfig, p) => defineConfig({
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: p, description: p } } },
    { id: 'stats', exempt: { reason: { en: p } }, texts: { en: { title: p, description: p } } },
    { id: 'ads', texts: { en: { title: p, description: p } } },
  ],
  services: ['necessary', 'stats', 'ads'].map((category) => ({
    id: 'svc-' + category,
    provider: p,
    category,
    policyUrl: 'https://example.com/privacy?q=' + encodeURIComponent(p),
    texts: { en: { title: p, description: p } },
    cookies: [{ name: 'a', domain: '.example.com', lifetime: 30, purpose: { en: p } }, { pattern: p.replace(/[()[\\]]/g, '') }],
    storage: [{ key: p, purpose: { en: p } }],
  })),
  ui: { en: Object.fromEntries(['provider', 'service', 'cookies', 'storage', 'lifetime', 'purpose', 'firstParty',
    'thirdParty', 'session', 'privacyPolicy', 'alwaysOn', 'required', 'exempt', 'optIn', 'optOut', 'pattern', 'domain']
    .map((k) => [k, p])) },
});
`;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'consentry-policy-'));
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(root, 'hostile.mjs'), hostileSource);
  const { hostile } = await import(pathToFileURL(join(root, 'hostile.mjs')).href);
  await build({
    stdin: { contents: renderScript, resolveDir: root, sourcefile: 'render.ts', loader: 'ts' },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: root,
    entryNames: 'render',
    chunkNames: 'chunks/[name]-[hash]',
    target: 'chrome110',
    // @consentry/core resolves from this package, as for the other fixtures.
    nodePaths: [fileURLToPath(new URL('../node_modules/', import.meta.url))],
    logLevel: 'error',
  });
  // A site's own, minimal styles: the tables come unstyled, readable with the browser's defaults.
  writeFileSync(
    join(root, 'page.css'),
    'body{margin:0;padding:1rem;font:16px/1.5 sans-serif;color:#222;background:#fff}' +
      'table{border-collapse:collapse;margin:0 0 1.5rem}th,td{border:1px solid #999;padding:.4rem;text-align:start;vertical-align:top}' +
      'caption{text-align:start;font-weight:600}td ul{margin:0;padding-inline-start:1rem}',
  );
  writeFileSync(join(root, 'render.html'), page('en', '', '/render.js'));
  const config = testConfig();
  for (const language of ['en', 'fr', 'ar']) {
    const html = cookiePolicyHtml(config, { language, locale: await loadPolicyLocale(language) });
    writeFileSync(join(root, `static-${language}.html`), page(language, html));
  }
  for (const [i, p] of PAYLOADS.entries()) {
    writeFileSync(
      join(root, `static-xss-${i}.html`),
      page(
        'en',
        cookiePolicyHtml(hostile(defineConfig, p), { language: 'en', locale: await loadPolicyLocale('en') }),
      ),
    );
  }
  writeFileSync(join(root, 'favicon.ico'), '');
  server = await serveStatic(root, { headers: { 'content-security-policy': "default-src 'self'" } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});
afterEach(async () => {
  await context?.close();
  context = undefined;
});

interface Opened {
  page: Page;
  /** Page errors, dialogs (alert) and CSP violations, from the start. */
  events: string[];
}

async function open(path: string): Promise<Opened> {
  context = await newContext(browser, { viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  const events: string[] = [];
  page.on('pageerror', (e) => events.push(`error ${e}`));
  page.on('dialog', (d) => {
    events.push(`dialog ${d.message()}`);
    void d.dismiss();
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`csp ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') events.push(m.text());
  });
  await page.goto(`${server.url}${path}`);
  if (path.startsWith('/render')) await page.waitForSelector('html[data-ready]');
  await page.waitForSelector('.cy-policy');
  return { page, events };
}

/** What a reader gets from the tables: each cell's text, row by row, and each table's caption. */
const tableText = (page: Page) =>
  page.$$eval('.cy-policy table', (tables) =>
    tables.map((t) => ({
      // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, line breaks included
      caption: (t as HTMLTableElement).caption?.innerText,
      // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, line breaks included
      rows: [...(t as HTMLTableElement).rows].map((r) => [...r.cells].map((c) => c.innerText)),
    })),
  );

describe('cookie policy tables in Chromium', () => {
  for (const lang of ['en', 'fr', 'ar']) {
    it(`${lang}: rendered in the page and written as static HTML, no axe violation (WCAG 2.0–2.2 A/AA)`, async () => {
      for (const path of [`/render.html?lang=${lang}`, `/static-${lang}.html`]) {
        const { page, events } = await open(path);
        await page.screenshot({
          path: `${SHOTS}policy-${lang}-${path.startsWith('/render') ? 'dom' : 'static'}.png`,
          fullPage: true,
        });
        const violations = await runAxe(page);
        expect(violations, `${path}\n${formatViolations(violations)}`).toEqual([]);
        expect(events, path).toEqual([]);
        await context!.close();
        context = undefined;
      }
    });

    it(`${lang}: the static page from cookiePolicyHtml shows the same tables as renderCookiePolicy`, async () => {
      const rendered = await open(`/render.html?lang=${lang}`);
      const dom = {
        tables: await tableText(rendered.page),
        html: await rendered.page.$eval('.cy-policy', (el) => el.outerHTML),
        // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, line breaks included
        text: await rendered.page.$eval('.cy-policy', (el) => (el as HTMLElement).innerText),
      };
      await context!.close();
      const { page } = await open(`/static-${lang}.html`);
      expect(await tableText(page)).toEqual(dom.tables);
      // biome-ignore lint/performance/useDomNodeTextContent: the text as rendered, line breaks included
      expect(await page.$eval('.cy-policy', (el) => (el as HTMLElement).innerText)).toBe(dom.text);
      // Parsed by Chromium and serialised again, the two are the same tree.
      expect(await page.$eval('.cy-policy', (el) => el.outerHTML)).toBe(dom.html);
      expect(dom.tables).toHaveLength(3);
      expect(dom.tables[2]!.rows).toHaveLength(3);
    });
  }

  it('Arabic: the table runs right to left, cookie names still left to right', async () => {
    const { page } = await open('/render.html?lang=ar');
    expect(
      await page.$eval('.cy-policy', (el) => [el.getAttribute('lang'), getComputedStyle(el).direction]),
    ).toEqual(['ar', 'rtl']);
    // The row header (provider) is the rightmost cell of its row.
    const [header, last] = await page.$eval('tr[data-service="ga"]', (tr) =>
      [tr.firstElementChild!, tr.lastElementChild!].map((c) => c.getBoundingClientRect().x),
    );
    expect(header).toBeGreaterThan(last!);
    const names = await codeReadsLeftToRight(page, '.cy-policy');
    expect(names).toContainEqual(['_pk_id*', true]);
    expect(names).toContainEqual(['adco_s_*', true]);
  });

  for (const [i, p] of PAYLOADS.entries()) {
    it(`payload ${p} in every text: shown as text, nothing runs, in both forms`, async () => {
      for (const path of [
        `/render.html?xss=${encodeURIComponent(JSON.stringify(p))}`,
        `/static-xss-${i}.html`,
      ]) {
        const { page, events } = await open(path);
        // Give an injected handler (onerror, onload) the chance to fire.
        await page.waitForLoadState('networkidle');
        expect(events, path).toEqual([]);
        expect(await page.$$eval('main img, main svg, main script', (els) => els.length), path).toBe(0);
        const text = await page.$eval('.cy-policy', (el) => el.textContent!);
        expect(text.split(p).length - 1, path).toBeGreaterThan(30);
        await context!.close();
        context = undefined;
      }
    });
  }
});
