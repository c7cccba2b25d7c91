import { describe, expect, test } from 'vitest';
import {
  animationsDone,
  banner,
  context,
  cookies,
  dataLayer,
  dialog,
  expectNoAxeViolations,
  localKeys,
  open,
  ranCounts,
  settle,
  setupDemo,
  snapshot,
  uiButton,
} from './harness';

// A black-box audit of the built demo, as a visitor and a QA engineer would drive it: only the pages,
// the browser and the rules of DESIGN.md and the READMEs. Scenarios the other e2e files already make
// are not repeated here.
const demo = setupDemo();

const STATS_COOKIES = ['_sa_id@.consentry.test', '_sa_id@www.consentry.test', '_sa_sess@www.consentry.test'];
const firstParty = async (ctx: Parameters<typeof cookies>[0]) =>
  (await cookies(ctx)).filter((c) => c.includes('consentry.test'));

/** The consent commands of the dataLayer and the stand-ins' events, in order, in short form. */
async function consentSequence(page: Parameters<typeof dataLayer>[0]): Promise<string[]> {
  return (await dataLayer(page)).map((e) => {
    if (Array.isArray(e)) {
      const types = e[2] as Record<string, string>;
      return e[1] === 'update'
        ? `update analytics=${types.analytics_storage} ad=${types.ad_storage}`
        : `${e[1]}`;
    }
    return String((e as { event?: string }).event);
  });
}

describe('the opt-out model (?jurisdiction=us) and the way back to opt-in', () => {
  test('an opt-out visitor who rejects all: what the defaults let run is cleared (host, parent domain, storage), the embed unloads, Consent Mode is denied, and the next page runs nothing', async () => {
    const ctx = await context(demo);
    const { page, errors } = await open(ctx, `${demo.base}/plain.html?jurisdiction=us`);
    // Opt-out: optional categories are on before a decision, so the stand-ins ran and left their traces.
    await expect.poll(() => ranCounts(page)).toMatchObject({ stats: 1, 'video:C': 1 });
    await expect.poll(() => cookies(ctx)).toEqual(expect.arrayContaining(STATS_COOKIES));
    expect(await localKeys(page)).toContain('sa_events');

    await uiButton(page, 'Reject all').click();
    await expect
      .poll(() => firstParty(ctx))
      .toEqual(['consentry@www.consentry.test', 'csrftoken@www.consentry.test']);
    expect(await localKeys(page)).not.toContain('sa_events');
    await expect.poll(() => page.locator('iframe[data-consent]').getAttribute('src')).toBe('about:blank');
    expect((await snapshot(page)).record).toMatchObject({ action: 'reject-all', gpc: false });
    // The tool the defaults had let run is told to stop: its opt-out call (data-consent="!stats") runs
    // once, after the denied update.
    await expect.poll(() => ranCounts(page)).toMatchObject({ 'stats-opt-out': 1 });
    expect((await consentSequence(page)).slice(-2)).toEqual([
      'update analytics=denied ad=denied',
      'stats_opt_out',
    ]);

    const next = await open(ctx, `${demo.base}/islands.html?jurisdiction=us`);
    await settle(next.page);
    expect(await banner(next.page).isVisible()).toBe(false);
    expect(await ranCounts(next.page)).toEqual({});
    expect(await firstParty(ctx)).toEqual(['consentry@www.consentry.test', 'csrftoken@www.consentry.test']);
    expect([...errors, ...next.errors]).toEqual([]);
    await ctx.close();
  });

  test('a decision made under opt-out is no decision under opt-in: the banner is back, nothing optional runs, and the cookies the opt-out defaults set are gone', async () => {
    const ctx = await context(demo);
    const us = await open(ctx, `${demo.base}/plain.html?jurisdiction=us`);
    await expect.poll(() => cookies(ctx)).toEqual(expect.arrayContaining(STATS_COOKIES));
    // The visitor keeps analytics (left on under opt-out) and switches marketing off.
    await uiButton(us.page, 'Customise').click();
    await expect.poll(() => dialog(us.page).isVisible()).toBe(true);
    await dialog(us.page).getByRole('switch', { name: 'Marketing (embedded content)', exact: true }).click();
    await uiButton(us.page, 'Save choices').click();
    await expect
      .poll(async () => (await snapshot(us.page)).record)
      .toMatchObject({ action: 'custom', jurisdiction: 'opt-out' });

    const eu = await open(ctx, `${demo.base}/plain.html`);
    await settle(eu.page);
    const s = await snapshot(eu.page);
    expect(s).toMatchObject({ status: 'undecided', banner: true, jurisdiction: 'opt-in' });
    expect(s.granted).toMatchObject({ analytics: false, stats: false, marketing: false, video: false });
    expect(await ranCounts(eu.page)).toEqual({ audience: 1 });
    const left = await firstParty(ctx);
    for (const c of STATS_COOKIES) expect(left).not.toContain(c);
    expect(await localKeys(eu.page)).not.toContain('sa_events');
    await ctx.close();
  });

  test('GPC under opt-out, then the visitor allows the player from the React gate: the explicit choice wins, is recorded with GPC, and holds on a server-rendered page', async () => {
    const ctx = await context(demo, { gpc: true });
    const { page } = await open(ctx, `${demo.base}/islands.html?jurisdiction=us`);
    expect((await snapshot(page)).granted).toMatchObject({ marketing: false, video: false, analytics: true });

    await page
      .locator('div[data-gate="react"]')
      .getByRole('button', { name: 'Allow marketing and load the video' })
      .click();
    await expect.poll(async () => (await snapshot(page)).granted.video).toBe(true);
    expect((await snapshot(page)).record).toMatchObject({ gpc: true, jurisdiction: 'opt-out' });
    expect((await snapshot(page)).record?.categories).toContain('marketing');
    await expect.poll(() => ranCounts(page)).toMatchObject({ 'video:A': 1, 'video:B': 1 });

    const ssr = await open(ctx, `${demo.base}/ssr/vue?jurisdiction=us`);
    expect((await snapshot(ssr.page)).granted).toMatchObject({ marketing: true, video: true });
    await expect.poll(() => ranCounts(ssr.page)).toMatchObject({ 'video:S': 1 });
    expect(ssr.errors).toEqual([]);
    await ctx.close();
  });
});

