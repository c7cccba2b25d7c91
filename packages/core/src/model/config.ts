import { serviceKey } from '../storage/codec';
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

const canonical = (tag: string) => {
  try {
    return Intl.getCanonicalLocales(tag);
  } catch {}
};
const DOMAIN = /^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i;
// In order of what may be on without asking (see consentMode below): ad and personalisation storage
// never, audience measurement when exempt, functionality and security storage when strictly necessary.
const CONSENT_MODE_TYPES: readonly ConsentModeType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'personalization_storage',
  'analytics_storage',
  'functionality_storage',
  'security_storage',
];

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: object, k: string) => Object.hasOwn(o, k);

function fail(field: string, message: string): never {
  throw new ConsentConfigError(field, message);
}

/** A value in a message: a string quoted (`got "500"`, not `got 500`, which reads as the number). */
export function show(v: unknown): string {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : String(v);
  } catch {
    return typeof v;
  }
}

/**
 * An object, and when `keys` (space-separated) is given, one with no other key: a misspelt key in a
 * JavaScript config (`saleOrSharng`, `jurisdicton`) would be ignored and leave a default in force that
 * may grant more than the site meant. TypeScript catches those; plain JavaScript and JSON do not.
 */
function object(v: unknown, field: string, what: string, keys?: string): Obj {
  if (!isObject(v)) fail(field, `expected ${what}`);
  const known = keys?.split(' ');
  for (const k of known ? Object.keys(v) : [])
    if (!known!.includes(k))
      fail(field === 'config' ? k : `${field}.${k}`, `unknown key; expected one of ${known!.join(', ')}`);
  return v;
}

/**
 * The texts `config.ui[lang]` can override: the keys of @consentry/ui's `Locale`, `PolicyLocale` and
 * `PlaceholderLocale` (the UI's tests check that every one of them is taken).
 */
const UI_TEXTS =
  'title description descriptionOptOut revised acceptAll rejectAll customise save close preferences ' +
  'alwaysOn required exempt provider cookies storage lifetime purpose firstParty thirdParty session ' +
  'trigger policy privacyPolicy dir colon service optIn optOut pattern domain thisSite consentPurpose ' +
  'consentLifetime gpc none blocked allow';

function nonEmptyString(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.trim() === '') fail(field, 'expected a non-empty string');
  return v;
}

/** An optional boolean: absent (undefined or null) is undefined, anything else but a boolean is an error. */
function bool(v: unknown, field: string): boolean | undefined {
  if (v != null && typeof v !== 'boolean') fail(field, 'expected a boolean');
  return v ?? undefined;
}

/** One of a few words; absent is the first. */
function oneOf<T extends string>(v: unknown, options: readonly T[], field: string): T {
  const word = (v ?? options[0]) as T;
  if (!options.includes(word)) fail(field, `expected ${options.map(show).join(' or ')}, got ${show(v)}`);
  return word;
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

/**
 * A config defineConfig returned (or a module configModule wrote): its brand is an own property it sets
 * non-enumerable. A `validated: true` written as a plain key (by hand, or by a module of an earlier
 * version) proves nothing: that object has skipped the 13-month cap and the URL checks.
 */
export const isConfig = (v: unknown): v is ConsentConfig =>
  Object.getOwnPropertyDescriptor(Object(v), 'validated')?.enumerable === false &&
  (v as ConsentConfig).validated === true;

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
  const o = object(v, field, 'an object with a text per language');
  const out: Record<string, string> = {};
  for (const lang of languages) {
    if (!own(o, lang)) fail(`${field}.${lang}`, `missing translation for declared language "${lang}"`);
    out[lang] = nonEmptyString(o[lang], `${field}.${lang}`);
  }
  return Object.freeze(out);
}

function titled(v: unknown, languages: readonly string[], field: string) {
  const o = object(v, field, 'an object with { title, description? } per language');
  const out: Record<string, { title: string; description?: string }> = {};
  for (const lang of languages) {
    if (!own(o, lang)) fail(`${field}.${lang}`, `missing translation for declared language "${lang}"`);
    const t = object(o[lang], `${field}.${lang}`, '{ title, description? }', 'title description');
    const entry: { title: string; description?: string } = {
      title: nonEmptyString(t.title, `${field}.${lang}.title`),
    };
    if (t.description != null)
      entry.description = nonEmptyString(t.description, `${field}.${lang}.description`);
    out[lang] = Object.freeze(entry);
  }
  return Object.freeze(out);
}

function purpose(v: Obj, languages: readonly string[], field: string) {
  return v.purpose == null ? null : texts(v.purpose, languages, `${field}.purpose`);
}

