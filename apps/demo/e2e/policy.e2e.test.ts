import { describe, expect, test } from 'vitest';
import { config } from '../src/consent.config';
import { context, open, screenshot, serverHtml, setupDemo, UI_ROOT } from './harness';

const demo = setupDemo();

// Every cookie and storage key of the config, as service:name@domain.
const expected = config.services
  .flatMap((s) => [
    ...s.cookies.map((c) => `${s.id}:${c.name ?? c.pattern?.source}@${c.domain ?? ''}`),
    ...s.storage.map((k) => `${s.id}:${k.key ?? k.pattern?.source}@storage`),
  ])
  .sort();

// The tables come from @consentry/ui (cookiePolicyHtml) with its locales' column headers; the storage
// column is there only in a category whose services declare storage keys.
const COLUMNS = {
  en: { provider: 'Provider', service: 'Service', cookies: 'Cookies', storage: 'Browser storage' },
  fr: { provider: 'Fournisseur', service: 'Service', cookies: 'Cookies', storage: 'Stockage du navigateur' },
};

describe('cookie policy page generated from the config', () => {
  for (const lang of ['en', 'fr'] as const) {
    test(`${lang}: the table lists every cookie of the config, with provider, function and purposes in ${lang}`, async () => {
      const ctx = await context(demo);
      const { page, errors } = await open(ctx, `${demo.base}/policy.html?lang=${lang}`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const columns = COLUMNS[lang];
      // Each cookie is a list item in the row's cookies cell: its name, then its domain when it has one.
      const listed = await page.locator('tr[data-service]').evaluateAll(
        (rows, { cookies, storage }) =>
          rows.flatMap((row) => {
            const service = (row as HTMLElement).dataset.service;
            const heads = Array.from(row.closest('table')!.tHead!.rows[0]!.cells, (c) => c.textContent);
            const cell = (name: string) => (row as HTMLTableRowElement).cells[heads.indexOf(name)];
            const items = (name: string) =>
              Array.from(cell(name)?.querySelectorAll('li') ?? [], (li) =>
                Array.from(li.querySelectorAll('code'), (c) => c.textContent),
              );
            return [
              ...items(cookies).map(([name, domain]) => `${service}:${name}@${domain ?? ''}`),
              ...items(storage).map(([key]) => `${service}:${key}@storage`),
            ];
          }),
        columns,
      );
      expect(listed.sort()).toEqual(expected);

      const withStorage = new Set(config.services.filter((s) => s.storage.length).map((s) => s.category));
      const tables = await page.locator('table').all();
      expect(tables).toHaveLength(config.categories.length);
      for (const [i, table] of tables.entries()) {
        expect(await table.locator('thead th').allTextContents()).toEqual([
          columns.provider,
          columns.service,
          columns.cookies,
          ...(withStorage.has(config.categories[i]!.id) ? [columns.storage] : []),
        ]);
      }
      // Rows carry the config's texts in this language: function and location, purposes.
      for (const service of config.services) {
        const row = page.locator(`tr[data-service="${service.id}"]`);
        expect(await row.locator('th').textContent()).toContain(service.provider);
        expect(await row.locator('td').first().textContent()).toContain(service.texts[lang]!.title);
        for (const c of service.cookies) {
          if (c.purpose) expect(await row.locator('td').nth(1).textContent()).toContain(c.purpose[lang]);
        }
      }
      // The seed's sections: what a cookie is, the kinds of cookies, the anonymisation exemption.
      const text = await page.locator('main').textContent();
      expect(text).toContain(lang === 'en' ? 'What is a cookie?' : 'Qu’est-ce qu’un cookie ?');
      expect(text).toContain(config.categories.find((c) => c.exempt)!.exempt!.reason[lang]);
      for (const kind of lang === 'en'
        ? ['“Necessary”', '“Statistical”', '“first-party”', '“Third-party”']
        : ['« nécessaires »', '« statistiques »', '« propriétaires »', '« tiers »']) {
        expect(text).toContain(kind);
      }
      expect(errors).toEqual([]);
      await screenshot(page, `30-policy-${lang}-banner`);
      // The whole page once decided (a fixed banner would sit in the middle of a full-page capture).
      await page
        .locator(UI_ROOT)
        .getByRole('button', { name: lang === 'en' ? 'Reject all' : 'Tout refuser', exact: true })
        .click();
      await screenshot(page, `31-policy-${lang}-full`, { fullPage: true });
      await ctx.close();
    });
  }

  test('each category says how consent applies, under the visitor’s consent model', async () => {
    const status = async (query: string) => {
      const ctx = await context(demo);
      const { page } = await open(ctx, `${demo.base}/policy.html?lang=en${query}`);
      const found = await page
        .locator('section[data-category]')
        .evaluateAll((sections) =>
          sections.map((s) => [(s as HTMLElement).dataset.category, s.querySelector('strong')?.textContent]),
        );
      await ctx.close();
      return Object.fromEntries(found);
    };
    expect(await status('')).toEqual({
      necessary: 'Always on',
      statistics: 'Exempt from consent',
      analytics: 'Used only with your consent.',
      marketing: 'Used only with your consent.',
    });
    // ?jurisdiction=us: the visitor is under the opt-out model, where optional categories start on.
    expect(await status('&jurisdiction=us')).toMatchObject({
      analytics: 'Used unless you opt out.',
      marketing: 'Used unless you opt out.',
    });
  });

  // A legal text: search engines, reader modes and visitors without JavaScript read it too.
  test('the policy reads without JavaScript: the server renders it into the page, the same text the visitor with JavaScript reads', async () => {
    const withJs = await context(demo);
    const { page: live } = await open(withJs, `${demo.base}/policy.html?lang=fr&jurisdiction=us`);
    const main = (p: typeof live) => p.locator('main').evaluate((m) => m.textContent);
    const rendered = await main(live);
    await withJs.close();

    const ctx = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`${demo.base}/policy.html?lang=fr&jurisdiction=us`);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    expect(await page.title()).toBe('Politique relative aux cookies — Consentry demo');
    await page.getByRole('heading', { level: 1, name: 'Politique relative aux cookies' }).waitFor();
    expect(await page.locator('tr[data-service]').count()).toBe(config.services.length);
    expect(await page.locator('tr[data-consent-cookie]').count()).toBe(1);
    // The opt-out wording of ?jurisdiction=us, the site named by its host, the tables in their boxes.
    expect(await main(page)).toBe(rendered);
    expect(rendered).toContain(`www.consentry.test:${demo.port}`);
    expect(await page.locator('.table-scroll > table').count()).toBe(config.categories.length);
    await ctx.close();
  });

  test('the language switch goes from English to French and sets the language cookie', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/policy.html?lang=en`);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(/lang=fr/);
    await page.getByRole('heading', { level: 1, name: 'Politique relative aux cookies' }).waitFor();
    expect((await ctx.cookies()).find((c) => c.name === 'django_language')?.value).toBe('fr');
    // The banner follows the page's language.
    expect(await page.locator(UI_ROOT).getAttribute('lang')).toBe('fr');
    await ctx.close();
  });

  for (const lang of ['en', 'fr'] as const) {
    test(`${lang}: the consent cookie's row states both lifetimes the browser gets, after a grant and after a refusal`, async () => {
      // Intl may put a no-break space between the number and the unit.
      const days = (n: number) => new RegExp(`\\b${n}\\s${lang === 'en' ? 'days' : 'jours'}`);
      const ctx = await context(demo);
      const { page } = await open(ctx, `${demo.base}/policy.html?lang=${lang}`);
      const row = (await page.locator('tr[data-consent-cookie] td').nth(1).textContent()) ?? '';
      const given = async () => {
        const cookie = (await ctx.cookies()).find((c) => c.name === config.cookie.name)!;
        return Math.round((cookie.expires - Date.now() / 1000) / 86400);
      };
      await page.evaluate(() => (window as any).demoStore.acceptAll());
      const accepted = await given();
      await page.evaluate(() => (window as any).demoStore.rejectAll());
      const refused = await given();
      expect([accepted, refused]).toEqual([config.lifetimes.accepted, config.lifetimes.refused]);
      expect(row).toMatch(days(accepted));
      expect(row).toMatch(days(refused));
      await ctx.close();
    });
  }

  test('the language chosen on the policy page stays on the pages opened without ?lang, SSR included', async () => {
    const ctx = await context(demo);
    const { page, errors } = await open(ctx, `${demo.base}/policy.html?lang=fr`);
    // The footer's link has no ?lang: the page stays French.
    await page.locator('footer').getByRole('link', { name: 'Cookie policy' }).click();
    await page.waitForURL((url) => url.pathname === '/policy.html' && !url.searchParams.has('lang'));
    await page.getByRole('heading', { level: 1, name: 'Politique relative aux cookies' }).waitFor();
    expect(await page.locator(UI_ROOT).getAttribute('lang')).toBe('fr');
    // Another page's banner, and a server-rendered page: French on the server and after hydration.
    await page.goto(`${demo.base}/plain.html`);
    await expect.poll(() => page.locator(UI_ROOT).getAttribute('lang')).toBe('fr');
    const html = await serverHtml(demo, ctx, '/ssr/vue');
    expect(html).toContain('Statistiques anonymisées');
    await page.goto(`${demo.base}/ssr/vue`);
    await expect.poll(() => page.locator(UI_ROOT).getAttribute('lang')).toBe('fr');
    expect(await page.locator('[data-ssr] .grants').textContent()).toContain('Statistiques anonymisées');
    // ?lang still wins, and is remembered in turn.
    await page.goto(`${demo.base}/plain.html?lang=en`);
    await expect.poll(() => page.locator(UI_ROOT).getAttribute('lang')).toBe('en');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
