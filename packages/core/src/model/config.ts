import type {
  Category,
  ConfigInput,
  ConsentConfig,
  ConsentModeType,
  CookieDecl,
  Service,
  StorageKeyDecl,
  Texts,
} from './types';

/** A config mistake, thrown at startup. `field` is the path of the offending field. */
export class ConsentConfigError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`Invalid consent config at ${field}: ${message}`);
    this.name = 'ConsentConfigError';
    this.field = field;
  }
}

/** CNIL: a decision must not be kept past 13 months. */
export const MAX_LIFETIME_DAYS = 395;
/** CNIL recommends keeping a decision about 6 months. */
export const DEFAULT_LIFETIME_DAYS = 182;

// Ids go into the consent cookie unencoded and into DOM attributes: keep them to a safe alphabet.
const ID = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;
// RFC 6265 cookie-name = token (RFC 9110): visible ASCII except separators.
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const LANG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const DOMAIN = /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
const CONSENT_MODE_TYPES: readonly ConsentModeType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: string) => Object.hasOwn(o, k);

function fail(field: string, message: string): never {
  throw new ConsentConfigError(field, message);
}

function nonEmptyString(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(field, 'expected a non-empty string');
  return v;
}

function checkId(v: unknown, field: string): string {
  if (typeof v !== 'string' || !ID.test(v)) {
    fail(
      field,
      `expected an id of letters, digits, "_" or "-" starting with a letter (≤ 32 chars), got ${show(v)}`,
    );
  }
  return v;
}

function show(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
  } catch {
    return typeof v;
  }
}

