import type { ConsentConfig, Jurisdiction } from '../model/types';
import type {
  ConsentAction,
  ConsentEffect,
  ConsentEvent,
  ConsentRecord,
  ConsentState,
  Transition,
} from './types';

const DAY = 864e5;
/**
 * A record dated further in the future than this was not written by us. A server judges the time the
 * visitor's clock wrote, so this is the clock skew tolerated: a clock set by hand to the wrong time
 * zone is off by whole hours, and at 10 minutes (before) such a visitor's server-rendered page showed
 * the banner that the browser then took away, on every visit.
 */
export const MAX_CLOCK_SKEW = 12 * 36e5;

/**
 * How long the config keeps a decision granting these ids (ms): any category that needs consent is an
 * acceptance. Keeping only what needs none (required, exempt statistics) is a refusal.
 */
const lifetime = (config: ConsentConfig, categories: unknown) =>
  Math.round(
    config.lifetimes[
      config.categories.some(
        (c) => !c.required && !c.exempt && ([] as unknown[]).concat(categories).includes(c.id),
      )
        ? 'accepted'
        : 'refused'
    ] * DAY,
  );

/**
 * Whether a record's time is up at `now`: past its expiry, or older than the config's lifetime for it
 * now (at most 13 months, CNIL: a site that shortens its lifetimes is obeyed, and a record claiming a
 * longer one counts no longer).
 */
export const isRecordExpired = (config: ConsentConfig, record: ConsentRecord, now: number): boolean =>
  !(record.expires > now && record.time + lifetime(config, record.categories) > now);

/**
 * Whether a stored record still counts: same policy revision, not expired (above), not dated in the
 * future, and not made under opt-out where opt-in applies (the jurisdiction in force, default the
 * config's). Under opt-out, a record made without Global Privacy Control that lets a sale-or-sharing
 * category on counts no longer once the signal is on (`gpc`): the signal is processed over the earlier
 * setting, and the visitor may be asked again (CCPA regulations, 11 CCR § 7025(c)(3)); a choice made
 * with the signal on wins over it. Anything else is no decision.
 */
