import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, newContext, serveStatic, type TestServer } from '@consentry/test-utils';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// A plain page with no bundler, as a site owner writes it: the stylesheet and the script-tag build from
// the package's dist/ (copied as a CDN would serve them), its own code in a file, under a CSP with no
// inline script or style.
const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
let root: string;
let server: TestServer;
let browser: Browser;

const page = (lang: string) => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<title>A plain page</title>
<link rel="stylesheet" href="/cdn/consentry/style.css">
<script src="/cdn/consentry/consentry.global.js"></script>
<script src="/site.js" defer></script>
</head>
<body>
<h1>A plain page</h1>
<script type="text/plain" data-consent="analytics" src="/analytics.js"></script>
<iframe title="video" data-consent="video" data-src="/embed.html"></iframe>
<button type="button" data-consent-open>Manage cookies</button>
</body>
</html>
`;

const site = `
const config = Consentry.defineConfig({
  revision: 1,
  languages: ['en', 'fr'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' }, fr: { title: 'Nécessaires' } } },
    { id: 'analytics', texts: { en: { title: 'Analytics' }, fr: { title: 'Mesure d’audience' } } },
    { id: 'marketing', texts: { en: { title: 'Marketing' }, fr: { title: 'Marketing' } } },
  ],
  services: [
    {
      id: 'video',
      provider: 'VideoCo',
      category: 'marketing',
      party: 'third',
      texts: { en: { title: 'Video player' }, fr: { title: 'Lecteur vidéo' } },
      cookies: [{ name: 'vid' }],
    },
  ],
  consentMode: { analytics_storage: 'analytics' },
});
window.store = Consentry.createConsent(config, {
  integrations: [Consentry.consentMode(), Consentry.gating(), Consentry.autoClear()],
});
window.ui = Consentry.mountConsentUI(window.store);
`;

// The layout core's README asks for with Consent Mode: the SDK and the site's code as classic scripts in
// <head>, so the `default` is the dataLayer's first entry, here followed by a blocking script (a slow
// library), and a page long enough to scroll.
const headPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>A plain page, set up in its head</title>
<link rel="stylesheet" href="/cdn/consentry/style.css">
<script src="/cdn/consentry/consentry.global.js"></script>
<script src="/site.js"></script>
<script src="/slow.js"></script>
</head>
<body>
<h1>A long plain page</h1>
${'<p>Some long page text to scroll.</p>\n'.repeat(80)}<footer><button type="button" data-consent-open>Manage cookies</button></footer>
</body>
</html>
`;

