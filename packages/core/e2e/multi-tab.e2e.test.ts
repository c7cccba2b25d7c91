import { newContext } from '@consentry/test-utils';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarness, writePage } from './harness';

const h = useHarness();

const URL_PATH = '/fixtures/app.html';
async function tabs(context: BrowserContext, n: number): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < n; i++) {
    const p = await context.newPage();
    await p.goto(h.url('www.consentry.test', URL_PATH));
    pages.push(p);
  }
  return pages;
}
const log = (p: Page) =>
  p.evaluate(() => (window as any).store.log().map((e: { type: string }) => e.type) as string[]);
const updates = (p: Page) =>
  p.evaluate(
    () => (window as any).dataLayer.filter((e: ArrayLike<unknown>) => e[1] === 'update').length as number,
  );

/** Waits in the page until `id` is granted; returns how long it took (ms). */
const waitGranted = (p: Page, id: string, want = true) =>
  p.evaluate(
    ([id, want]) =>
      new Promise<number>((resolve, reject) => {
        const w = window as any;
        const t0 = performance.now();
        if (w.store.has(id) === want) return resolve(0);
        const off = w.store.subscribe(() => {
          if (w.store.has(id) === want) {
            off();
            resolve(performance.now() - t0);
          }
        });
        setTimeout(() => reject(new Error('not synced within 1 s')), 1000);
      }),
    [id, want] as const,
  );

describe('multi-tab sync (headless Chromium)', () => {
  it('BroadcastChannel: a decision reaches the other tab within a second; no echo, one update each', async () => {
    const context = await newContext(h.browser);
    const [a, b] = await tabs(context, 2);
    const waiting = waitGranted(b!, 'analytics');
    await a!.evaluate(() => (window as any).store.save({ analytics: true }));
    const ms = await waiting;
    console.log(`[measure] multi-tab sync over BroadcastChannel: ${ms.toFixed(1)} ms`);
    await b!.waitForTimeout(100);
    expect(await log(a!)).toEqual(['INIT', 'SAVE']);
    expect(await log(b!)).toEqual(['INIT', 'SYNC']);
    expect(await updates(a!)).toBe(1);
    expect(await updates(b!)).toBe(1);

    // A withdrawal in B reaches A, and A's gated state follows.
    const back = waitGranted(a!, 'analytics', false);
    await b!.evaluate(() => (window as any).store.withdraw(['analytics']));
    await back;
    expect(await log(b!)).toEqual(['INIT', 'SYNC', 'WITHDRAW']);
    await context.close();
  });

  it('a stale tab never overwrites a newer decision', async () => {
    const context = await newContext(h.browser);
    const [a, b] = await tabs(context, 2);
    await a!.evaluate(() => (window as any).store.acceptAll());
    const old = await a!.evaluate(() =>
      (window as any).Consentry.encodeRecord(
        (window as any).store.getSnapshot().record,
        (window as any).store.config,
      ),
    );
    await waitGranted(b!, 'marketing');
    await b!.evaluate(() => (window as any).store.rejectAll());
    await waitGranted(a!, 'marketing', false);
    // A tab that missed the refusal re-sends the older acceptance.
    await b!.evaluate((value) => {
      const c = new BroadcastChannel('consentry:consentry');
      c.postMessage(value);
      c.close();
    }, old);
    await a!.waitForTimeout(200);
    expect(await a!.evaluate(() => (window as any).store.has('marketing'))).toBe(false);
    expect(await a!.evaluate(() => (window as any).store.getSnapshot().record.action)).toBe('reject-all');
    await context.close();
  });

  it('without BroadcastChannel: the localStorage mirror carries the decision', async () => {
    const context = await newContext(h.browser);
    await context.addInitScript(() => {
      (window as any).BroadcastChannel = undefined;
    });
    const [a, b] = await tabs(context, 2);
    const waiting = waitGranted(b!, 'analytics');
    await a!.evaluate(() => (window as any).store.save({ analytics: true }));
    console.log(`[measure] multi-tab sync over the storage event: ${(await waiting).toFixed(1)} ms`);
    expect(await log(b!)).toEqual(['INIT', 'SYNC']);
    await context.close();
  });

  it('without BroadcastChannel or localStorage: the cookie is re-read when the tab is focused', async () => {
    const context = await newContext(h.browser);
    await context.addInitScript(() => {
      (window as any).BroadcastChannel = undefined;
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('denied', 'SecurityError');
        },
      });
    });
    const [a, b] = await tabs(context, 2);
    await a!.evaluate(() => (window as any).store.save({ analytics: true }));
    expect(await b!.evaluate(() => (window as any).store.has('analytics'))).toBe(false);
    // The cookie written in tab A reaches tab B's document.cookie asynchronously: focus until it has.
    await b!.waitForFunction(() => {
      window.dispatchEvent(new Event('focus'));
      return (window as any).store.has('analytics');
    });
    // Focusing again changes nothing: the record is not newer.
    await b!.evaluate(() => window.dispatchEvent(new Event('focus')));
    expect(await log(b!)).toEqual(['INIT', 'SYNC']);
    await context.close();
  });

  it("a withdrawal in one tab unloads the other tab's embeds and tells its page, without a reload", async () => {
    const path = writePage(
      'tabs-embed.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>tabs</title>
<script src="/.out/consentry.js"></script><script src="/fixtures/site.js"></script>
<script>window.revokes=[];document.addEventListener('consentry:revoke',(e)=>revokes.push(e.detail.revoked));
window.store=Consentry.createConsent(siteConfig(),{integrations:[Consentry.gating(),Consentry.autoClear(),Consentry.multiTab()]});</script>
</head><body><iframe id="f" title="f" data-consent="analytics" data-src="/fixtures/embed.html"></iframe></body></html>`,
    );
    const context = await newContext(h.browser);
    const a = await context.newPage();
    await a.goto(h.url('www.consentry.test', path));
    const b = await context.newPage();
    await b.goto(h.url('www.consentry.test', path));
    await a.evaluate(() => (window as any).store.save({ analytics: true }));
    await b.waitForFunction(
      () => document.getElementById('f')!.getAttribute('data-consent-state') === 'loaded',
    );
    await b.evaluate(() => (window as any).store.withdraw(['analytics']));
    await a.waitForFunction(() => document.getElementById('f')!.getAttribute('src') === 'about:blank');
    expect(await a.evaluate(() => (window as any).revokes)).toEqual([['analytics', 'ga']]);
    expect(await log(a)).toEqual(['INIT', 'SAVE', 'SYNC']);
    await context.close();
  });
});
