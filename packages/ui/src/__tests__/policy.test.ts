import {
  type ConfigInput,
  type ConsentConfig,
  createConsent,
  defineConfig,
  memoryStorage,
} from '@consentry/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  cookiePolicyHtml,
  type Locale,
  loadCookiePolicy,
  loadPolicyLocale,
  type PolicyLocale,
  pickLanguage,
  renderCookiePolicy,
} from '../index';
import ar, { policyLocale as arPolicy } from '../locales/ar';
import en, { policyLocale as enPolicy } from '../locales/en';
import fr, { policyLocale as frPolicy } from '../locales/fr';
import { testConfig } from './fixture';

const EN = { ...en, ...enPolicy };
const FR = { ...fr, ...frPolicy };
const AR = { ...ar, ...arPolicy };
const LANGS = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ar'];

const text = (el: Node | null | undefined) => el?.textContent ?? null;
const all = (root: ParentNode, sel: string) => [...root.querySelectorAll(sel)];
const texts = (root: ParentNode, sel: string) => all(root, sel).map(text);
const section = (root: Element, id: string) => root.querySelector(`section[data-category="${id}"]`)!;
const row = (root: Element, id: string) =>
  root.querySelector<HTMLTableRowElement>(`tr[data-service="${id}"]`)!;
/** The string form parsed by the browser's own HTML parser (jsdom's here). */
const parse = (html: string) => {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  return tpl.content;
};

afterEach(() => {
  document.documentElement.lang = '';
  document.body.replaceChildren();
});