describe('two tabs under different rules', () => {
  const cases = [
    {
      name: 'a new policy revision in the deciding tab',
      decide: '/plain.html?revision=2',
      other: '/plain.html',
    },
    {
      name: 'an old policy revision in the deciding tab',
      decide: '/plain.html',
      other: '/plain.html?revision=2',
    },
    {
      name: 'the opt-out model in the deciding tab',
      decide: '/islands.html?jurisdiction=us',
      other: '/islands.html',
    },
  ];
  for (const c of cases) {
    test(`${c.name}: the other tab does not adopt a decision that does not count under its rules, now or after a reload`, async () => {
      const ctx = await context(demo);
      const a = await open(ctx, `${demo.base}${c.decide}`);
      const b = await open(ctx, `${demo.base}${c.other}`);
      await a.page.bringToFront();
      await uiButton(a.page, 'Accept all').click();
      await expect.poll(() => ranCounts(a.page)).toMatchObject({ stats: 1 });

      await b.page.bringToFront();
      await settle(b.page);
      const s = await snapshot(b.page);
      expect(s).toMatchObject({ status: 'undecided', banner: true, record: null });
      expect(s.granted).toMatchObject({ analytics: false, marketing: false, stats: false, video: false });
      expect(await ranCounts(b.page)).toEqual({ audience: 1 });

      await b.page.reload();
      await b.page.waitForFunction(() => 'demoStore' in window);
      await settle(b.page);
      expect(await snapshot(b.page)).toMatchObject({ status: 'undecided', banner: true });
      expect(await ranCounts(b.page)).toEqual({ audience: 1 });
      await ctx.close();
    });
  }
});

describe('Consent Mode on the framework and server-rendered pages', () => {
  for (const path of ['/islands.html', '/ssr/react', '/ssr/vue', '/script-tag.html']) {
    test(`${path}: one default first, an update that grants before the analytics tag pushes, then an update that denies on reject`, async () => {
      const ctx = await context(demo);
      const { page } = await open(ctx, `${demo.base}${path}`);
      await uiButton(page, 'Accept all').click();
      await expect.poll(() => consentSequence(page)).toContain('stats_pageview');
      await page.locator('[data-consent-open]').first().click();
      await expect.poll(() => dialog(page).isVisible()).toBe(true);
      await uiButton(page, 'Reject all').click();
      await expect
        .poll(() => consentSequence(page))
        .toEqual([
          'default',
          'update analytics=granted ad=granted',
          'stats_pageview',
          'update analytics=denied ad=denied',
        ]);
      await ctx.close();
    });
  }
});

describe('a visitor with dark mode and reduced motion', () => {
  for (const path of ['/plain.html', '/policy.html?lang=fr']) {
    test(`${path}: the banner and the dialog follow the dark scheme, nothing animates, and axe finds no WCAG 2.2 A/AA violation`, async () => {
      const ctx = await context(demo);
      const { page } = await open(ctx, `${demo.base}${path}`);
      await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
      await expect.poll(() => banner(page).isVisible()).toBe(true);
      const lang = path.includes('fr') ? 'fr' : 'en';
      await expectNoAxeViolations(page, `${path}, dark, banner`);
      await uiButton(page, lang === 'fr' ? 'Personnaliser' : 'Customise').click();
      const prefs = page.getByRole('dialog');
      await expect.poll(() => prefs.isVisible()).toBe(true);
      expect(await page.evaluate(() => document.getAnimations().length)).toBe(0);
      // The dark theme is drawn: a dark background under light text.
      const luminance = await prefs.evaluate((d) => {
        const rgb = (c: string) => (c.match(/\d+/g) ?? []).slice(0, 3).map(Number);
        const l = (c: string) => rgb(c).reduce((a, v) => a + v, 0) / 3;
        const s = getComputedStyle(d);
        return { bg: l(s.backgroundColor), fg: l(s.color) };
      });
      expect(luminance.bg).toBeLessThan(80);
      expect(luminance.fg).toBeGreaterThan(170);
      await animationsDone(page);
      await expectNoAxeViolations(page, `${path}, dark, preferences`);
      await ctx.close();
    });
  }
});
