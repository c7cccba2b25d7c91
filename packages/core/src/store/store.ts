import {
  badChoice,
  type ConsentMachine,
  createMachine,
  frozen,
  isRecordExpired,
  isRecordValid,
} from '../machine/machine';
import type { Choices, ConsentEffect, ConsentEvent, ConsentRecord, ConsentState } from '../machine/types';
import type { ConsentConfig, Jurisdiction } from '../model/types';
import { decodeRecord, encodeRecord, leastPermissive } from '../storage/codec';
import { cookieStorage } from '../storage/cookie';
import type { ConsentStorage } from '../storage/types';
import { checkOptions, isBoolean, isFunction, isJurisdiction } from './options';

/** What an integration (script gating, Consent Mode, multi-tab sync…) gets from the store. */
export interface IntegrationContext<C extends string = string, S extends string = string> {
  readonly store: ConsentStore<C, S>;
  readonly config: ConsentConfig<C, S>;
  /** Feeds an event to the machine (e.g. a SYNC from another tab). */
  send(event: ConsentEvent): void;
  /** Decodes a stored value with this store's config and migration hook. */
  decode(value: unknown): ConsentRecord | null;
  now(): number;
}

/** An integration reacts to effects; it is started by the store, never by importing a module. */
export interface IntegrationHandle {
  effect?(effect: ConsentEffect): void;
  destroy?(): void;
}
// biome-ignore lint/suspicious/noConfusingVoidType: an integration with nothing to react to returns nothing.
export type ConsentIntegration = (ctx: IntegrationContext<any, any>) => IntegrationHandle | void;

export interface ConsentOptions {
  /** Where the record is kept. Default: a first-party cookie in a browser; elsewhere nothing is kept. */
  storage?: ConsentStorage;
  /** Clock (ms since epoch). */
  now?: () => number;
  /** Source of opaque random record ids. */
  randomId?: () => string;
  /** Global Privacy Control. Default: `navigator.globalPrivacyControl === true` in a browser. */
  gpc?: boolean;
  /** The visitor's jurisdiction model, when the server knows it; default the config's. */
  jurisdiction?: Jurisdiction;
  /**
   * Started in order before storage is read, so they see every effect from the first one. A falsy entry
   * is none: `[consent.analytics && sendRecords(…)]`.
   */
  integrations?: readonly (ConsentIntegration | false | null | undefined)[];
  /** Turns a stored value of an older version into the current encoding, or null to drop it. */
  migrate?: (value: string, version: string) => string | null;
  /** Called when an effect fails (storage full, an integration throwing). Default: console.error. */
  /** `effect` is the one being run, or undefined for a failure while starting (storage read, integration). */
  onError?: (error: unknown, effect?: ConsentEffect) => void;
}

export interface ConsentStore<C extends string = string, S extends string = string> {
  readonly config: ConsentConfig<C, S>;
  readonly machine: ConsentMachine<C | S>;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current state: immutable, a new object only when something changed. */
  getSnapshot(): ConsentState<C | S>;
  /**
   * In a browser, the state as first read (what a server render with the same cookie saw, for
   * hydration); without a DOM, the current state (what the server renders).
   */
  getServerSnapshot(): ConsentState<C | S>;
  /** Whether a category or service is granted now. */
  has(id: C | S): boolean;
  acceptAll(): void;
  rejectAll(): void;
  /** Saves the preferences draft (or the current grants) with these choices applied on top. */
  save(choices?: Choices<C | S>): void;
  /** Grants this category or service, or these, on top of the current decision, leaving any preferences draft unsaved. */
  grant(ids: C | S | readonly (C | S)[]): void;
  /** Withdraws consent for this category or service, or these, or (with none) for everything optional. */
  withdraw(ids?: C | S | readonly (C | S)[] | null): void;
  /** Changes a choice in the preferences draft; nothing is stored until `save`. */
  toggle(id: C | S, granted: boolean): void;
  openPreferences(): void;
  /** Closes the preferences dialog without saving (Escape, ✕): no decision. */
  closePreferences(): void;
  /** Hides the banner without deciding: nothing is granted. */
  closeBanner(): void;
  /** Every event this store has processed, in order; `replay(store.machine, log)` rebuilds the state. */
  log(): readonly ConsentEvent[];
  /** Stops integrations and drops listeners. */
  destroy(): void;
}

