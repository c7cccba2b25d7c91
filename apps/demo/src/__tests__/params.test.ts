import { cookieTable, createConsent, defineConfig, memoryStorage } from '@consentry/core';
import { describe, expect, test } from 'vitest';
import { config, configAtRevision } from '../consent.config';
import { carriedQuery, pageConfigInput, readParams } from '../demo/params';

describe('readParams: the demo settings in the URL', () => {
  test('reads revision, jurisdiction and language', () => {
    expect(readParams('?revision=2&jurisdiction=us&lang=fr')).toEqual({
      revision: '2',
      jurisdiction: 'opt-out',
      lang: 'fr',
    });
    expect(readParams('?jurisdiction=eu')).toEqual({ revision: null, jurisdiction: 'opt-in', lang: 'en' });
    expect(readParams('')).toEqual({ revision: null, jurisdiction: null, lang: 'en' });
  });

  test.each([
    ['?revision=abc', 'revision'],
    ['?revision=-1', 'revision'],
    ['?revision=1.5', 'revision'],
    ['?revision=12345678', 'revision'],
    ['?revision=%00', 'revision'],
    ['?jurisdiction=opt-out', 'jurisdiction'],
    ['?jurisdiction=US', 'jurisdiction'],
    ['?jurisdiction=', 'jurisdiction'],
  ])('%s falls back to the site setting', (search, key) => {
    expect(readParams(search)[key as 'revision' | 'jurisdiction']).toBeNull();
  });

  test('without ?lang, the language the server remembered in django_language; ?lang wins', () => {
    expect(readParams('', 'csrftoken=x; django_language=fr').lang).toBe('fr');
    expect(readParams('?lang=en', 'django_language=fr').lang).toBe('en');
    expect(readParams('?lang=de', 'django_language=fr').lang).toBe('fr');
    expect(readParams('', 'django_language=de').lang).toBe('en');
    expect(readParams('', 'my_django_language=fr').lang).toBe('en');
  });

  test('an unknown language falls back to English', () => {
    expect(readParams('?lang=de').lang).toBe('en');
    expect(readParams('?lang=FR').lang).toBe('en');
  });

  test('links carry revision and jurisdiction, not the language', () => {
    expect(carriedQuery(readParams('?revision=2&jurisdiction=us&lang=fr'))).toBe(
      '?revision=2&jurisdiction=us',
    );
    expect(carriedQuery(readParams('?lang=fr'))).toBe('');
  });

  test('a page’s config: its revision, and policy links that carry the query like the other links', () => {
    const input = pageConfigInput(readParams('?revision=2&jurisdiction=us&lang=fr'));
    expect(input.revision).toBe('2');
    expect(input.policyUrl).toEqual({
      en: '/policy.html?lang=en&revision=2&jurisdiction=us',
      fr: '/policy.html?lang=fr&revision=2&jurisdiction=us',
    });
    expect(defineConfig(input).policyUrl).toEqual(input.policyUrl);
    // With no query, the config's own.
    const plain = pageConfigInput(readParams(''));
    expect(defineConfig(plain).revision).toBe(config.revision);
    expect(plain.policyUrl).toEqual(config.policyUrl);
  });
});

describe('the demo config', () => {
  test('lists the seed policy’s necessary cookies (its consent cookie replaced by ours) and our own consent cookie', () => {
    const table = cookieTable(config, 'en');
    const necessary = table.sections.find((s) => s.id === 'necessary')!;
    expect(necessary.rows.flatMap((r) => r.cookies.map((c) => c.name))).toEqual([
      'sessionid',
      'django_language',
      'csrftoken',
    ]);
    // Ours, from config.cookie and config.lifetimes: the policy lists it with the necessary cookies.
    expect(table.consentCookie).toEqual({
      name: config.cookie.name,
      domain: config.cookie.domain,
      path: '/',
      lifetimes: config.lifetimes,
    });
  });

  test('statistics are exempt with a reason in both languages; marketing is sale or sharing', () => {
    const statistics = config.categories.find((c) => c.id === 'statistics')!;
    expect(statistics.exempt?.reason.en).toMatch(/anonymised/);
    expect(statistics.exempt?.reason.fr).toMatch(/anonymisées/);
    expect(config.categories.find((c) => c.id === 'marketing')!.saleOrSharing).toBe(true);
  });

  test('configAtRevision changes only the revision, and a decision under revision 1 no longer counts under 2', () => {
    expect(configAtRevision(1)).toBe(config);
    const next = configAtRevision(2);
    expect(next.revision).toBe('2');
    expect(next.services).toEqual(config.services);
    const storage = memoryStorage();
    createConsent(config, { storage }).acceptAll();
    expect(createConsent(config, { storage }).has('analytics')).toBe(true);
    const bumped = createConsent(next, { storage }).getSnapshot();
    expect(bumped.status).toBe('undecided');
    expect(bumped.granted.analytics).toBe(false);
  });

  test('a revision that is not a valid token is refused by defineConfig, naming the field', () => {
    expect(() => configAtRevision('not a revision!')).toThrow(/revision/);
  });
});
