import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConsentConfig,
  type ConsentEvent,
  type ConsentRecord,
  type ConsentState,
  createMachine,
  decodeRecord,
  encodeRecord,
  isRecordExpired,
  replay,
  type Transition,
} from '../index';
import { config, DAY, NOW } from './fixtures';

/**
 * Random event sequences against the machine's invariants. CI runs at least 10k sequences per
 * property (CONSENTRY_PROPERTY_RUNS raises it locally).
 */
const RUNS = Math.max(10_000, Number(process.env.CONSENTRY_PROPERTY_RUNS) || 0);
// Typed with plain string ids: the test indexes grants with ids it generates.
const machine = createMachine(config as ConsentConfig);
const categoryIds = config.categories.map((c) => c.id as string);
const serviceIds = config.services.map((s) => s.id as string);
const ids = [...categoryIds, ...serviceIds];
const categoryOf = new Map(config.services.map((s) => [s.id as string, s.category as string]));
const required = new Set(config.categories.filter((c) => c.required).map((c) => c.id as string));
const exempt = new Set(config.categories.filter((c) => c.exempt).map((c) => c.id as string));
const isRequired = (id: string) => required.has(id) || required.has(categoryOf.get(id) ?? '');
/** Needs consent under opt-in: neither required nor exempt (nor a service of those). */
const isOptional = (id: string) =>
  !isRequired(id) && !exempt.has(id) && !exempt.has(categoryOf.get(id) ?? '');

const anyId = fc.constantFrom(...ids, 'unknown', '__proto__', 'constructor');
const record = fc.record({
  id: fc.constantFrom('stored-aaaa', 'stored-bbbb'),
  time: fc.integer({ min: NOW - 30 * DAY, max: NOW + 30 * DAY }),
  action: fc.constantFrom('accept-all', 'reject-all', 'custom', 'withdraw' as const),
  revision: fc.constantFrom('3', '3', '2'),
  expires: fc.integer({ min: NOW - DAY, max: NOW + 400 * DAY }),
  categories: fc.subarray(categoryIds),
  services: fc.subarray(serviceIds),
  gpc: fc.boolean(),
  jurisdiction: fc.constantFrom('opt-in', 'opt-out' as const),
}) as fc.Arbitrary<ConsentRecord>;

/** An event without its time; times are assigned in order so the clock never runs backwards. */
const event: fc.Arbitrary<(now: number) => ConsentEvent> = fc.oneof(
  fc.constant((now: number) => ({ type: 'ACCEPT_ALL' as const, now, id: `a${now}` })),
  fc.constant((now: number) => ({ type: 'REJECT_ALL' as const, now, id: `r${now}` })),
  fc
    .option(fc.dictionary(anyId, fc.oneof(fc.boolean(), fc.constant('yes' as unknown as boolean))), {
      nil: undefined,
    })
    .map((choices) => (now: number) => ({ type: 'SAVE' as const, now, id: `s${now}`, choices })),
  fc
    .option(fc.subarray(ids), { nil: undefined })
    .map((wids) => (now: number) => ({ type: 'WITHDRAW' as const, now, id: `w${now}`, ids: wids })),
  fc
    .subarray(ids)
    .map((gids) => (now: number) => ({ type: 'GRANT' as const, now, id: `g${now}`, ids: gids })),
  fc.tuple(anyId, fc.boolean()).map(([id, granted]) => () => ({ type: 'TOGGLE' as const, id, granted })),
  fc.constant(() => ({ type: 'OPEN_PREFERENCES' as const })),
  fc.constant(() => ({ type: 'CLOSE_PREFERENCES' as const })),
  fc.constant(() => ({ type: 'CLOSE_BANNER' as const })),
  record.map((r) => (now: number) => ({ type: 'SYNC' as const, now, record: r })),
  fc.constant((now: number) => ({ type: 'EXPIRE' as const, now })),
);

const scenario = fc.record({
  stored: fc.option(record, { nil: null }),
  gpc: fc.boolean(),
  jurisdiction: fc.constantFrom('opt-in' as const, 'opt-in' as const, 'opt-out' as const),
  // Mostly days apart; now and then a page left open for months, past any decision's expiry.
  steps: fc.array(
    fc.tuple(
      event,
      fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 3 * DAY }), weight: 9 },
        { arbitrary: fc.integer({ min: 0, max: 400 * DAY }), weight: 1 },
      ),
    ),
    { maxLength: 25 },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function play(s: Scenario) {
  let now = NOW;
  const events: ConsentEvent[] = [
    { type: 'INIT', now, record: s.stored, gpc: s.gpc, jurisdiction: s.jurisdiction },
  ];
  for (const [make, dt] of s.steps) {
    now += dt;
    events.push(make(now));
  }
  return events;
}

