import { newContext } from '@consentry/test-utils';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness';

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
});
