import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { banner, context, dialog, open, ranCounts, setupDemo, uiButton } from './harness';

// WCAG 2.4.3 Focus Order: a visitor who allows a video from its placeholder presses a button that the
// grant removes (the gate swaps the placeholder for the player). Focus must land on the player, not
// fall to <body>; and only then: a grant made elsewhere, or a returning visitor, keeps focus where it is.
const demo = setupDemo();

/** A short description of document.activeElement, e.g. `iframe[data-gate=react]` or `body`. */
function active(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return 'null';
    const gate = a.getAttribute('data-gate');
    const name = a.tagName.toLowerCase();
    if (gate) return `${name}[data-gate=${gate}]`;
    return name === 'button' || name === 'a' ? `${name} "${(a.textContent ?? '').trim()}"` : name;
  });
}

/**
 * Waits until both islands' players have loaded and reported (networkidle is no use here: with the
 * players' cross-site frames in the page, Playwright often never reports it).
 */
async function playersLoaded(page: Page) {
  await expect.poll(() => ranCounts(page)).toMatchObject({ 'video:A': 1, 'video:B': 1 });
}

/** Presses Tab until `target` has focus, as a keyboard visitor would. */
async function tabTo(page: Page, target: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((sel) => document.activeElement === document.querySelector(sel), target)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

describe('a grant from a placeholder moves focus to what it loaded', () => {
  for (const island of ['react', 'vue'] as const) {
    test(`${island} island: Enter on "Allow marketing and load the video" focuses the loaded player`, async () => {
      const ctx = await context(demo);
      const { page, errors } = await open(ctx, `${demo.base}/islands.html`);
      await uiButton(page, 'Reject all').click();
      await expect.poll(() => banner(page).isVisible()).toBe(false);

      const button = `.placeholder[data-gate="${island}"] button`;
      await tabTo(page, button);
      expect(await page.locator(button).textContent()).toBe('Allow marketing and load the video');
      await page.keyboard.press('Enter');

      await expect.poll(() => active(page)).toBe(`iframe[data-gate=${island}]`);
      // The other island's gate opened too (one store) and left focus alone; nothing takes focus back
      // once the players have loaded.
      await playersLoaded(page);
      expect(await active(page)).toBe(`iframe[data-gate=${island}]`);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }

  for (const path of ['/plain.html', '/script-tag.html']) {
    test(`${path}: Enter on the placeholder's "Allow" focuses the loaded player; the banner still asks`, async () => {
      const ctx = await context(demo);
      const { page, errors } = await open(ctx, `${demo.base}${path}`);
      const placeholder = page.locator('.cy-p:has(+ iframe[data-consent])');
      await expect.poll(() => placeholder.isVisible()).toBe(true);
      const allow = placeholder.getByRole('button', { name: /^Allow Embedded video player/ });
      await tabTo(page, '.cy-p [data-a="grant"]');
      expect(await allow.evaluate((b) => b === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');

      await expect.poll(() => page.locator('iframe[data-consent]').isVisible()).toBe(true);
      expect(await active(page)).toBe('iframe');
      expect(await placeholder.count()).toBe(0);
      // Only the player was allowed: a partial decision, and the banner still asks about the rest.
      expect(await banner(page).isVisible()).toBe(true);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }

  test('plain page: a keyboard grant from "Change my choices" returns focus there', async () => {
    const ctx = await context(demo);
    const { page, errors } = await open(ctx, `${demo.base}/plain.html`);
    await uiButton(page, 'Reject all').click();
    await expect.poll(() => page.locator('.cy-p').isVisible()).toBe(true);

    await tabTo(page, 'main [data-consent-open]');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    // The dialog opens on its first control; Tab to the "Accept all" button and grant everything.
    const accept = dialog(page).getByRole('button', { name: 'Accept all', exact: true });
    for (let i = 0; i < 40 && !(await accept.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('iframe[data-consent]').isVisible()).toBe(true);
    await expect.poll(() => active(page)).toBe('button "Change my choices"');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('a grant made elsewhere leaves focus alone', () => {
  test('islands: "Accept all" in the banner does not send focus to either player', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/islands.html`);
    await uiButton(page, 'Accept all').click();
    await playersLoaded(page);
    expect(await active(page)).not.toMatch(/^iframe/);
    await ctx.close();
  });

  test('islands: a returning visitor who allowed marketing gets the players and focus stays on the page', async () => {
    const ctx = await context(demo);
    const first = await open(ctx, `${demo.base}/islands.html`);
    await uiButton(first.page, 'Reject all').click();
    await first.page.locator('.placeholder[data-gate="react"] button').click();
    await expect.poll(() => first.page.locator('iframe.embed').count()).toBe(2);

    const { page } = await open(ctx, `${demo.base}/islands.html`);
    await playersLoaded(page);
    expect(await active(page)).toBe('body');
    await ctx.close();
  });
});
