import { describe, expect, it } from 'vitest';
import {
  type ConsentEvent,
  type ConsentRecord,
  type ConsentState,
  createMachine,
  defineConfig,
} from '../index';
import { config, DAY, input, NOW } from './fixtures';

const machine = createMachine(config);
const init = (
  record: ConsentRecord | null = null,
  extra: Partial<Extract<ConsentEvent, { type: 'INIT' }>> = {},
) => machine.transition(machine.initial, { type: 'INIT', now: NOW, record, ...extra });
const run = (...events: ConsentEvent[]) => {
  let state: ConsentState = machine.initial;
  const effects = [];
  for (const e of events) {
    const r = machine.transition(state, e);
    state = r.state;
    effects.push(...r.effects);
  }
  return { state, effects };
};
const INIT: ConsentEvent = { type: 'INIT', now: NOW, record: null };
const at = (type: 'ACCEPT_ALL' | 'REJECT_ALL', now = NOW) => ({ type, now, id: `r${now}` }) as ConsentEvent;
const record = (over: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id: 'stored-0001',
  time: NOW - DAY,
  action: 'accept-all',
  revision: config.revision,
  expires: NOW + 100 * DAY,
  categories: ['necessary', 'statistics', 'analytics', 'marketing'],
  services: ['session', 'matomo', 'ga', 'hotjar', 'youtube'],
  gpc: false,
  jurisdiction: 'opt-in',
  ...over,
});
const optionalGranted = (s: ConsentState) =>
  ['analytics', 'marketing', 'ga', 'hotjar', 'youtube'].filter((id) => s.granted[id]);

describe('nothing optional is granted before an explicit decision', () => {
  it('the initial (pending) state grants only the required category and its services', () => {
    expect(machine.initial.status).toBe('pending');
    expect(
      Object.entries(machine.initial.granted)
        .filter(([, v]) => v)
        .map(([k]) => k),
    ).toEqual(['necessary', 'session']);
    expect(machine.initial.banner).toBe(false);
  });

  it('a first visit shows the banner and grants nothing optional', () => {
    const { state } = init();
    expect(state.status).toBe('undecided');
    expect(state.banner).toBe(true);
    expect(optionalGranted(state)).toEqual([]);
  });

  it('a site with only required and exempt categories has nothing to ask: no banner, nothing else granted', () => {
    const quiet = createMachine(
      defineConfig({
        ...input,
        categories: input.categories.filter((c) => c.id === 'necessary' || c.id === 'statistics'),
        services: input.services.filter((s) => s.category === 'necessary' || s.category === 'statistics'),
      }),
    );
    const { state } = quiet.transition(quiet.initial, { type: 'INIT', now: NOW, record: null });
    expect(state.status).toBe('undecided');
    expect(state.banner).toBe(false);
    expect(state.granted).toEqual({ necessary: true, statistics: true, session: true, matomo: true });
    // The preferences still open, to show what the site sets.
    expect(quiet.transition(state, { type: 'OPEN_PREFERENCES' }).state.preferences).toBe(true);
  });

  it('an exempt category (anonymised statistics) is on without consent, with its services', () => {
    const { state } = init();
    expect(state.granted.statistics).toBe(true);
    expect(state.granted.matomo).toBe(true);
  });

  it('dismissing the banner (Escape, ✕) is no decision: nothing stored, nothing granted', () => {
    const { state, effects } = run(INIT, { type: 'CLOSE_BANNER' });
    expect(state.banner).toBe(false);
    expect(state.status).toBe('undecided');
    expect(state.record).toBeNull();
    expect(optionalGranted(state)).toEqual([]);
    expect(effects.some((e) => e.type === 'STORE')).toBe(false);
  });

  it('closing the preferences dialog with Escape discards the draft and keeps the banner', () => {
    const { state, effects } = run(
      INIT,
      { type: 'OPEN_PREFERENCES' },
      { type: 'TOGGLE', id: 'analytics', granted: true },
      { type: 'CLOSE_PREFERENCES' },
    );
    expect(state.preferences).toBe(false);
    expect(state.draft).toBeNull();
    expect(state.banner).toBe(true);
    expect(state.granted.analytics).toBe(false);
    expect(effects.some((e) => e.type === 'STORE')).toBe(false);
  });
});

describe('rejecting is as easy as accepting', () => {
  it('reject-all from the first layer decides, stores and hides the banner like accept-all', () => {
    const rejected = run(INIT, at('REJECT_ALL'));
    const accepted = run(INIT, at('ACCEPT_ALL'));
    for (const { state, effects } of [rejected, accepted]) {
      expect(state.status).toBe('decided');
      expect(state.banner).toBe(false);
      expect(effects.map((e) => e.type)).toContain('STORE');
    }
    expect(optionalGranted(rejected.state)).toEqual([]);
    expect(rejected.state.granted.statistics).toBe(false);
    expect(optionalGranted(accepted.state)).toEqual(['analytics', 'marketing', 'ga', 'hotjar', 'youtube']);
  });

  it('reject-all records the action and only required categories', () => {
    const { state } = run(INIT, at('REJECT_ALL'));
    expect(state.record?.action).toBe('reject-all');
    expect(state.record?.categories).toEqual(['necessary']);
    expect(state.record?.services).toEqual(['session']);
  });
});

