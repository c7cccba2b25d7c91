import { describe, expect, test } from 'vitest';
import {
  banner,
  context,
  cookies,
  open,
  ranCounts,
  ready,
  screenshot,
  setupDemo,
  snapshot,
  uiButton,
} from './harness';

const demo = setupDemo();

describe('the script-tag page: the SDK from <script src=".../consentry.global.js">, no bundler', () => {
  test('the page runs on window.Consentry alone; a visitor accepts, gated code runs, the choice holds', async () => {
    const ctx = await context(demo);
    const since = demo.server.requests.length;
    const { page, errors } = await open(ctx, `${demo.base}/script-tag.html`);
    await expect.poll(() => banner(page).isVisible()).toBe(true);
    await screenshot(page, '60-script-tag-banner');

    // The SDK came as the global script and the English texts as their own file; the page's bundle
    // holds none of it (it only calls window.Consentry).
    const paths = demo.server.requests.slice(since).map((r) => r.path);
    expect(paths).toContain('/vendor/consentry/consentry.global.js');
    expect(paths).toContain('/vendor/consentry/locales/en.js');
    expect(paths.filter((p) => p.startsWith('/vendor/consentry/locales/'))).toEqual([
      '/vendor/consentry/locales/en.js',
    ]);
    expect(paths.some((p) => /\/assets\/consentry-/.test(p))).toBe(false);
    expect(await page.evaluate(() => typeof (window as any).Consentry?.createConsent)).toBe('function');

    await uiButton(page, 'Accept all').click();
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, stats: 1, 'video:T': 1 });
    await expect.poll(() => cookies(ctx)).toEqual(expect.arrayContaining(['consentry@www.consentry.test']));
    await expect.poll(() => demo.server.proofs.some((p) => p.record.action === 'accept-all')).toBe(true);

    await page.reload();
    await ready(page);
    expect(await page.evaluate(() => (window as any).bannerSeen)).toBe(false);
    expect((await snapshot(page)).record?.action).toBe('accept-all');
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, stats: 1, 'video:T': 1 });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
