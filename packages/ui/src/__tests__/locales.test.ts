import { describe, expect, it } from 'vitest';
import { loadLocale, loadPolicyLocale } from '../index';
import en, { placeholderLocale as enPlaceholder } from '../locales/en';
import { LOCALE_KEYS, localeModule } from '../mount';

const LANGS = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ar'];
// The optional keys, with defaults: text direction and the label separator.
const OPTIONAL = ['dir', 'colon'];
const KEYS = Object.keys(en)
  .filter((k) => !OPTIONAL.includes(k))
  .sort();

describe('bundled locales', () => {
  it.each(LANGS)('%s has every text, none empty, none left in English', async (lang) => {
    const locale = await loadLocale(lang);
    const keys = Object.keys(locale).filter((k) => !OPTIONAL.includes(k));
    expect(keys.sort()).toEqual(KEYS);
    for (const k of KEYS) expect((locale as unknown as Record<string, string>)[k]!.trim()).not.toBe('');
    if (lang !== 'en') {
      // "Cookies" is the same word in several languages; the sentences and actions must not be.
      for (const k of [
        'title',
        'description',
        'descriptionOptOut',
        'revised',
        'acceptAll',
        'rejectAll',
        'customise',
        'save',
        'required',
      ] as const) {
        expect(locale[k], `${lang}.${k}`).not.toBe(en[k]);
      }
    }
    expect(locale.dir ?? 'ltr').toBe(lang === 'ar' ? 'rtl' : 'ltr');
    // The opt-out text is not the opt-in one: it says the optional cookies are in use, not asked for.
    expect(locale.descriptionOptOut).not.toBe(locale.description);
  });

  it('the keys the UI needs before it renders a locale alone are the ones every language has but `revised`', () => {
    // Shown only to a visitor who decided under an older revision: a locale without it shows no notice.
    expect([...LOCALE_KEYS].sort()).toEqual(KEYS.filter((k) => k !== 'revised'));
  });

  // French typography puts a no-break space before a colon ("Fournisseur : Google"); the other bundled
  // languages, Arabic included, write the colon right after the word.
  it.each(LANGS)('%s separates a label from its value by its own convention', async (lang) => {
    const locale = await loadLocale(lang);
    expect(locale.colon ?? ': ').toBe(lang === 'fr' ? '\u00a0: ' : ': ');
  });

  it('matches by primary subtag and falls back to English', async () => {
    expect((await loadLocale('pt-BR')).acceptAll).toBe('Aceitar todos');
    expect((await loadLocale('FR-ca')).acceptAll).toBe('Tout accepter');
    expect((await loadLocale('ja')).acceptAll).toBe(en.acceptAll);
  });

  // A language from a URL or a header is arbitrary text: a key of Object.prototype must not be taken
  // for a chunk (it threw "… is not a function" synchronously, not even a rejected promise).
  it.each(['constructor', '__proto__', 'Constructor-x'])(
    '"%s" loads English for the banner and the policy tables',
    async (lang) => {
      expect((await loadLocale(lang)).acceptAll).toBe(en.acceptAll);
      expect((await loadPolicyLocale(lang)).acceptAll).toBe(en.acceptAll);
    },
  );

  // The placeholders' texts (mountPlaceholders) are their own export of each language: a page with the
  // banner alone, bundling a language, leaves them out.
  it.each(LANGS)('%s has the placeholders’ texts, each naming what the embed needs once', async (lang) => {
    const { placeholderLocale: p } = await localeModule(lang);
    expect(Object.keys(p).sort()).toEqual(['allow', 'blocked']);
    for (const k of ['allow', 'blocked'] as const) {
      expect(p[k].split('{name}'), `${lang}.${k}`).toHaveLength(2);
      if (lang !== 'en') expect(p[k], `${lang}.${k}`).not.toBe(enPlaceholder[k]);
    }
  });
});