describe('renderCookiePolicy: structure', () => {
  const root = renderCookiePolicy(testConfig(), { language: 'en', locale: EN });

  it('is one container in the language, with a section per category in config order', () => {
    expect(root.tagName).toBe('DIV');
    expect(root.className).toBe('cy-policy');
    expect([root.lang, root.dir]).toEqual(['en', 'ltr']);
    expect(all(root, ':scope > section').map((s) => s.getAttribute('data-category'))).toEqual([
      'necessary',
      'statistics',
      'marketing',
    ]);
    expect(texts(root, 'section > h2')).toEqual(['Necessary', 'Statistics', 'Marketing']);
    expect(texts(section(root, 'necessary'), ':scope > p')).toEqual([
      'Session and security.',
      `${en.alwaysOn}: ${en.required}`,
    ]);
  });

  it('says whether a category is always on, exempt and why, or used only with consent', () => {
    expect(text(section(root, 'necessary').querySelector('p strong'))).toBe(en.alwaysOn);
    expect(text(section(root, 'statistics').querySelector(':scope > p'))).toBe(
      `${en.exempt}: Anonymised audience measurement.`,
    );
    expect(text(section(root, 'marketing').querySelector(':scope > p:last-of-type'))).toBe(enPolicy.optIn);
  });

  it('gives each category a captioned table: column headers, one row header per service', () => {
    const marketing = section(root, 'marketing').querySelector('table')!;
    expect(text(marketing.caption)).toBe(`${en.cookies}: Marketing`);
    expect(all(marketing, 'thead th').map((th) => [th.getAttribute('scope'), th.textContent])).toEqual([
      ['col', en.provider],
      ['col', enPolicy.service],
      ['col', en.cookies],
      ['col', en.storage],
    ]);
    // No storage key in the category: no storage column.
    expect(texts(section(root, 'necessary'), 'thead th')).toEqual([
      en.provider,
      enPolicy.service,
      en.cookies,
    ]);
    // The consent cookie's row first (no service of the config), then the services'.
    expect(all(root, 'tbody tr').map((tr) => tr.getAttribute('data-service'))).toEqual([
      null,
      'session',
      'matomo',
      'ga',
      'ads',
    ]);
    for (const tr of all(root, 'tbody tr')) {
      expect(tr.firstElementChild!.tagName).toBe('TH');
      expect(tr.firstElementChild!.getAttribute('scope')).toBe('row');
      expect(tr.children).toHaveLength(tr.closest('table')!.querySelectorAll('thead th').length);
    }
    const ga = row(root, 'ga');
    expect(text(ga.cells[0])).toBe(`Google${en.thirdParty}`);
    expect(texts(ga.cells[0]!, 'div')).toEqual([en.thirdParty]);
    expect(text(row(root, 'session').cells[0])).toBe(`Us${en.firstParty}`);
    expect(text(ga.cells[1]!.firstChild)).toBe('Google Analytics');
    const link = ga.cells[1]!.querySelector('a')!;
    expect([link.getAttribute('href'), link.textContent]).toEqual([
      'https://policies.google.com/privacy',
      en.privacyPolicy,
    ]);
    // No policy URL declared: no link.
    expect(row(root, 'ads').querySelector('a')).toBeNull();
  });

  it('lists cookies with pattern or exact name, lifetime and purpose, and storage keys with their API', () => {
    expect(texts(row(root, 'ga').cells[2]!, 'li')).toEqual([
      `${enPolicy.pattern} _ga*${en.lifetime}: 395 days${en.purpose}: Tells visits apart.`,
      `_gid${en.lifetime}: ${en.session}`,
    ]);
    // The name or pattern is the <code>, the pattern announced in words before it.
    const [pattern, exact] = all(row(root, 'ga'), 'li');
    expect(text(pattern!.firstChild)).toBe(`${enPolicy.pattern} `);
    expect(text(pattern!.querySelector('code'))).toBe('_ga*');
    expect(exact!.firstChild!.nodeName).toBe('CODE');
    expect(texts(row(root, 'ads').cells[3]!, 'li')).toEqual([
      `adco_idlocalStorage${en.purpose}: Caps how often an ad is shown.`,
      `${enPolicy.pattern} adco_s_*sessionStorage`,
    ]);
    // No cookie declared: said, not an empty cell that reads as missing.
    expect(text(row(root, 'ads').cells[2])).toBe(enPolicy.none);
    expect(all(root, 'code').every((c) => c.getAttribute('dir') === 'ltr')).toBe(true);
  });

  it("shows a cookie's domain when it is not host-only", () => {
    const base = testConfig();
    const config = withServices(base, [
      {
        id: 'x',
        provider: 'X',
        category: 'marketing',
        texts: { en: { title: 'X' }, fr: { title: 'X' }, ar: { title: 'X' } },
        cookies: [{ name: 'wide', domain: '.example.com' }, { name: 'here' }],
      },
    ]);
    const lis = all(renderCookiePolicy(config, { language: 'en', locale: EN }), 'tr[data-service="x"] li');
    expect(lis.map(text)).toEqual([`wide${enPolicy.domain}: .example.com`, 'here']);
    expect(texts(lis[0]!, 'code')).toEqual(['wide', '.example.com']);
  });

  it('a category without services has its heading and status but no table', () => {
    const config = withServices(testConfig(), []);
    const root = renderCookiePolicy(config, { language: 'en', locale: EN });
    expect(all(root, 'section')).toHaveLength(3);
    // Only the required category's, for the consent cookie.
    expect(all(root, 'table').map((t) => t.closest('section')!.getAttribute('data-category'))).toEqual([
      'necessary',
    ]);
  });
});

