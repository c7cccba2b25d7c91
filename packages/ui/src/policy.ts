import { type ConsentConfig, cookieTable, isSafeUrl, type Jurisdiction } from '@consentry/core';
import type { DomDocument, DomHTMLElement } from './dom';
import type { Locale, PolicyLocale } from './locale';
import { lifetimeText, localeModule, patternText, pickLanguage, textDir } from './mount';

export interface CookiePolicyOptions {
  /**
   * Wanted language, matched against `config.languages` like the UI's; then, in the DOM form, the
   * document's `<html lang>` and the browser's languages; else the config's first language.
   */
  language?: string;
  /**
   * The texts: a bundled language with its policy texts (`{ ...fr, ...policyLocale }` from
   * `@consentry/ui/locales/fr`) or your own. `config.ui[lang]` overrides them, as it does the banner's.
   */
  locale: Locale & PolicyLocale;
  /** Level of each category's heading (default 2). */
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
  /** The consent model the optional categories' status describes (default `config.jurisdiction`). */
  jurisdiction?: Jurisdiction;
}

export interface RenderCookiePolicyOptions extends CookiePolicyOptions {
  /** The document to create the elements in (default the global one), e.g. jsdom's on a server. */
  document?: DomDocument;
}

/** Options of `loadCookiePolicy`: `locale` is loaded when not given. */
export type LoadCookiePolicyOptions = Omit<RenderCookiePolicyOptions, 'locale'> & {
  locale?: Locale & PolicyLocale;
};

// One description of the markup, rendered to DOM nodes or to an HTML string, so the two forms cannot
// drift apart: a text, or [tag, attributes, children]. Tags and attribute names are ours, never the config's.
type Tree = string | [tag: string, attrs: Record<string, string> | null, kids: Tree[]];
type Kid = Tree | null | false | undefined;

const h = (tag: string, attrs: Record<string, string> | null, ...kids: Kid[]): Tree => [
  tag,
  attrs,
  kids.filter(Boolean) as Tree[],
];