describe('preferences changes are a draft until saved', () => {
  it('toggling changes the draft only; nothing is granted or stored', () => {
    const s0 = init().state;
    const opened = machine.transition(s0, { type: 'OPEN_PREFERENCES' });
    const { state, effects } = machine.transition(opened.state, {
      type: 'TOGGLE',
      id: 'analytics',
      granted: true,
    });
    expect(opened.effects).toEqual([]);
    expect(state.draft?.analytics).toBe(true);
    expect(state.draft?.ga).toBe(true);
    expect(state.granted.analytics).toBe(false);
    expect(effects).toEqual([]);
  });

  it('save stores exactly the draft', () => {
    const { state, effects } = run(
      INIT,
      { type: 'OPEN_PREFERENCES' },
      { type: 'TOGGLE', id: 'analytics', granted: true },
      { type: 'TOGGLE', id: 'hotjar', granted: false },
      { type: 'SAVE', now: NOW, id: 'r1' },
    );
    expect(state.record?.action).toBe('custom');
    expect(state.record?.categories).toEqual(['necessary', 'statistics', 'analytics']);
    expect(state.record?.services).toEqual(['session', 'matomo', 'ga']);
    expect(state.preferences).toBe(false);
    expect(state.draft).toBeNull();
    expect(effects.find((e) => e.type === 'STORE')).toBeTruthy();
  });

  it('save with choices applies them over the current grants without opening the dialog', () => {
    const { state } = run(INIT, { type: 'SAVE', now: NOW, id: 'r1', choices: { marketing: true } });
    expect(optionalGranted(state)).toEqual(['marketing', 'youtube']);
  });

  it('a service choice overrides its category (contextual consent for one embed)', () => {
    const { state } = run(INIT, { type: 'SAVE', now: NOW, id: 'r1', choices: { youtube: true } });
    expect(state.granted.youtube).toBe(true);
    expect(state.granted.marketing).toBe(false);
  });

  it('a category whose every service is refused is refused (in the draft, a save, a withdrawal); some refused leave it on', () => {
    const drafted = run(
      INIT,
      at('ACCEPT_ALL'),
      { type: 'OPEN_PREFERENCES' },
      { type: 'TOGGLE', id: 'ga', granted: false },
    ).state;
    // One of two analytics services off: the category stays on.
    expect([drafted.draft?.analytics, drafted.draft?.hotjar]).toEqual([true, true]);
    const both = machine.transition(drafted, { type: 'TOGGLE', id: 'hotjar', granted: false }).state;
    expect(both.draft?.analytics).toBe(false);
    const saved = machine.transition(both, { type: 'SAVE', now: NOW + 1, id: 'r2' });
    expect(optionalGranted(saved.state)).toEqual(['marketing', 'youtube']);
    expect(saved.effects.find((e) => e.type === 'APPLY')).toMatchObject({
      revoked: ['analytics', 'ga', 'hotjar'],
    });
    expect(saved.state.record?.categories).not.toContain('analytics');
    // Through save's choices and a withdrawal of the category's last service alike.
    expect(
      run(INIT, { type: 'SAVE', now: NOW, id: 'r1', choices: { marketing: true, youtube: false } }).state
        .granted.marketing,
    ).toBe(false);
    const withdrawn = run(INIT, at('ACCEPT_ALL'), {
      type: 'WITHDRAW',
      now: NOW + 1,
      id: 'w1',
      ids: ['youtube'],
    });
    expect([withdrawn.state.granted.marketing, withdrawn.state.granted.analytics]).toEqual([false, true]);
    // A record listing the category without any of its services (an older version's) grants it no longer.
    expect(
      init(record({ action: 'custom', services: ['session', 'matomo', 'ga', 'hotjar'] })).state.granted
        .marketing,
    ).toBe(false);
  });

  it('grant applies over the current decision, not over an unsaved draft', () => {
    const { state } = run(
      INIT,
      at('REJECT_ALL'),
      { type: 'OPEN_PREFERENCES' },
      { type: 'TOGGLE', id: 'marketing', granted: true },
      { type: 'GRANT', now: NOW + 1, id: 'g1', ids: ['youtube'] },
    );
    expect(optionalGranted(state)).toEqual(['youtube']);
    expect(state.record?.services).toContain('youtube');
    // The dialog stays open; its draft keeps the unsaved toggle and shows the grant.
    expect(state.preferences).toBe(true);
    expect(state.draft?.marketing).toBe(true);
    expect(state.draft?.youtube).toBe(true);
  });

  // An embed's "allow" pressed before the banner is answered decides that embed only: the visitor said
  // nothing about the rest, so nothing else is recorded as their refusal and the banner still asks.
  it('a placeholder grant before any decision keeps what it grants, and the banner still asks about the rest', () => {
    const g = { type: 'GRANT', now: NOW + 1, id: 'g1', ids: ['youtube'] } as const;
    const { state, effects } = run(INIT, g);
    expect(optionalGranted(state)).toEqual(['youtube']);
    expect(state).toMatchObject({ status: 'decided', banner: true, record: { action: 'partial' } });
    expect(effects.map((e) => e.type)).toContain('STORE');
    // Read back on the next page: the grant holds, and so does the question.
    const reloaded = init(state.record);
    expect(optionalGranted(reloaded.state)).toEqual(['youtube']);
    expect(reloaded.state.banner).toBe(true);
    // A second embed's grant is still a placeholder grant; the banner's answer is the decision.
    const second = machine.transition(reloaded.state, { ...g, id: 'g2', ids: ['marketing'] }).state;
    expect(second.record?.action).toBe('partial');
    expect(second.banner).toBe(true);
    const answered = machine.transition(second, at('REJECT_ALL', NOW + 2)).state;
    expect(answered).toMatchObject({ banner: false, record: { action: 'reject-all' } });
  });

  it('withdrawing named ids before the banner is answered is partial too; withdrawing everything is an answer', () => {
    const g = { type: 'GRANT', now: NOW + 1, id: 'g1', ids: ['youtube'] } as const;
    const w = { type: 'WITHDRAW', now: NOW + 2, id: 'w1', ids: ['youtube'] } as const;
    const undone = run(INIT, g, w).state;
    expect(optionalGranted(undone)).toEqual([]);
    expect(undone).toMatchObject({ banner: true, record: { action: 'partial' } });
    expect(init(undone.record).state.banner).toBe(true);
    expect(run(INIT, w).state).toMatchObject({ banner: true, record: { action: 'partial' } });
    // withdraw() of everything optional is the visitor's refusal: the banner's question is answered.
    const all = run(INIT, g, { type: 'WITHDRAW', now: NOW + 2, id: 'w2' }).state;
    expect(all).toMatchObject({ banner: false, record: { action: 'withdraw' } });
    // After a full decision, withdrawing named ids is a withdrawal as before.
    expect(run(INIT, at('ACCEPT_ALL'), w).state).toMatchObject({
      banner: false,
      record: { action: 'withdraw' },
    });
  });

  it('a placeholder grant after a decision is a custom decision, and never brings a dismissed banner back', () => {
    const g = { type: 'GRANT', now: NOW + 1, id: 'g1', ids: ['youtube'] } as const;
    expect(run(INIT, at('REJECT_ALL'), g).state).toMatchObject({
      banner: false,
      record: { action: 'custom', services: ['session', 'youtube'] },
    });
    expect(run(INIT, { type: 'CLOSE_BANNER' }, g).state).toMatchObject({
      banner: false,
      record: { action: 'partial' },
    });
  });

  it('grant with bad ids grants nothing', () => {
    const s = init().state;
    expect(machine.transition(s, { type: 'GRANT', now: NOW, id: 'g', ids: 'youtube' as never }).state).toBe(
      s,
    );
    const { state } = machine.transition(s, { type: 'GRANT', now: NOW, id: 'g', ids: ['nope', '__proto__'] });
    expect(optionalGranted(state)).toEqual([]);
  });

  // A gate with a misspelt id (<ConsentGate service="youtub">) hands its placeholder grant(['youtub']):
  // the visitor pressed "allow", and a refusal of everything, stored for months with the banner gone,
  // is not what they chose. Nothing is decided: no record, the banner stays. Production builds drop the
  // adapters' warning about such a gate, so this is all the visitor's click meets there.
  it('a grant naming no id of the config decides nothing: no record, the banner stays', () => {
    const s = init().state;
    for (const ids of [['youtub'], ['nope', '__proto__', 'toString'], []]) {
      const t = machine.transition(s, { type: 'GRANT', now: NOW, id: 'g', ids });
      expect(t.state).toBe(s);
      expect(t.effects).toEqual([]);
    }
    // One known id among misspelt ones is still a grant of that one.
    const { state } = machine.transition(s, { type: 'GRANT', now: NOW, id: 'g', ids: ['youtub', 'youtube'] });
    expect(optionalGranted(state)).toEqual(['youtube']);
    expect(state.status).toBe('decided');
  });

  // withdraw(['analytic']) after accepting all would store (and send as proof) a withdrawal that
  // withdrew nothing.
  it('a withdrawal naming no id of the config decides nothing; without a list it withdraws everything', () => {
    const accepted = run(INIT, { type: 'ACCEPT_ALL', now: NOW, id: 'a' }).state;
    for (const ids of [['analytic'], ['nope', '__proto__', 'toString'], []]) {
      const t = machine.transition(accepted, { type: 'WITHDRAW', now: NOW + 1, id: 'w', ids });
      expect(t.state).toBe(accepted);
      expect(t.effects).toEqual([]);
    }
    const one = machine.transition(accepted, {
      type: 'WITHDRAW',
      now: NOW + 1,
      id: 'w',
      ids: ['analytic', 'analytics'],
    });
    expect(one.state.granted.analytics).toBe(false);
    expect(one.state.record!.action).toBe('withdraw');
    // Not a list (a string passed by mistake): everything optional, the least permissive reading.
    const all = machine.transition(accepted, {
      type: 'WITHDRAW',
      now: NOW + 1,
      id: 'w',
      ids: 'analytics' as never,
    });
    expect(optionalGranted(all.state)).toEqual([]);
  });

  it('toggling a required category or one of its services is ignored', () => {
    const opened = run(INIT, { type: 'OPEN_PREFERENCES' }).state;
    expect(machine.transition(opened, { type: 'TOGGLE', id: 'necessary', granted: false }).state).toBe(
      opened,
    );
    expect(machine.transition(opened, { type: 'TOGGLE', id: 'session', granted: false }).state).toBe(opened);
  });

  it('toggling without an open dialog, an unknown id or a non-boolean is ignored', () => {
    const { state } = init();
    expect(machine.transition(state, { type: 'TOGGLE', id: 'analytics', granted: true }).state).toBe(state);
    const opened = machine.transition(state, { type: 'OPEN_PREFERENCES' }).state;
    expect(machine.transition(opened, { type: 'TOGGLE', id: 'nope', granted: true }).state).toBe(opened);
    expect(
      machine.transition(opened, { type: 'TOGGLE', id: 'analytics', granted: 'yes' as never }).state,
    ).toBe(opened);
  });
});

