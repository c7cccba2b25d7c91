import { describe, expect, test } from 'vitest';
import {
  banner,
  context,
  open,
  ranCounts,
  ready,
  screenshot,
  serverHtml,
  settle,
  setupDemo,
  snapshot,
  standInRequests,
  uiButton,
} from './harness';

const demo = setupDemo();

const grants = (page: import('playwright-core').Page, island: 'react' | 'vue') =>
  page
    .locator(`[data-island="${island}"] .grants li`)
    .evaluateAll((items) =>
      Object.fromEntries(
        items.map((li) => [(li as HTMLElement).dataset.category, li.querySelector('strong')?.textContent]),
      ),
    );

describe('React and Vue islands sharing one store', () => {
  test('a change in one island shows in the other at once; each gates its embed', async () => {
    const ctx = await context(demo);
    const since = demo.server.requests.length;
    const { page, errors } = await open(ctx, `${demo.base}/islands.html`);
    await page.locator('[data-island="vue"] .grants li').first().waitFor();
    await settle(page);
    // Neither gate asked the video site for anything before marketing was granted.
    expect(standInRequests(demo, since)).toEqual(['www.consentry.test/stand-ins/audience.js']);
    const off = { necessary: 'granted', statistics: 'granted', analytics: 'denied', marketing: 'denied' };
    expect(await grants(page, 'react')).toEqual(off);
    expect(await grants(page, 'vue')).toEqual(off);
    expect(await page.locator('iframe[data-gate]').count()).toBe(0);
    await screenshot(page, '10-islands-fresh');

    // The React island's gate asks for marketing in place: the Vue island follows at once.
    await page
      .locator('[data-island="react"]')
      .getByRole('button', { name: 'Allow marketing and load the video' })
      .click();
    await expect.poll(() => grants(page, 'vue')).toMatchObject({ marketing: 'granted', analytics: 'denied' });
    expect(await grants(page, 'react')).toMatchObject({ marketing: 'granted' });
    await expect.poll(() => ranCounts(page)).toMatchObject({ 'video:A': 1, 'video:B': 1 });
    // The first thing the visitor answered was this placeholder: it decides marketing only, and the
    // banner still asks about the rest.
    expect(await page.getByTestId('vue-status').textContent()).toBe('partial');
    expect(await banner(page).isVisible()).toBe(true);
    await screenshot(page, '11-islands-marketing-granted');

    // The Vue island's button opens the one dialog; withdrawing there unmounts both gated embeds.
    await page
      .locator('[data-island="vue"]')
      .getByRole('button', { name: 'Cookie preferences (Vue)' })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Cookie preferences' });
    await dialog.getByRole('switch', { name: 'Marketing (embedded content)' }).click();
    await uiButton(page, 'Save choices').click();
    await expect.poll(() => grants(page, 'react')).toMatchObject({ marketing: 'denied' });
    expect(await grants(page, 'vue')).toMatchObject({ marketing: 'denied' });
    expect(await page.locator('iframe[data-gate]').count()).toBe(0);

    // And the React island's button opens the same dialog.
    await page
      .locator('[data-island="react"]')
      .getByRole('button', { name: 'Cookie preferences (React)' })
      .click();
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await snapshot(page)).record?.action).toBe('custom');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('server-rendered routes read the consent cookie', () => {
  for (const kind of ['react', 'vue'] as const) {
    test(`/ssr/${kind}: banner for a new visitor; a returning visitor gets the decided page with no banner, no flash, no hydration mismatch`, async () => {
      const ctx = await context(demo);
      const url = `${demo.base}/ssr/${kind}`;
      const first = await open(ctx, url);
      expect(await first.page.getByTestId('ssr-status').textContent()).toContain('No decision');
      expect(await banner(first.page).isVisible()).toBe(true);
      await uiButton(first.page, 'Accept all').click();
      await expect.poll(() => first.page.locator('iframe[data-gate="ssr"]').count()).toBe(1);

      // What the server sends for this visitor's cookie, before any script runs.
      const html = await serverHtml(demo, ctx, `/ssr/${kind}`);
      expect(html).toContain('Welcome back');
      expect(html).toMatch(/<title>Server-rendered (React|Vue) \(welcome back\)/);
      expect(html).toContain('iframe');
      expect(html).not.toContain('cy-b');

      const { page, errors } = await open(ctx, url);
      const hydrated = await page.locator('#app').innerHTML();
      expect(await page.evaluate(() => (window as any).bannerSeen)).toBe(false);
      expect(await page.getByTestId('ssr-status').textContent()).toContain('Welcome back');
      expect(hydrated).toContain('data-gate="ssr"');
      expect(errors).toEqual([]);
      await expect.poll(() => ranCounts(page)).toMatchObject({ stats: 1, 'video:S': 1 });
      await screenshot(page, `12-ssr-${kind}-returning`);
      await ctx.close();
    });
  }

  test('/ssr/vue under GPC and the opt-out model: the server and the browser agree, marketing is off', async () => {
    const ctx = await context(demo, { gpc: true });
    const { page, errors } = await open(ctx, `${demo.base}/ssr/vue?jurisdiction=us`);
    const server = await serverHtml(demo, ctx, '/ssr/vue?jurisdiction=us', { 'sec-gpc': '1' });
    // Rendered on the server from Sec-GPC: statistics and analytics on by default, marketing off.
    expect(server).toMatch(/data-category="analytics"[^>]*>.*?granted/);
    expect(server).toMatch(/data-category="marketing"[^>]*>.*?denied/);
    await ready(page);
    expect(await snapshot(page)).toMatchObject({
      gpc: true,
      jurisdiction: 'opt-out',
      granted: { analytics: true, marketing: false },
    });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