function policyTree(config: ConsentConfig, lang: string, o: CookiePolicyOptions): Tree {
  // Spread, not Object.assign: an own `__proto__` key in parsed JSON must stay a plain key. Every text
  // read must be there (TypeScript catches a partial locale; plain code, or a banner locale without its
  // policyLocale, does not): a missing one printed "undefined" in the published policy.
  const texts = { ...o.locale, ...config.ui[lang] } as Locale & PolicyLocale;
  const t = new Proxy(texts, {
    get(_, k: keyof Locale) {
      if (texts[k]) return texts[k];
      throw new TypeError(
        `cookie policy: options.locale lacks "${k}": pass { ...en, ...policyLocale } from a locale module, or await loadPolicyLocale(language)`,
      );
    },
  });
  const level = o.headingLevel ?? 2;
  // A whole number, 1 to 6: also keeps anything else out of the tag name (2.5 made <h2.5>).
  if (!/^[1-6]$/.test(`${level}`)) throw new RangeError('cookie policy: options.headingLevel is not 1 to 6');
  const optOut = (o.jurisdiction ?? config.jurisdiction) === 'opt-out';
  // Between a label and its value, as in the dialog: French puts a no-break space before the colon.
  const colon = texts.colon ?? ': ';
  // Names, patterns, domains and API names read left to right in a right-to-left page too.
  const code = (s: string) => h('code', { dir: 'ltr' }, s);
  const line = (...kids: Kid[]) => h('div', null, ...kids);
  const purpose = (p: string | null) => p && line(t.purpose + colon + p);
  // Saying a pattern is one keeps `_ga*` (or a regular expression's source) from reading as a cookie's name.
  const item = (name: string, pattern: boolean, ...kids: Kid[]) =>
    h('li', null, pattern && `${t.pattern} `, code(pattern ? patternText(name) : name), ...kids);
  const list = (items: Tree[]) => items[0] && h('ul', null, ...items);

  // The session text read only for a session cookie: a locale without it is short of nothing else.
  const life = (days: number | 'session') => (days === 'session' ? t.session : lifetimeText(days, lang, ''));
  // One lifetime for an acceptance and a refusal alike (the defaults) is said once.
  const consentLifetime = (l: { accepted: number; refused: number }) => {
    const [a, r] = [life(l.accepted), life(l.refused)];
    return a === r ? a : t.consentLifetime.replace('{accepted}', () => a).replace('{refused}', () => r);
  };
  const { sections: found, consentCookie: consent } = cookieTable(config, lang);
  // The consent cookie is listed with the first required category's cookies: it is set on every visitor
  // who decides, and needs no consent. A config with no required category gets a section like one for it.
  const home = found.findIndex((s) => s.required);
  const sections = found.map((s) => ({ ...s, consent: !!consent && s === found[home] }));
  if (consent && home < 0) {
    sections.unshift({
      id: '',
      title: t.preferences,
      description: null,
      required: true,
      exemptReason: null,
      rows: [],
      consent: true,
    });
  }
  const html = sections.map((s) => {
    const category = config.categories.find((c) => c.id === s.id);
    // Under the opt-out model a category is on before a decision unless the config says default: false.
    const used = !s.required && !s.exemptReason && optOut && category?.default;
    // A storage column only where a service of the category declares storage keys.
    const storage = s.rows.some((r) => r.storage[0]);
    return h(
      'section',
      s.id ? { 'data-category': s.id } : null,
      h(`h${level}`, null, s.title),
      s.description && h('p', null, s.description),
      h(
        'p',
        null,
        h('strong', null, s.required ? t.alwaysOn : s.exemptReason ? t.exempt : used ? t.optOut : t.optIn),
        s.required ? colon + t.required : s.exemptReason && colon + s.exemptReason,
        // What a Global Privacy Control signal does to it (the store turns such a category off).
        used && category.saleOrSharing && ` ${t.gpc}`,
      ),
      (s.rows[0] || s.consent) &&
        h(
          'table',
          null,
          h('caption', null, t.cookies + colon + s.title),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ...[t.provider, t.service, t.cookies, storage && t.storage].map(
                (c) => c && h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            s.consent &&
              consent &&
              h(
                'tr',
                { 'data-consent-cookie': '' },
                h('th', { scope: 'row' }, t.thisSite, line(t.firstParty)),
                h('td', null, t.preferences),
                h(
                  'td',
                  null,
                  list([
                    item(
                      consent.name,
                      false,
                      consent.domain && line(t.domain + colon, code(consent.domain)),
                      line(t.lifetime + colon + consentLifetime(consent.lifetimes)),
                      purpose(t.consentPurpose),
                    ),
                  ]),
                ),
                storage && h('td', null),
              ),
            ...s.rows.map((r) =>
              h(
                'tr',
                { 'data-service': r.service },
                h(
                  'th',
                  { scope: 'row' },
                  r.provider,
                  line(r.party === 'first' ? t.firstParty : t.thirdParty),
                ),
                h(
                  'td',
                  null,
                  r.title,
                  r.description && line(r.description),
                  isSafeUrl(r.policyUrl) && line(h('a', { href: r.policyUrl }, t.privacyPolicy)),
                ),
                h(
                  'td',
                  null,
                  // "None declared", not an empty cell that reads as missing.
                  list(
                    r.cookies.map((k) =>
                      item(
                        k.name,
                        k.pattern,
                        k.domain && line(t.domain + colon, code(k.domain)),
                        k.lifetime != null && line(t.lifetime + colon + life(k.lifetime)),
                        purpose(k.purpose),
                      ),
                    ),
                  ) || t.none,
                ),
                storage &&
                  h(
                    'td',
                    null,
                    // The Web Storage API's own names, untranslated like cookie names.
                    list(
                      r.storage.map((k) =>
                        item(k.key, k.pattern, line(code(`${k.type}Storage`)), purpose(k.purpose)),
                      ),
                    ),
                  ),
              ),
            ),
          ),
        ),
    );
  });
  return h('div', { class: 'cy-policy', lang, dir: textDir(texts, lang) }, ...html);
}

const toDom = (doc: Document, n: Tree): Node => {
  if (typeof n === 'string') return doc.createTextNode(n);
  const el = doc.createElement(n[0]);
  for (const [k, v] of Object.entries(n[1] ?? {})) el.setAttribute(k, v);
  el.append(...n[2].map((kid) => toDom(doc, kid)));
  return el;
};

