import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, newContext, serveStatic, type TestServer } from '@consentry/test-utils';
import { build } from 'esbuild';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

export const OUT = fileURLToPath(new URL('./dist/', import.meta.url));
export const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));

// No inline script or style anywhere: the pages must run under `default-src 'self'`.
const html = (styles: string, extra = '') => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consentry UI fixture</title>
${styles === 'link' ? '<link rel="stylesheet" href="/style.css">' : ''}
<link rel="stylesheet" href="/page.css">
${extra}
</head>
<body data-styles="${styles}">
<header><a href="#main" id="skip">Skip to content</a><h1>Example shop</h1></header>
<main id="main">
<p>Welcome. This page stands in for a site using the consent banner.</p>
<p><a href="/products" id="products">Products</a> · <a href="/about" id="about">About us</a></p>
<p>${'Some long page text to scroll. '.repeat(40)}</p>
</main>
<footer><a href="#" data-consent-open id="reopen">Cookie settings</a></footer>
<script type="module" src="/page.js"></script>
</body>
</html>
`;

const fixtures = (name: string) => fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));

// Gated embeds as a site writes them (an embed code's width and height), between paragraphs whose place
// must not move when a placeholder gives way to its embed.
const placeholderPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Consentry placeholders fixture</title>
<link rel="stylesheet" href="/style.css">
<link rel="stylesheet" href="/page.css">
<link rel="stylesheet" href="/placeholder-page.css">
</head>
<body>
<main id="main">
<h1>Videos</h1>
<p id="before">A video:</p>
<iframe id="yt" title="YouTube video" data-consent="youtube" data-src="/embed.html?v=yt" width="560" height="315"></iframe>
<p id="after">A video with a map:</p>
<iframe id="two" title="Video with a map" data-consent="youtube maps" data-src="/embed.html?v=two" width="400" height="300"></iframe>
<p id="map">A map the page's CSS sizes, as a block:</p>
<iframe id="block" class="wide" title="Map" data-consent="maps" data-src="/embed.html?v=block"></iframe>
<p id="end">The end.</p>
</main>
<script type="module" src="/placeholder.js"></script>
</body>
</html>
`;

/** Bundles the fixture against dist/ (lazy locale chunks stay separate) and writes the pages. */
export async function buildFixtures(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  mkdirSync(SHOTS, { recursive: true });
  await build({
    entryPoints: {
      page: fileURLToPath(new URL('./fixtures/page.ts', import.meta.url)),
      element: fileURLToPath(new URL('./fixtures/element.ts', import.meta.url)),
      placeholder: fixtures('placeholder'),
    },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: OUT,
    chunkNames: 'chunks/[name]-[hash]',
    target: 'chrome110',
    logLevel: 'error',
  });
  copyFileSync(`${DIST}style.css`, `${OUT}style.css`);
  writeFileSync(
    `${OUT}page.css`,
    'body{margin:0;padding:1rem;font:16px/1.5 serif;color:#222;background:#fafafa}',
  );
  writeFileSync(`${OUT}index.html`, html('link'));
  writeFileSync(`${OUT}placeholder.html`, placeholderPage);
  writeFileSync(
    `${OUT}placeholder-page.css`,
    '.wide{display:block;width:100%;height:12rem;margin:2rem 0;border:0}' +
      // A CMS's floated embed, and a responsive wrapper's (the embed absolutely positioned over its padding).
      '.alignright{float:right;margin:0 0 1rem 1rem}' +
      '.ratio{position:relative;padding-top:56.25%}.ratio>iframe{position:absolute;top:0;left:0;width:100%;height:100%;border:0}' +
      // A responsive embed whose height follows its width.
      '.sixteen-nine{display:block;width:100%;aspect-ratio:16/9;border:0}' +
      // Embeds sharing a row.
      '.flexrow{display:flex;gap:8px}.flexrow>iframe{flex:1;min-width:0;border:0}',
  );
  writeFileSync(`${OUT}embed.html`, '<!doctype html><title>Player</title><p>The player</p>');
  writeFileSync(`${OUT}adopt.html`, html('adopt'));
  writeFileSync(`${OUT}nonce.html`, html('nonce'));
  // A long page of links, for focus that must not end up behind the bar (WCAG 2.4.11).
  const links = Array.from(
    { length: 40 },
    (_, i) => `<p>Paragraph ${i}. <a href="#l${i}" id="l${i}">Link ${i}</a></p>`,
  );
  writeFileSync(
    `${OUT}links.html`,
    html('link').replace(/<p>Some long page text[^<]*<\/p>/, links.join('\n')),
  );
  writeFileSync(
    `${OUT}element.html`,
    html('link').replace(
      '<script type="module" src="/page.js">',
      '<consentry-banner language="fr" theme="dark" position="box"></consentry-banner>\n<script type="module" src="/element.js">',
    ),
  );
  // Negative control: an inline <style> that a strict CSP must block (proves the listener hears it).
  writeFileSync(`${OUT}inline.html`, html('link', '<style>body{outline:1px solid red}</style>'));
}

