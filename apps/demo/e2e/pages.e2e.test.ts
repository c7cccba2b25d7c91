import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  banner,
  context,
  cookies,
  dataLayer,
  dialog,
  expectNoAxeViolations,
  localKeys,
  open,
  ranCounts,
  ready,
  settle,
  setupDemo,
  snapshot,
  uiButton,
} from './harness';

const demo = setupDemo();

// Every page, with the embeds it gates (by video id) when marketing is granted.
const PAGES: [path: string, embeds: string[]][] = [
  ['/', []],
  ['/islands.html', ['A', 'B']],
  ['/plain.html', ['C']],
  ['/script-tag.html', ['T']],
  ['/policy.html?lang=en', []],
  ['/policy.html?lang=fr', []],
  ['/ssr/react', ['S']],
  ['/ssr/vue', ['S']],
];

const texts = (path: string) =>
  path.endsWith('lang=fr')
    ? { accept: 'Tout accepter', reject: 'Tout refuser', customise: 'Personnaliser' }
    : { accept: 'Accept all', reject: 'Reject all', customise: 'Customise' };

/** The last Consent Mode command in dataLayer. */
async function lastConsent(page: Page) {
  return (await dataLayer(page)).filter((e) => Array.isArray(e) && e[0] === 'consent').at(-1);
}

describe('every page in normal use: first visit, accept, come back, withdraw from the page’s button', () => {
  for (const [path, embeds] of PAGES) {
    test(`${path}: no console error or warning, no failed request, and withdrawing removes what the gated code left`, async () => {
      const ctx = await context(demo);
      const failed: string[] = [];
      ctx.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      ctx.on('requestfailed', (r) => {
        // A frame unloaded on purpose (withdrawal, reload) aborts what it was still fetching.
        if (r.failure()?.errorText !== 'net::ERR_ABORTED')
          failed.push(`${r.failure()?.errorText} ${r.url()}`);
      });
      const t = texts(path);
      const first = await open(ctx, `${demo.base}${path}`);
      await expect.poll(() => banner(first.page).isVisible()).toBe(true);
      await settle(first.page);
      expect(await ranCounts(first.page)).toEqual({ audience: 1 });

      await uiButton(first.page, t.accept).click();
      const ran = { audience: 1, stats: 1, ...Object.fromEntries(embeds.map((v) => [`video:${v}`, 1])) };
      await expect.poll(() => ranCounts(first.page)).toEqual(ran);
      await expect
        .poll(async () => (await cookies(ctx)).filter((c) => c.startsWith('_sa_')))
        .toEqual(['_sa_id@.consentry.test', '_sa_id@www.consentry.test', '_sa_sess@www.consentry.test']);
      expect(first.errors).toEqual([]);
      await first.page.close();

      // The returning visitor: no banner at any moment, everything allowed runs again.
      const { page, errors } = await open(ctx, `${demo.base}${path}`);
      await expect.poll(() => ranCounts(page)).toEqual(ran);
      expect(await page.evaluate(() => (window as any).bannerSeen)).toBe(false);

      // Withdrawal from the site's own button (the footer's "Cookie preferences").
      await page.locator('footer [data-consent-open]').click();
      await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
      await uiButton(page, t.reject).click();
      await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
      const left = async () =>
        (await cookies(ctx)).filter(
          (c) => c.includes('consentry.test') && !/^(csrftoken|django_language)@/.test(c),
        );
      await expect.poll(left).toEqual(['consentry@www.consentry.test']);
      expect(await page.evaluate(() => document.cookie)).not.toMatch(/(^|; )(_sa_|_au_)/);
      expect(await localKeys(page)).not.toContain('sa_events');
      await expect.poll(() => page.locator('iframe[src*="embed.html"]').count()).toBe(0);
      expect(await lastConsent(page)).toEqual([
        'consent',
        'update',
        expect.objectContaining({
          analytics_storage: 'denied',
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
        }),
      ]);
      expect((await snapshot(page)).record?.action).toBe('reject-all');

      await page.reload();
      await ready(page);
      await settle(page);
      expect(await page.evaluate(() => (window as any).bannerSeen)).toBe(false);
      expect(await ranCounts(page)).toEqual({});
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      await ctx.close();
    });
  }
});