/** The names of a store's actions, the same in every adapter. */
export type ConsentActions<C extends string = string, S extends string = string> = Pick<
  ConsentStore<C, S>,
  | 'acceptAll'
  | 'rejectAll'
  | 'save'
  | 'grant'
  | 'withdraw'
  | 'toggle'
  | 'openPreferences'
  | 'closePreferences'
  | 'closeBanner'
>;

/** A store's actions as one object (they need no `this`), for adapters that hand them out beside the state. */
export function consentActions<C extends string, S extends string>(
  store: ConsentStore<C, S>,
): ConsentActions<C, S> {
  const {
    acceptAll,
    rejectAll,
    save,
    grant,
    withdraw,
    toggle,
    openPreferences,
    closePreferences,
    closeBanner,
  } = store;
  return {
    acceptAll,
    rejectAll,
    save,
    grant,
    withdraw,
    toggle,
    openPreferences,
    closePreferences,
    closeBanner,
  };
}

/** A value that is not a boolean where one is wanted: the program's mistake, reported, nothing decided. */
const invalid = (what: string) => {
  throw new TypeError(`invalid ${what}: expected booleans`);
};

// 128 random bits as four decimal numbers (base 36 would save about 10 cookie bytes and cost 15 bytes of
// code); getRandomValues also works on plain-http pages, unlike randomUUID.
const defaultRandomId = () => crypto.getRandomValues(new Uint32Array(4)).join('-');

/**
 * Creates a consent store: the pure machine plus a thin runtime that reads storage once, runs
 * effects (store the record, hand the rest to integrations) and notifies subscribers.
 */