/** Only http(s) URLs or same-site paths: a `javascript:` link must never reach the page. */
export function isSafeUrl(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  if (/^\/(?!\/)/.test(v) || /^\.{1,2}\//.test(v)) return !/[\s\\]/.test(v.slice(0, 2));
  return /^https?:\/\/[^\s/?#]+/i.test(v);
}

function checkUrl(v: unknown, field: string): string {
  if (!isSafeUrl(v)) fail(field, `expected an http(s) URL or a path starting with "/", got ${show(v)}`);
  return v;
}

function texts(v: unknown, languages: readonly string[], field: string): Texts {
  if (!isObject(v)) fail(field, 'expected an object with a text per language');
  const out: Record<string, string> = {};
  for (const lang of languages) {
    if (!own(v, lang)) fail(`${field}.${lang}`, `missing translation for declared language "${lang}"`);
    out[lang] = nonEmptyString(v[lang], `${field}.${lang}`);
  }
  return Object.freeze(out);
}

function titled(v: unknown, languages: readonly string[], field: string) {
  if (!isObject(v)) fail(field, 'expected an object with { title, description? } per language');
  const out: Record<string, { title: string; description?: string }> = {};
  for (const lang of languages) {
    const t = v[lang];
    if (!own(v, lang) || !isObject(t))
      fail(`${field}.${lang}`, `missing translation for declared language "${lang}"`);
    const entry: { title: string; description?: string } = {
      title: nonEmptyString(t.title, `${field}.${lang}.title`),
    };
    if (t.description !== undefined)
      entry.description = nonEmptyString(t.description, `${field}.${lang}.description`);
    out[lang] = Object.freeze(entry);
  }
  return Object.freeze(out);
}

function pattern(v: unknown, field: string): RegExp {
  if (v instanceof RegExp) return new RegExp(v.source, v.flags.replace('g', ''));
  if (typeof v !== 'string' || v === '')
    fail(field, 'expected a regular expression (RegExp or source string)');
  try {
    return new RegExp(v);
  } catch (e) {
    fail(field, `invalid regular expression ${show(v)}: ${(e as Error).message}`);
  }
}

function nameOrPattern(v: Record<string, unknown>, key: 'name' | 'key', field: string) {
  const hasName = v[key] !== undefined;
  const hasPattern = v.pattern !== undefined;
  if (hasName === hasPattern) fail(field, `give exactly one of "${key}" and "pattern"`);
  return hasName
    ? { exact: nonEmptyString(v[key], `${field}.${key}`), regex: null }
    : { exact: null, regex: pattern(v.pattern, `${field}.pattern`) };
}

function lifetimeDays(v: unknown, field: string, allowSession: boolean): number | 'session' {
  if (allowSession && v === 'session') return v;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    fail(field, `expected a positive number of days${allowSession ? ' or "session"' : ''}, got ${show(v)}`);
  }
  return v;
}

function cookie(v: unknown, languages: readonly string[], field: string): CookieDecl {
  if (!isObject(v)) fail(field, 'expected a cookie declaration object');
  const { exact, regex } = nameOrPattern(v, 'name', field);
  if (exact !== null && !COOKIE_NAME.test(exact)) {
    fail(`${field}.name`, `${show(exact)} is not a valid cookie name (RFC 6265 token)`);
  }
  let domain: string | null = null;
  if (v.domain !== undefined) {
    domain = nonEmptyString(v.domain, `${field}.domain`);
    if (!DOMAIN.test(domain)) fail(`${field}.domain`, `${show(domain)} is not a domain name`);
  }
  const path = v.path === undefined ? '/' : nonEmptyString(v.path, `${field}.path`);
  if (!path.startsWith('/') || /[;\s]/.test(path)) fail(`${field}.path`, 'expected a path starting with "/"');
  return Object.freeze({
    name: exact,
    pattern: regex,
    domain,
    path,
    lifetime: v.lifetime === undefined ? null : lifetimeDays(v.lifetime, `${field}.lifetime`, true),
    purpose: v.purpose === undefined ? null : texts(v.purpose, languages, `${field}.purpose`),
  });
}

function storageKey(v: unknown, languages: readonly string[], field: string): StorageKeyDecl {
  if (!isObject(v)) fail(field, 'expected a storage key declaration object');
  const { exact, regex } = nameOrPattern(v, 'key', field);
  const type = v.type ?? 'local';
  if (type !== 'local' && type !== 'session') fail(`${field}.type`, 'expected "local" or "session"');
  return Object.freeze({
    key: exact,
    pattern: regex,
    type,
    purpose: v.purpose === undefined ? null : texts(v.purpose, languages, `${field}.purpose`),
  });
}

function list(v: unknown, field: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(field, 'expected an array');
  return v;
}

/**
 * Validates a consent configuration and returns it frozen. Throws `ConsentConfigError` naming the
 * field on the first mistake. Category and service ids become literal types, so `has('analytic')`
 * with a typo is a type error.
 */
export function defineConfig<
  const C extends string,
  const S extends string = never,
  const L extends string = string,
>(input: ConfigInput<C, S, L>): ConsentConfig<C, S, L> {
  if (!isObject(input)) fail('config', 'expected an object');
  const raw = input as unknown as Record<string, unknown>;

  const revision = raw.revision;
  if (
    !(typeof revision === 'number' && Number.isSafeInteger(revision) && revision >= 0) &&
    !(typeof revision === 'string' && /^[A-Za-z0-9_-]{1,32}$/.test(revision))
  ) {
    fail(
      'revision',
      `expected a non-negative integer or a short token of letters, digits, "_" or "-", got ${show(revision)}`,
    );
  }

  const languages = list(raw.languages, 'languages');
  if (languages.length === 0) fail('languages', 'declare at least one language');
  const seenLang = new Set<string>();
  languages.forEach((l, i) => {
    if (typeof l !== 'string' || !LANG.test(l))
      fail(`languages[${i}]`, `expected a language tag like "en" or "pt-BR", got ${show(l)}`);
    if (seenLang.has(l)) fail(`languages[${i}]`, `duplicate language "${l}"`);
    seenLang.add(l);
  });
  const langs = languages as string[];

  const ids = new Map<string, string>();
  const claim = (id: string, field: string) => {
    const prev = ids.get(id);
    if (prev)
      fail(
        field,
        `duplicate id "${id}" (already used at ${prev}); category and service ids share one namespace`,
      );
    ids.set(id, field);
  };

  const categoriesIn = list(raw.categories, 'categories');
  if (categoriesIn.length === 0) fail('categories', 'declare at least one category');
  const categories: Category[] = categoriesIn.map((c, i) => {
    const field = `categories[${i}]`;
    if (!isObject(c)) fail(field, 'expected a category object');
    const id = checkId(c.id, `${field}.id`);
    claim(id, `${field}.id`);
    if (c.required !== undefined && typeof c.required !== 'boolean')
      fail(`${field}.required`, 'expected a boolean');
    const required = c.required === true;
    if (id === 'necessary' && !required) {
      fail(`${field}.required`, 'the "necessary" category is always granted: set required: true');
    }
    if (c.default !== undefined && typeof c.default !== 'boolean')
      fail(`${field}.default`, 'expected a boolean');
    if (required && c.default === false) {
      fail(`${field}.default`, 'a required category is always granted and cannot default to off');
    }
    let exempt: Category['exempt'] = null;
    if (c.exempt !== undefined) {
      if (required) fail(`${field}.exempt`, 'a category is either required or exempt, not both');
      if (!isObject(c.exempt))
        fail(`${field}.exempt`, 'expected { reason } stating why consent is not needed');
      exempt = Object.freeze({ reason: texts(c.exempt.reason, langs, `${field}.exempt.reason`) });
    }
    if (c.saleOrSharing !== undefined && typeof c.saleOrSharing !== 'boolean') {
      fail(`${field}.saleOrSharing`, 'expected a boolean');
    }
    return Object.freeze({
      id,
      required,
      exempt,
      saleOrSharing: c.saleOrSharing === true,
      default: required || c.default !== false,
      texts: titled(c.texts, langs, `${field}.texts`),
    });
  });
  const categoryIds = new Set(categories.map((c) => c.id));

  const services: Service[] = list(raw.services, 'services').map((s, i) => {
    const field = `services[${i}]`;
    if (!isObject(s)) fail(field, 'expected a service object');
    const id = checkId(s.id, `${field}.id`);
    claim(id, `${field}.id`);
    const category = s.category;
    if (typeof category !== 'string' || !categoryIds.has(category)) {
      fail(
        `${field}.category`,
        `unknown category ${show(category)}; declared: ${[...categoryIds].join(', ')}`,
      );
    }
    const party = s.party ?? 'first';
    if (party !== 'first' && party !== 'third') fail(`${field}.party`, 'expected "first" or "third"');
    return Object.freeze({
      id,
      provider: nonEmptyString(s.provider, `${field}.provider`),
      category,
      party,
      texts: titled(s.texts, langs, `${field}.texts`),
      cookies: Object.freeze(
        list(s.cookies, `${field}.cookies`).map((c, j) => cookie(c, langs, `${field}.cookies[${j}]`)),
      ),
      storage: Object.freeze(
        list(s.storage, `${field}.storage`).map((k, j) => storageKey(k, langs, `${field}.storage[${j}]`)),
      ),
      scripts: Object.freeze(
        list(s.scripts, `${field}.scripts`).map((u, j) => checkUrl(u, `${field}.scripts[${j}]`)),
      ),
      policyUrl: s.policyUrl === undefined ? null : checkUrl(s.policyUrl, `${field}.policyUrl`),
    });
  });

  const jurisdiction = raw.jurisdiction ?? 'opt-in';
  if (jurisdiction !== 'opt-in' && jurisdiction !== 'opt-out') {
    fail('jurisdiction', `expected "opt-in" or "opt-out", got ${show(jurisdiction)}`);
  }

  const lifetimesIn = raw.lifetimes === undefined ? {} : raw.lifetimes;
  if (!isObject(lifetimesIn)) fail('lifetimes', 'expected { accepted?, refused? } in days');
  const lifetime = (key: 'accepted' | 'refused') => {
    const v = lifetimesIn[key];
    if (v === undefined) return DEFAULT_LIFETIME_DAYS;
    const days = lifetimeDays(v, `lifetimes.${key}`, false) as number;
    if (days > MAX_LIFETIME_DAYS) {
      fail(
        `lifetimes.${key}`,
        `${days} days is past 13 months (${MAX_LIFETIME_DAYS} days), the longest a decision may be kept`,
      );
    }
    return days;
  };

  const cookieIn = raw.cookie === undefined ? {} : raw.cookie;
  if (!isObject(cookieIn)) fail('cookie', 'expected consent cookie options');
  const cookieName = cookieIn.name === undefined ? 'consentry' : nonEmptyString(cookieIn.name, 'cookie.name');
  if (!COOKIE_NAME.test(cookieName)) fail('cookie.name', `${show(cookieName)} is not a valid cookie name`);
  let cookieDomain: string | null = null;
  if (cookieIn.domain !== undefined) {
    cookieDomain = nonEmptyString(cookieIn.domain, 'cookie.domain');
    if (!DOMAIN.test(cookieDomain)) fail('cookie.domain', `${show(cookieDomain)} is not a domain name`);
  }
  const cookiePath = cookieIn.path === undefined ? '/' : nonEmptyString(cookieIn.path, 'cookie.path');
  if (!cookiePath.startsWith('/') || /[;\s]/.test(cookiePath))
    fail('cookie.path', 'expected a path starting with "/"');
  const sameSite = cookieIn.sameSite ?? 'Lax';
  if (sameSite !== 'Lax' && sameSite !== 'Strict' && sameSite !== 'None') {
    fail('cookie.sameSite', 'expected "Lax", "Strict" or "None"');
  }
  if (cookieIn.secure !== undefined && typeof cookieIn.secure !== 'boolean')
    fail('cookie.secure', 'expected a boolean');
  // Browsers drop SameSite=None cookies that are not Secure.
  const secure = cookieIn.secure ?? sameSite === 'None';
  if (sameSite === 'None' && !secure) fail('cookie.secure', 'SameSite=None requires secure: true');

  let consentMode: ConsentConfig['consentMode'] = null;
  if (raw.consentMode !== undefined) {
    if (!isObject(raw.consentMode))
      fail('consentMode', 'expected a map from Consent Mode type to category id');
    const map: Partial<Record<ConsentModeType, string>> = {};
    for (const key of Object.keys(raw.consentMode)) {
      if (!CONSENT_MODE_TYPES.includes(key as ConsentModeType)) {
        fail(
          `consentMode.${key}`,
          `unknown Consent Mode type; expected one of ${CONSENT_MODE_TYPES.join(', ')}`,
        );
      }
      const cat = raw.consentMode[key];
      if (typeof cat !== 'string' || !categoryIds.has(cat))
        fail(`consentMode.${key}`, `unknown category ${show(cat)}`);
      map[key as ConsentModeType] = cat;
    }
    consentMode = Object.freeze(map);
  }

  let policyUrl: Record<string, string> | null = null;
  if (raw.policyUrl !== undefined) {
    if (typeof raw.policyUrl === 'string') {
      const url = checkUrl(raw.policyUrl, 'policyUrl');
      policyUrl = Object.fromEntries(langs.map((l) => [l, url]));
    } else {
      policyUrl = { ...texts(raw.policyUrl, langs, 'policyUrl') };
      for (const l of langs) checkUrl(policyUrl[l], `policyUrl.${l}`);
    }
    Object.freeze(policyUrl);
  }

  const ui: Record<string, Record<string, string>> = {};
  if (raw.ui !== undefined) {
    if (!isObject(raw.ui)) fail('ui', 'expected UI text overrides per language');
    for (const lang of Object.keys(raw.ui)) {
      if (!seenLang.has(lang)) fail(`ui.${lang}`, `language "${lang}" is not declared in languages`);
      const t = raw.ui[lang];
      if (!isObject(t)) fail(`ui.${lang}`, 'expected an object of texts');
      // Own keys only, into a null-prototype object: a `__proto__` key in JSON input stays a plain key.
      const out: Record<string, string> = Object.create(null);
      for (const key of Object.keys(t)) out[key] = nonEmptyString(t[key], `ui.${lang}.${key}`);
      ui[lang] = Object.freeze(out);
    }
  }

  return Object.freeze({
    revision: String(revision),
    languages: Object.freeze([...langs]),
    categories: Object.freeze(categories),
    services: Object.freeze(services),
    jurisdiction,
    lifetimes: Object.freeze({ accepted: lifetime('accepted'), refused: lifetime('refused') }),
    cookie: Object.freeze({ name: cookieName, domain: cookieDomain, path: cookiePath, sameSite, secure }),
    consentMode,
    policyUrl,
    ui: Object.freeze(ui),
    validated: true as const,
  }) as unknown as ConsentConfig<C, S, L>;
}