describe('a stored decision that no longer counts is no decision', () => {
  it('a valid stored record restores the decision without a banner', () => {
    const { state } = init(
      record({ action: 'custom', categories: ['necessary', 'analytics'], services: ['session', 'ga'] }),
    );
    expect(state.status).toBe('decided');
    expect(state.banner).toBe(false);
    expect(optionalGranted(state)).toEqual(['analytics', 'ga']);
  });

  it('a record made under an older policy revision shows the banner and grants nothing optional', () => {
    const { state, effects } = init(record({ revision: '2' }));
    expect(state.status).toBe('undecided');
    expect(state.banner).toBe(true);
    expect(optionalGranted(state)).toEqual([]);
    // Its cookies go: the discarded record had granted them.
    expect(effects).toContainEqual({ type: 'CLEAR', services: ['ga', 'hotjar', 'youtube'] });
  });

  it('an expired record is no decision', () => {
    expect(init(record({ expires: NOW - 1 })).state.status).toBe('undecided');
    expect(init(record({ expires: NOW })).state.status).toBe('undecided');
  });

  it('a record dated in the future is no decision', () => {
    expect(init(record({ time: NOW + DAY, expires: NOW + 2 * DAY })).state.status).toBe('undecided');
  });

  it('a record up to 12 hours ahead counts: a visitor clock set to the wrong time zone, read by a server', () => {
    const HOUR = 36e5;
    expect(init(record({ time: NOW + 5 * HOUR })).state.status).toBe('decided');
    expect(init(record({ time: NOW + 12 * HOUR })).state.status).toBe('decided');
    expect(init(record({ time: NOW + 12 * HOUR + 1 })).state.status).toBe('undecided');
  });

  it('a record claiming a lifetime past the config’s (at most 13 months) counts only for the config’s', () => {
    const accepted = config.lifetimes.accepted * DAY;
    const claim = record({ time: NOW - DAY, expires: NOW + 400 * DAY });
    expect(init(claim).state.status).toBe('decided');
    const at = (now: number) => machine.transition(machine.initial, { type: 'INIT', now, record: claim });
    expect(at(NOW - DAY + accepted - 1).state.status).toBe('decided');
    expect(at(NOW - DAY + accepted).state.status).toBe('undecided');
    expect(at(NOW + 395 * DAY).state.granted.analytics).toBe(false);
  });

  it('an unreadable record (decoded as null) is no decision', () => {
    expect(init(null).state.banner).toBe(true);
  });

  it('every page load clears the cookies of what is not granted, whatever left them', () => {
    // No readable decision (first visit, or a tampered or truncated cookie): every optional service.
    expect(init(null).effects).toContainEqual({ type: 'CLEAR', services: ['ga', 'hotjar', 'youtube'] });
    // A valid decision that refused marketing: its services, which a page on another cookie path or
    // the more permissive of two disagreeing copies may have left.
    const refused = record({
      action: 'custom',
      categories: ['necessary', 'statistics', 'analytics'],
      services: ['session', 'matomo', 'ga'],
    });
    expect(init(refused).effects).toContainEqual({ type: 'CLEAR', services: ['hotjar', 'youtube'] });
    // Everything granted: nothing to clear, no effect.
    expect(init(record()).effects.some((e) => e.type === 'CLEAR')).toBe(false);
  });

  it('a bumped revision in the config invalidates records of the old one', () => {
    const bumped = createMachine(defineConfig({ ...input, revision: 4 }));
    const { state } = bumped.transition(bumped.initial, { type: 'INIT', now: NOW, record: record() });
    expect(state.status).toBe('undecided');
    expect(state.granted.analytics).toBe(false);
  });
});

