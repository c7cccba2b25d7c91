import type { ConsentConfig } from './types';

export interface CookieTableRow {
  service: string;
  provider: string;
  /** The service's function and location, in the requested language. */
  title: string;
  description: string | null;
  party: 'first' | 'third';
  policyUrl: string | null;
  cookies: readonly {
    /**
     * The exact name, or when `pattern` is true the pattern's source (`^_ga_`), written as a literal
     * (`/^_hj/i`) when it has flags: a case-insensitive pattern also matches names its source does not show.
     */
    name: string;
    pattern: boolean;
    domain: string | null;
    path: string;
    /** Days, `'session'`, or null when not declared. */
    lifetime: number | 'session' | null;
    purpose: string | null;
  }[];
  storage: readonly { key: string; pattern: boolean; type: 'local' | 'session'; purpose: string | null }[];
}

export interface CookieTableSection {
  id: string;
  title: string;
  description: string | null;
  required: boolean;
  /** Why the category needs no consent, when it is exempt. */
  exemptReason: string | null;
  rows: readonly CookieTableRow[];
}

/** The cookie that keeps the visitor's decision, from `config.cookie` and `config.lifetimes`. */
export interface ConsentCookieRow {
  name: string;
  domain: string | null;
  path: string;
  /** Days it is kept after a decision granting an optional category, and after one granting none. */
  lifetimes: { accepted: number; refused: number };
}

export interface CookieTable {
  language: string;
  sections: readonly CookieTableSection[];
  /**
   * The consent cookie, which a policy must list like any other (it is set on every visitor who
   * decides), among the required categories' cookies; null when a service of the config already
   * declares a cookie of that name.
   */
  consentCookie: ConsentCookieRow | null;
}

const patternSource = (re: RegExp) => (re.flags ? `${re}` : re.source);

/**
 * The data of a cookie-policy table (provider, function, cookie names, purposes) per category, in one
 * language, from the same config that drives the banner. Pure: render it however the site likes.
 * An undeclared language falls back to the config's first language.
 */
export function cookieTable(config: ConsentConfig, language: string): CookieTable {
  if (config?.validated !== true) throw new TypeError('cookieTable: expected a config from defineConfig()');
  const lang = config.languages.includes(language) ? language : config.languages[0]!;
  const t = (texts: Readonly<Record<string, string>> | null) => (texts ? (texts[lang] ?? null) : null);
  const { name, domain, path } = config.cookie;
  const declared = config.services.some((s) => s.cookies.some((k) => k.name === name));
  return {
    language: lang,
    consentCookie: declared ? null : { name, domain, path, lifetimes: { ...config.lifetimes } },
    sections: config.categories.map((c) => ({
      id: c.id,
      title: c.texts[lang]!.title,
      description: c.texts[lang]!.description ?? null,
      required: c.required,
      exemptReason: c.exempt ? t(c.exempt.reason) : null,
      rows: config.services
        .filter((s) => s.category === c.id)
        .map((s) => ({
          service: s.id,
          provider: s.provider,
          title: s.texts[lang]!.title,
          description: s.texts[lang]!.description ?? null,
          party: s.party,
          policyUrl: s.policyUrl,
          cookies: s.cookies.map((k) => ({
            name: k.name ?? patternSource(k.pattern!),
            pattern: k.name === null,
            domain: k.domain,
            path: k.path,
            lifetime: k.lifetime,
            purpose: t(k.purpose),
          })),
          storage: s.storage.map((k) => ({
            key: k.key ?? patternSource(k.pattern!),
            pattern: k.key === null,
            type: k.type,
            purpose: t(k.purpose),
          })),
        })),
    })),
  };
}
