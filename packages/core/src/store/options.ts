import type { IntegrationContext } from './store';

/**
 * Checks a function's options as given by a site's code: a mistyped one fails at once, naming it, rather
 * than later with a minified name, or silently with more consent than the visitor gave (`gpc: '1'` read
 * as no signal, `jurisdiction: 'opt_in'` falling back to the config's opt-out). So does a misspelt name
 * (`jurisdction`), which would otherwise be ignored with the same effect. Absent (null or undefined)
 * means the default. Returns the error maker for later checks.
 */
export function checkOptions(
  fn: string,
  options: object,
  checks: Record<string, (value: any) => unknown>,
): (key: string) => TypeError {
  const wrong = (key: string, what = 'invalid') => new TypeError(`${fn}: ${what} options.${key}`);
  // `createConsent(config, 'opt-out')`: a string's characters read as options "0", "1"…; `true` as none.
  if (typeof options !== 'object') throw new TypeError(`${fn}: options must be an object`);
  const known = Object.keys(checks);
  // Own keys: a page's script that adds an enumerable property to Object.prototype (old libraries did)
  // must not become an option nobody passed.
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw wrong(key, 'unknown');
    const value = (options as Record<string, unknown>)[key];
    if (value != null && !checks[key]!(value)) throw wrong(key);
  }
  return wrong;
}

/**
 * An integration's options as a site's code gave them: null or undefined is none. Anything else that is
 * not an object (`multiTab('consent')`), or a key the integration does not know (a misspelt `atribute`,
 * which would be read as absent), throws naming it. Returns the options without the null ones. Each
 * integration checks the values itself.
 */
export function integrationOptions<T extends object>(
  fn: string,
  options: T | null | undefined,
  keys: string,
): T {
  options ??= {} as T;
  // An integration factory passed uncalled (`[consentMode]`) gets the store's context as its options: say
  // what the site wrote, not that the context's `store` is an unknown option.
  if (isFunction((options as IntegrationContext).send))
    throw new TypeError(`createConsent: invalid options.integrations: pass ${fn}(), not ${fn}`);
  checkOptions(fn, options, Object.fromEntries(keys.split(' ').map((k) => [k, () => 1])));
  // Absent, as for createConsent: null (a template's "none") is the default, for every option alike.
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v != null)) as T;
}

export const isFunction = (v: unknown) => typeof v === 'function';
export const isBoolean = (v: unknown) => typeof v === 'boolean';
export const isJurisdiction = (v: unknown) => v === 'opt-in' || v === 'opt-out';