describe('a decision whose time runs out while the page stays open counts no longer', () => {
  // Stored yesterday, expiring in 100 days: at NOW + 100 days its time is up.
  const END = NOW + 100 * DAY;
  const decided = () => init(record()).state;

  it('EXPIRE at the expiry brings the banner back, revokes what it granted and clears its cookies', () => {
    const { state, effects } = machine.transition(decided(), { type: 'EXPIRE', now: END });
    expect(state.status).toBe('undecided');
    expect(state.record).toBeNull();
    expect(state.banner).toBe(true);
    expect(optionalGranted(state)).toEqual([]);
    expect(effects).toEqual([
      { type: 'APPLY', granted: [], revoked: ['analytics', 'marketing', 'ga', 'hotjar', 'youtube'] },
      { type: 'CLEAR', services: ['ga', 'hotjar', 'youtube'] },
    ]);
    // As a reload at that time would have it.
    expect(state).toEqual(
      machine.transition(machine.initial, { type: 'INIT', now: END, record: record() }).state,
    );
  });

  it('EXPIRE before the expiry changes nothing', () => {
    const before = decided();
    expect(machine.transition(before, { type: 'EXPIRE', now: END - 1 })).toEqual({
      state: before,
      effects: [],
    });
  });

  it("an embed's grant after it ran out is partial: it renews only what it names, and the banner asks", () => {
    const { state, effects } = machine.transition(decided(), {
      type: 'GRANT',
      now: END + DAY,
      id: 'grant-0001',
      ids: ['youtube'],
    });
    expect(state.record).toMatchObject({ action: 'partial', services: ['session', 'matomo', 'youtube'] });
    expect(optionalGranted(state)).toEqual(['youtube']);
    expect(state.banner).toBe(true);
    expect(effects.find((e) => e.type === 'APPLY')).toEqual({
      type: 'APPLY',
      granted: [],
      revoked: ['analytics', 'marketing', 'ga', 'hotjar'],
    });
  });

  it('a withdrawal after it ran out stores no renewal of what it left', () => {
    const { state } = machine.transition(decided(), {
      type: 'WITHDRAW',
      now: END,
      id: 'withdraw-0001',
      ids: ['marketing'],
    });
    expect(optionalGranted(state)).toEqual([]);
    expect(state.record?.categories).toEqual(['necessary', 'statistics']);
  });

  it('accepting at the moment it ran out is one step from the old grants: nothing revoked, then granted again', () => {
    const { state, effects } = machine.transition(decided(), at('ACCEPT_ALL', END));
    expect(state.record).toMatchObject({ action: 'accept-all', time: END });
    expect(state.banner).toBe(false);
    expect(effects.map((e) => e.type)).toEqual(['STORE', 'BROADCAST']);
  });

  it('a dialog open when it ran out stays open with its draft, and Save decides the draft, never the defaults', () => {
    // Opt-out, the visitor had refused all: the defaults would grant marketing (sale/sharing) again.
    const refused = record({
      action: 'reject-all',
      categories: ['necessary', 'statistics'],
      services: ['session', 'matomo'],
      jurisdiction: 'opt-out',
    });
    let s = init(refused, { jurisdiction: 'opt-out' }).state;
    s = machine.transition(s, { type: 'OPEN_PREFERENCES' }).state;
    s = machine.transition(s, { type: 'TOGGLE', id: 'analytics', granted: true }).state;
    const lapsed = machine.transition(s, { type: 'EXPIRE', now: END }).state;
    expect(lapsed).toMatchObject({ status: 'undecided', banner: true, preferences: true, draft: s.draft });
    const saved = machine.transition(s, { type: 'SAVE', now: END, id: 'save-0001' }).state;
    expect(saved.record?.categories).toEqual(['necessary', 'statistics', 'analytics']);
    expect(saved.granted.marketing).toBe(false);
  });

  it('opening the preferences without a time changes nothing; a decision lapses only by a time given', () => {
    const before = decided();
    expect(machine.transition(before, { type: 'OPEN_PREFERENCES' }).state.draft).toEqual(before.granted);
  });
});

