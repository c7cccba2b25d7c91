import type { ConsentConfig, Jurisdiction } from '../model/types';
import type { Choices, ConsentAction, ConsentEffect, ConsentEvent, ConsentRecord, ConsentState, Transition } from './types';

const DAY = 86_400_000;
/** A record dated further in the future than this (client clock skew) was not written by us. */
export const MAX_CLOCK_SKEW = 10 * 60_000;
/** Past 13 months a stored decision is never honoured, whatever the record says (CNIL). */
const MAX_AGE = 395 * DAY;

/**
 * Whether a stored record still counts: same policy revision, not expired, not dated in the future,
 * and not claiming a lifetime past 13 months. Anything else is no decision.
 */
export function isRecordValid(config: ConsentConfig, record: ConsentRecord | null, now: number): record is ConsentRecord {
  return (
    record !== null &&
    typeof record === 'object' &&
    record.revision === config.revision &&
    Number.isFinite(record.time) &&
    Number.isFinite(record.expires) &&
    record.time <= now + MAX_CLOCK_SKEW &&
    record.expires > now &&
    record.expires > record.time &&
    record.expires - record.time <= MAX_AGE
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

/**
 * Builds the pure consent machine for a config. No clock, randomness or DOM inside: time and ids
 * arrive in events, and everything that touches the world leaves as effect data.
 */
export function createMachine<C extends string, S extends string>(config: ConsentConfig<C, S>): ConsentMachine<C | S> {
  const { categories, services } = config;
  const required = new Set(categories.filter((c) => c.required).map((c) => c.id as string));
  const serviceCategory = new Map<string, string>(services.map((s) => [s.id, s.category]));

  /** Categories cascade to their services; required ones are forced on. */
  function fromCategories(on: (id: string, c: (typeof categories)[number]) => boolean): Grants {
    const g: Grants = Object.create(null);
    for (const c of categories) g[c.id] = c.required || on(c.id, c);
    for (const s of services) g[s.id] = g[s.category]!;
    return g;
  }

  /** Grants before any decision, by jurisdiction model. */
  function defaults(jurisdiction: Jurisdiction, gpc: boolean): Grants {
    return fromCategories(
      (_, c) =>
        c.exempt !== null ||
        // Opt-out model: on until the visitor opts out; GPC is an opt-out of sale/sharing.
        (jurisdiction === 'opt-out' && c.default && !(gpc && c.saleOrSharing)),
    );
  }

  function fromRecord(record: ConsentRecord): Grants {
    const cats = new Set(record.categories);
    const svcs = new Set(record.services);
    const g = fromCategories((id) => cats.has(id));
    for (const s of services) g[s.id] = required.has(s.category) || svcs.has(s.id);
    return g;
  }

  /** Applies choices over a base: category choices first (cascading), then service choices. */
  function choose(base: Grants, choices: Choices | undefined): Grants {
    const g: Grants = Object.assign(Object.create(null), base);
    if (!choices || typeof choices !== 'object') return g;
    const pick = (id: string) =>
      Object.prototype.hasOwnProperty.call(choices, id) && typeof (choices as Grants)[id] === 'boolean';
    for (const c of categories) {
      if (!c.required && pick(c.id)) {
        g[c.id] = (choices as Grants)[c.id]!;
        for (const s of services) if (s.category === c.id) g[s.id] = g[c.id]!;
      }
    }
    for (const s of services) if (!required.has(s.category) && pick(s.id)) g[s.id] = (choices as Grants)[s.id]!;
    return g;
  }

  function same(a: Grants, b: Grants): boolean {
    for (const k in a) if (a[k] !== b[k]) return false;
    return true;
  }

  function apply(before: Grants, after: Grants): ConsentEffect[] {
    const granted: string[] = [];
    const revoked: string[] = [];
    for (const k in after) {
      if (after[k] && !before[k]) granted.push(k);
      else if (!after[k] && before[k]) revoked.push(k);
    }
    return granted.length || revoked.length ? [{ type: 'APPLY', granted, revoked }] : [];
  }

  function clear(g: Grants): ConsentEffect[] {
    const denied = services.filter((s) => !g[s.id]).map((s) => s.id as string);
    return denied.length ? [{ type: 'CLEAR', services: denied }] : [];
  }

  function decide(state: ConsentState, action: ConsentAction, g: Grants, now: number, id: string): Transition {
    const optional = categories.filter((c) => !c.required);
    // A refusal is kept for the refused lifetime; any grant of an optional category for the accepted one.
    const accepted = optional.some((c) => g[c.id]);
    const days = accepted ? config.lifetimes.accepted : config.lifetimes.refused;
    const record: ConsentRecord = {
      id,
      time: now,
      action,
      revision: config.revision,
      expires: now + Math.round(days * DAY),
      categories: categories.filter((c) => g[c.id]).map((c) => c.id),
      services: services.filter((s) => g[s.id]).map((s) => s.id),
      gpc: state.gpc,
    };
    return {
      state: {
        ...state,
        status: 'decided',
        record,
        granted: g,
        banner: false,
        preferences: false,
        draft: null,
      },
      effects: [
        { type: 'STORE', record },
        ...apply(state.granted, g),
        ...clear(g),
        { type: 'BROADCAST', record },
      ],
    };
  }

  const initialJurisdiction = config.jurisdiction;
  const initial: ConsentState = {
    status: 'pending',
    record: null,
    // Before storage is read nothing optional is granted, whatever the jurisdiction.
    granted: fromCategories(() => false),
    banner: false,
    preferences: false,
    draft: null,
    gpc: false,
    jurisdiction: initialJurisdiction,
  };

  function transition(state: ConsentState, event: ConsentEvent): Transition {
    const unchanged: Transition = { state, effects: [] };
    if (!event || typeof event !== 'object') return unchanged;
    const timed = 'now' in event && Number.isFinite(event.now);
    const decided = timed && 'id' in event && typeof event.id === 'string' && event.id !== '';

    switch (event.type) {
      case 'INIT': {
        if (!timed) return unchanged;
        const gpc = event.gpc === true;
        const jurisdiction = event.jurisdiction === 'opt-out' || event.jurisdiction === 'opt-in' ? event.jurisdiction : state.jurisdiction;
        const valid = isRecordValid(config, event.record, event.now);
        const g = valid ? fromRecord(event.record!) : defaults(jurisdiction, gpc);
        const next: ConsentState = {
          status: valid ? 'decided' : 'undecided',
          record: valid ? event.record : null,
          granted: g,
          banner: !valid,
          preferences: false,
          draft: null,
          gpc,
          jurisdiction,
        };
        // A discarded record (expired, older revision) granted things; their cookies go now.
        const effects = [...apply(state.granted, g), ...(event.record && !valid ? clear(g) : [])];
        return { state: next, effects };
      }
      case 'ACCEPT_ALL':
        return decided ? decide(state, 'accept-all', fromCategories(() => true), event.now, event.id) : unchanged;
      case 'REJECT_ALL':
        return decided ? decide(state, 'reject-all', fromCategories(() => false), event.now, event.id) : unchanged;
      case 'SAVE': {
        if (!decided) return unchanged;
        return decide(state, 'custom', choose(state.draft ?? state.granted, event.choices), event.now, event.id);
      }
      case 'WITHDRAW': {
        if (!decided) return unchanged;
        const ids = Array.isArray(event.ids) ? event.ids : null;
        const choices: Grants = Object.create(null);
        for (const c of categories) if (!ids || ids.includes(c.id)) choices[c.id] = false;
        for (const s of services) if (ids?.includes(s.id)) choices[s.id] = false;
        // Withdrawal narrows what is granted now; it never grants anything.
        const g = choose(state.granted, choices);
        for (const k in g) g[k] = g[k]! && state.granted[k as keyof typeof state.granted] === true;
        for (const r of required) g[r] = true;
        return decide(state, 'withdraw', g, event.now, event.id);
      }
      case 'TOGGLE': {
        if (!state.draft || typeof event.granted !== 'boolean') return unchanged;
        const id = event.id;
        if (!(id in state.draft) || required.has(id) || required.has(serviceCategory.get(id) ?? '')) return unchanged;
        const draft = choose(state.draft, { [id]: event.granted });
        return same(draft, state.draft) ? unchanged : { state: { ...state, draft }, effects: [] };
      }
      case 'OPEN_PREFERENCES':
        if (state.preferences || state.status === 'pending') return unchanged;
        return {
          state: { ...state, preferences: true, draft: Object.assign(Object.create(null), state.granted) },
          effects: [],
        };
      case 'CLOSE_PREFERENCES':
        // Closing (Escape, ✕) discards the draft: no decision. The banner stays if there is none.
        return state.preferences ? { state: { ...state, preferences: false, draft: null }, effects: [] } : unchanged;
      case 'CLOSE_BANNER':
        // Dismissing the banner is no decision: nothing is granted or stored.
        return state.banner ? { state: { ...state, banner: false }, effects: [] } : unchanged;
      case 'SYNC': {
        if (!timed || state.status === 'pending' || !isRecordValid(config, event.record, event.now)) return unchanged;
        const record = event.record!;
        // A stale tab never overwrites a newer decision.
        if (state.record && record.time <= state.record.time) return unchanged;
        const g = fromRecord(record);
        return {
          state: {
            ...state,
            status: 'decided',
            record,
            granted: g,
            banner: false,
            draft: state.preferences ? Object.assign(Object.create(null), g) : null,
          },
          effects: [...apply(state.granted, g), ...clear(g)],
        };
      }
      default:
        return unchanged;
    }
  }

  return { config, initial: initial as ConsentState<C | S>, transition: transition as ConsentMachine<C | S>['transition'] };
}

/** Replays an event log from the initial state. Replaying a store's log gives its current state. */
export function replay<Id extends string>(machine: ConsentMachine<Id>, events: readonly ConsentEvent[]): ConsentState<Id> {
  let state = machine.initial;
  for (const e of events) state = machine.transition(state, e).state;
  return state;
}
