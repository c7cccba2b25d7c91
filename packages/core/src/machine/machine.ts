import type { ConsentConfig } from '../model/types';
import type {
  ConsentAction,
  ConsentEffect,
  ConsentEvent,
  ConsentRecord,
  ConsentState,
  Transition,
} from './types';

const DAY = 864e5;
/** A record dated further in the future than this (client clock skew) was not written by us. */
export const MAX_CLOCK_SKEW = 6e5;

/**
 * Whether a stored record still counts: same policy revision, not expired, not dated in the future,
 * and not claiming a lifetime past 13 months (CNIL). Anything else is no decision.
 */
export function isRecordValid(
  config: ConsentConfig,
  record: ConsentRecord | null,
  now: number,
): record is ConsentRecord {
  return (
    !!record &&
    record.revision === config.revision &&
    record.time <= now + MAX_CLOCK_SKEW &&
    record.expires > now &&
    record.expires > record.time &&
    record.expires - record.time <= 395 * DAY
  );
}

export interface ConsentMachine<Id extends string = string> {
  readonly config: ConsentConfig;
  /** The state before storage was read: only required categories granted, no banner yet. */
  readonly initial: ConsentState<Id>;
  /** Pure: the next state (the same reference when nothing changed) and the effects to run. */
  transition(state: ConsentState<Id>, event: ConsentEvent): Transition<Id>;
}

type Grants = Record<string, boolean>;
type Category = ConsentConfig['categories'][number];
type Service = ConsentConfig['services'][number];

/**
 * Builds the pure consent machine for a config. No clock, randomness or DOM inside: time and ids
 * arrive in events, and everything that touches the world leaves as effect data.
 */
