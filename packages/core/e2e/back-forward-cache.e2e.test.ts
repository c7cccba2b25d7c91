import { launchChromium, newContext } from '@consentry/test-utils';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useHarness, writePage } from './harness';

// A page restored by the back/forward cache comes back as it was left, store and running code included:
// a store read its cookie once, so a decision made on the page visited meanwhile is not in it. With
// multiTab() the restored page reads the cookie again. Playwright starts Chromium with the cache off
// (--disable-back-forward-cache); this browser has it on.
const h = useHarness();
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium({ ignoreDefaultArgs: ['--disable-back-forward-cache'] });
});
afterAll(async () => {
  await browser?.close();
});

const page = (name: string, integrations: string, next: string) =>
  `${writePage(
    name,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<script src="/.out/consentry.js"></script><script src="/fixtures/site.js"></script>
<script>window.restored=0;addEventListener('pageshow',(e)=>{if(e.persisted)restored++;});
window.store=Consentry.createConsent(siteConfig(),{integrations:[${integrations}]});</script>
</head><body><a id="next" href="${next}">next</a></body></html>`,
  )}?cacheable`;

async function leaveDecideAndComeBack(first: string, decide: string): Promise<Page> {
  const p = await (await browser.newContext()).newPage();
  await p.goto(h.url('www.consentry.test', first));
  await p.evaluate(() => (window as any).store.acceptAll());
  await p.click('#next');
  await p.waitForURL(/second/);
  await p.evaluate(decide);
  await p.goBack({ waitUntil: 'commit' });
  await p.waitForFunction(() => (window as any).store);
  return p;
}

describe('back/forward cache (headless Chromium with the cache on)', () => {
  it('with multiTab(): a page restored from the cache takes the withdrawal made on the page visited meanwhile', async () => {
    // The page visited meanwhile has a store without multiTab(): nothing is broadcast, so the first page
    // stays in the cache and is restored, not reloaded.
    const first = page('first-multitab.html', 'Consentry.multiTab()', '/.out/second-plain.html?cacheable');
    page('second-plain.html', '', '#');
    const p = await leaveDecideAndComeBack(first, '(window.store.withdraw(["analytics"]), 0)');
    await p.waitForFunction(() => (window as any).store.has('analytics') === false, null, { timeout: 3000 });
    expect(await p.evaluate(() => (window as any).restored)).toBe(1);
    expect(await p.evaluate(() => (window as any).store.getSnapshot().record.action)).toBe('withdraw');
    await p.context().close();
  });

  it('control: without multiTab() the restored page keeps the grant it was left with (the README says to use multiTab)', async () => {
    const first = page('first-plain.html', '', '/.out/second-plain.html?cacheable');
    const p = await leaveDecideAndComeBack(first, '(window.store.withdraw(["analytics"]), 0)');
    await p.waitForFunction(() => (window as any).restored === 1);
    expect(await p.evaluate(() => (window as any).store.has('analytics'))).toBe(true);
    await p.context().close();
  });
});

// Without the cache (Playwright's default, and pages sent with no-store), Back loads the page again and
// Chromium gives each frame the document it last had, whatever its src says: an embed allowed then
// and refused since came back, while its element said nothing was loaded.
describe('Back to a page whose embed was refused meanwhile (no back/forward cache)', () => {
  it('the frame shows its own src (none, a stand-in, a srcdoc facade), not the embed restored from the history', async () => {
    const embed = (q: string) => h.url('cdn.consentry.test', `/fixtures/embed.html?${q}`);
    const first = writePage(
      'history-first.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>first</title>
<script src="/.out/consentry.js"></script><script src="/fixtures/site.js"></script>
<script>window.ran=[];window.store=Consentry.createConsent(siteConfig(),{integrations:[Consentry.gating()]});</script>
</head><body>
<iframe id="none" title="none" data-consent="video" data-src="${embed('none')}"></iframe>
<iframe id="own" title="own" src="/fixtures/embed.html?standin" data-consent="video" data-src="${embed('own')}"></iframe>
<iframe id="facade" title="facade" srcdoc="<p>Click to load</p>" data-consent="video" data-src="${embed('facade')}"></iframe>
<a id="next" href="/.out/history-second.html">next</a></body></html>`,
    );
    writePage(
      'history-second.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>second</title>
<script src="/.out/consentry.js"></script><script src="/fixtures/site.js"></script>
<script>window.store=Consentry.createConsent(siteConfig());</script></head><body></body></html>`,
    );
    const p = await (await newContext(h.browser)).newPage();
    const frames = () =>
      p
        .frames()
        .slice(1)
        .map((f) => f.url().replace(/^.*\?/, '?'));
    await p.goto(h.url('www.consentry.test', first));
    await p.evaluate(() => (window as any).store.acceptAll());
    await p.waitForFunction(() => document.querySelectorAll('[data-consent-state="loaded"]').length === 3);
    await p.waitForFunction(() => [...document.querySelectorAll('iframe')].every((f) => !f.contentDocument));
    expect(frames().sort()).toEqual(['?facade', '?none', '?own']);
    await p.click('#next');
    await p.waitForURL(/second/);
    await p.evaluate(() => (window as any).store.withdraw(['video']));
    await p.goBack({ waitUntil: 'load' });
    await p.waitForFunction(() => (window as any).store?.has('video') === false);
    await p.waitForFunction(() => !location.href.includes('second'));
    await p.evaluate(() => new Promise((r) => setTimeout(r, 300)));
    expect(frames().sort()).toEqual(['?standin', 'about:blank', 'about:srcdoc']);
    await p.context().close();
  });
});
