import { describe, expect, test } from 'vitest';
import {
  banner,
  context,
  dataLayer,
  expectNoAxeViolations,
  open,
  ranCounts,
  screenshot,
  settle,
  setupDemo,
  snapshot,
  uiButton,
} from './harness';

const demo = setupDemo();

describe('Global Privacy Control', () => {
  test('opt-out visitor (?jurisdiction=us) with GPC: sale/sharing (marketing) is denied, the rest defaults on', async () => {
    const ctx = await context(demo, { gpc: true });
    const { page } = await open(ctx, `${demo.base}/plain.html?jurisdiction=us`);
    expect(await page.evaluate(() => (navigator as any).globalPrivacyControl)).toBe(true);
    const s = await snapshot(page);
    expect(s).toMatchObject({ gpc: true, jurisdiction: 'opt-out', status: 'undecided' });
    expect(s.granted).toMatchObject({
      statistics: true,
      analytics: true,
      stats: true,
      marketing: false,
      video: false,
    });
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, stats: 1 });
    await settle(page);
    expect(await ranCounts(page)).toEqual({ audience: 1, stats: 1 });
    expect(await page.locator('iframe[data-consent]').getAttribute('src')).toBeNull();
    const layer = await dataLayer(page);
    expect(layer).toContainEqual([
      'consent',
      'update',
      expect.objectContaining({ analytics_storage: 'granted', ad_storage: 'denied', ad_user_data: 'denied' }),
    ]);
    await screenshot(page, '20-gpc-opt-out-visitor');
    await expectNoAxeViolations(page, 'plain page, opt-out visitor with GPC');
    await ctx.close();
  });

  test('opt-out visitor without GPC: every optional category defaults on', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/plain.html?jurisdiction=us`);
    const s = await snapshot(page);
    expect(s).toMatchObject({ gpc: false, jurisdiction: 'opt-out' });
    expect(s.granted).toMatchObject({ analytics: true, marketing: true });
    await ctx.close();
  });

  test('opt-in visitor (EU, the config default) with GPC: nothing optional before a decision, and the decision records GPC', async () => {
    const ctx = await context(demo, { gpc: true });
    const { page } = await open(ctx, `${demo.base}/plain.html`);
    let s = await snapshot(page);
    expect(s).toMatchObject({ gpc: true, jurisdiction: 'opt-in' });
    expect(s.granted).toMatchObject({ analytics: false, marketing: false });
    expect(await banner(page).isVisible()).toBe(true);
    // An explicit choice wins over the signal.
    await uiButton(page, 'Accept all').click();
    s = await snapshot(page);
    expect(s.record).toMatchObject({ action: 'accept-all', gpc: true });
    expect(s.granted).toMatchObject({ analytics: true, marketing: true });
    await ctx.close();
  });
  // CCPA regulations, 11 CCR § 7025(c)(3): the signal is processed over an earlier setting that allowed
  // sale or sharing, and the visitor may be asked again.
  test('opt-out visitor who accepted without GPC, back with GPC: marketing is off again, the banner asks, the server renders no embed', async () => {
    const before = await context(demo);
    const first = await open(before, `${demo.base}/plain.html?jurisdiction=us`);
    await uiButton(first.page, 'Accept all').click();
    expect((await snapshot(first.page)).record).toMatchObject({ action: 'accept-all', gpc: false });
    const cookies = await before.cookies();
    const ssrEmbed = /<iframe[^>]*data-gate="ssr"/;
    // Fetched from the page: its cookies and, with the signal, its Sec-GPC header.
    const ssr = (p: typeof first.page) =>
      p.evaluate((url) => fetch(url).then((r) => r.text()), `${demo.base}/ssr/react?jurisdiction=us`);
    // Without the signal the server renders the embed for this visitor.
    expect(await ssr(first.page)).toMatch(ssrEmbed);
    await before.close();

    const ctx = await context(demo, { gpc: true });
    await ctx.addCookies(cookies);
    const { page, errors } = await open(ctx, `${demo.base}/plain.html?jurisdiction=us`);
    const s = await snapshot(page);
    expect(s).toMatchObject({ gpc: true, status: 'undecided', record: null, banner: true });
    expect(s.granted).toMatchObject({ analytics: true, marketing: false, video: false });
    expect(await banner(page).isVisible()).toBe(true);
    await settle(page);
    expect(await page.locator('iframe[data-consent]').getAttribute('src')).toBeNull();
    // The server reads Sec-GPC and the cookie the same way: no embed in the HTML.
    expect(await ssr(page)).not.toMatch(ssrEmbed);
    // An explicit choice made with the signal on wins over it.
    await uiButton(page, 'Accept all').click();
    expect((await snapshot(page)).record).toMatchObject({ action: 'accept-all', gpc: true });
    expect((await snapshot(page)).granted.marketing).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('multi-tab sync', () => {
  test('a decision in one tab reaches the other', async () => {
    const ctx = await context(demo);
    const a = await open(ctx, `${demo.base}/plain.html`);
    const b = await open(ctx, `${demo.base}/islands.html`);
    expect(await banner(b.page).isVisible()).toBe(true);

    await a.page.bringToFront();
    await uiButton(a.page, 'Accept all').click();

    await expect.poll(async () => (await snapshot(b.page)).record?.action).toBe('accept-all');
    await expect.poll(() => banner(b.page).isVisible()).toBe(false);
    expect(
      await b.page.evaluate(() => (window as any).demoStore.log().map((e: { type: string }) => e.type)),
    ).toContain('SYNC');
    // The other tab obeys at once: its gated script and embeds run there too.
    await expect.poll(() => ranCounts(b.page)).toMatchObject({ stats: 1, 'video:A': 1, 'video:B': 1 });
    await b.page.bringToFront();
    await screenshot(b.page, '21-second-tab-synced');

    // And back: withdrawing in the second tab reaches the first.
    await b.page
      .locator('[data-island="react"]')
      .getByRole('button', { name: 'Cookie preferences (React)' })
      .click();
    await uiButton(b.page, 'Reject all').click();
    await expect.poll(async () => (await snapshot(a.page)).granted.marketing).toBe(false);
    await expect.poll(() => a.page.locator('iframe[data-consent]').getAttribute('src')).toBe('about:blank');
    await ctx.close();
  });
});