/** Whether the page scrolls sideways, and what in `scope` sticks out of it. */
function overflow(page: Page, scope = 'body') {
  return page.evaluate((scope) => {
    const width = document.documentElement.clientWidth;
    const out = Array.from(document.querySelectorAll(`${scope} *`))
      .filter((el) => {
        // Inside a box that scrolls on its own, wide content is the box's business, not the page's.
        for (let p = el.parentElement; p; p = p.parentElement) {
          if (getComputedStyle(p).overflowX === 'auto') return false;
        }
        const r = el.getBoundingClientRect();
        // A box that sticks out, or a text that sticks out of its box (a long word).
        const spills = getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1;
        return (r.width > 0 && r.right > width + 1) || spills;
      })
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className ? `.${el.className}` : ''}`,
      );
    return { scrolls: document.documentElement.scrollWidth > width, out: out.slice(0, 5) };
  }, scope);
}

describe('a 320 px wide screen (WCAG 1.4.10 reflow)', () => {
  for (const [path] of PAGES) {
    test(`${path}: nothing scrolls sideways, with the banner, the preferences open, and once decided`, async () => {
      const ctx = await context(demo);
      const page = await ctx.newPage();
      await page.setViewportSize({ width: 320, height: 640 });
      await page.goto(`${demo.base}${path}`);
      await ready(page);
      const none = { scrolls: false, out: [] };
      expect(await overflow(page), 'with the banner').toEqual(none);
      await uiButton(page, texts(path).customise).click();
      await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
      // The page behind the modal dialog is inert and locked, its scrollbar's space kept (a desktop
      // scrollbar does not come and go): what must reflow is the dialog.
      expect(await overflow(page, '.cy'), 'with the preferences open').toEqual(none);
      await uiButton(page, texts(path).accept).click();
      await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(false);
      expect(await overflow(page), 'decided').toEqual(none);
      await ctx.close();
    });
  }

  test('the policy tables scroll in their own box, which a keyboard reaches only while it scrolls', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/policy.html?lang=en`);
    const boxes = () =>
      page.locator('.table-scroll').evaluateAll((els) =>
        els.map((el) => ({
          role: el.getAttribute('role'),
          tabindex: el.getAttribute('tabindex'),
          name: el.getAttribute('aria-labelledby')
            ? document.getElementById(el.getAttribute('aria-labelledby')!)?.textContent
            : null,
          scrolls: el.scrollWidth > el.clientWidth,
        })),
      );
    const tables = await page.locator('table').count();
    // Wide enough: plain boxes, no extra tab stop, no landmark.
    expect(await boxes()).toEqual(
      Array(tables).fill({ role: null, tabindex: null, name: null, scrolls: false }),
    );
    await page.setViewportSize({ width: 320, height: 640 });
    // Too narrow: each box scrolls and is a region named by its table's caption, in the tab order.
    await expect
      .poll(async () => (await boxes()).map((b) => [b.role, b.tabindex, b.scrolls]))
      .toEqual(Array(tables).fill(['region', '0', true]));
    expect((await boxes()).map((b) => b.name)).toEqual(await page.locator('table caption').allTextContents());
    await expectNoAxeViolations(page, 'policy page at 320 px');
    // Reached and scrolled with the keyboard alone.
    const first = page.locator('.table-scroll').first();
    await first.focus();
    expect(await first.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => first.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await ctx.close();
  });
});

describe('what the first and second layers tell a visitor', () => {
  test('the banner names every purpose Accept all grants, in each language; the dialog tells the two _sa_id cookies apart', async () => {
    const ctx = await context(demo);
    const { page, errors } = await open(ctx, `${demo.base}/plain.html`);
    await expect.poll(() => banner(page).isVisible()).toBe(true);
    // Analytics and marketing need consent; the necessary and the exempt statistics are not asked about.
    const text = await banner(page).locator('p').textContent();
    expect(text).toContain(
      'optional cookies for these purposes: Analytics and Marketing (embedded content).',
    );
    expect(text).not.toMatch(/Anonymised statistics|Necessary|\{purposes\}/);
    await uiButton(page, 'Customise').click();
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    const stats = dialog(page).locator('details', { hasText: 'Visit analytics' });
    await stats.locator('summary').click();
    const items = await stats.locator('li').allTextContents();
    expect(items.filter((t) => t.startsWith('_sa_id'))).toEqual([
      expect.stringMatching(/^_sa_id · Lifetime/),
      expect.stringMatching(/^_sa_id · \.consentry\.test · Lifetime/),
    ]);
    const fr = await open(ctx, `${demo.base}/plain.html?lang=fr`);
    await expect.poll(() => banner(fr.page).isVisible()).toBe(true);
    expect(await banner(fr.page).locator('p').textContent()).toContain(
      'pour ces finalités\u00a0: Mesure d’audience et Marketing (contenus intégrés).',
    );
    expect([...errors, ...fr.errors]).toEqual([]);
    await ctx.close();
  });
});

