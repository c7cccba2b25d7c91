import { describe, expect, it } from 'vitest';
import { cookieTable, defineConfig } from '../index';
import { config, input } from './fixtures';

describe('cookieTable: the consent cookie', () => {
  // "Cannot read properties of undefined (reading 'includes')" named neither the argument nor the fix.
  it("a store or a raw input in the config's place fails naming defineConfig", () => {
    for (const wrong of [undefined, input, { languages: ['en'] }])
      expect(() => cookieTable(wrong as never, 'en')).toThrow(
        new TypeError('cookieTable: expected a config from defineConfig()'),
      );
  });

  it("gives the consent cookie's name, domain, path and both lifetimes, for the policy to list", () => {
    const wide = defineConfig({
      ...input,
      cookie: { name: 'choices', domain: 'example.com', path: '/' },
      lifetimes: { accepted: 390, refused: 180 },
    });
    expect(cookieTable(wide, 'en').consentCookie).toEqual({
      name: 'choices',
      domain: 'example.com',
      path: '/',
      lifetimes: { accepted: 390, refused: 180 },
    });
    expect(cookieTable(config, 'en').consentCookie).toMatchObject({ name: 'consentry', domain: null });
  });

  it('is null when a service of the config declares a cookie of that name (listed by the site itself)', () => {
    const declared = defineConfig({
      ...input,
      services: [
        ...input.services!,
        {
          id: 'record',
          provider: 'Us',
          category: 'necessary',
          texts: { en: { title: 'Consent' }, fr: { title: 'Consentement' } },
          cookies: [{ name: 'consentry' }],
        },
      ],
    });
    expect(cookieTable(declared, 'en').consentCookie).toBeNull();
  });
});

describe('cookieTable: patterns', () => {
  it('gives a pattern as its source, or as a literal when it has flags (a case-insensitive one matches more)', () => {
    const flagged = defineConfig({
      ...input,
      services: [
        {
          id: 'hotjar',
          provider: 'Hotjar',
          category: 'analytics',
          texts: { en: { title: 'Hotjar' }, fr: { title: 'Hotjar' } },
          cookies: [{ pattern: /^_hj/i }, { pattern: '^_hjSession' }],
          storage: [{ pattern: /^hj/i, type: 'local' }],
        },
      ],
    });
    const [row] = cookieTable(flagged, 'en').sections.find((s) => s.id === 'analytics')!.rows;
    expect(row!.cookies.map((c) => [c.name, c.pattern])).toEqual([
      ['/^_hj/i', true],
      ['^_hjSession', true],
    ]);
    expect(row!.storage.map((k) => k.key)).toEqual(['/^hj/i']);
  });
});