export function isRecordValid(
  config: ConsentConfig,
  record: ConsentRecord | null,
  now: number,
  jurisdiction: Jurisdiction = config.jurisdiction,
  gpc?: boolean,
): record is ConsentRecord {
  return (
    !!record &&
    (record.jurisdiction !== 'opt-out' || jurisdiction === 'opt-out') &&
    !(
      gpc &&
      !record.gpc &&
      jurisdiction === 'opt-out' &&
      config.categories.some(
        (c) => c.saleOrSharing && ([] as unknown[]).concat(record.categories).includes(c.id),
      )
    ) &&
    record.revision === config.revision &&
    record.time <= now + MAX_CLOCK_SKEW &&
    record.expires > record.time &&
    !isRecordExpired(config, record, now)
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

// Snapshots, their grants and records are frozen: a write into a snapshot (a consumer's "optimistic"
// update) throws in strict code instead of granting what nobody decided. One name, so a bundle has one.
export const frozen = Object.freeze;

/**
 * What is wrong with a SAVE's choices: the first id whose value is not a boolean, '' when they are not an
 * object of them (`save('analytics')`, an array), undefined when nothing is (none given counts as none,
 * and an id set to undefined, as `Partial<Record<Id, boolean>>` allows, is no choice).
 */
export const badChoice = (input: unknown): string | undefined =>
  input == null
    ? undefined
    : typeof input !== 'object' || Array.isArray(input)
      ? ''
      : Object.keys(input).find((id) => ![true, false, undefined].includes((input as Grants)[id]));

/** `v` for each id, into a null-prototype map: no id ("constructor", "toString") finds an inherited value. */
const each = (ids: readonly unknown[], v: boolean, into: Grants = Object.create(null)) => {
  for (const id of ids) into[id as string] = v;
  return into;
};

/**
 * Builds the pure consent machine for a config. No clock, randomness or DOM inside: time and ids
 * arrive in events, and everything that touches the world leaves as effect data.
 */
export function createMachine<C extends string, S extends string>(
  config: ConsentConfig<C, S>,
): ConsentMachine<C | S> {
  const { categories, services } = config as ConsentConfig;
  const required: Grants = {};
  for (const c of categories) required[c.id] = c.required;
  // A site whose categories are all required or exempt has nothing to ask: no banner (its texts would
  // claim optional cookies), while the preferences still show what it sets.
  const asks = categories.some((c) => !c.required && !c.exempt);
  const members = categories.map((c) => [c, services.filter((s) => s.category === c.id)] as const);

  /**
   * Effective grants from explicit choices (`pick`) over a `base`. A category choice cascades to its
   * services unless a service has its own choice; without either a service keeps its base value, or
   * follows its category when there is no base. Required categories and their services are always on.
   */
  const grants = (pick: Grants, base?: Grants | null) => {
    // A plain object with every config id as an own key: V8 keeps it in fast mode, so has() is a
    // fast property read (a null-prototype map is a dictionary: about 3x slower to read).
    const g: Grants = {};
    for (const c of categories) g[c.id] = c.required || (pick[c.id] ?? base?.[c.id] ?? false);
    for (const s of services)
      g[s.id] =
        required[s.category]! ||
        (pick[s.id] ?? (base && !(s.category in pick) ? base[s.id]! : g[s.category]!));
    // A category whose every service is refused is refused: on, it still granted what maps to it (Google
    // Consent Mode's analytics_storage, scripts gated by the category) to a visitor who switched each of
    // its services off. Only this way: one service allowed (an embed's "allow") never grants its category.
    for (const [c, own] of members) if (own.length && !own.some((s) => g[s.id])) g[c.id] = false;
    return frozen(g);
  };

  /** Choices from outside, into a null-prototype map (see `badChoice`: only booleans get here). */
  const choices = (input: unknown) => {
    const pick: Grants = Object.create(null);
    // Object(): null and undefined have no entries.
    for (const [id, v] of Object.entries(Object(input))) if (v !== undefined) pick[id] = v as boolean;
    return pick;
  };

  const initial: ConsentState = frozen({
    status: 'pending',
    record: null,
    // Before storage is read nothing optional is granted, whatever the jurisdiction.
    granted: grants({}),
    banner: false,
    preferences: false,
    draft: null,
    gpc: false,
    jurisdiction: config.jurisdiction,
  });
  const all = Object.keys(initial.granted);

  /** The ids of `items` whose grant in `g` is `v`. */
  const where = (items: readonly { id: string }[], g: Grants, v: boolean) =>
    frozen(items.filter((x) => g[x.id] === v).map((x) => x.id));

  /**
   * A record grants what it lists and nothing else. concat, not spread: a record whose lists are not
   * arrays (a mutated log replayed) grants no unknown id and never throws.
   */
  const fromRecord = (r: ConsentRecord) =>
    grants(each(([] as unknown[]).concat(r.categories, r.services), true, each(all, false)));

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
  ) => {
    const granted: string[] = [];
    const revoked: string[] = [];
    for (const k of all) if (g[k] !== state.granted[k]) (g[k] ? granted : revoked).push(k);
    const denied = where(services, g, false);
    const effects = [
      own && { type: 'STORE', record: own },
      (granted.length || revoked.length) && { type: 'APPLY', granted, revoked },
      clear && denied.length && { type: 'CLEAR', services: denied },
      own && { type: 'BROADCAST', record: own },
    ].filter(Boolean) as ConsentEffect[];
    return { state: frozen({ ...state, ...patch, granted: g }), effects };
  };

  /** The state storage gives: the record's decision if it counts, else the defaults and the banner. */
  const start = (
    state: ConsentState,
    record: ConsentRecord | null,
    now: number,
    gpc: boolean,
    jurisdiction: ConsentState['jurisdiction'],
  ) => {
    const valid = isRecordValid(config, record, now, jurisdiction, gpc);
    const defaults: Grants = Object.create(null);
    // Exempt categories need no consent; under the opt-out model the rest is on until the
    // visitor opts out, and GPC is an opt-out of sale/sharing.
    for (const c of categories)
      defaults[c.id] = !!c.exempt || (jurisdiction === 'opt-out' && c.default && !(gpc && c.saleOrSharing));
    return settle(
      state,
      valid ? fromRecord(record) : grants(defaults),
      {
        status: valid ? 'decided' : 'undecided',
        record: valid ? record : null,
        // A partial decision (an embed's "allow") left the rest undecided: the banner still asks.
        banner: asks && (!valid || record.action === 'partial'),
        preferences: false,
        draft: null,
        gpc,
        jurisdiction,
      },
      // What is not granted has no cookies, whatever left them: a discarded (expired, older revision)
      // or unreadable record, the more permissive of two disagreeing copies, or a page on another
      // cookie path (a page sees only its own paths' cookies, so each page load clears what it sees).
      1,
    );
  };

  const transition = (state: ConsentState, event: ConsentEvent): Transition => {
    const same: Transition = { state, effects: [] };
    const ui = (patch: Partial<ConsentState>): Transition => ({
      state: frozen({ ...state, ...patch }),
      effects: [],
    });
    // Object(): null, undefined or a primitive becomes an event without a type.
    event = Object(event);
    const { now, id, ids } = event as { now?: unknown; id?: unknown; ids?: unknown };
    const timed = Number.isFinite(now);
    const list = Array.isArray(ids) ? ids : null;
    // A grant or withdrawal naming no id of this config (a gate's misspelt id) decides nothing: storing
    // it would record a choice nobody made.
    const known = list?.some((i) => typeof state.granted[i] === 'boolean');
    // A decision whose time ran out while the page stayed open counts no longer, as on a reload: from
    // `now` the state is the one storage would give (the banner asks again, optional categories at their
    // defaults, their cookies cleared), and the event is decided over it. Kept, the next grant or
    // withdrawal renewed the lapsed choices for a new lifetime without asking. An open dialog stays open
    // with the visitor's draft: a Save decides what they set there, never the defaults. One step from the
    // old state: an acceptance at the moment of expiry does not revoke then grant again.
    if (
      timed &&
      event.type !== 'INIT' &&
      state.record &&
      isRecordExpired(config, state.record, now as number)
    ) {
      const lapsed = start(state, null, now as number, state.gpc, state.jurisdiction);
      lapsed.state = frozen({ ...lapsed.state, preferences: state.preferences, draft: state.draft });
      const next = transition(lapsed.state, event);
      return next.state === lapsed.state
        ? lapsed
        : settle(
            state,
            next.state.granted,
            next.state,
            1,
            next.effects.find((e) => e.type === 'STORE')?.record,
          );
    }
    const { granted, draft } = state;
    // No full decision yet: none at all, or only partial ones.
    const partial = !state.record || state.record.action === 'partial';
    let action: ConsentAction = 'custom';
    let g: Grants;

    switch (event.type) {
      case 'INIT':
        return timed
          ? start(
              state,
              event.record,
              now as number,
              event.gpc === true,
              event.jurisdiction === 'opt-out' || event.jurisdiction === 'opt-in'
                ? event.jurisdiction
                : state.jurisdiction,
            )
          : same;
      case 'SYNC': {
        const record = event.record!;
        const current = state.record;
        if (
          !timed ||
          state.status === 'pending' ||
          !isRecordValid(config, record, event.now, state.jurisdiction, state.gpc)
        )
          return same;
        g = fromRecord(record);
        // The same record again (a second delivery, a re-read cookie) changes nothing. An older one (a tab
        // whose clock went back, a re-read cookie whose newer write failed) is adopted only when it grants
        // nothing more: a withdrawal reaches every tab, a stale grant never comes back. An equal time is
        // adopted: decisions a tab makes within one millisecond reach the others in order.
        if (
          current &&
          (record.id === current.id || (record.time < current.time && all.some((k) => g[k] && !granted[k])))
        )
          return same;
        return settle(
          state,
          g,
          {
            status: 'decided',
            record,
            banner: record.action === 'partial' && state.banner,
            draft: state.preferences ? g : null,
          },
          1,
        );
      }
      case 'TOGGLE': {
        // typeof, not `in`: an inherited name such as "toString" is no id of this config.
        if (!draft || typeof event.granted !== 'boolean' || typeof draft[event.id] !== 'boolean') return same;
        g = grants(each([event.id], event.granted), draft);
        return all.some((k) => draft[k] !== g[k]) ? ui({ draft: g }) : same;
      }
      case 'OPEN_PREFERENCES':
        return state.preferences || state.status === 'pending'
          ? same
          : ui({ preferences: true, draft: granted });
      case 'CLOSE_PREFERENCES':
        // Closing (Escape, ✕) discards the draft: no decision. The banner stays while there is none.
        return state.preferences ? ui({ preferences: false, draft: null }) : same;
      case 'CLOSE_BANNER':
        // Dismissing the banner is no decision: nothing is granted or stored.
        return state.banner ? ui({ banner: false }) : same;
      case 'ACCEPT_ALL':
        action = 'accept-all';
        g = grants(each(all, true));
        break;
      case 'REJECT_ALL':
        action = 'reject-all';
        g = grants(each(all, false));
        break;
      case 'SAVE':
        // `{ analytics: 'false' }` (a form's value) decides nothing: skipped, it stored the old grant again
        // as the visitor's new decision, for a new lifetime.
        if (badChoice(event.choices) !== undefined) return same;
        g = grants(choices(event.choices), draft ?? granted);
        break;
      case 'WITHDRAW':
        // Only `false` choices over the current grants: withdrawal narrows, it never grants. Of named ids
        // before the banner is answered, it is a partial decision like a placeholder's grant.
        if (list && !known) return same;
        action = list && partial ? 'partial' : 'withdraw';
        g = grants(each(list ?? all, false), granted);
        break;
      case 'GRANT':
        // Applied over the current decision, not the draft. One naming no known id decides nothing (above).
        if (!known) return same;
        // Before the banner is answered (an embed's "allow" pressed first) it decides only what it names:
        // it is kept, and the banner, if shown, still asks about the rest.
        if (partial) action = 'partial';
        g = grants(each(list!, true), granted);
        break;
      default:
        return same;
    }
    // Decisions need a time and a record id from the runtime; without them nothing is decided.
    if (!timed || typeof id !== 'string' || !id) return same;
    const time = now as number;
    const cats = where(categories, g, true);
    const record: ConsentRecord = frozen({
      id,
      time,
      action,
      revision: config.revision,
      // A refusal is kept for the refused lifetime, any grant of an optional category for the accepted one.
      expires: time + lifetime(config, cats),
      categories: cats,
      services: where(services, g, true),
      gpc: state.gpc,
      jurisdiction: state.jurisdiction,
    });
    // A grant leaves an open dialog open, its draft showing the grant and still unsaved.
    const open = event.type === 'GRANT' && draft;
    return settle(
      state,
      g,
      {
        status: 'decided',
        record,
        banner: record.action === 'partial' && state.banner,
        preferences: !!open,
        draft: open ? grants(each(list!, true), open) : null,
      },
      1,
      record,
    );
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