// Quotes too: the same function escapes text and double-quoted attribute values.
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const toHtml = (n: Tree): string => {
  if (typeof n === 'string') return esc(n);
  let attrs = '';
  for (const [k, v] of Object.entries(n[1] ?? {})) attrs += ` ${k}="${esc(v)}"`;
  return `<${n[0]}${attrs}>${n[2].map(toHtml).join('')}</${n[0]}>`;
};

/**
 * The arguments as a site's code passes them, checked like the mount functions': a store or the raw input
 * in the config's place, no options, failed with "Cannot read properties of undefined"; a misspelt
 * `jurisdiction: 'optout'` published the opt-in wording for an opt-out site, and a misspelt key was
 * ignored. Null options are none (the texts are then missing, and said so).
 */
function policyArgs<T extends object>(fn: string, config: ConsentConfig, o: T | null | undefined): T {
  if (config?.validated !== true) throw new TypeError(`${fn}: expected a config from defineConfig()`);
  o ??= {} as T;
  // `cookiePolicyHtml(config, 'en')`: a string's characters read as options "0", "1"….
  if (typeof o !== 'object') throw new TypeError(`${fn}: options must be an object, as { language }`);
  for (const k of Object.keys(o))
    if (!['language', 'locale', 'headingLevel', 'jurisdiction', 'document'].includes(k))
      throw new TypeError(`${fn}: unknown options.${k}`);
  const { jurisdiction: j, language: l } = o as CookiePolicyOptions;
  if (j != null && j !== 'opt-in' && j !== 'opt-out')
    throw new TypeError(`${fn}: invalid options.jurisdiction: expected 'opt-in' | 'opt-out'`);
  if (l != null && typeof l !== 'string')
    throw new TypeError(`${fn}: invalid options.language: expected a string`);
  return o;
}

const domAndLanguage = (config: ConsentConfig, o: { language?: string; document?: Document }) => {
  const doc = o.document ?? (typeof document === 'undefined' ? null : document);
  if (!doc) {
    throw new TypeError('cookie policy: options.document is missing');
  }
  const lang = pickLanguage(config, [
    o.language,
    doc.documentElement?.lang,
    ...(doc.defaultView?.navigator.languages ?? []),
  ]);
  return [doc, lang] as const;
};

/**
 * The cookie-policy tables of a config as a DOM element: one section per category (heading, description,
 * whether it is always on, exempt and why, or used only with consent) with a table of its services,
 * their cookies and storage keys. Every config text goes in as a text node or attribute value.
 * Synchronous: pass `locale`; `loadCookiePolicy` loads the bundled one.
 */
export function renderCookiePolicy(
  config: ConsentConfig,
  options: RenderCookiePolicyOptions,
): DomHTMLElement {
  options = policyArgs('renderCookiePolicy', config, options);
  const [doc, lang] = domAndLanguage(config, options);
  return toDom(doc, policyTree(config, lang, options)) as HTMLElement;
}

/**
 * The same markup as `renderCookiePolicy`, as an HTML string with every text escaped: for static
 * generation and servers. Needs no DOM; the language is `options.language` matched against the config's.
 */
export function cookiePolicyHtml(config: ConsentConfig, options: CookiePolicyOptions): string {
  options = policyArgs('cookiePolicyHtml', config, options);
  return toHtml(policyTree(config, pickLanguage(config, [options.language]), options));
}

/** The bundled texts of the policy tables for a language (by primary subtag), English when none is bundled. */
export function loadPolicyLocale(language: string): Promise<Locale & PolicyLocale> {
  return localeModule(language).then((m) => ({ ...m.default, ...m.policyLocale }));
}

/**
 * `renderCookiePolicy` with the bundled texts of the language it picks, loaded on demand (a page
 * downloads only the language it shows). Resolves to the element.
 */
export async function loadCookiePolicy(
  config: ConsentConfig,
  options?: LoadCookiePolicyOptions | null,
): Promise<DomHTMLElement> {
  options = policyArgs('loadCookiePolicy', config, options);
  const [, language] = domAndLanguage(config, options);
  const locale = options.locale ?? (await loadPolicyLocale(language));
  return renderCookiePolicy(config, { ...options, language, locale });
}