describe('acceptance and refusal have their own lifetimes', () => {
  const custom = createMachine(defineConfig({ ...input, lifetimes: { accepted: 395, refused: 182 } }));
  const go = (type: 'ACCEPT_ALL' | 'REJECT_ALL') =>
    custom.transition(custom.transition(custom.initial, INIT).state, at(type)).state.record!;

  it('an acceptance is kept for the accepted lifetime', () => {
    const r = go('ACCEPT_ALL');
    expect(r.expires - r.time).toBe(395 * DAY);
  });

  it('a refusal is kept for the refused lifetime', () => {
    const r = go('REJECT_ALL');
    expect(r.expires - r.time).toBe(182 * DAY);
  });

  it('keeping only what needs no consent (the exempt statistics) is a refusal, kept for the refused lifetime', () => {
    const init = custom.transition(custom.initial, INIT).state;
    const save = {
      type: 'SAVE',
      now: NOW,
      id: 's1',
      choices: { analytics: false, marketing: false },
    } as const;
    const r = custom.transition(init, save).state.record!;
    expect(r.categories).toContain('statistics');
    expect(r.expires - r.time).toBe(182 * DAY);
  });

  it('the defaults follow CNIL guidance: about 6 months', () => {
    const r = run(INIT, at('ACCEPT_ALL')).state.record!;
    expect(r.expires - r.time).toBe(182 * DAY);
  });
});

