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

  test('the source map the global script names is served beside it, as a CDN serves it', async () => {
    const ctx = await context(demo);
    const { page, errors } = await open(ctx, `${demo.base}/script-tag.html`);
    // What a developer's devtools fetch: each sourceMappingURL of the scripts this page loaded.
    const maps = await page.evaluate(async () => {
      const scripts = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((url) => url.endsWith('.js'));
      const out: Record<string, number> = {};
      for (const url of scripts) {
        const name = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(await (await fetch(url)).text())?.[1];
        if (name) {
          const map = new URL(name, url);
          const response = await fetch(map);
          out[map.pathname] =
            response.ok && Array.isArray((await response.json()).sources) ? 200 : response.status;
        }
      }
      return out;
    });
    expect(maps).toEqual({ '/vendor/consentry/consentry.global.js.map': 200 });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
