/**
 * The consent model: categories, services and their cookies, as the site declares them.
 * `defineConfig` turns a `ConfigInput` into a validated, frozen `ConsentConfig`.
 */

/** Text in every declared language, keyed by language tag (`en`, `fr`, `pt-BR`…). */
export type Texts<L extends string = string> = Readonly<Record<L, string>>;

/**
 * How optional categories behave before the visitor decides.
 * - `opt-in` (GDPR/ePrivacy): everything optional is off until the visitor opts in.
 * - `opt-out` (US state laws): optional categories are on until the visitor opts out;
 *   a Global Privacy Control signal opts out of the categories marked `saleOrSharing`.
 */
export type Jurisdiction = 'opt-in' | 'opt-out';

export interface CategoryInput<C extends string = string, L extends string = string> {
  id: C;
  /** Always granted, cannot be switched off (strictly necessary cookies). */
  required?: boolean;
  /**
   * Exempt from consent (e.g. anonymised audience measurement under CNIL guidance): on before a
   * decision, but the visitor can still switch it off. The reason is shown to the visitor.
   */
  exempt?: { reason: Texts<L> };
  /** Sale or sharing of personal data: a GPC signal denies it under the opt-out model. */
  saleOrSharing?: boolean;
  /**
   * State before a decision under the opt-out model (default `true`: on until the visitor opts out).
   * Ignored under opt-in, where nothing optional is on before a decision. A required category is
   * always on, so `default: false` on it is an error.
   */
  default?: boolean;
  texts: Readonly<Record<L, { title: string; description?: string }>>;
}

export interface CookieInput<L extends string = string> {
  /** Exact cookie name. Exactly one of `name` and `pattern` is given. */
  name?: string;
  /** A regular expression (source string or RegExp) matching cookie names, e.g. `^_ga_`. */
  pattern?: string | RegExp;
  /** Domain the cookie is set on (`.example.com`); omitted = host-only. */
  domain?: string;
  path?: string;
  /** Lifetime in days, or `'session'`. */
  lifetime?: number | 'session';
  purpose?: Texts<L>;
}

export interface StorageKeyInput<L extends string = string> {
  key?: string;
  pattern?: string | RegExp;
  type?: 'local' | 'session';
  purpose?: Texts<L>;
}

export interface ServiceInput<
  C extends string = string,
  S extends string = string,
  L extends string = string,
> {
  id: S;
  provider: string;
  category: C;
  party?: 'first' | 'third';
  texts: Readonly<Record<L, { title: string; description?: string }>>;
  cookies?: readonly CookieInput<L>[];
  storage?: readonly StorageKeyInput<L>[];
  /** Script URLs (http(s) or same-origin paths) loaded once this service is granted. */
  scripts?: readonly string[];
  /** The provider's own privacy policy. */
  policyUrl?: string;
}

/** Google Consent Mode v2 consent types. */
export type ConsentModeType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export interface ConsentCookieOptions {
  name?: string;
  domain?: string;
  path?: string;
  sameSite?: 'Lax' | 'Strict' | 'None';
  /** The browser store always sets Secure on https pages; `true` sets it on every write (and in `serializeCookie`). */
  secure?: boolean;
}

export interface ConfigInput<
  C extends string = string,
  S extends string = string,
  L extends string = string,
> {
  /** Policy revision: bump it and every stored decision counts as no decision. */
  revision: number | string;
  /** Declared languages; the first is the default. */
  languages: readonly L[];
  categories: readonly CategoryInput<C, L>[];
  services?: readonly ServiceInput<NoInfer<C>, S, L>[];
  jurisdiction?: Jurisdiction;
  /** How long a decision is kept, in days. CNIL: about 6 months, never past 13 months (395 days). */
  lifetimes?: { accepted?: number; refused?: number };
  cookie?: ConsentCookieOptions;
  /** Which category drives each Google Consent Mode type. */
  consentMode?: Partial<Record<ConsentModeType, NoInfer<C>>>;
  /** Link to the site's cookie policy, per language. */
  policyUrl?: Texts<L> | string;
  /** Overrides of the UI's bundled texts, per language. */
  ui?: Readonly<Partial<Record<L, Readonly<Record<string, string>>>>>;
}

export interface Category<C extends string = string> {
  readonly id: C;
  readonly required: boolean;
  readonly exempt: { readonly reason: Texts } | null;
  readonly saleOrSharing: boolean;
  /** State before a decision under the opt-out model. */
  readonly default: boolean;
  readonly texts: Readonly<Record<string, { readonly title: string; readonly description?: string }>>;
}

export interface CookieDecl {
  readonly name: string | null;
  readonly pattern: RegExp | null;
  readonly domain: string | null;
  readonly path: string;
  readonly lifetime: number | 'session' | null;
  readonly purpose: Texts | null;
}

export interface StorageKeyDecl {
  readonly key: string | null;
  readonly pattern: RegExp | null;
  readonly type: 'local' | 'session';
  readonly purpose: Texts | null;
}

export interface Service<C extends string = string, S extends string = string> {
  readonly id: S;
  readonly provider: string;
  readonly category: C;
  readonly party: 'first' | 'third';
  readonly texts: Readonly<Record<string, { readonly title: string; readonly description?: string }>>;
  readonly cookies: readonly CookieDecl[];
  readonly storage: readonly StorageKeyDecl[];
  readonly scripts: readonly string[];
  readonly policyUrl: string | null;
}

export interface ConsentConfig<
  C extends string = string,
  S extends string = string,
  L extends string = string,
> {
  readonly revision: string;
  readonly languages: readonly L[];
  readonly categories: readonly Category<C>[];
  readonly services: readonly Service<C, S>[];
  readonly jurisdiction: Jurisdiction;
  /** Decision lifetimes in days. */
  readonly lifetimes: { readonly accepted: number; readonly refused: number };
  readonly cookie: Required<Omit<ConsentCookieOptions, 'domain'>> & { readonly domain: string | null };
  readonly consentMode: Readonly<Partial<Record<ConsentModeType, C>>> | null;
  readonly policyUrl: Readonly<Record<string, string>> | null;
  readonly ui: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Brand set by `defineConfig`, so the store can tell a validated config from a raw object. */
  readonly validated: true;
}

/** Category ids of a config type. */
export type CategoryId<T> = T extends ConsentConfig<infer C, any, any> ? C : never;
/** Service ids of a config type. */
export type ServiceId<T> = T extends ConsentConfig<any, infer S, any> ? S : never;
/** Language tags of a config type. */
export type Language<T> = T extends ConsentConfig<any, any, infer L> ? L : never;