describe('withdrawal is always possible and as easy as giving', () => {
  it('withdraw without ids revokes every optional category and service, and exempt ones', () => {
    const { state, effects } = run(INIT, at('ACCEPT_ALL'), { type: 'WITHDRAW', now: NOW + 1, id: 'w1' });
    expect(state.record?.action).toBe('withdraw');
    expect(optionalGranted(state)).toEqual([]);
    expect(state.granted.statistics).toBe(false);
    expect(state.granted.necessary).toBe(true);
    const last = effects.slice(-4);
    expect(last.map((e) => e.type)).toEqual(['STORE', 'APPLY', 'CLEAR', 'BROADCAST']);
    expect(last[2]).toEqual({ type: 'CLEAR', services: ['matomo', 'ga', 'hotjar', 'youtube'] });
  });

  it('withdrawing one category clears only what is denied and keeps the rest', () => {
    const { state, effects } = run(INIT, at('ACCEPT_ALL'), {
      type: 'WITHDRAW',
      now: NOW + 1,
      id: 'w1',
      ids: ['analytics'],
    });
    expect(optionalGranted(state)).toEqual(['marketing', 'youtube']);
    expect(effects.at(-3)).toEqual({ type: 'APPLY', granted: [], revoked: ['analytics', 'ga', 'hotjar'] });
    expect(effects.at(-2)).toEqual({ type: 'CLEAR', services: ['ga', 'hotjar'] });
  });

  it('withdrawal never grants anything, even when called before any decision', () => {
    const { state } = run(INIT, { type: 'WITHDRAW', now: NOW, id: 'w1', ids: ['analytics', 'necessary'] });
    expect(optionalGranted(state)).toEqual([]);
    expect(state.granted.necessary).toBe(true);
    expect(state.status).toBe('decided');
  });

  it('a refusal clears the cookies of every denied service', () => {
    const { effects } = run(INIT, at('REJECT_ALL'));
    expect(effects).toContainEqual({ type: 'CLEAR', services: ['matomo', 'ga', 'hotjar', 'youtube'] });
  });

  it('every decision tells integrations what was granted and revoked', () => {
    const { effects } = run(INIT, at('ACCEPT_ALL'));
    expect(effects).toContainEqual({
      type: 'APPLY',
      granted: ['analytics', 'marketing', 'ga', 'hotjar', 'youtube'],
      revoked: [],
    });
  });
});

