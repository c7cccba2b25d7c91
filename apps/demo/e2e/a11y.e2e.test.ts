import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  banner,
  context,
  dialog,
  expectNoAxeViolations,
  open,
  ranCounts,
  screenshot,
  setupDemo,
  snapshot,
  uiButton,
} from './harness';

const demo = setupDemo();

interface Focused {
  text: string;
  role: string | null;
  /** aria-label, or the text of the aria-labelledby element. */
  label: string;
  inDialog: boolean;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    const by = a?.getAttribute('aria-labelledby');
    const label =
      a?.getAttribute('aria-label') ??
      (by
        ? by
            .split(' ')
            .map((id) => document.getElementById(id)?.textContent ?? '')
            .join(' ')
        : '');
    return {
      text: (a?.textContent ?? '').trim(),
      role: a?.getAttribute('role') ?? null,
      label: label.trim(),
      inDialog: !!a?.closest('[role="dialog"]'),
    };
  });
}

/** Presses Tab until the focused element matches, as a keyboard user would. */
async function tabTo(page: Page, what: string, match: (f: Focused) => boolean): Promise<number> {
  for (let i = 1; i <= 80; i++) {
    await page.keyboard.press('Tab');
    if (match(await focused(page))) return i;
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('keyboard only', () => {
  test('skip link, customise, toggle, save, reopen and close the preferences without a mouse', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/plain.html`);
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Skip to content');

    // The banner comes right after the skip link: no need to tab through the whole page first.
    expect(
      await tabTo(page, 'the banner’s Customise button', (f) => f.text === 'Customise'),
    ).toBeLessThanOrEqual(6);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    expect((await focused(page)).inDialog).toBe(true);

    await tabTo(page, 'the Analytics switch', (f) => f.role === 'switch' && f.label === 'Analytics');
    await page.keyboard.press('Space');
    await expect
      .poll(() => dialog(page).getByRole('switch', { name: 'Analytics' }).getAttribute('aria-checked'))
      .toBe('true');
    await screenshot(page, '40-keyboard-dialog');

    await tabTo(page, 'Save choices', (f) => f.text === 'Save choices');
    // Focus is trapped in the modal dialog: Tab past the last button comes back inside it.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect((await focused(page)).inDialog).toBe(true);
    }
    await tabTo(page, 'Save choices again', (f) => f.text === 'Save choices');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    let s = await snapshot(page);
    expect(s.record?.action).toBe('custom');
    expect(s.granted).toMatchObject({ analytics: true, marketing: false });
    await expect.poll(() => ranCounts(page)).toMatchObject({ stats: 1 });

    // Focus is not lost: it lands on the control that reopens the preferences.
    await expect.poll(async () => (await focused(page)).text).toBe('Cookie settings');
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    await expect.poll(async () => (await focused(page)).text).toBe('Cookie settings');
    s = await snapshot(page);
    expect(s.granted).toMatchObject({ analytics: true, marketing: false });
    await ctx.close();
  });

  test('reject all from the banner with the keyboard', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/islands.html`);
    await tabTo(page, 'Reject all', (f) => f.text === 'Reject all');
    await page.keyboard.press('Enter');
    await expect.poll(() => banner(page).isVisible()).toBe(false);
    expect((await snapshot(page)).record?.action).toBe('reject-all');
    await ctx.close();
  });
  // At 400 % zoom of 1280×720 (320×180) the banner and the dialog scroll; a button scrolled into view
  // sat flush with their bottom edge, and its focus ring (3 px outline, 2 px offset) was cut off.
  test('at 400 % zoom (320×180) a control focused in the scrolling banner or dialog keeps its whole focus ring in view', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/`);
    await page.setViewportSize({ width: 320, height: 180 });
    const clipped = async (scroller: string) => {
      const out: string[] = [];
      for (let i = 0; i < 14; i++) {
        await page.keyboard.press('Tab');
        const c = await page.evaluate((sel) => {
          const el = document.activeElement as HTMLElement;
          const box = el.closest(sel);
          if (!box) return null;
          const style = getComputedStyle(el);
          const ring = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
          const r = el.getBoundingClientRect();
          const b = box.getBoundingClientRect();
          return r.top - ring < b.top - 0.5 || r.bottom + ring > b.bottom + 0.5
            ? `${el.textContent || el.getAttribute('aria-label')}`
            : null;
        }, scroller);
        if (c) out.push(c);
      }
      return out;
    };
    expect(await page.evaluate(() => document.querySelector('.cy-b')!.scrollHeight > 180)).toBe(true);
    expect(await clipped('.cy-b')).toEqual([]);
    await page.evaluate(() => (window as any).demoStore.openPreferences());
    await dialog(page).waitFor();
    expect(await clipped('.cy-d')).toEqual([]);
    await ctx.close();
  });
});

describe("the page's own focus ring (WCAG 1.4.11: 3:1 against what is around it)", () => {
  test('every control of the demo pages outside the consent UI, on the light page and the dark header', async () => {
    const ctx = await context(demo);
    const seen = new Set<string>();
    for (const path of ['/', '/islands.html', '/policy.html?lang=en']) {
      const { page } = await open(ctx, `${demo.base}${path}`);
      // After a decision: no banner in the way, the page's own controls are what Tab reaches.
      if (await banner(page).isVisible()) await uiButton(page, 'Reject all').click();
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          if (!el || el === document.body || el.closest('.cy')) return null;
          const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]: number[]) =>
            [r!, g!, b!]
              .map((v) => v / 255)
              .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
              .reduce((sum, v, k) => sum + v * [0.2126, 0.7152, 0.0722][k]!, 0);
          // The ground the ring is drawn on: the first opaque background around the control.
          let ground = 'rgb(255, 255, 255)';
          for (let p = el.parentElement; p; p = p.parentElement) {
            const bg = getComputedStyle(p).backgroundColor;
            if (rgb(bg)[3] !== 0 && bg !== 'transparent') {
              ground = bg;
              break;
            }
          }
          const style = getComputedStyle(el);
          const [a, b] = [lum(rgb(style.outlineColor)), lum(rgb(ground))].sort((x, y) => y - x);
          return {
            what: `${location.pathname} ${el.tagName} ${(el.textContent ?? '').trim().slice(0, 30)}`,
            ring: style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2,
            ratio: (a! + 0.05) / (b! + 0.05),
          };
        });
        if (!f || seen.has(f.what)) continue;
        seen.add(f.what);
        expect(f.ring, f.what).toBe(true);
        expect(f.ratio, f.what).toBeGreaterThanOrEqual(3);
      }
    }
    // The header's links, the page's links and buttons and the policy's scroll boxes were all reached.
    expect(seen.size).toBeGreaterThan(10);
    await ctx.close();
  });
});

const PAGES = [
  '/',
  '/islands.html',
  '/plain.html',
  '/script-tag.html',
  '/policy.html?lang=en',
  '/policy.html?lang=fr',
  '/ssr/react',
  '/ssr/vue',
];

describe('axe-core: no WCAG 2.2 A/AA violation on any page, in any state', () => {
  for (const path of PAGES) {
    test(`${path}: with the banner, with the preferences open, after accepting all`, async () => {
      const ctx = await context(demo);
      const { page } = await open(ctx, `${demo.base}${path}`);
      await expectNoAxeViolations(page, `${path} with the banner`);

      const fr = path.endsWith('lang=fr');
      await uiButton(page, fr ? 'Personnaliser' : 'Customise').click();
      const prefs = page.getByRole('dialog', {
        name: fr ? 'Préférences en matière de cookies' : 'Cookie preferences',
      });
      await expect.poll(() => prefs.isVisible()).toBe(true);
      await expectNoAxeViolations(page, `${path} with the preferences open`);

      await prefs.getByRole('button', { name: fr ? 'Tout accepter' : 'Accept all' }).click();
      await expect.poll(() => prefs.isVisible()).toBe(false);
      await expectNoAxeViolations(page, `${path} after accepting all`);
      await screenshot(
        page,
        `50-page-${path.replace(/\W+/g, '-').replace(/^-|-$/g, '') || 'index'}-accepted`,
      );
      await ctx.close();
    });
  }
});

// The UI's dark theme follows the visitor's setting (theme 'auto') on pages that stay light: the page's
// own styles must not reach it. The demo's `code` background made the dialog's cookie names 1.1:1 there.
describe('axe-core in a dark colour scheme at 320 px, every service of the dialog expanded', () => {
  for (const path of ['/plain.html', '/policy.html?lang=fr']) {
    test(`${path}: banner and preferences`, async () => {
      const ctx = await context(demo);
      const { page } = await open(ctx, `${demo.base}${path}`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.setViewportSize({ width: 320, height: 640 });
      await expectNoAxeViolations(page, `${path} with the banner, dark`);
      await banner(page).locator('[data-a="openPreferences"]').click();
      await page.waitForSelector('.cy-d', { state: 'visible' });
      await page.$$eval('.cy-d details', (ds) => {
        for (const d of ds) d.setAttribute('open', '');
      });
      await expectNoAxeViolations(page, `${path} with the preferences open, dark`);
      await ctx.close();
    });
  }
});