// The same set up from the start of <body>: the banner must not wait for the rest of the page.
const bodyPage = headPage.replace(
  '<script src="/site.js"></script>\n<script src="/slow.js"></script>\n</head>\n<body>',
  '</head>\n<body>\n<script src="/site.js"></script>\n<script src="/slow.js"></script>',
);

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'consentry-global-'));
  for (const file of ['consentry.global.js', 'consentry.placeholders.js', 'style.css', 'locales']) {
    cpSync(join(DIST, file), join(root, 'cdn/consentry', file), { recursive: true });
  }
  writeFileSync(join(root, 'en.html'), page('en'));
  writeFileSync(join(root, 'fr.html'), page('fr'));
  writeFileSync(join(root, 'site.js'), site);
  // The same page with placeholders for its gated embed.
  writeFileSync(join(root, 'placeholders.html'), page('en').replace('/site.js', '/placeholders.js'));
  writeFileSync(
    join(root, 'placeholders.js'),
    `${site}window.placeholders = Consentry.mountPlaceholders(window.store);\n`,
  );
  writeFileSync(join(root, 'head.html'), headPage);
  writeFileSync(join(root, 'body.html'), bodyPage);
  // Old libraries extend Object.prototype with enumerable properties: MooTools a string, json.js a function.
  writeFileSync(
    join(root, 'legacy.html'),
    page('en').replace('<script src="/cdn/', '<script src="/legacy.js"></script>\n<script src="/cdn/'),
  );
  writeFileSync(
    join(root, 'legacy.js'),
    "Object.prototype.$family = 'object';\nObject.prototype.toJSONString = function () { return '{}'; };",
  );
  writeFileSync(join(root, 'slow.js'), 'window.slowRan = true;');
  writeFileSync(join(root, 'analytics.js'), 'window.analyticsRuns = (window.analyticsRuns || 0) + 1;');
  writeFileSync(join(root, 'embed.html'), '<!doctype html><title>embed</title><p>video</p>');
  writeFileSync(join(root, 'favicon.ico'), '');
  server = await serveStatic(root, { headers: { 'content-security-policy': "default-src 'self'" } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

async function open(
  path: string,
  before?: (p: Page) => Promise<void>,
  waitUntil: 'load' | 'commit' = 'load',
): Promise<{ page: Page; problems: string[] }> {
  const context = await newContext(browser);
  const p = await context.newPage();
  await before?.(p);
  const problems: string[] = [];
  p.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  p.on('pageerror', (e) => problems.push(String(e)));
  await p.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP: ${e.violatedDirective} ${e.blockedURI}`),
    ),
  );
  await p.goto(`${server.url}${path}`, { waitUntil });
  return { page: p, problems };
}

describe('the script-tag build (dist/consentry.global.js) on a plain page', () => {
  it('gives window.Consentry with the core and the UI, and only the language the page shows', async () => {
    const { page, problems } = await open('/fr.html');
    await expect.poll(() => page.getByRole('button', { name: 'Tout accepter' }).isVisible()).toBe(true);
    expect(
      await page.evaluate(() =>
        ['defineConfig', 'createConsent', 'gating', 'autoClear', 'consentMode', 'mountConsentUI'].every(
          (name) => typeof (window as any).Consentry[name] === 'function',
        ),
      ),
    ).toBe(true);
    // The French texts came as their own file, next to the script; no other language was fetched.
    const fetched = server.requests.map((r) => r.url).filter((u) => u.includes('/locales/'));
    expect(fetched).toEqual(['/cdn/consentry/locales/fr.js']);
    expect(await page.evaluate(() => (window as any).analyticsRuns)).toBeUndefined();
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a visitor decides: gated script and embed follow, the choice holds after a reload', async () => {
    const { page, problems } = await open('/en.html');
    await page.getByRole('button', { name: 'Customise' }).click();
    await page.getByRole('switch', { name: 'Analytics', exact: true }).click();
    await page.getByRole('button', { name: 'Save choices' }).click();
    await expect.poll(() => page.evaluate(() => (window as any).analyticsRuns)).toBe(1);
    expect(await page.locator('iframe').getAttribute('src')).toBeNull();
    expect(await page.evaluate(() => (window as any).dataLayer.at(-1)[1])).toBe('update');

    await page.reload();
    await page.waitForFunction(() => (window as any).analyticsRuns === 1);
    expect(await page.getByRole('button', { name: 'Accept all' }).isVisible()).toBe(false);
    // Reopen from the page's own button; accept everything; the embed loads.
    await page.getByRole('button', { name: 'Manage cookies' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => page.locator('iframe').getAttribute('src')).toMatch(/\/embed\.html$/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  // The language file takes 2 s (a poor network): the page's own "Manage cookies" is clicked before it
  // arrives. Chromium focuses a clicked button, which tells a visitor still waiting from one who went on.
  const slowTexts = (p: Page) =>
    p.route('**/locales/en.js', async (route) => {
      await new Promise((r) => setTimeout(r, 2000));
      await route.continue();
    });
  it('"Manage cookies" clicked before slow texts arrive: the dialog opens with them, or not if focus moved on', async () => {
    for (const movesOn of [false, true]) {
      const { page, problems } = await open('/en.html', slowTexts);
      await page.getByRole('button', { name: 'Manage cookies' }).click();
      if (movesOn) await page.keyboard.press('Shift+Tab');
      const moved = await page.evaluate(() => document.activeElement?.outerHTML);
      await page.evaluate(() => (window as any).ui.ready);
      const dialog = page.getByRole('dialog', { name: 'Cookie preferences' });
      if (movesOn) {
        // The banner shows, and focus stays where the visitor took it.
        expect(await dialog.isVisible()).toBe(false);
        expect(await page.getByRole('region', { name: 'Cookies on this site' }).isVisible()).toBe(true);
        expect(await page.evaluate(() => document.activeElement?.outerHTML)).toBe(moved);
      } else {
        expect(await dialog.isVisible()).toBe(true);
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Close');
      }
      expect(problems).toEqual([]);
      await page.context().close();
    }
  });

  it('set up from a classic script in <head>, before a slow blocking script: the banner comes after the page, not over its end', async () => {
    // The slow script holds the parser in <head> while the language file arrives: <body> does not exist yet.
    const { page, problems } = await open('/head.html', (p) =>
      p.route('**/slow.js', async (route) => {
        await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      }),
    );
    await expect.poll(() => page.getByRole('button', { name: 'Accept all' }).isVisible()).toBe(true);
    expect(
      await page.evaluate(async () => {
        await (window as any).ui.ready;
        return {
          slowRan: (window as any).slowRan,
          firstEntry: [...(window as any).dataLayer[0]].slice(0, 2),
          // The UI is the last thing in <body>, so its padding lets the page's end scroll out from under it.
          last: document.body.lastElementChild?.className,
        };
      }),
    ).toEqual({ slowRan: true, firstEntry: ['consent', 'default'], last: 'cy' });
    // Scrolled to the end, the page's own last button is not under the banner: a click reaches it.
    await page.getByRole('button', { name: 'Manage cookies' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('set up at the start of <body>, before a slow blocking script: the banner shows at once, and ends up after the page', async () => {
    const { page, problems } = await open(
      '/body.html',
      (p) =>
        p.route('**/slow.js', async (route) => {
          await new Promise((r) => setTimeout(r, 3000));
          await route.continue();
        }),
      'commit',
    );
    expect(headPage).not.toBe(bodyPage);
    await expect.poll(() => page.getByRole('button', { name: 'Accept all' }).isVisible()).toBe(true);
    // Shown while the parser still waits for the slow script.
    expect(await page.evaluate(() => [(window as any).slowRan, document.readyState])).toEqual([
      undefined,
      'loading',
    ]);
    await page.waitForFunction(() => document.readyState !== 'loading');
    expect(await page.evaluate(() => document.body.lastElementChild?.className)).toBe('cy');
    await page.getByRole('button', { name: 'Manage cookies' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('on a page whose old library extends Object.prototype (MooTools, json.js), it loads and works', async () => {
    const { page, problems } = await open('/legacy.html');
    expect(await page.evaluate(() => (Object.prototype as any).$family)).toBe('object');
    await page.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => page.evaluate(() => (window as any).analyticsRuns)).toBe(1);
    expect(await page.evaluate(() => typeof (window as any).Consentry.createConsent)).toBe('function');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('mountPlaceholders: its code and texts arrive beside the script on first use; "Allow" loads the embed', async () => {
    const before = server.requests.length;
    const { page, problems } = await open('/placeholders.html');
    await page.evaluate(() => (window as any).placeholders.ready);
    const box = page.locator('.cy-p');
    expect(await box.locator('p').textContent()).toBe(
      'This content from Video player (Marketing) is blocked: it may set cookies and will load only if you allow it.',
    );
    const fetched = server.requests
      .slice(before)
      .map((r) => r.url)
      .filter((u) => u.startsWith('/cdn/consentry/') && u.endsWith('.js'));
    // The placeholders' code once; the English texts once for the banner and the placeholders both.
    expect(fetched.sort()).toEqual([
      '/cdn/consentry/consentry.global.js',
      '/cdn/consentry/consentry.placeholders.js',
      '/cdn/consentry/locales/en.js',
    ]);
    await box.getByRole('button', { name: 'Allow Video player' }).click();
    await expect.poll(() => page.locator('iframe').getAttribute('src')).toMatch(/\/embed\.html$/);
    expect(await box.count()).toBe(0);
    // A partial decision: the banner still asks about the rest.
    expect(await page.getByRole('button', { name: 'Accept all' }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a page that does not call mountPlaceholders does not download its code', async () => {
    const before = server.requests.length;
    const { page } = await open('/en.html');
    await page.evaluate(() => (window as any).ui.ready);
    expect(server.requests.slice(before).map((r) => r.url)).not.toContain(
      '/cdn/consentry/consentry.placeholders.js',
    );
    await page.context().close();
  });
});