describe('privacy signals (GPC) as defaults where the jurisdiction rule says so', () => {
  it('opt-out model: optional categories are on before a decision', () => {
    const { state } = init(null, { jurisdiction: 'opt-out' });
    expect(optionalGranted(state)).toEqual(['analytics', 'marketing', 'ga', 'hotjar', 'youtube']);
  });

  it('opt-out model with GPC: sale/sharing categories are denied by default', () => {
    const { state } = init(null, { jurisdiction: 'opt-out', gpc: true });
    expect(state.gpc).toBe(true);
    expect(optionalGranted(state)).toEqual(['analytics', 'ga', 'hotjar']);
  });

  it('opt-in model with GPC: nothing optional, as without it', () => {
    expect(optionalGranted(init(null, { gpc: true }).state)).toEqual([]);
  });

  it('an explicit choice wins over GPC, and the record says GPC was on', () => {
    const s0 = init(null, { jurisdiction: 'opt-out', gpc: true }).state;
    const { state } = machine.transition(s0, at('ACCEPT_ALL'));
    expect(state.granted.marketing).toBe(true);
    expect(state.record?.gpc).toBe(true);
  });

  // CCPA regulations, 11 CCR § 7025(c)(3): a signal that conflicts with an earlier setting allowing sale
  // or sharing is processed; the business may ask again.
  it('opt-out model: a record made without GPC that lets sale/sharing on counts no longer once GPC is on (the defaults, the banner asks again)', () => {
    for (const action of ['accept-all', 'custom'] as const) {
      const earlier = record({ action, jurisdiction: 'opt-out' });
      const { state, effects } = init(earlier, { jurisdiction: 'opt-out', gpc: true });
      expect([state.status, state.record, state.banner], action).toEqual(['undecided', null, true]);
      expect(optionalGranted(state), action).toEqual(['analytics', 'ga', 'hotjar']);
      // The sale/sharing services' cookies go.
      expect(
        effects.find((e) => e.type === 'CLEAR'),
        action,
      ).toMatchObject({
        services: expect.arrayContaining(['youtube']),
      });
      // Without the signal the same record counts.
      expect(init(earlier, { jurisdiction: 'opt-out' }).state.record, action).toBe(earlier);
    }
  });

  it('opt-out model with GPC: a choice made with the signal on, or one that lets no sale/sharing on, still counts', () => {
    const withSignal = record({ jurisdiction: 'opt-out', gpc: true });
    expect(init(withSignal, { jurisdiction: 'opt-out', gpc: true }).state.granted.marketing).toBe(true);
    const noSale = record({
      action: 'custom',
      jurisdiction: 'opt-out',
      categories: ['necessary', 'statistics', 'analytics'],
      services: ['session', 'matomo', 'ga', 'hotjar'],
    });
    expect(init(noSale, { jurisdiction: 'opt-out', gpc: true }).state.record).toBe(noSale);
  });

  it('opt-in model: GPC takes back no earlier opt-in (it is a default only where opt-out applies)', () => {
    const optIn = record();
    expect(init(optIn, { gpc: true }).state.record).toBe(optIn);
  });

  it("opt-out model with GPC: another tab's decision made without the signal is not adopted if it lets sale/sharing on", () => {
    const s0 = init(null, { jurisdiction: 'opt-out', gpc: true }).state;
    const other = record({ id: 'other-tab-01', time: NOW, jurisdiction: 'opt-out' });
    expect(machine.transition(s0, { type: 'SYNC', now: NOW, record: other }).state).toBe(s0);
    const withSignal = { ...other, gpc: true };
    expect(machine.transition(s0, { type: 'SYNC', now: NOW, record: withSignal }).state.record).toBe(
      withSignal,
    );
  });

  it('GPC alone stores nothing (no record without the visitor)', () => {
    expect(init(null, { jurisdiction: 'opt-out', gpc: true }).effects.some((e) => e.type === 'STORE')).toBe(
      false,
    );
  });

  it('a stored rejection wins over the opt-out model on every load (c15t #546)', () => {
    const rejected = record({ action: 'reject-all', categories: ['necessary'], services: ['session'] });
    expect(optionalGranted(init(rejected, { jurisdiction: 'opt-out' }).state)).toEqual([]);
  });

  it('a category with default: false stays off under the opt-out model', () => {
    const m = createMachine(
      defineConfig({
        ...input,
        categories: input.categories.map((c) => (c.id === 'analytics' ? { ...c, default: false } : c)),
      }),
    );
    const { state } = m.transition(m.initial, {
      type: 'INIT',
      now: NOW,
      record: null,
      jurisdiction: 'opt-out',
    });
    expect(state.granted.analytics).toBe(false);
    expect(state.granted.marketing).toBe(true);
  });
});

describe('necessary is always granted', () => {
  it('in every state reached by any action', () => {
    const states = [
      machine.initial,
      init().state,
      run(INIT, at('REJECT_ALL')).state,
      run(INIT, { type: 'WITHDRAW', now: NOW, id: 'w' }).state,
      run(INIT, { type: 'SAVE', now: NOW, id: 's', choices: { necessary: false, session: false } }).state,
    ];
    for (const s of states) {
      expect(s.granted.necessary).toBe(true);
      expect(s.granted.session).toBe(true);
    }
  });
});