export function createMachine<C extends string, S extends string>(
  config: ConsentConfig<C, S>,
): ConsentMachine<C | S> {
  const { categories, services } = config as ConsentConfig;
  const isRequired = (id: string) => categories.some((c) => c.required && c.id === id);

  /** Categories cascade to their services unless `service` says otherwise; required ones are always on. */
  const byCategory = (
    category: (c: Category) => boolean,
    service?: (s: Service) => boolean | undefined,
  ): Grants => {
    // A plain object with every config id as an own key: V8 keeps it in fast mode, so has() is a
    // fast property read (a null-prototype map is a dictionary: about 3x slower to read).
    const g: Grants = {};
    for (const c of categories) g[c.id] = c.required || category(c);
    for (const s of services) g[s.id] = isRequired(s.category) || (service?.(s) ?? g[s.category]!);
    return g;
  };

  /** Applies choices over a base: category choices cascade to their services, service choices win. */
  const choose = (base: Grants, choices: unknown): Grants => {
    // Null prototype: a choice map from outside must not answer "constructor" with an inherited value.
    const pick: Grants = Object.create(null);
    if (choices && typeof choices === 'object') {
      for (const [id, v] of Object.entries(choices)) if (typeof v === 'boolean') pick[id] = v;
    }
    return byCategory(
      (c) => pick[c.id] ?? base[c.id]!,
      (s) => pick[s.id] ?? (s.category in pick ? undefined : base[s.id]),
    );
  };

  const fromRecord = (r: ConsentRecord) =>
    byCategory(
      (c) => r.categories.includes(c.id),
      (s) => r.services.includes(s.id),
    );

  /**
   * Moves to new grants: APPLY what changed, CLEAR the cookies of every denied service when asked,
   * and for the visitor's own decision STORE and BROADCAST the record (never for one from another tab).
   */
  const settle = (
    state: ConsentState,
    g: Grants,
    patch: Partial<ConsentState>,
    clear: unknown,
    own?: ConsentRecord,
  ): Transition => {
    const granted: string[] = [];
    const revoked: string[] = [];
    for (const k in g) if (g[k] !== state.granted[k]) (g[k] ? granted : revoked).push(k);
    const denied = services.filter((s) => !g[s.id]).map((s) => s.id);
    const effects: ConsentEffect[] = own ? [{ type: 'STORE', record: own }] : [];
    if (granted.length + revoked.length) effects.push({ type: 'APPLY', granted, revoked });
    if (clear && denied.length) effects.push({ type: 'CLEAR', services: denied });
    if (own) effects.push({ type: 'BROADCAST', record: own });
    return { state: { ...state, ...patch, granted: g }, effects };
  };

  const decide = (
    state: ConsentState,
    action: ConsentAction,
    g: Grants,
    now: number,
    id: string,
  ): Transition => {
    // A refusal is kept for the refused lifetime, any grant of an optional category for the accepted one.
    const accepted = categories.some((c) => !c.required && g[c.id]);
    const record: ConsentRecord = {
      id,
      time: now,
      action,
      revision: config.revision,
      expires: now + Math.round((accepted ? config.lifetimes.accepted : config.lifetimes.refused) * DAY),
      categories: categories.filter((c) => g[c.id]).map((c) => c.id),
      services: services.filter((s) => g[s.id]).map((s) => s.id),
      gpc: state.gpc,
    };
    return settle(
      state,
      g,
      { status: 'decided', record, banner: false, preferences: false, draft: null },
      1,
      record,
    );
  };

  const initial: ConsentState = {
    status: 'pending',
    record: null,
    // Before storage is read nothing optional is granted, whatever the jurisdiction.
    granted: byCategory(() => false),
    banner: false,
    preferences: false,
    draft: null,
    gpc: false,
    jurisdiction: config.jurisdiction,
  };

  const transition = (state: ConsentState, event: ConsentEvent): Transition => {
    const same: Transition = { state, effects: [] };
    const next = (patch: Partial<ConsentState>): Transition => ({
      state: { ...state, ...patch },
      effects: [],
    });
    if (!event || typeof event !== 'object') return same;
    const timed = Number.isFinite((event as { now?: unknown }).now);
    const e = event as ConsentEvent & { now: number; id: string };
    // Decisions need a time and a record id from the runtime; without them nothing is decided.
    const decision = timed && typeof e.id === 'string' && e.id !== '';

    switch (event.type) {
      case 'INIT': {
        if (!timed) return same;
        const gpc = event.gpc === true;
        const jurisdiction =
          event.jurisdiction === 'opt-out' || event.jurisdiction === 'opt-in'
            ? event.jurisdiction
            : state.jurisdiction;
        const valid = isRecordValid(config, event.record, event.now);
        const g = valid
          ? fromRecord(event.record!)
          : byCategory(
              (c) =>
                // Exempt categories need no consent; under the opt-out model the rest is on until the
                // visitor opts out, and GPC is an opt-out of sale/sharing.
                !!c.exempt || (jurisdiction === 'opt-out' && c.default && !(gpc && c.saleOrSharing)),
            );
        return settle(
          state,
          g,
          {
            status: valid ? 'decided' : 'undecided',
            record: valid ? event.record : null,
            banner: !valid,
            preferences: false,
            draft: null,
            gpc,
            jurisdiction,
          },
          // A discarded record (expired, older revision) had granted things: their cookies go now.
          event.record && !valid,
        );
      }
      case 'ACCEPT_ALL':
        return decision
          ? decide(
              state,
              'accept-all',
              byCategory(() => true),
              e.now,
              e.id,
            )
          : same;
      case 'REJECT_ALL':
        return decision
          ? decide(
              state,
              'reject-all',
              byCategory(() => false),
              e.now,
              e.id,
            )
          : same;
      case 'SAVE':
        return decision
          ? decide(state, 'custom', choose(state.draft ?? state.granted, event.choices), e.now, e.id)
          : same;
      case 'WITHDRAW': {
        if (!decision) return same;
        const ids = Array.isArray(event.ids) ? event.ids : Object.keys(state.granted);
        // Only `false` choices over the current grants: withdrawal narrows, it never grants.
        return decide(
          state,
          'withdraw',
          choose(state.granted, Object.fromEntries(ids.map((id) => [id, false]))),
          e.now,
          e.id,
        );
      }
      case 'GRANT': {
        if (!decision || !Array.isArray(event.ids)) return same;
        const on = Object.fromEntries(event.ids.map((id) => [id, true]));
        const t = decide(state, 'custom', choose(state.granted, on), e.now, e.id);
        // Applied over the current decision, not the draft; an open dialog stays open and shows the grant.
        return state.draft
          ? { ...t, state: { ...t.state, preferences: true, draft: choose(state.draft, on) } }
          : t;
      }
      case 'TOGGLE': {
        const d = state.draft;
        // typeof, not `in`: an inherited name such as "toString" is no id of this config.
        if (!d || typeof event.granted !== 'boolean' || typeof d[event.id] !== 'boolean') return same;
        const draft = choose(d, { [event.id]: event.granted });
        return Object.keys(d).some((k) => d[k] !== draft[k]) ? next({ draft }) : same;
      }
      case 'OPEN_PREFERENCES':
        return state.preferences || state.status === 'pending'
          ? same
          : next({ preferences: true, draft: state.granted });
      case 'CLOSE_PREFERENCES':
        // Closing (Escape, ✕) discards the draft: no decision. The banner stays while there is none.
        return state.preferences ? next({ preferences: false, draft: null }) : same;
      case 'CLOSE_BANNER':
        // Dismissing the banner is no decision: nothing is granted or stored.
        return state.banner ? next({ banner: false }) : same;
      case 'SYNC': {
        if (!timed || state.status === 'pending' || !isRecordValid(config, event.record, e.now)) return same;
        const record = event.record!;
        // A stale tab never overwrites a newer decision.
        if (state.record && record.time <= state.record.time) return same;
        const g = fromRecord(record);
        return settle(
          state,
          g,
          { status: 'decided', record, banner: false, draft: state.preferences ? g : null },
          1,
        );
      }
      default:
        return same;
    }
  };

  return { config, initial, transition } as ConsentMachine<C | S>;
}

/** Replays an event log from the initial state. Replaying a store's log gives its current state. */
export function replay<Id extends string>(
  machine: ConsentMachine<Id>,
  events: readonly ConsentEvent[],
): ConsentState<Id> {
  let state = machine.initial;
  for (const e of events) state = machine.transition(state, e).state;
  return state;
}