describe('the consent cookie', () => {
  const consentRow = (root: Element) => root.querySelector<HTMLTableRowElement>('tr[data-consent-cookie]');

  it("is listed with the required category's cookies: the site's, with both lifetimes and its purpose", () => {
    const config = testConfig({
      lifetimes: { accepted: 390, refused: 180 },
      cookie: { domain: 'example.com' },
    });
    for (const [language, locale, days] of [
      ['en', EN, ['390 days', '180 days']],
      ['fr', FR, ['390\u00a0jours', '180\u00a0jours']],
    ] as const) {
      const tr = consentRow(renderCookiePolicy(config, { language, locale }))!;
      expect(tr.closest('section')!.getAttribute('data-category')).toBe('necessary');
      expect(text(tr.cells[0])).toBe(`${locale.thisSite}${locale.firstParty}`);
      expect(text(tr.cells[1])).toBe(locale.preferences);
      expect(text(tr.cells[2]!.querySelector('code'))).toBe('consentry');
      expect(texts(tr.cells[2]!, 'li > div')).toEqual([
        `${locale.domain}${locale.colon ?? ': '}example.com`,
        `${locale.lifetime}${locale.colon ?? ': '}${locale.consentLifetime.replace('{accepted}', days[0]).replace('{refused}', days[1])}`,
        `${locale.purpose}${locale.colon ?? ': '}${locale.consentPurpose}`,
      ]);
    }
  });

  it('says one lifetime once when an acceptance and a refusal are kept as long (the defaults), in HTML too', () => {
    const config = testConfig({ lifetimes: { accepted: 182, refused: 182 } });
    const tr = consentRow(renderCookiePolicy(config, { language: 'en', locale: EN }))!;
    expect(texts(tr.cells[2]!, 'li > div')[0]).toBe(`${EN.lifetime}: 182 days`);
    expect(cookiePolicyHtml(config, { language: 'en', locale: EN })).toContain(
      `${EN.lifetime}: 182 days</div>`,
    );
  });

  it('is not listed twice when a service of the config declares it', () => {
    const config = withServices(testConfig(), [
      {
        id: 'record',
        provider: 'Us',
        category: 'necessary',
        texts: { en: { title: 'Consent' }, fr: { title: 'Consentement' }, ar: { title: 'موافقة' } },
        cookies: [{ name: 'consentry', lifetime: 182 }],
      },
    ]);
    const root = renderCookiePolicy(config, { language: 'en', locale: EN });
    expect(consentRow(root)).toBeNull();
    expect(row(root, 'record')).not.toBeNull();
  });

  it('gets a section of its own, first, when no category is required', () => {
    const base = testConfig();
    const config = defineConfig({
      revision: 1,
      languages: ['en'],
      categories: base.categories
        .filter((c) => !c.required)
        .map((c) => ({ id: c.id, exempt: c.exempt ?? undefined, texts: { en: c.texts.en! } })),
    });
    const root = renderCookiePolicy(config, { language: 'en', locale: EN });
    const first = root.querySelector('section')!;
    expect(first.hasAttribute('data-category')).toBe(false);
    expect(text(first.querySelector('h2'))).toBe(en.preferences);
    expect(text(first.querySelector('p'))).toBe(`${en.alwaysOn}: ${en.required}`);
    expect(consentRow(first)).not.toBeNull();
  });
});

describe('lifetimes', () => {
  const lifetimes = (language: string, locale: Locale & PolicyLocale, days: number[]) => {
    const config = withServices(testConfig(), [
      {
        id: 'x',
        provider: 'X',
        category: 'marketing',
        texts: { en: { title: 'X' }, fr: { title: 'X' }, ar: { title: 'X' } },
        cookies: days.map((lifetime, i) => ({ name: `c${i}`, lifetime })),
      },
    ]);
    return texts(renderCookiePolicy(config, { language, locale }), 'tr[data-service="x"] li > div');
  };

  // Google Analytics' _gat lives 1 minute, Matomo's _pk_ses 30 minutes: "0.001 days" and "0.021 days" before.
  it('under a day, in hours, minutes or seconds, as Intl writes them in the language', () => {
    const days = [10 / 86400, 1 / 1440, 30 / 1440, 0.5, 1, 1.5, 395];
    expect(lifetimes('en', EN, days)).toEqual(
      ['10 seconds', '1 minute', '30 minutes', '12 hours', '1 day', '1.5 days', '395 days'].map(
        (l) => `${en.lifetime}: ${l}`,
      ),
    );
    // Intl puts a space or a no-break space between the number and the unit, by unit and ICU version.
    const spaces = (l: (string | null)[]) => l.map((s) => s?.replace(/\s/g, ' '));
    expect(spaces(lifetimes('fr', FR, days))).toEqual(
      ['10 secondes', '1 minute', '30 minutes', '12 heures', '1 jour', '1,5 jour', '395 jours'].map(
        (l) => `${fr.lifetime} : ${l}`,
      ),
    );
  });
});

/** The fixture's categories and languages with other services. */
function withServices(base: ConsentConfig, services: NonNullable<ConfigInput['services']>) {
  return defineConfig({
    revision: 1,
    languages: ['en', 'fr', 'ar'],
    categories: base.categories.map((c) => ({
      id: c.id,
      required: c.required,
      exempt: c.exempt ?? undefined,
      texts: c.texts,
    })),
    services,
  });
}