export interface Servers {
  plain: TestServer;
  /** `default-src 'self'`: no inline script or style, no eval. */
  strict: TestServer;
  /** `default-src 'self'; style-src 'self' 'nonce-abc123'`. */
  nonce: TestServer;
  close(): Promise<void>;
}

export async function startServers(): Promise<Servers> {
  const plain = await serveStatic(OUT);
  const strict = await serveStatic(OUT, { headers: { 'content-security-policy': "default-src 'self'" } });
  const nonce = await serveStatic(OUT, {
    headers: { 'content-security-policy': "default-src 'self'; style-src 'self' 'nonce-abc123'" },
  });
  return {
    plain,
    strict,
    nonce,
    close: async () => {
      await Promise.all([plain.close(), strict.close(), nonce.close()]);
    },
  };
}

/**
 * A test file's browser: the fixtures built, the servers and Chromium started before its tests and
 * stopped after them. `newPage()` opens a page in a fresh context (1280×720 unless told otherwise);
 * every context a test opened is closed after it. `launch` goes to launchChromium.
 */
export function useBrowser(launch?: Parameters<typeof launchChromium>[0]): {
  readonly servers: Servers;
  newPage(options?: ContextOptions): Promise<Page>;
} {
  let browser: Browser;
  let servers: Servers;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    await buildFixtures();
    servers = await startServers();
    browser = await launchChromium(launch);
  });
  afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  return {
    get servers() {
      return servers;
    },
    async newPage(options = {}) {
      const context = await newContext(browser, { viewport: { width: 1280, height: 720 }, ...options });
      contexts.push(context);
      return context.newPage();
    },
  };
}
type ContextOptions = Parameters<typeof newContext>[1];

/** Opens a page and waits until the UI is mounted. Records CSP violations and layout shifts from the start. */
export async function open(page: Page, url: string): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __cls: number };
    w.__csp = [];
    w.__cls = 0;
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[])
        w.__cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(url);
  await page.waitForSelector('html[data-ready]');
  await settled(page);
}

/** Waits for the entrance animation to end, so screenshots and measurements see the final layout. */
export const settled = (page: Page) =>
  page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

/**
 * Each `<code>` under `selector` with whether its first character is drawn before its last (further
 * left on its line, or on an earlier line): cookie and storage names must read left to right even in
 * a right-to-left page.
 */
export const codeReadsLeftToRight = (page: Page, selector: string) =>
  page.$$eval(`${selector} code`, (codes) =>
    codes.map((c): [string, boolean] => {
      const text = c.firstChild as Text;
      const range = document.createRange();
      const box = (i: number) => {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return range.getBoundingClientRect();
      };
      const first = box(0);
      const last = box(text.length - 1);
      return [text.data, first.left < last.left || first.bottom <= last.top];
    }),
  );

/**
 * The controls under `scope` that a visitor cannot reach: once scrolled to, each must be inside the
 * viewport and be what a click at its centre hits. Empty when all are reachable.
 */
export const reachable = (page: Page, scope: string) =>
  page.$$eval(`${scope} button, ${scope} summary, ${scope} a[href]`, (els) =>
    els
      .filter((e) => !e.closest('[hidden]'))
      .map((e) => {
        e.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        // A link wrapped over two lines: its first line box is where a visitor would click.
        const r = e.getClientRects()[0]!;
        const inside =
          r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return { name: e.textContent, inside, hit: !!hit && (hit === e || e.contains(hit)) };
      })
      .filter((x) => !x.inside || !x.hit),
  );