/** Plays a scenario through the machine; `visit` sees each event, the state before it and the transition. */
function walk(
  s: Scenario,
  visit: (e: ConsentEvent, before: ConsentState, r: Transition) => void,
): ConsentState {
  let state = machine.initial;
  for (const e of play(s)) {
    const r = machine.transition(state, e);
    visit(e, state, r);
    state = r.state;
  }
  return state;
}

/**
 * The state an event is decided over: the one before it, or, when the decision in force ran out by the
 * event's time, what the machine makes of that first (the banner asks again, the defaults apply).
 */
const base = (e: ConsentEvent, before: ConsentState) =>
  'now' in e && before.record && isRecordExpired(config as ConsentConfig, before.record, e.now)
    ? machine.transition(before, { type: 'EXPIRE', now: e.now }).state
    : before;

/** Asserts `visit`'s expectations over RUNS random scenarios (`fix` narrows a scenario). */
const holds = (visit: Parameters<typeof walk>[1], fix: (s: Scenario) => Scenario = (s) => s) =>
  fc.assert(
    fc.property(scenario, (s) => {
      walk(fix(s), visit);
    }),
    { numRuns: RUNS },
  );

describe('machine invariants over random event sequences', () => {
  it('never an optional grant without an explicit grant event (opt-in)', () => {
    // Every id the visitor (or a stored/synced decision) ever granted explicitly, per scenario.
    let given = new Set<string>();
    holds(
      (e, _before, { state }) => {
        if (e.type === 'INIT') given = new Set();
        if (e.type === 'ACCEPT_ALL') for (const id of ids) given.add(id);
        if (e.type === 'TOGGLE' && e.granted === true) given.add(e.id);
        if (e.type === 'GRANT') for (const id of e.ids) given.add(id);
        if (e.type === 'SAVE' && e.choices)
          for (const [k, v] of Object.entries(e.choices)) if (v === true) given.add(k);
        if ((e.type === 'INIT' || e.type === 'SYNC') && e.record)
          for (const id of [...e.record.categories, ...e.record.services]) given.add(id);
        for (const id of ids) {
          if (state.granted[id] && isOptional(id)) {
            expect(
              given.has(id) || given.has(categoryOf.get(id) ?? ''),
              `${id} granted without a grant event`,
            ).toBe(true);
          }
        }
      },
      (s) => ({ ...s, jurisdiction: 'opt-in' }),
    );
  });

  it('necessary is always granted, the banner never shows over a decision (only over a placeholder grant), storing needs a decision', () => {
    holds((e, before, { state, effects }) => {
      for (const id of ids) if (isRequired(id)) expect(state.granted[id]).toBe(true);
      if (state.status === 'decided' && state.record?.action !== 'partial') expect(state.banner).toBe(false);
      // A placeholder's grant never brings a dismissed banner back (a lapsed decision does).
      if (e.type === 'GRANT' && state.banner) expect(base(e, before).banner).toBe(true);
      if (state.draft) expect(state.preferences).toBe(true);
      if (effects.some((x) => x.type === 'STORE'))
        expect(['ACCEPT_ALL', 'REJECT_ALL', 'SAVE', 'WITHDRAW', 'GRANT']).toContain(e.type);
    });
  });

  it('reject-all leaves only required categories and their services', () => {
    holds((e, _before, { state }) => {
      if (e.type === 'REJECT_ALL')
        expect(ids.filter((id) => state.granted[id])).toEqual(ids.filter(isRequired));
    });
  });

  it('a stored-then-read record equals what was decided, and restores the same grants', () => {
    holds((_e, _before, { state, effects }) => {
      for (const effect of effects) {
        if (effect.type !== 'STORE') continue;
        const read = decodeRecord(encodeRecord(effect.record, config), config);
        expect(read).toEqual(effect.record);
        const reloaded = machine.transition(machine.initial, {
          type: 'INIT',
          now: effect.record.time,
          record: read,
          // Read back where it was made: an opt-out record is no decision under opt-in (its own test).
          jurisdiction: effect.record.jurisdiction,
        });
        expect(reloaded.state.granted).toEqual(state.granted);
      }
    });
  });

  it('replaying the log gives the same state', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(replay(machine, play(s))).toEqual(walk(s, () => {}));
      }),
      { numRuns: RUNS },
    );
  });

  it('withdrawal never grants anything', () => {
    holds((e, before, { state }) => {
      if (e.type === 'WITHDRAW' && before.status !== 'pending') {
        for (const id of ids) if (state.granted[id]) expect(base(e, before).granted[id]).toBe(true);
      }
    });
  });

  it('a decision counts only until its time is up: after any event with a time, none in force has run out', () => {
    holds((e, _before, { state }) => {
      if ('now' in e && state.record)
        expect(isRecordExpired(config as ConsentConfig, state.record, e.now)).toBe(false);
    });
  });
});