// Frozen, and without the legacy compile(), which rewrites a RegExp in place even when it is frozen.
const sealed = (re: RegExp) => Object.freeze(Object.defineProperty(re, 'compile', { value: undefined }));

/**
 * A pattern is tested against every cookie and storage key name. Without `g` and `y`, test() keeps no
 * state (lastIndex), so the pattern matches the same way each time and can be frozen with the config.
 */
function pattern(v: unknown, field: string): RegExp {
  if (v instanceof RegExp) return sealed(new RegExp(v.source, v.flags.replace(/[gy]/g, '')));
  if (typeof v !== 'string' || v === '')
    fail(field, 'expected a regular expression (RegExp or source string)');
  try {
    return sealed(new RegExp(v));
  } catch (e) {
    fail(field, `invalid regular expression ${show(v)}: ${(e as Error).message}`);
  }
}

function nameOrPattern(v: Obj, key: 'name' | 'key', field: string) {
  const hasName = v[key] != null;
  if (hasName === (v.pattern != null)) fail(field, `give exactly one of "${key}" and "pattern"`);
  return hasName
    ? { exact: nonEmptyString(v[key], `${field}.${key}`), regex: null }
    : { exact: null, regex: pattern(v.pattern, `${field}.pattern`) };
}

function cookieName(v: string, field: string): string {
  if (!COOKIE_NAME.test(v)) fail(field, `${show(v)} is not a valid cookie name (RFC 6265 token)`);
  return v;
}

/** A cookie's domain (null: host-only) and path (default "/"), shared by declared cookies and ours. */
function domainAndPath(v: Obj, field: string) {
  let domain: string | null = null;
  if (v.domain != null) {
    domain = nonEmptyString(v.domain, `${field}.domain`);
    if (!DOMAIN.test(domain)) fail(`${field}.domain`, `${show(domain)} is not a domain name`);
  }
  const path = v.path == null ? '/' : nonEmptyString(v.path, `${field}.path`);
  if (!path.startsWith('/') || /[;\s]/.test(path)) fail(`${field}.path`, 'expected a path starting with "/"');
  return { domain, path };
}

function lifetimeDays(v: unknown, field: string, allowSession: boolean): number | 'session' {
  if (allowSession && v === 'session') return v;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    fail(field, `expected a positive number of days${allowSession ? ' or "session"' : ''}, got ${show(v)}`);
  }
  return v;
}

function cookie(v: unknown, languages: readonly string[], field: string): CookieDecl {
  const o = object(v, field, 'a cookie declaration object', 'name pattern domain path lifetime purpose');
  const { exact, regex } = nameOrPattern(o, 'name', field);
  return Object.freeze({
    name: exact === null ? null : cookieName(exact, `${field}.name`),
    pattern: regex,
    ...domainAndPath(o, field),
    lifetime: o.lifetime == null ? null : lifetimeDays(o.lifetime, `${field}.lifetime`, true),
    purpose: purpose(o, languages, field),
  });
}

function storageKey(v: unknown, languages: readonly string[], field: string): StorageKeyDecl {
  const o = object(v, field, 'a storage key declaration object', 'key pattern type purpose');
  const { exact, regex } = nameOrPattern(o, 'key', field);
  return Object.freeze({
    key: exact,
    pattern: regex,
    type: oneOf(o.type, ['local', 'session'], `${field}.type`),
    purpose: purpose(o, languages, field),
  });
}

