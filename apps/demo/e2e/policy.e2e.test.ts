import { describe, expect, test } from 'vitest';
import { config } from '../src/consent.config';
import { context, open, screenshot, setupDemo } from './harness';

const demo = setupDemo();

// Every cookie and storage key of the config, as service:name@domain.
const expected = config.services
  .flatMap((s) => [
    ...s.cookies.map((c) => `${s.id}:${c.name ?? c.pattern?.source}@${c.domain ?? ''}`),
    ...s.storage.map((k) => `${s.id}:${k.key ?? k.pattern?.source}@storage`),
  ])
  .sort();

const HEADINGS = {
  en: ['Service provider’s name', 'Function and location', 'Cookie name(s)', 'Purposes'],
  fr: ['Nom du fournisseur de service', 'Fonction et emplacement', 'Nom(s) du cookie', 'Finalités'],
};

describe('cookie policy page generated from the config', () => {
  for (const lang of ['en', 'fr'] as const) {
    test(`${lang}: the table lists every cookie of the config, with provider, function and purposes in ${lang}`, async () => {
      const ctx = await context(demo);
      const { page, errors } = await open(ctx, `${demo.base}/policy.html?lang=${lang}`);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const listed = await page.locator('tr[data-service]').evaluateAll((rows) =>
        rows.flatMap((row) => {
          const service = (row as HTMLElement).dataset.service;
          return [
            ...Array.from(
              row.querySelectorAll<HTMLElement>('code[data-cookie]'),
              (c) => `${service}:${c.dataset.cookie}@${c.dataset.domain}`,
            ),
            ...Array.from(
              row.querySelectorAll<HTMLElement>('code[data-storage]'),
              (c) => `${service}:${c.dataset.storage}@storage`,
            ),
          ];
        }),
      );
      expect(listed.sort()).toEqual(expected);

      for (const table of await page.locator('table').all()) {
        expect(await table.locator('thead th').allTextContents()).toEqual(HEADINGS[lang]);
      }
      // Rows carry the config's texts in this language: function and location, purposes.
      for (const service of config.services) {
        const row = page.locator(`tr[data-service="${service.id}"]`);
        expect(await row.locator('td').first().textContent()).toContain(service.texts[lang]!.title);
        for (const c of service.cookies) {
          if (c.purpose) expect(await row.locator('td').last().textContent()).toContain(c.purpose[lang]);
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
        .locator('.cy')
        .getByRole('button', { name: lang === 'en' ? 'Reject all' : 'Tout refuser', exact: true })
        .click();
      await screenshot(page, `31-policy-${lang}-full`, { fullPage: true });
      await ctx.close();
    });
  }

  test('the language switch goes from English to French and sets the language cookie', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/policy.html?lang=en`);
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(/lang=fr/);
    await page.getByRole('heading', { level: 1, name: 'Politique relative aux cookies' }).waitFor();
    expect((await ctx.cookies()).find((c) => c.name === 'django_language')?.value).toBe('fr');
    // The banner follows the page's language.
    expect(await page.locator('.cy').getAttribute('lang')).toBe('fr');
    await ctx.close();
  });
});
