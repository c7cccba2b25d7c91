/**
 * Checks a function's options as given by a site's code: a mistyped one fails at once, naming it, rather
 * than later with a minified name, or silently with more consent than the visitor gave (`gpc: '1'` read
 * as no signal, `jurisdiction: 'opt_in'` falling back to the config's opt-out). Absent (null or
 * undefined) means the default. Returns the error maker for later checks.
 */
export function checkOptions(
  fn: string,
  options: object,
  checks: Record<string, (value: any) => unknown>,
): (key: string) => TypeError {
  const wrong = (key: string) => new TypeError(`${fn}: invalid options.${key}`);
  // Own keys: a page's script that adds an enumerable property to Object.prototype (old libraries did)
  // must not become a check of an option nobody passed.
  for (const key of Object.keys(checks)) {
    const value = (options as Record<string, unknown>)[key];
    if (value != null && !checks[key]!(value)) throw wrong(key);
  }
  return wrong;
}

export const isFunction = (v: unknown) => typeof v === 'function';
export const isBoolean = (v: unknown) => typeof v === 'boolean';
export const isJurisdiction = (v: unknown) => v === 'opt-in' || v === 'opt-out';
