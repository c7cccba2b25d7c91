import { createMachine, isRecordValid } from '../machine/machine';
import type { ConsentRecord, ConsentState } from '../machine/types';
import type { ConsentConfig, Jurisdiction } from '../model/types';
import { decodeRecord, leastPermissive } from '../storage/codec';
import { type CookieSource, cookieHeader, headerCookieValues } from '../storage/cookie';
import { checkOptions, isBoolean, isFunction, isJurisdiction } from '../store/options';

export interface ServerConsent<Id extends string = string> {
  /**
   * The decision in force, or null. Render the banner from `state.banner`, not from this: a partial
   * decision (an embed's "allow" before the banner was answered) has a record and still a banner.
   */
  record: ConsentRecord | null;
  /** The state a client store reading the same cookie starts in: render with it, no banner flash. */
  state: ConsentState<Id>;
  has(id: Id): boolean;
}

/**
 * Reads the visitor's decision from a request's Cookie header (or its headers: see `CookieSource`).
 * Never throws over the cookie: a missing, malformed, expired or tampered one is no decision; two
 * disagreeing copies grant only what both grant. A config that did not come from `defineConfig`, or
 * something else than a request or its cookies (a Buffer, a list, a cookie jar), throws a TypeError.
 */
export function readConsent<C extends string, S extends string>(
  cookies: CookieSource,
  config: ConsentConfig<C, S>,
  options?: {
    now?: number;
    gpc?: boolean;
    jurisdiction?: Jurisdiction;
    migrate?: (value: string, version: string) => string | null;
  } | null,
): ServerConsent<C | S> {
  // A wrong config is the program's mistake, not the visitor's: say so rather than read as no decision.
  if (config?.validated !== true)
    throw new TypeError('readConsent: use defineConfig() (a copied config too)');
  // null, as undefined, is no options.
  options ??= {};
  // `gpc: req.headers['sec-gpc']` (the string '1') must not read as no signal: use readGpcHeader.
  checkOptions('readConsent', options, {
    now: Number.isFinite,
    gpc: isBoolean,
    jurisdiction: isJurisdiction,
    migrate: isFunction,
  });
  const now = options.now ?? Date.now();
  const values = headerCookieValues(
    cookieHeader('readConsent', cookies, config.cookie.name),
    config.cookie.name,
  );
  const record = leastPermissive(
    values
      .map((v) => decodeRecord(v, config, options.migrate))
      .filter((r): r is ConsentRecord => isRecordValid(config, r, now, options.jurisdiction, options.gpc)),
  );
  const machine = createMachine(config);
  const { state } = machine.transition(machine.initial, {
    type: 'INIT',
    now,
    record,
    gpc: options.gpc === true,
    jurisdiction: options.jurisdiction,
  });
  return { record: state.record, state, has: (id) => state.granted[id] === true };
}