function list(v: unknown, field: string): unknown[] {
  if (v == null) return [];
  if (!Array.isArray(v)) fail(field, 'expected an array');
  // map and forEach skip holes: `[a, , b]` would pass unchecked and break whatever reads it later.
  for (let i = 0; i < v.length; i++) if (!(i in v)) fail(`${field}[${i}]`, 'a hole in the list (two commas)');
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
  const raw = object(
    input,
    'config',
    'an object',
    // `validated`: a module of an earlier version wrote it as a plain key, and a spread copy of one keeps it.
    // Ignored: everything is checked again and the result gets its own brand.
    'revision languages categories services jurisdiction lifetimes cookie consentMode policyUrl ui validated',
  );

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
    // Intl's own check too: a tag of the right shape that it refuses ("en-GB-GB", "en-12") would make the
    // UI's lists, dates and day counts throw, and no banner show.
    if (typeof l !== 'string' || !LANG.test(l) || !canonical(l))
      fail(`languages[${i}]`, `expected a language tag like "en" or "pt-BR", got ${show(l)}`);
    if (seenLang.has(l)) fail(`languages[${i}]`, `duplicate language "${l}"`);
    seenLang.add(l);
  });
  const langs = languages as string[];

  const ids = new Map<string, string>();
  const claim = (v: unknown, field: string) => {
    const id = checkId(v, field);
    const prev = ids.get(id);
    if (prev)
      fail(
        field,
        `duplicate id "${id}" (already used at ${prev}); category and service ids share one namespace`,
      );
    ids.set(id, field);
    return id;
  };

  const categoriesIn = list(raw.categories, 'categories');
  if (categoriesIn.length === 0) fail('categories', 'declare at least one category');
  const categories: Category[] = categoriesIn.map((v, i) => {
    const field = `categories[${i}]`;
    const c = object(v, field, 'a category object', 'id required exempt saleOrSharing default texts');
    const id = claim(c.id, `${field}.id`);
    const required = bool(c.required, `${field}.required`) === true;
    if (id === 'necessary' && !required) {
      fail(`${field}.required`, 'the "necessary" category is always granted: set required: true');
    }
    if (bool(c.default, `${field}.default`) === false && required) {
      fail(`${field}.default`, 'a required category is always granted and cannot default to off');
    }
    let exempt: Category['exempt'] = null;
    if (c.exempt != null) {
      if (required) fail(`${field}.exempt`, 'a category is either required or exempt, not both');
      // GPC and the visitor's opt-out must be able to turn off a sale or sharing; an exempt category is
      // on before any decision.
      if (c.saleOrSharing === true)
        fail(`${field}.exempt`, 'a sale or sharing category needs consent and cannot be exempt');
      if (c.default === false)
        fail(
          `${field}.default`,
          'an exempt category needs no consent and is on until refused: remove default: false',
        );
      const e = object(c.exempt, `${field}.exempt`, '{ reason } stating why consent is not needed', 'reason');
      exempt = Object.freeze({ reason: texts(e.reason, langs, `${field}.exempt.reason`) });
    }
    return Object.freeze({
      id,
      required,
      exempt,
      saleOrSharing: bool(c.saleOrSharing, `${field}.saleOrSharing`) === true,
      default: required || c.default !== false,
      texts: titled(c.texts, langs, `${field}.texts`),
    });
  });
  const categoryIds = new Set(categories.map((c) => c.id));
  const category = (v: unknown, field: string) => {
    if (typeof v !== 'string' || !categoryIds.has(v)) {
      fail(field, `unknown category ${show(v)}; declared: ${[...categoryIds].join(', ')}`);
    }
    return v;
  };

  // The record names long service ids by a hash (serviceKey): two services, or a service and a
  // category, must not share a name there.
  const keys = new Map<string, string>(categories.map((c) => [c.id, `${c.id} (a category)`]));
  const services: Service[] = list(raw.services, 'services').map((v, i) => {
    const field = `services[${i}]`;
    const s = object(
      v,
      field,
      'a service object',
      'id provider category party texts cookies storage scripts policyUrl',
    );
    const declared = <T>(key: string, check: (x: unknown, f: string) => T) =>
      Object.freeze(list(s[key], `${field}.${key}`).map((x, j) => check(x, `${field}.${key}[${j}]`)));
    const id = claim(s.id, `${field}.id`);
    const key = serviceKey(id);
    if (keys.has(key))
      fail(
        `${field}.id`,
        `"${id}" and ${keys.get(key)} meet in the consent record (key "${key}"): rename one`,
      );
    keys.set(key, `"${id}"`);
    return Object.freeze({
      id,
      provider: nonEmptyString(s.provider, `${field}.provider`),
      category: category(s.category, `${field}.category`),
      party: oneOf(s.party, ['first', 'third'], `${field}.party`),
      texts: titled(s.texts, langs, `${field}.texts`),
      cookies: declared('cookies', (x, f) => cookie(x, langs, f)),
      storage: declared('storage', (x, f) => storageKey(x, langs, f)),
      scripts: declared('scripts', checkUrl),
      policyUrl: s.policyUrl == null ? null : checkUrl(s.policyUrl, `${field}.policyUrl`),
    });
  });

  const lifetimesIn = object(
    raw.lifetimes ?? {},
    'lifetimes',
    '{ accepted?, refused? } in days',
    'accepted refused',
  );
  const lifetime = (key: 'accepted' | 'refused') => {
    const v = lifetimesIn[key];
    if (v == null) return DEFAULT_LIFETIME_DAYS;
    const days = lifetimeDays(v, `lifetimes.${key}`, false) as number;
    if (days > MAX_LIFETIME_DAYS) {
      fail(
        `lifetimes.${key}`,
        `${days} days is past 13 months (${MAX_LIFETIME_DAYS} days), the longest a decision may be kept`,
      );
    }
    return days;
  };

  const cookieIn = object(
    raw.cookie ?? {},
    'cookie',
    'consent cookie options',
    'name domain path sameSite secure',
  );
  const sameSite = oneOf(cookieIn.sameSite, ['Lax', 'Strict', 'None'], 'cookie.sameSite');
  // Browsers drop SameSite=None cookies that are not Secure.
  const secure = bool(cookieIn.secure, 'cookie.secure') ?? sameSite === 'None';
  if (sameSite === 'None' && !secure) fail('cookie.secure', 'SameSite=None requires secure: true');
  // Browsers refuse a prefixed cookie whose attributes break the prefix's rule (RFC 6265bis 4.1.3).
  const prefix = /^__(secure|host)-/i.exec(String(cookieIn.name ?? ''))?.[1]?.toLowerCase();
  if (prefix && !secure)
    fail('cookie.secure', `a __${prefix === 'host' ? 'Host' : 'Secure'}- cookie requires secure: true`);
  if (prefix === 'host' && cookieIn.domain != null)
    fail('cookie.domain', 'a __Host- cookie cannot have a domain');
  if (prefix === 'host' && (cookieIn.path ?? '/') !== '/')
    fail('cookie.path', 'a __Host- cookie requires path "/"');

  let consentMode: ConsentConfig['consentMode'] = null;
  if (raw.consentMode != null) {
    const map = object(raw.consentMode, 'consentMode', 'a map from Consent Mode type to category id');
    const out: Partial<Record<ConsentModeType, string>> = {};
    for (const key of Object.keys(map)) {
      const type = CONSENT_MODE_TYPES.indexOf(key as ConsentModeType);
      if (type < 0) {
        fail(
          `consentMode.${key}`,
          `unknown Consent Mode type; expected one of ${CONSENT_MODE_TYPES.join(', ')}`,
        );
      }
      const id = category(map[key], `consentMode.${key}`);
      const c = categories.find((c) => c.id === id)!;
      // A required category is granted to every visitor, after rejectAll() too; an exempt one until
      // refused. Google would read the types before analytics_storage as consent to ads and
      // personalisation; audience measurement may be exempt (CNIL: the visitor can still refuse it).
      if (type < (c.required ? 5 : c.exempt ? 4 : 0))
        fail(
          `consentMode.${key}`,
          `"${id}" is granted before any decision; ${key} needs a category that asks for consent`,
        );
      out[key as ConsentModeType] = id;
    }
    consentMode = Object.freeze(out);
  }

  let policyUrl: Record<string, string> | null = null;
  if (raw.policyUrl != null) {
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
  if (raw.ui != null) {
    const perLang = object(raw.ui, 'ui', 'UI text overrides per language');
    for (const lang of Object.keys(perLang)) {
      if (!seenLang.has(lang)) fail(`ui.${lang}`, `language "${lang}" is not declared in languages`);
      // Only the names of the UI's texts: a misspelt one (`titel`) would be a text nobody reads.
      const t = object(perLang[lang], `ui.${lang}`, 'an object of texts', UI_TEXTS);
      // Own keys only (UI_TEXTS refuses `__proto__` and the like), into a null-prototype object.
      const out: Record<string, string> = Object.create(null);
      for (const key of Object.keys(t)) out[key] = nonEmptyString(t[key], `ui.${lang}.${key}`);
      ui[lang] = Object.freeze(out);
    }
  }

  // The brand is not enumerable: `{ ...config, lifetimes }` is a plain object again, which createConsent
  // refuses until it goes through defineConfig, rather than a config that skipped the 13-month cap.
  return Object.freeze(
    Object.defineProperty(
      {
        revision: String(revision),
        languages: Object.freeze([...langs]),
        categories: Object.freeze(categories),
        services: Object.freeze(services),
        jurisdiction: oneOf(raw.jurisdiction, ['opt-in', 'opt-out'], 'jurisdiction'),
        lifetimes: Object.freeze({ accepted: lifetime('accepted'), refused: lifetime('refused') }),
        cookie: Object.freeze({
          name:
            cookieIn.name == null
              ? 'consentry'
              : cookieName(nonEmptyString(cookieIn.name, 'cookie.name'), 'cookie.name'),
          ...domainAndPath(cookieIn, 'cookie'),
          sameSite,
          secure,
        }),
        consentMode,
        policyUrl,
        ui: Object.freeze(ui),
      },
      'validated',
      { value: true },
    ),
  ) as unknown as ConsentConfig<C, S, L>;
}