describe('languages', () => {
  it('lifetimes are written by Intl in the language, as in the dialog', () => {
    const lifetime = (language: string, locale: Locale & PolicyLocale) =>
      text(row(renderCookiePolicy(testConfig(), { language, locale }), 'matomo').querySelector('li div'));
    expect(lifetime('en', EN)).toBe(`${en.lifetime}: 395 days`);
    // French puts a no-break space before the colon and before the unit.
    expect(lifetime('fr', FR)).toBe(`${fr.lifetime}\u00a0: 395\u00a0jours`);
    // Arabic or Latin digits, by the ICU data's default numbering system; the word is Arabic either way.
    expect(lifetime('ar', AR)).toMatch(new RegExp(`^${ar.lifetime}: (395|٣٩٥) يومًا$`));
  });

  // French typography puts a no-break space before a colon: "Fournisseur : Google", not "Fournisseur: Google".
  it('French labels take a no-break space before the colon; English ones none', () => {
    const config = withServices(testConfig(), [
      {
        id: 'x',
        provider: 'X',
        category: 'marketing',
        texts: { en: { title: 'X' }, fr: { title: 'X' }, ar: { title: 'X' } },
        cookies: [
          { name: 'wide', domain: '.example.com', purpose: { en: 'Why.', fr: 'Pourquoi.', ar: 'لماذا.' } },
        ],
      },
    ]);
    const root = renderCookiePolicy(config, { language: 'fr', locale: FR });
    expect(text(section(root, 'necessary').querySelector('p'))).toBe(`${fr.alwaysOn}\u00a0: ${fr.required}`);
    expect(text(section(root, 'statistics').querySelector('p'))).toBe(`${fr.exempt}\u00a0: Mesure anonyme.`);
    expect(texts(renderCookiePolicy(testConfig(), { language: 'fr', locale: FR }), 'caption')).toEqual([
      'Cookies\u00a0: Nécessaires',
      'Cookies\u00a0: Statistiques',
      'Cookies\u00a0: Marketing',
    ]);
    expect(texts(row(root, 'x'), 'li > div')).toEqual([
      `${frPolicy.domain}\u00a0: .example.com`,
      `${fr.purpose}\u00a0: Pourquoi.`,
    ]);
    // No colon anywhere without a no-break space before it; the HTML string is the same text.
    expect(root.textContent).not.toMatch(/[^\u00a0]:/);
    expect(parse(cookiePolicyHtml(config, { language: 'fr', locale: FR })).textContent).toBe(
      root.textContent,
    );
    const english = renderCookiePolicy(config, { language: 'en', locale: EN });
    expect(texts(english, 'caption')).toEqual(['Cookies: Necessary', 'Cookies: Marketing']);
    expect(english.textContent).not.toContain('\u00a0:');
  });

  it('Arabic is lang=ar dir=rtl, names and patterns still read left to right', () => {
    const root = renderCookiePolicy(testConfig(), { language: 'ar', locale: AR });
    expect([root.lang, root.dir]).toEqual(['ar', 'rtl']);
    expect(texts(root, 'section > h2')).toEqual(['ضرورية', 'إحصاءات', 'تسويق']);
    expect(texts(root, 'code[dir="ltr"]')).toContain('_pk_id*');
    // The config's own choice of direction wins, as in the banner.
    const ltr = renderCookiePolicy(testConfig({ ui: { ar: { dir: 'ltr' } } }), {
      language: 'ar',
      locale: AR,
    });
    expect(ltr.dir).toBe('ltr');
  });

  it('picks the language like the UI: option (by primary subtag), then <html lang>, else the first', () => {
    const lang = (options: { language?: string } = {}) =>
      renderCookiePolicy(testConfig(), { ...options, locale: EN }).lang;
    expect(lang({ language: 'fr-CA' })).toBe('fr');
    document.documentElement.lang = 'ar';
    expect(lang()).toBe('ar');
    expect(lang({ language: 'fr' })).toBe('fr');
    document.documentElement.lang = 'ja';
    // jsdom's navigator says en-US: matched by primary subtag.
    expect(lang()).toBe('en');
  });

  it('config.ui overrides the texts, as it does for the banner', () => {
    const config = testConfig({ ui: { en: { provider: 'Company', optIn: 'Off until you say yes.' } } });
    const root = renderCookiePolicy(config, { language: 'en', locale: EN });
    expect(text(root.querySelector('thead th'))).toBe('Company');
    expect(text(section(root, 'marketing').querySelector('strong'))).toBe('Off until you say yes.');
  });
});

