/**
 * Every text the banner and the preferences dialog show besides the config's own category and service
 * texts. A site overrides any of them per language with `config.ui[lang]`.
 */
export interface Locale {
  /** Banner heading. */
  title: string;
  /**
   * Banner text, asking for consent (the opt-in model). `{purposes}` becomes the titles of the categories
   * that need consent, listed as the language lists ("Analytics and Marketing"): the first layer names
   * every purpose "Accept all" grants.
   */
  description: string;
  /**
   * Banner text while optional categories are already on before a decision (the opt-out model: the
   * store's `jurisdiction` is `'opt-out'` and the config leaves a category on by default): they are in
   * use until the visitor turns them off. `{purposes}` as in `description`, but only the categories that are
   * on (not one a Global Privacy Control signal or `default: false` keeps off).
   */
  descriptionOptOut: string;
  /**
   * Put before the banner's text when the visitor had decided under an older `revision` of the config:
   * why they are asked again. Optional: a complete `locale` option that lacks it shows the banner's text
   * alone (a partial one takes the bundled sentence, as any key it lacks).
   */
  revised?: string;
  acceptAll: string;
  rejectAll: string;
  customise: string;
  save: string;
  /** Accessible name of the dialog's close button (closing is no decision). */
  close: string;
  /** Preferences dialog heading. */
  preferences: string;
  /** Shown on the locked switch of a required category. */
  alwaysOn: string;
  /** Why a required category cannot be switched off. */
  required: string;
  /** Label before the config's exemption reason. */
  exempt: string;
  provider: string;
  cookies: string;
  /** Label of a service's localStorage/sessionStorage keys. */
  storage: string;
  lifetime: string;
  purpose: string;
  firstParty: string;
  thirdParty: string;
  /** Lifetime of a session cookie (day counts are formatted with Intl). */
  session: string;
  /** The floating button that reopens the preferences dialog. */
  trigger: string;
  /** Link to the site's cookie policy. */
  policy: string;
  /** Link to a provider's own privacy policy. */
  privacyPolicy: string;
  /** Text direction; right-to-left languages are also detected from the language tag. */
  dir?: 'ltr' | 'rtl';
  /**
   * Between a label and its value ("Provider: Google"); default `': '`. French puts a no-break space
   * before the colon (`'\u00a0: '`).
   */
  colon?: string;
}

/**
 * The texts the cookie-policy tables need beyond `Locale` (which has the column and label words the
 * dialog already shows). Each bundled language exports them as `policyLocale`, beside its default
 * `Locale`, so a page that bundles a language for the banner alone does not ship them.
 */
export interface PolicyLocale {
  /** Column header of a service's title and description. */
  service: string;
  /** Status of an optional category under the opt-in model. */
  optIn: string;
  /** Status of an optional category that is on before a decision under the opt-out model. */
  optOut: string;
  /** Before a cookie-name or storage-key pattern (a regular expression's source). */
  pattern: string;
  /** Label of the domain a cookie is set on (host-only cookies show none). */
  domain: string;
  /** Provider of the consent cookie (the site itself). */
  thisSite: string;
  /** Purpose of the consent cookie. */
  consentPurpose: string;
  /**
   * Lifetime of the consent cookie: `{accepted}` after a decision that allows an optional category,
   * `{refused}` after one that allows none, each written as a lifetime ("395 days").
   */
  consentLifetime: string;
  /**
   * Added to a sale-or-sharing category's status under the opt-out model: a Global Privacy Control
   * signal turns it off (the CCPA regulations ask a notice to say how such signals are processed).
   */
  gpc: string;
  /** In the cookies column of a service that declares no cookie. */
  none: string;
}

/**
 * The texts of the placeholders `mountPlaceholders` puts in place of blocked embeds (their settings
 * button says `Locale.trigger`). Each bundled language exports them as `placeholderLocale`, beside its
 * default `Locale`, so a page that bundles a language for the banner alone does not ship them.
 */
export interface PlaceholderLocale {
  /**
   * Why the embed is not shown. `{name}` is what it needs, each service with its category, listed as the
   * language lists: "YouTube (Marketing)", "YouTube (Marketing) and Maps (Functional)".
   */
  blocked: string;
  /** The button that allows just what the embed needs; `{name}` as above, without the categories: "Allow YouTube". */
  allow: string;
}
