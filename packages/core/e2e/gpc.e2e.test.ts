import { newContext } from '@consentry/test-utils';
import { describe, expect, it } from 'vitest';
import { useHarness, vectors } from './harness';

// Source: test-vectors/gpc-spec-cases.json (rule_true / rule_absent for the navigator property,
// example_request for the header) and google-consent-mode-scenarios.json gpc-on-us.
const gpc = vectors('gpc-spec-cases.json');
const gcm = vectors('google-consent-mode-scenarios.json');

const h = useHarness();

describe('Global Privacy Control in a real browser', () => {
  it('GPC on: the page and the server helper both see it; opt-out denies sale/sharing, writes nothing; an explicit choice wins', async () => {
    expect(gpc.navigatorGlobalPrivacyControl.find((c: any) => c.id === 'rule_true').expectGpc).toBe(true);
    const context = await newContext(h.browser, { gpc: true });
    const page = await context.newPage();
    await page.goto(h.url('www.consentry.test', '/fixtures/app.html?jurisdiction=opt-out'));
    const state = await page.evaluate(async () => {
      const w = window as any;
      const echo = await (await fetch('/gpc-echo')).json();
      return {
        navigator: (navigator as any).globalPrivacyControl,
        readGpc: w.Consentry.readGpc(),
        gpc: w.store.getSnapshot().gpc,
        marketing: w.store.has('marketing'),
        analytics: w.store.has('analytics'),
        server: echo.gpc,
        lastConsent: Array.from(w.dataLayer.at(-1)),
      };
    });
    expect(state).toMatchObject({
      navigator: true,
      readGpc: true,
      gpc: true,
      marketing: false,
      analytics: true,
      server: true,
    });
    // gpc-on-us: ad types denied.
    expect(gcm.scenarios.find((s: any) => s.id === 'gpc-on-us').expect.adSignals).toMatch(/denied/);
    expect(state.lastConsent[2]).toMatchObject({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
    });
    // No record is written from GPC alone.
    expect((await context.cookies()).map((c) => c.name)).not.toContain('consentry');

    await page.evaluate(() => (window as any).store.save({ marketing: true }));
    const after = await page.evaluate(() => {
      const s = (window as any).store.getSnapshot();
      return { marketing: s.granted.marketing, recordGpc: s.record.gpc };
    });
    expect(after).toEqual({ marketing: true, recordGpc: true });
    await page.reload();
    expect(await page.evaluate(() => (window as any).store.has('marketing'))).toBe(true);
    await context.close();
  });

  it('GPC off (property absent or false): no signal on either side', async () => {
    const context = await newContext(h.browser);
    const page = await context.newPage();
    await page.goto(h.url('www.consentry.test', '/fixtures/app.html?jurisdiction=opt-out'));
    const state = await page.evaluate(async () => {
      const w = window as any;
      return {
        gpc: w.store.getSnapshot().gpc,
        marketing: w.store.has('marketing'),
        server: (await (await fetch('/gpc-echo')).json()).gpc,
      };
    });
    expect(state).toEqual({ gpc: false, marketing: true, server: false });
    await context.close();
  });
});