describe('jurisdiction', () => {
  const optOutConfig = (jurisdiction: 'opt-in' | 'opt-out') =>
    testConfig({
      jurisdiction,
      categories: [
        ...testConfig().categories.map((c) => ({
          id: c.id,
          required: c.required,
          exempt: c.exempt ?? undefined,
          texts: c.texts,
        })),
        {
          id: 'profiling',
          default: false,
          texts: { en: { title: 'Profiling' }, fr: { title: 'Profilage' }, ar: { title: 'تنميط' } },
        },
        {
          id: 'sharing',
          saleOrSharing: true,
          texts: { en: { title: 'Sharing' }, fr: { title: 'Partage' }, ar: { title: 'مشاركة' } },
        },
      ],
    });
  const status = (root: Element, id: string) => text(section(root, id).querySelector('strong'));
  const statusLine = (root: Element, id: string) =>
    text(section(root, id).querySelector(':scope > p:last-of-type'));

  // The store turns a sale-or-sharing category off under a GPC signal; the notice says so (CCPA regulations,
  // § 7025: a business states how it processes opt-out preference signals).
  it('under opt-out, a sale-or-sharing category says a Global Privacy Control signal opts out of it', () => {
    const root = renderCookiePolicy(optOutConfig('opt-out'), { language: 'en', locale: EN });
    expect(statusLine(root, 'sharing')).toBe(`${enPolicy.optOut} ${enPolicy.gpc}`);
    expect(statusLine(root, 'marketing')).toBe(enPolicy.optOut);
    // Under opt-in nothing is on before consent: no signal to honour.
    const optIn = renderCookiePolicy(optOutConfig('opt-in'), { language: 'en', locale: EN });
    expect(statusLine(optIn, 'sharing')).toBe(enPolicy.optIn);
  });

  it('under opt-out, an optional category on by default says so; one with default: false needs consent', () => {
    const root = renderCookiePolicy(optOutConfig('opt-out'), { language: 'en', locale: EN });
    expect(status(root, 'marketing')).toBe(enPolicy.optOut);
    expect(status(root, 'profiling')).toBe(enPolicy.optIn);
    // Required and exempt read the same under both models.
    expect(status(root, 'necessary')).toBe(en.alwaysOn);
    expect(status(root, 'statistics')).toBe(en.exempt);
  });

  it('options.jurisdiction describes the model a visitor is under, whatever the config default', () => {
    expect(
      status(
        renderCookiePolicy(optOutConfig('opt-in'), { language: 'en', locale: EN, jurisdiction: 'opt-out' }),
        'marketing',
      ),
    ).toBe(enPolicy.optOut);
    expect(
      status(
        renderCookiePolicy(optOutConfig('opt-out'), { language: 'en', locale: EN, jurisdiction: 'opt-in' }),
        'marketing',
      ),
    ).toBe(enPolicy.optIn);
  });
});