describe('multi-tab sync', () => {
  it("another tab's placeholder grant is adopted and leaves this tab's banner as it was", () => {
    const grant = record({
      action: 'partial',
      categories: ['necessary', 'statistics'],
      services: ['session', 'matomo', 'youtube'],
    });
    const sync = { type: 'SYNC', now: NOW, record: grant } as const;
    expect(run(INIT, sync).state).toMatchObject({ banner: true, granted: { youtube: true, ga: false } });
    expect(run(INIT, { type: 'CLOSE_BANNER' }, sync).state.banner).toBe(false);
  });

  it('adopts a newer record from another tab without storing or broadcasting it again', () => {
    const s0 = run(INIT, at('REJECT_ALL', NOW)).state;
    const { state, effects } = machine.transition(s0, {
      type: 'SYNC',
      now: NOW + 2,
      record: record({ time: NOW + 1 }),
    });
    expect(state.granted.analytics).toBe(true);
    expect(effects.map((e) => e.type)).toEqual(['APPLY']);
  });

  it('a later decision made in the same millisecond is adopted (acceptAll then withdraw in one script)', () => {
    const s1 = machine.transition(run(INIT).state, {
      type: 'SYNC',
      now: NOW,
      record: record({ time: NOW }),
    }).state;
    expect(s1.granted.marketing).toBe(true);
    const withdrawn = record({
      id: 'stored-0002',
      time: NOW,
      action: 'withdraw',
      categories: ['necessary', 'statistics', 'analytics'],
      services: ['session', 'matomo', 'ga'],
    });
    const s2 = machine.transition(s1, { type: 'SYNC', now: NOW, record: withdrawn }).state;
    expect(s2.record).toBe(withdrawn);
    expect(s2.granted.marketing).toBe(false);
  });

  it('a stale record never overwrites a newer decision', () => {
    const s0 = run(INIT, at('REJECT_ALL', NOW)).state;
    expect(machine.transition(s0, { type: 'SYNC', now: NOW, record: record({ time: NOW - 5 }) }).state).toBe(
      s0,
    );
  });

  it('an invalid synced record (other revision) is ignored', () => {
    const s0 = init().state;
    expect(machine.transition(s0, { type: 'SYNC', now: NOW, record: record({ revision: '1' }) }).state).toBe(
      s0,
    );
  });
});

describe('bad events are answered safely', () => {
  it('unknown, empty or malformed events change nothing', () => {
    const s = init().state;
    for (const e of [null, undefined, 42, 'ACCEPT_ALL', {}, { type: 'NOPE' }] as unknown as ConsentEvent[]) {
      expect(machine.transition(s, e).state).toBe(s);
    }
  });

  it('a decision without a time or id decides nothing', () => {
    const s = init().state;
    for (const e of [
      { type: 'ACCEPT_ALL', id: 'x' },
      { type: 'ACCEPT_ALL', now: Number.NaN, id: 'x' },
      { type: 'ACCEPT_ALL', now: NOW, id: '' },
      { type: 'SAVE', now: NOW },
    ] as unknown as ConsentEvent[]) {
      expect(machine.transition(s, e).state).toBe(s);
    }
  });

  it('choices with unknown ids, non-booleans or prototype keys grant nothing extra', () => {
    const choices = JSON.parse(
      '{"__proto__": {"analytics": true}, "constructor": true, "marketing": "yes", "nope": true}',
    );
    const { state } = run(INIT, { type: 'SAVE', now: NOW, id: 's', choices });
    expect(optionalGranted(state)).toEqual([]);
    expect(({} as Record<string, unknown>).analytics).toBeUndefined();
  });

  it('ids named like Object.prototype members are plain ids, never inherited grants', () => {
    const m = createMachine(
      defineConfig({
        revision: 1,
        languages: ['en'],
        categories: [
          { id: 'necessary', required: true, texts: { en: { title: 'N' } } },
          { id: 'constructor', texts: { en: { title: 'C' } } },
          { id: 'toString', texts: { en: { title: 'T' } } },
        ],
        services: [
          { id: 'hasOwnProperty', provider: 'P', category: 'constructor', texts: { en: { title: 'H' } } },
        ],
      }),
    );
    let s = m.transition(m.initial, { type: 'INIT', now: NOW, record: null }).state;
    expect([s.granted.constructor, s.granted.toString, s.granted.hasOwnProperty]).toEqual([
      false,
      false,
      false,
    ]);
    s = m.transition(s, { type: 'SAVE', now: NOW, id: 's', choices: { toString: true } }).state;
    expect([s.granted.constructor, s.granted.toString, s.granted.hasOwnProperty]).toEqual([
      false,
      true,
      false,
    ]);
    s = m.transition(s, { type: 'OPEN_PREFERENCES' }).state;
    expect(m.transition(s, { type: 'TOGGLE', id: 'valueOf', granted: true }).state).toBe(s);
    s = m.transition(s, { type: 'TOGGLE', id: 'constructor', granted: true }).state;
    expect(s.draft?.hasOwnProperty).toBe(true);
  });

  it('a transition that changes nothing returns the same state object', () => {
    const s = run(INIT, { type: 'CLOSE_BANNER' }).state;
    expect(machine.transition(s, { type: 'CLOSE_BANNER' }).state).toBe(s);
    expect(machine.transition(s, { type: 'CLOSE_PREFERENCES' }).state).toBe(s);
  });

  it('preferences cannot open before storage was read', () => {
    expect(machine.transition(machine.initial, { type: 'OPEN_PREFERENCES' }).state).toBe(machine.initial);
  });
});
