import { newContext } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarness, writePage } from './harness';

// Markup the browser runs or loads as it parses, before any decision (review report §2, repro
// 06-gated-markup): gating cannot hold it back, but says so once per element, and an embed it manages
// (data-src) that also carries a src of its own is unloaded until granted.

const h = useHarness();

const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gated markup</title>
<script>window.ran=[];</script>
<script src="/.out/consentry.js"></script>
<script>
const config=Consentry.defineConfig({revision:1,languages:['en'],
  categories:[{id:'necessary',required:true,texts:{en:{title:'N'}}},{id:'analytics',texts:{en:{title:'A'}}},
    {id:'marketing',texts:{en:{title:'M'}}}],
  services:[{id:'youtube',provider:'Google',category:'marketing',texts:{en:{title:'YouTube'}}}]});
window.store=Consentry.createConsent(config,{storage:Consentry.memoryStorage(),integrations:[Consentry.gating()]});
</script></head><body>`;

// The five shapes of the report, each loading something of its own from another site (__CDN__: another
// host name of the test server). A site's own stand-in (same origin) is no slip: see the last test.
const SLIPS = `
<script data-consent="analytics" src="/fixtures/ext.js?id=no-type"></script>
<script type="text/javascript" data-consent="marketing" src="/fixtures/ext.js?id=js-type"></script>
<iframe id="f3" title="f3" data-consent="youtube" src="__CDN__/fixtures/embed.html?f3"></iframe>
<img id="i4" alt="" data-consent="marketing" src="__CDN__/fixtures/pixel.svg?i4">
<iframe id="f5" title="f5" data-consent="youtube" src="__CDN__/fixtures/embed.html?f5" data-src="/fixtures/embed.html?f5-data"></iframe>
<script type="text/plain" data-consent="analytics" src="/fixtures/ext.js?id=correct"></script>`;

const CORRECT = `
<script type="text/plain" data-consent="analytics" src="/fixtures/ext.js?id=ext"></script>
<script type="text/plain" data-consent="analytics">window.ran.push('inline')</script>
<script type="text/plain" data-consent="!analytics">window.ran.push('opt-out')</script>
<iframe id="video" title="video" data-consent="youtube" data-src="/fixtures/embed.html?video"></iframe>
<img id="pixel" alt="" data-consent="marketing" data-src="/fixtures/pixel.svg?pixel">`;

const cdn = (html: string) => html.replaceAll('__CDN__', h.url('cdn.consentry.test', ''));
const warnings = new Map<Page, string[]>();
async function open(body: string, name: string): Promise<Page> {
  const context = await newContext(h.browser);
  const p = await context.newPage();
  const said: string[] = [];
  warnings.set(p, said);
  p.on('console', (m) => {
    if (m.type() === 'warning') said.push(m.text());
  });
  await p.goto(h.url('www.consentry.test', writePage(name, `${head}${cdn(body)}</body></html>`)));
  await p.waitForFunction(() => document.readyState === 'complete');
  return p;
}
const ran = (p: Page) => p.evaluate(() => (window as any).ran as string[]);
const frameDoc = (p: Page, id: string) =>
  p.evaluate(
    (id) =>
      (document.getElementById(id) as HTMLIFrameElement).contentDocument?.getElementById('embed')
        ?.textContent ?? null,
    id,
  );
const settle = (p: Page) => p.evaluate(() => new Promise((r) => setTimeout(r, 200)));

describe('gating: markup the browser loads before consent (headless Chromium)', () => {
  it('each of the five shapes is said once; the embed gating manages is unloaded until granted', async () => {
    const p = await open(SLIPS, 'slips.html');
    await settle(p);
    // What the parser ran cannot be held back: it is said instead.
    expect(await ran(p)).toEqual(['no-type', 'js-type']);
    expect(await p.evaluate(() => (window as any).store.has('analytics'))).toBe(false);
    const said = warnings.get(p)!;
    expect(said).toHaveLength(5);
    expect(
      said.filter((m) => m.includes('on a script that ran before consent: make it type="text/plain"')),
    ).toHaveLength(2);
    expect(
      said.filter((m) =>
        m.includes('on an element that loaded before consent: give its URL as data-src only'),
      ),
    ).toHaveLength(3);
    for (const m of said) expect(m).toMatch(/^\[consentry\] data-consent on /);
    // Both src and data-src: its own src is taken away, as on withdrawal; the document it loaded is gone.
    expect(await p.getAttribute('#f5', 'src')).toBe('about:blank');
    expect(await p.getAttribute('#f5', 'data-consent-state')).toBe('blocked');
    expect(await frameDoc(p, 'f5')).toBeNull();
    // Not managed (no data-src): said, left as the page wrote it.
    expect(await p.getAttribute('#f3', 'src')).toBe(cdn('__CDN__/fixtures/embed.html?f3'));

    // Granted: the data-src loads; refused again: unloaded; granted again: loaded. Nothing more said.
    await p.evaluate(() => (window as any).store.acceptAll());
    await p.waitForFunction(() => (window as any).ran.includes('correct'));
    await p.waitForFunction(
      () =>
        (document.getElementById('f5') as HTMLIFrameElement).contentDocument?.getElementById('embed') &&
        document.getElementById('f5')!.getAttribute('src')!.endsWith('?f5-data'),
    );
    await p.evaluate(() => (window as any).store.rejectAll());
    expect(await p.getAttribute('#f5', 'src')).toBe('about:blank');
    await p.evaluate(() => (window as any).store.acceptAll());
    await settle(p);
    expect(await p.getAttribute('#f5', 'src')).toMatch(/\?f5-data$/);
    expect(said).toHaveLength(5);
    await p.context().close();
  });

  it('rejectAll before any grant keeps the managed embed unloaded', async () => {
    const p = await open(SLIPS, 'slips-reject.html');
    await p.evaluate(() => (window as any).store.rejectAll());
    await settle(p);
    expect(await p.getAttribute('#f5', 'src')).toBe('about:blank');
    expect(await frameDoc(p, 'f5')).toBeNull();
    await p.context().close();
  });

  it('shapes added after load are said too, and the managed one unloaded', async () => {
    const p = await open('<p>page</p>', 'slips-late.html');
    await p.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), cdn(SLIPS));
    await settle(p);
    // Scripts added as HTML never run; the warning still names the slip (one added by createElement runs).
    expect(warnings.get(p)).toHaveLength(5);
    expect(await p.getAttribute('#f5', 'src')).toBe('about:blank');
    await p.context().close();
  });

  it('no warning for a correctly gated page after grant, withdraw, re-grant', async () => {
    const p = await open(CORRECT, 'correct.html');
    await p.evaluate(() => (window as any).store.acceptAll());
    await p.waitForFunction(() => (window as any).ran.includes('inline'));
    await p.waitForFunction(() => document.getElementById('video')!.getAttribute('src'));
    await p.evaluate(() => (window as any).store.withdraw(['analytics', 'marketing']));
    await p.waitForFunction(() => (window as any).ran.includes('opt-out'));
    expect(await p.getAttribute('#video', 'src')).toBe('about:blank');
    await p.evaluate(() => (window as any).store.acceptAll());
    await settle(p);
    expect(await p.getAttribute('#video', 'src')).toMatch(/\?video$/);
    expect(await p.getAttribute('#pixel', 'src')).toMatch(/\?pixel$/);
    expect(await frameDoc(p, 'video')).toBe('embedded');
    expect(await ran(p)).toEqual(['ext', 'inline', 'opt-out']);
    expect(warnings.get(p)).toEqual([]);
    await p.context().close();
  });

  it("a site's own stand-in (same origin) beside a data-src stays, and is not named", async () => {
    const p = await open(
      `<img id="own" alt="" data-consent="marketing" src="/fixtures/pixel.svg?own" data-src="__CDN__/fixtures/pixel.svg?ad">
<iframe id="page" title="p" data-consent="youtube" src="/fixtures/embed.html?own" data-src="__CDN__/fixtures/embed.html?yt"></iframe>`,
      'own.html',
    );
    await p.evaluate(() => (window as any).store.rejectAll());
    await settle(p);
    expect(await p.getAttribute('#own', 'src')).toBe('/fixtures/pixel.svg?own');
    expect(await p.getAttribute('#page', 'src')).toBe('/fixtures/embed.html?own');
    // Loaded once: gating points a frame at its src again only on a page restored from the history.
    expect(h.server.requests.filter((r) => r.url === '/fixtures/embed.html?own')).toHaveLength(1);
    expect(warnings.get(p)).toEqual([]);
    // Granted: the data-src replaces it.
    await p.evaluate(() => (window as any).store.acceptAll());
    await settle(p);
    expect(await p.getAttribute('#own', 'src')).toBe(cdn('__CDN__/fixtures/pixel.svg?ad'));
    await p.context().close();
  });
});