export function createConsent<C extends string, S extends string>(
  config: ConsentConfig<C, S>,
  options?: ConsentOptions | null,
): ConsentStore<C, S> {
  if (config?.validated !== true) {
    throw new TypeError('createConsent: use defineConfig() (a copied config too)');
  }
  // null, as undefined, is no options.
  options ??= {};
  const wrong = checkOptions('createConsent', options, {
    now: isFunction,
    randomId: isFunction,
    onError: isFunction,
    migrate: isFunction,
    gpc: isBoolean,
    jurisdiction: isJurisdiction,
    // `localStorage` itself for `localStorageStorage()`, the easy confusion, fails here.
    storage: (s) => isFunction(s.read) && isFunction(s.write) && isFunction(s.clear),
    // One integration instead of a list (the usual slip) is taken as a list of one; a falsy entry
    // (`[flag && sendRecords(…)]`) is none. `[gating]` for `[gating()]` fails below, once called.
    integrations: (list) => [list].flat().every((i) => !i || isFunction(i)),
  });
  const machine = createMachine(config);
  const now = options.now ?? Date.now;
  const randomId = options.randomId ?? defaultRandomId;
  // Without a DOM (server, worker) the cookie goes into a stand-in that no later read sees: a store reads
  // its storage once, at creation.
  const doc = globalThis.document;
  const storage = options.storage ?? cookieStorage(config.cookie, doc ?? { cookie: '' });
  // By default the error and the effect it broke (STORE, APPLY…) go to the console as they are.
  const onError = options.onError ?? console.error;
  const listeners = new Set<() => void>();
  const events: ConsentEvent[] = [];
  let state = machine.initial;
  let handles: IntegrationHandle[] = [];

  const decode = (value: unknown) => decodeRecord(value, config, options.migrate);

  // Each step is isolated: a failing storage or integration must not stop the others.
  const attempt = (fn: () => void, effect?: ConsentEffect) => {
    try {
      fn();
    } catch (error) {
      onError(error, effect);
    }
  };

  function run(effect: ConsentEffect) {
    if (effect.type === 'STORE') {
      const { record } = effect;
      attempt(
        () => storage.write(encodeRecord(record, config), (record.expires - record.time) / 1000),
        effect,
      );
    }
    for (const h of handles) attempt(() => h.effect?.(effect), effect);
  }

  let queue: ConsentEvent[] | null = null;
  function send(event: ConsentEvent) {
    // The log keeps its own frozen copy: a caller changing its choices or ids afterwards, or a reader of
    // log(), cannot rewrite what was decided.
    const e = { ...event } as { ids?: unknown; choices?: unknown };
    if (Array.isArray(e.ids)) e.ids = frozen([...e.ids]);
    if (e.choices) e.choices = frozen({ ...e.choices });
    frozen(e);
    // An action taken while effects run (an integration reacting to APPLY) waits until they are done:
    // every integration gets one event's effects before the next one's, in order.
    if (queue) return void queue.push(e as ConsentEvent);
    queue = [e as ConsentEvent];
    let changed = false;
    // for…of sees what is pushed to the queue while it runs. Nothing here throws: the machine answers
    // any event, and run() reports what fails.
    for (const next of queue) {
      events.push(next);
      const t = machine.transition(state, next);
      changed ||= t.state !== state;
      state = t.state;
      for (const effect of t.effects) run(effect);
    }
    queue = null;
    if (!changed) return;
    attempt(watch);
    // A throwing listener is reported and stops neither the others nor the caller's action.
    for (const l of [...listeners]) attempt(l);
  }

  // A decision runs out while the page stays open (a tab kept for months): at its expiry the store tells
  // the machine (EXPIRE), which shows the banner again and revokes what the decision granted. A second
  // late, so that a timer firing a little early still finds it over. A timer waits at most 24.8 days, so
  // a later expiry takes several, each armed again only if the clock moved on meanwhile: a clock that
  // stands still (a test's fixed `now`, timers faked without Date) would arm one for ever, and a test's
  // runAllTimers() would never end (with Date faked it moves the clock past the expiry, and the decision
  // lapses, as it would). A computer asleep delays timers by the time it slept: the page,
  // shown again, looks at the clock (visibilitychange). Only with a document: on a server a store lives
  // for one request and must not keep it alive. Opening the preferences looks first too (their switches
  // must not show a lapsed decision), and every decision carries its own time, checked by the machine.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expire = (now = time()) => {
    if (state.record && isRecordExpired(config, state.record, now)) send({ type: 'EXPIRE', now });
  };
  const look = () => attempt(() => expire());
  function watch() {
    clearTimeout(timer);
    if (!state.record || !doc || destroyed) return;
    const from = time();
    timer = setTimeout(
      () =>
        attempt(() => {
          expire();
          if (time() > from) watch();
        }),
      Math.min(state.record.expires - from + 1e3, 2 ** 31 - 1),
    );
    // Node with a global document (jsdom-global, happy-dom in a test runner): it must not keep the
    // process alive for months.
    (timer as { unref?: () => void }).unref?.();
  }
  doc?.addEventListener?.('visibilitychange', look);

  // Whole milliseconds: a clock such as performance.timeOrigin + performance.now() is fractional. A
  // time the record cannot carry (NaN, negative, past a Date's range) would leave the store pending or
  // a decision that does not read back.
  const time = () => {
    const t = Math.floor(now());
    if (!(t >= 0 && t <= 864e13)) throw wrong('now');
    return t;
  };

  // Decisions get their time and record id here, so the machine stays pure. A clock or id source that
  // throws or gives what a record cannot carry is reported like a failing effect: the action decides
  // nothing and the caller's click handler goes on.
  // A destroyed store decides nothing: no integration would obey the decision. Its dialog still closes.
  let destroyed = false;
  const decide = (type: 'ACCEPT_ALL' | 'REJECT_ALL' | 'SAVE' | 'WITHDRAW' | 'GRANT', extra?: object) =>
    attempt(() => {
      if (destroyed) return;
      // `save({ analytics: 'false' })` (a form's value): the machine decides nothing on it either.
      const bad = badChoice((extra as { choices?: unknown } | undefined)?.choices);
      if (bad != null) invalid(`save({ choices${bad && `.${bad}`} })`);
      const id = randomId();
      if (typeof id !== 'string' || !/^[\w-]{8,64}$/.test(id)) throw wrong('randomId');
      send({ type, now: time(), id, ...extra } as ConsentEvent);
    });

  const store: ConsentStore<C, S> = {
    config,
    machine,
    subscribe(listener) {
      if (!isFunction(listener)) throw new TypeError('subscribe: expected a function');
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => state,
    // Without a DOM (a server), the state now: a request whose handler decides before rendering (a form
    // posted without JavaScript) renders that decision, which the browser then reads from the cookie.
    getServerSnapshot: () => (doc ? serverSnapshot : state),
    has: (id) => state.granted[id] === true,
    acceptAll: () => decide('ACCEPT_ALL'),
    rejectAll: () => decide('REJECT_ALL'),
    save: (choices) => decide('SAVE', { choices }),
    // One id or a list: `withdraw('ga')` read as no list withdrew everything, `grant('ga')` nothing.
    // Anything else is no list, as before: `withdraw` given a click event (`onclick = store.withdraw`)
    // withdraws everything optional, `grant` decides nothing.
    grant: (ids) => decide('GRANT', { ids: typeof ids === 'string' ? [ids] : ids }),
    withdraw: (ids) => decide('WITHDRAW', { ids: typeof ids === 'string' && ids ? [ids] : ids }),
    toggle: (id, granted) =>
      isBoolean(granted)
        ? send({ type: 'TOGGLE', id, granted })
        : attempt(() => invalid('toggle(id, granted)')),
    openPreferences() {
      look();
      send({ type: 'OPEN_PREFERENCES' });
    },
    closePreferences: () => send({ type: 'CLOSE_PREFERENCES' }),
    closeBanner: () => send({ type: 'CLOSE_BANNER' }),
    log: () => [...events],
    destroy() {
      destroyed = true;
      clearTimeout(timer);
      doc?.removeEventListener?.('visibilitychange', look);
      for (const h of handles) h.destroy?.();
      handles = [];
      listeners.clear();
    },
  };

  // A clock the store cannot use fails here, at the call, naming it (before any integration starts).
  const at = time();
  const ctx: IntegrationContext<C, S> = { store, config, send, decode, now };
  for (const integration of [options.integrations ?? []].flat().filter(Boolean) as ConsentIntegration[])
    attempt(() => {
      const handle = integration(ctx) || {};
      // `[gating]` for `[gating()]`: what came back is the integration itself, and it would do nothing
      // (for consentMode: no default, so Google's tags would act as if consent were granted).
      if (typeof handle === 'function') throw wrong('integrations');
      handles.push(handle);
    });

  // Only a real `true` counts (GPC spec: the property may be absent in browsers without support).
  const gpc =
    options.gpc ??
    (globalThis.navigator as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true;
  let record: ConsentRecord | null = null;
  // Unreadable storage is no decision. Disagreeing valid copies grant only what all of them grant.
  // With no valid copy, one that decodes but no longer counts (expired, older revision) still goes to
  // the machine, which shows the banner and clears the cookies that decision had allowed.
  attempt(() => {
    const values: unknown = storage.read();
    // `read: () => localStorage.getItem(key)`: a string or null, not the list the interface asks for.
    if (!Array.isArray(values)) throw wrong('storage.read()');
    const records = values.map(decode).filter(Boolean) as ConsentRecord[];
    record =
      leastPermissive(records.filter((r) => isRecordValid(config, r, at, options.jurisdiction, gpc))) ??
      records[0] ??
      null;
  });
  send({ type: 'INIT', now: at, record, gpc, jurisdiction: options.jurisdiction });
  const serverSnapshot = state;
  return store;
}