describe('options', () => {
  it('headingLevel sets the level of the category headings', () => {
    const root = renderCookiePolicy(testConfig(), { language: 'en', locale: EN, headingLevel: 4 });
    expect(texts(root, 'h4')).toEqual(['Necessary', 'Statistics', 'Marketing']);
    expect(all(root, 'h2')).toHaveLength(0);
  });

  // 2.5 is between 1 and 6 but names no heading: the HTML form wrote <h2.5>, the DOM form threw the
  // DOM's own error about the tag name, which names no option.
  it.each([0, 7, 2.5, Number.NaN, '2><img src=x onerror=alert(1)>'])(
    'headingLevel %s fails naming the option',
    (level) => {
      const options = { language: 'en', locale: EN, headingLevel: level as 2 };
      expect(() => renderCookiePolicy(testConfig(), options)).toThrow(/options\.headingLevel/);
      expect(() => cookiePolicyHtml(testConfig(), options)).toThrow(/options\.headingLevel/);
    },
  );

  it('no locale, or a banner locale without its policy texts, fails naming options.locale', () => {
    for (const locale of [undefined, en]) {
      const options = { language: 'en', locale: locale as Locale & PolicyLocale };
      expect(() => renderCookiePolicy(testConfig(), options)).toThrow(/options\.locale/);
      expect(() => cookiePolicyHtml(testConfig(), options)).toThrow(/options\.locale/);
    }
  });

  // Only provider and service were checked: the rest printed "undefined" in the published policy.
  it('a locale lacking any text the tables print fails naming it', () => {
    // A text the tables do not print for a config is not asked for: without a session cookie, `session`.
    const { session: _, ...noSession } = EN;
    expect(() => cookiePolicyHtml(testConfig(), { locale: noSession as never })).toThrow(/lacks "session"/);
    const noSessionCookie = defineConfig({
      revision: 1,
      languages: ['en'],
      categories: [{ id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } }],
      services: [
        {
          id: 'site',
          provider: 'Site',
          category: 'necessary',
          texts: { en: { title: 'Site' } },
          cookies: [{ name: 'sid', lifetime: 30 }],
        },
      ],
    });
    expect(cookiePolicyHtml(noSessionCookie, { locale: noSession as never })).toContain('<table');
    for (const [locale, lacking] of [
      [{ provider: 'P', service: 'S' }, 'alwaysOn'],
      [{ ...EN, service: '' }, 'service'],
    ] as const)
      for (const fn of [renderCookiePolicy, cookiePolicyHtml])
        expect(() => fn(testConfig(), { locale: locale as never })).toThrow(
          new RegExp(`^cookie policy: options\\.locale lacks "${lacking}": `),
        );
  });

  // `cookiePolicyHtml(config, 'en')` said "unknown options.0"; a language of 5 failed inside.
  it('options that are not an object, or a language that is not a string, fail naming them', () => {
    for (const [fn, name] of [
      [renderCookiePolicy, 'renderCookiePolicy'],
      [cookiePolicyHtml, 'cookiePolicyHtml'],
    ] as const) {
      expect(() => fn(testConfig(), 'en' as never)).toThrow(
        new TypeError(`${name}: options must be an object, as { language }`),
      );
      for (const language of [5, ['fr']])
        expect(() => fn(testConfig(), { locale: EN, language } as never)).toThrow(
          new TypeError(`${name}: invalid options.language: expected a string`),
        );
    }
    // pickLanguage takes one language as well as a list (a string's letters were each tried).
    expect(pickLanguage(testConfig(), 'fr')).toBe('fr');
  });

  // "Cannot read properties of undefined" named neither the argument nor the fix.
  it("no options, a store or a raw input in the config's place fail naming what to pass", async () => {
    const config = testConfig();
    const store = createConsent(config, { storage: memoryStorage() });
    for (const [fn, name] of [
      [renderCookiePolicy, 'renderCookiePolicy'],
      [cookiePolicyHtml, 'cookiePolicyHtml'],
    ] as const) {
      expect(() => fn(config, undefined as never)).toThrow(/options\.locale/);
      expect(() => fn(config, null as never)).toThrow(/options\.locale/);
      for (const wrong of [store, { languages: ['en'] }, undefined])
        expect(() => fn(wrong as never, { locale: EN })).toThrow(
          new TypeError(`${name}: expected a config from defineConfig()`),
        );
    }
    await expect(loadCookiePolicy(store as never)).rejects.toThrow(/^loadCookiePolicy: expected a config/);
  });

  // An opt-out site's policy said "Used only with your consent" with `jurisdiction: 'optout'`.
  it('a misspelt jurisdiction or option name fails naming it', () => {
    const config = testConfig();
    for (const fn of [renderCookiePolicy, cookiePolicyHtml]) {
      expect(() => fn(config, { locale: EN, jurisdiction: 'optout' as never })).toThrow(
        /: invalid options\.jurisdiction: expected 'opt-in' \| 'opt-out'$/,
      );
      expect(() => fn(config, { locale: EN, headinglevel: 3 } as never)).toThrow(
        /: unknown options\.headinglevel$/,
      );
    }
  });

  it('builds in the document it is given', () => {
    const doc = document.implementation.createHTMLDocument('other');
    const root = renderCookiePolicy(testConfig(), { language: 'fr', locale: FR, document: doc });
    expect(root.ownerDocument).toBe(doc);
    expect(root.lang).toBe('fr');
  });
});