describe('the cookie policy, reached from the banner', () => {
  test('its link keeps the demo’s revision and jurisdiction, so a decision made on the policy page holds on the next page', async () => {
    const ctx = await context(demo);
    const query = '?revision=2&jurisdiction=us';
    const { page, errors } = await open(ctx, `${demo.base}/plain.html${query}`);
    await expect.poll(() => banner(page).isVisible()).toBe(true);
    // The visitor reads the policy before deciding…
    await banner(page).getByRole('link', { name: 'Cookie policy' }).click();
    await page.waitForURL(/\/policy\.html/);
    await ready(page);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ lang: 'en', revision: '2', jurisdiction: 'us' });
    expect(await snapshot(page)).toMatchObject({ status: 'undecided', jurisdiction: 'opt-out' });

    // …and changes their choices with the policy page's own button: marketing off, the rest as it is.
    await page.locator('main').getByRole('button', { name: 'Change my cookie choices' }).click();
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    await dialog(page).getByRole('switch', { name: 'Marketing (embedded content)' }).click();
    await uiButton(page, 'Save choices').click();
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    expect((await snapshot(page)).record).toMatchObject({ action: 'custom', revision: '2' });
    expect(await ranCounts(page)).toMatchObject({ stats: 1 });

    // Back on the page they came from: the decision counts there, no banner at any moment.
    await page.goto(`${demo.base}/plain.html${query}`);
    await ready(page);
    await settle(page);
    expect(await page.evaluate(() => (window as any).bannerSeen)).toBe(false);
    expect((await snapshot(page)).granted).toMatchObject({ analytics: true, marketing: false });
    expect(await ranCounts(page)).toEqual({ audience: 1, stats: 1 });
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

/** The source of every script the page downloaded so far. */
const downloadedScripts = (page: Page) =>
  page.evaluate(async () => {
    const urls = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((url) => url.endsWith('.js'));
    return Promise.all(urls.map(async (url) => (await fetch(url)).text()));
  });

describe('the UI’s languages load on demand', () => {
  // Each bundled language's "Accept all", as the UI's locale files have it.
  const LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ar'];
  const acceptLabels = async () =>
    Object.fromEntries(
      await Promise.all(
        LANGUAGES.map(async (l) => [
          l,
          (await import(`@consentry/ui/locales/${l}`)).default.acceptAll as string,
        ]),
      ),
    );
  for (const [path, lang] of [
    ['/plain.html', 'en'],
    ['/islands.html?lang=fr', 'fr'],
    ['/ssr/react', 'en'],
  ] as const) {
    test(`${path}: the scripts the page downloads hold the ${lang} texts and no other language’s`, async () => {
      const accept = await acceptLabels();
      const ctx = await context(demo);
      const { page } = await open(ctx, `${demo.base}${path}`);
      await expect.poll(() => uiButton(page, accept[lang]!).isVisible()).toBe(true);
      const scripts = await downloadedScripts(page);
      const found = LANGUAGES.filter((l) => scripts.some((code) => code.includes(accept[l]!)));
      expect(found).toEqual([lang]);
      await ctx.close();
    });
  }
});

describe('each page downloads the code it uses', () => {
  // Markers in the built code: React 19's element symbol, Vue 3's Fragment symbol.
  const MARKERS = { react: 'react.transitional.element', vue: 'v-fgt' };
  for (const [path, frameworks] of [
    ['/plain.html', []],
    ['/', []],
    ['/policy.html?lang=en', []],
    ['/islands.html', ['react', 'vue']],
    ['/ssr/react', ['react']],
    ['/ssr/vue', ['vue']],
  ] as const) {
    test(`${path}: ${frameworks.length ? frameworks.join(' and ') : 'no framework'}`, async () => {
      const ctx = await context(demo);
      const { page } = await open(ctx, `${demo.base}${path}`);
      const scripts = await downloadedScripts(page);
      const found = Object.entries(MARKERS)
        .filter(([, marker]) => scripts.some((code) => code.includes(marker)))
        .map(([name]) => name);
      expect(found).toEqual(frameworks);
      await ctx.close();
    });
  }
});

describe('the plain pages’ embed placeholder', () => {
  for (const path of ['/plain.html', '/script-tag.html']) {
    test(`${path}: a returning visitor who allowed marketing never sees “Blocked”; one who did not sees it`, async () => {
      const ctx = await context(demo);
      // Whether the placeholder was drawn, checked on every frame from before the page's first script.
      await ctx.addInitScript(() => {
        const w = window as unknown as { blockedSeen: boolean };
        w.blockedSeen = false;
        const frame = () => {
          const p = document.querySelector('.cy-p');
          if (p && p.getClientRects().length > 0) w.blockedSeen = true;
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      });
      const seen = (page: Page) => page.evaluate(() => (window as any).blockedSeen as boolean);
      const { page } = await open(ctx, `${demo.base}${path}`);
      await expect.poll(() => seen(page)).toBe(true);
      await page.evaluate(() => (window as any).demoStore.acceptAll());
      await expect.poll(() => ranCounts(page)).toMatchObject({ stats: 1 });
      for (let i = 0; i < 3; i++) {
        await page.reload();
        await ready(page);
        await expect.poll(() => ranCounts(page)).toMatchObject({ stats: 1 });
        expect(await seen(page)).toBe(false);
      }
      await page.evaluate(() => (window as any).demoStore.rejectAll());
      await page.reload();
      await ready(page);
      await expect.poll(() => seen(page)).toBe(true);
      await ctx.close();
    });
  }
});
