import { newContext } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarness, writePage } from './harness';

const h = useHarness();

// A page that enforces Trusted Types (`require-trusted-types-for 'script'`): a script's src or text can
// only be set through a policy. `policy` is the page's own default policy, if any. The gated scripts'
// scriptTimeout is long: a refused script must not hold back what comes after it.
const page = (name: string, policy: string) =>
  writePage(
    name,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trusted Types</title>
<meta http-equiv="Content-Security-Policy" content="require-trusted-types-for 'script'">
<script>window.ran=[];window.errors=[];window.addEventListener('error',(e)=>errors.push(String(e.message)));
${policy}</script>
<script src="/.out/consentry.js"></script>
<script>
const config=Consentry.defineConfig({revision:1,languages:['en'],
  categories:[{id:'necessary',required:true,texts:{en:{title:'N'}}},{id:'analytics',texts:{en:{title:'A'}}}],
  services:[{id:'widget',provider:'W',category:'analytics',texts:{en:{title:'W'}},scripts:['/fixtures/ext.js?id=lib']}]});
document.addEventListener('DOMContentLoaded',()=>{window.store=Consentry.createConsent(config,
  {integrations:[Consentry.gating({scriptTimeout:600000})]});});</script>
</head><body>
<script type="text/plain" data-consent="analytics" src="/fixtures/ext.js?id=ext"></script>
<script type="text/plain" data-consent="analytics" src="http://embed.other.test:${h.server.port}/fixtures/ext.js?id=other"></script>
<script type="text/plain" data-consent="analytics">window.ran.push('inline')</script>
<iframe id="embed" title="embed" data-consent="analytics" data-src="/fixtures/ext.js?id=frame"></iframe>
<img id="pixel" alt="" data-consent="analytics" data-src="/fixtures/tone.wav">
</body></html>`,
  );

async function open(path: string): Promise<Page> {
  const p = await (await newContext(h.browser)).newPage();
  await p.goto(h.url('www.consentry.test', path));
  await p.waitForFunction(() => (window as any).store);
  return p;
}

const states = (p: Page) =>
  p.evaluate(() =>
    Array.from(document.querySelectorAll('[data-consent]')).map(
      (el) => `${el.tagName.toLowerCase()} ${el.getAttribute('data-consent-state')}`,
    ),
  );

describe('gating on a page that enforces Trusted Types (headless Chromium)', () => {
  it('without a policy: the browser refuses each gated script, which is marked error; embeds and images still load at once', async () => {
    const p = await open(page('tt-none.html', ''));
    await p.evaluate(() => (window as any).store.acceptAll());
    await p.waitForFunction(() => document.getElementById('embed')!.getAttribute('src') !== null);
    expect(await p.getAttribute('#pixel', 'data-consent-state')).toBe('loaded');
    expect(await p.evaluate(() => (window as any).ran)).toEqual([]);
    // The page's three gated scripts are marked; the config's script never went in.
    expect((await states(p)).filter((s) => s.startsWith('script'))).toEqual([
      'script error',
      'script error',
      'script error',
    ]);
    expect(await p.evaluate(() => (window as any).errors)).toEqual([]);
    // loadScript rejects with the browser's error instead of never settling.
    expect(
      await p.evaluate(() =>
        (window as any).Consentry.loadScript(
          (window as any).store,
          'analytics',
          '/fixtures/ext.js?id=loaded',
        ).then(
          () => 'loaded',
          (e: Error) => e.name,
        ),
      ),
    ).toBe('TypeError');
    await p.context().close();
  });

  it("with the page's default policy: what it allows runs in order, what it refuses is marked error and holds nothing back", async () => {
    const policy = `trustedTypes.createPolicy('default',{
  createScriptURL:(u)=>new URL(u,location.href).origin===location.origin?u:null,
  createScript:(s)=>s});`;
    const p = await open(page('tt-default.html', policy));
    await p.evaluate(() => (window as any).store.acceptAll());
    await p.waitForFunction(() => (window as any).ran.includes('inline'));
    expect(await p.evaluate(() => (window as any).ran)).toEqual(['lib', 'ext', 'inline']);
    // The script on another origin, refused by the policy, is marked; the others ran.
    expect(await p.getAttribute('script[src*="embed.other.test"]', 'data-consent-state')).toBe('error');
    await p.waitForFunction(() => document.getElementById('embed')!.getAttribute('src') !== null);
    expect(await p.evaluate(() => (window as any).errors)).toEqual([]);
    await p.evaluate(() =>
      (window as any).Consentry.loadScript((window as any).store, 'analytics', '/fixtures/ext.js?id=loaded'),
    );
    expect(await p.evaluate(() => (window as any).ran)).toContain('loaded');
    await p.context().close();
  });
});