describe('loading the texts', () => {
  it('loadCookiePolicy loads the bundled texts of the language it picks', async () => {
    const root = await loadCookiePolicy(testConfig(), { language: 'fr' });
    expect(text(root.querySelector('thead th'))).toBe(fr.provider);
    expect(text(section(root, 'marketing').querySelector('strong'))).toBe(frPolicy.optIn);
    document.documentElement.lang = 'ar';
    const arabic = await loadCookiePolicy(testConfig());
    expect([arabic.lang, arabic.dir, text(arabic.querySelector('thead th'))]).toEqual([
      'ar',
      'rtl',
      ar.provider,
    ]);
    // A language the config does not declare: the next wanted one (jsdom's navigator says en-US), and
    // that language's texts, not the undeclared one's.
    document.documentElement.lang = '';
    const fallback = await loadCookiePolicy(testConfig(), { language: 'de' });
    expect([fallback.lang, text(fallback.querySelector('thead th'))]).toEqual(['en', en.provider]);
  });

  it('loadCookiePolicy uses the locale it is given', async () => {
    const root = await loadCookiePolicy(testConfig(), { language: 'en', locale: { ...EN, provider: 'Who' } });
    expect(text(root.querySelector('thead th'))).toBe('Who');
  });

  it.each(LANGS)('%s: policy texts complete, none empty, the sentences not left in English', async (lang) => {
    const locale = await loadPolicyLocale(lang);
    const mod = (await import(`../locales/${lang}.ts`)) as { default: Locale; policyLocale: PolicyLocale };
    expect(locale).toEqual({ ...mod.default, ...mod.policyLocale });
    expect(Object.keys(mod.policyLocale).sort()).toEqual(Object.keys(enPolicy).sort());
    for (const v of Object.values(mod.policyLocale)) expect(v.trim()).not.toBe('');
    if (lang !== 'en') {
      for (const k of ['optIn', 'optOut', 'pattern'] as const) {
        expect(mod.policyLocale[k], `${lang}.${k}`).not.toBe(enPolicy[k]);
      }
    }
  });

  it('loadPolicyLocale matches by primary subtag and falls back to English', async () => {
    expect((await loadPolicyLocale('FR-ca')).service).toBe(frPolicy.service);
    expect((await loadPolicyLocale('pt-BR')).optIn).toBe((await import('../locales/pt')).policyLocale.optIn);
    expect(await loadPolicyLocale('ja')).toEqual(EN);
    for (const tag of ['constructor', '__proto__', 'toString-x'])
      expect(await loadPolicyLocale(tag)).toEqual(EN);
  });
});

describe('the HTML string is the same markup', () => {
  it.each([
    ['en', EN],
    ['fr', FR],
    ['ar', AR],
  ] as const)('%s: parsing cookiePolicyHtml gives the tree renderCookiePolicy builds', (language, locale) => {
    const config = testConfig();
    const dom = renderCookiePolicy(config, { language, locale, headingLevel: 3 });
    const html = cookiePolicyHtml(config, { language, locale, headingLevel: 3 });
    expect(parse(html).firstElementChild!.outerHTML).toBe(dom.outerHTML);
    expect(parse(html).childNodes).toHaveLength(1);
  });

  it('picks its language from options.language only (no DOM to read)', () => {
    document.documentElement.lang = 'fr';
    expect(cookiePolicyHtml(testConfig(), { locale: EN })).toMatch(
      /^<div class="cy-policy" lang="en" dir="ltr">/,
    );
    expect(cookiePolicyHtml(testConfig(), { language: 'ar-EG', locale: AR })).toMatch(
      /^<div class="cy-policy" lang="ar" dir="rtl">/,
    );
  });
});

