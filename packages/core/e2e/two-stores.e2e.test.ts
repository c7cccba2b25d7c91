import { newContext } from '@consentry/test-utils';
import { describe, expect, it } from 'vitest';
import { useHarness, writePage } from './harness';

const h = useHarness();

describe('two stores on one page (headless Chromium)', () => {
  it('gating, Consent Mode and multi-tab sync of one store never act for the other', async () => {
    const context = await newContext(h.browser);
    const [p1, p2] = [await context.newPage(), await context.newPage()];
    for (const p of [p1, p2]) await p.goto(h.url('www.consentry.test', '/fixtures/two-stores.html'));
    await p1.evaluate(() => (window as any).a.acceptAll());
    await p2.waitForFunction(() => (window as any).a.has('analytics'));
    await p1.waitForFunction(() => (window as any).ran.includes('a'));
    await p2.waitForFunction(() => (window as any).ran.includes('a'));
    await p1.waitForTimeout(200);
    for (const p of [p1, p2]) {
      const state = await p.evaluate(() => {
        const w = window as any;
        return {
          ran: w.ran,
          b: w.b.has('analytics'),
          bLog: w.b.log().map((e: { type: string }) => e.type),
          layerA: w.layerA.map((e: ArrayLike<unknown>) => e[1]),
          layerB: w.layerB.map((e: ArrayLike<unknown>) => e[1]),
        };
      });
      expect(state).toEqual({
        ran: ['a'],
        b: false,
        bLog: ['INIT'],
        layerA: ['default', 'update'],
        layerB: ['default'],
      });
    }
    await context.close();
  });

  // The slip the React and Vue READMEs warn about: two stores of one config (a provider's and the banner's)
  // on one page. Each reads the cookie once, so without multiTab() a refusal made through one leaves the
  // other granting until the next page load; multiTab()'s channel reaches the other store of the same page.
  it('two stores reading one cookie: multiTab() carries a decision from one to the other', async () => {
    const path = writePage(
      'one-cookie-two-stores.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>one cookie</title>
<script src="/.out/consentry.js"></script><script src="/fixtures/site.js"></script>
<script>const synced = location.search === '?multiTab';
const options = () => (synced ? { integrations: [Consentry.multiTab()] } : {});
window.a = Consentry.createConsent(siteConfig(), options());
window.b = Consentry.createConsent(siteConfig(), options());</script></head><body></body></html>`,
    );
    const page = await (await newContext(h.browser)).newPage();
    const granted = () =>
      page.evaluate(() => [(window as any).a.has('analytics'), (window as any).b.has('analytics')]);
    await page.goto(h.url('www.consentry.test', path));
    await page.evaluate(() => (window as any).a.acceptAll());
    await page.evaluate(() => (window as any).b.rejectAll());
    expect(await granted()).toEqual([true, false]); // what the READMEs warn about
    await page.context().clearCookies();
    await page.goto(h.url('www.consentry.test', `${path}?multiTab`));
    await page.evaluate(() => (window as any).a.acceptAll());
    await page.waitForFunction(() => (window as any).b.has('analytics'));
    await page.evaluate(() => (window as any).b.rejectAll());
    await page.waitForFunction(() => !(window as any).a.has('analytics'));
    expect(await granted()).toEqual([false, false]);
    await page.context().close();
  });
});
