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
    /** The exact name, or the pattern's source when `pattern` is true. */
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

export interface CookieTable {
  language: string;
  sections: readonly CookieTableSection[];
}

/**
 * The data of a cookie-policy table (provider, function, cookie names, purposes) per category, in one
 * language, from the same config that drives the banner. Pure: render it however the site likes.
 * An undeclared language falls back to the config's first language.
 */
export function cookieTable(config: ConsentConfig, language: string): CookieTable {
  const lang = config.languages.includes(language) ? language : config.languages[0]!;
  const t = (texts: Readonly<Record<string, string>> | null) => (texts ? (texts[lang] ?? null) : null);
  return {
    language: lang,
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
            name: k.name ?? k.pattern!.source,
            pattern: k.name === null,
            domain: k.domain,
            path: k.path,
            lifetime: k.lifetime,
            purpose: t(k.purpose),
          })),
          storage: s.storage.map((k) => ({
            key: k.key ?? k.pattern!.source,
            pattern: k.key === null,
            type: k.type,
            purpose: t(k.purpose),
          })),
        })),
    })),
  };
}