describe('text is never HTML', () => {
  const payloads = [
    '<img src=x onerror=alert(1)>',
    '" onload=alert(document.domain) "',
    '<script>alert(1)</script>',
    "'><svg onload=alert(1)>",
    '&lt;b&gt;entity&lt;/b&gt;',
  ];
  // Every text of the config the tables show, and every text of the locale through config.ui.
  const hostile = (p: string) =>
    defineConfig({
      revision: 1,
      languages: ['en'],
      categories: [
        { id: 'necessary', required: true, texts: { en: { title: p, description: p } } },
        { id: 'stats', exempt: { reason: { en: p } }, texts: { en: { title: p, description: p } } },
        { id: 'ads', texts: { en: { title: p, description: p } } },
      ],
      services: (['necessary', 'stats', 'ads'] as const).map((category) => ({
        id: `svc-${category}`,
        provider: p,
        category,
        policyUrl: 'https://example.com/privacy?q="><script>alert(1)</script>',
        texts: { en: { title: p, description: p } },
        cookies: [
          { name: 'a', domain: '.example.com', lifetime: 30, purpose: { en: p } },
          { pattern: p.replace(/[()[\]]/g, '') },
        ],
        storage: [{ key: p, purpose: { en: p } }],
      })),
      ui: { en: Object.fromEntries(Object.keys(EN).map((k) => [k, p])) },
    });
  const count = (s: string, p: string) => s.split(p).length - 1;
  const TAGS = [
    'div',
    'section',
    'h2',
    'p',
    'strong',
    'table',
    'caption',
    'thead',
    'tr',
    'th',
    'tbody',
    'td',
    'a',
    'ul',
    'li',
    'code',
  ];

  it.each(payloads)('DOM: %s is text in every field', (p) => {
    const root = renderCookiePolicy(hostile(p), { language: 'en', locale: EN });
    document.body.append(root);
    expect(root.querySelectorAll('img,script,svg,b,[onload],[onerror]')).toHaveLength(0);
    expect(all(root, '*').every((el) => el.getAttributeNames().every((a) => !a.startsWith('on')))).toBe(true);
    // Titles, descriptions, reason, providers, purposes, storage keys and the locale's texts.
    expect(count(root.textContent!, p)).toBeGreaterThan(30);
    expect(all(root, 'a').map((a) => a.getAttribute('href'))).toEqual(
      Array(3).fill('https://example.com/privacy?q="><script>alert(1)</script>'),
    );
  });

  it.each(payloads)('HTML: %s is escaped in every field and parses back to the same text', (p) => {
    const config = hostile(p);
    const html = cookiePolicyHtml(config, { language: 'en', locale: EN });
    // Every tag in the string is one of ours, with our attributes only: nothing was made from text.
    const tags = [...html.matchAll(/<\/?([^\s>/]+)([^>]*)>/g)];
    expect(new Set(tags.map((m) => m[1]))).toEqual(new Set(TAGS));
    const attrs = tags.flatMap((m) => [...m[2]!.matchAll(/\s([^\s=]+)="[^"]*"/g)].map((a) => a[1]));
    expect(new Set(attrs)).toEqual(
      new Set([
        'class',
        'lang',
        'dir',
        'data-category',
        'scope',
        'data-consent-cookie',
        'data-service',
        'href',
      ]),
    );
    // Nothing is left outside the quoted values: an attribute is only ever name="value".
    for (const m of tags) expect(m[2]!.replace(/\s[^\s=]+="[^"]*"/g, '')).toBe('');
    const parsed = parse(html);
    expect(parsed.querySelectorAll('img,script,svg,b,[onload],[onerror]')).toHaveLength(0);
    expect(parsed.textContent).toBe(renderCookiePolicy(config, { language: 'en', locale: EN }).textContent);
    expect(count(parsed.textContent!, p)).toBeGreaterThan(30);
  });

  it('links only validated URLs, in both forms', () => {
    const valid = testConfig();
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '//evil.example/x',
      ' https://x.example',
      'vbscript:x',
    ]) {
      // Bypass defineConfig's own check to prove the renderer checks again before building a link.
      // (A spread copy loses defineConfig's brand, which is not enumerable: it is put back.)
      const config = Object.defineProperty(
        { ...valid, services: valid.services.map((s) => ({ ...s, policyUrl: url })) },
        'validated',
        { value: true },
      ) as typeof valid;
      expect(all(renderCookiePolicy(config, { language: 'en', locale: EN }), 'a')).toEqual([]);
      expect(cookiePolicyHtml(config, { language: 'en', locale: EN })).not.toContain('<a');
    }
  });

  it('an own __proto__ key in a JSON locale pollutes nothing', () => {
    const locale = JSON.parse(`{"__proto__":{"polluted":"yes"},${JSON.stringify(EN).slice(1)}`);
    const root = renderCookiePolicy(testConfig(), { language: 'en', locale });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(text(root.querySelector('thead th'))).toBe(en.provider);
  });
});
