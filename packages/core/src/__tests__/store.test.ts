import { describe, expect, it, vi } from 'vitest';
import {
  autoClear,
  type ConsentEffect,
  type ConsentStorage,
  consentActions,
  consentMode,
  cookieStorage,
  createConsent,
  defineConfig,
  encodeRecord,
  gating,
  memoryStorage,
  multiTab,
  replay,
  sendRecords,
} from '../index';
import { readConsent } from '../server';
import { config, DAY, input, makeStore, NOW } from './fixtures';

/**
 * A minimal document.cookie: one value per (name, domain, path), the domain as a browser compares it
 * (no leading dot, any case); Max-Age=0 deletes.
 */
function cookieJar() {
  const jar = new Map<string, { name: string; value: string }>();
  return {
    jar,
    get cookie() {
      return [...jar.values()].map((c) => `${c.name}=${c.value}`).join('; ');
    },
    set cookie(s: string) {
      const [pair, ...attrs] = s.split(';').map((p) => p.trim());
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const attr = (k: string) => attrs.find((a) => a.toLowerCase().startsWith(`${k}=`))?.split('=')[1] ?? '';
      const key = `${name}|${attr('domain').replace(/^\./, '').toLowerCase()}|${attr('path')}`;
      if (attr('max-age') === '0') jar.delete(key);
      else if (value.length < 4000) jar.set(key, { name, value });
    },
  };
}

describe('store contract: subscribe / getSnapshot', () => {
  it('reads storage at creation: a first visit is undecided with the banner shown', () => {
    const { store } = makeStore();
    expect(store.getSnapshot().status).toBe('undecided');
    expect(store.getSnapshot().banner).toBe(true);
    expect(store.has('analytics')).toBe(false);
    expect(store.has('necessary')).toBe(true);
  });

  it('notifies subscribers on change and gives a new snapshot object', () => {
    const { store } = makeStore();
    const listener = vi.fn();
    const before = store.getSnapshot();
    const unsubscribe = store.subscribe(listener);
    store.acceptAll();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).not.toBe(before);
    unsubscribe();
    store.rejectAll();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps the same snapshot and does not notify when nothing changed', () => {
    const { store } = makeStore();
    store.closeBanner();
    const snap = store.getSnapshot();
    const listener = vi.fn();
    store.subscribe(listener);
    store.closeBanner();
    store.closePreferences();
    store.toggle('analytics', true); // no dialog open: ignored
    expect(store.getSnapshot()).toBe(snap);
    expect(listener).not.toHaveBeenCalled();
  });

  it('a listener that unsubscribes another during notification does not break the loop', () => {
    const { store } = makeStore();
    const calls: string[] = [];
    let offB = () => {};
    store.subscribe(() => {
      calls.push('a');
      offB();
    });
    offB = store.subscribe(() => calls.push('b'));
    store.acceptAll();
    expect(calls).toEqual(['a', 'b']);
  });

  it('getServerSnapshot in a browser is the state first read (for hydration), stable across changes', () => {
    vi.stubGlobal('document', { cookie: '' });
    try {
      const { store } = makeStore();
      const server = store.getServerSnapshot();
      store.acceptAll();
      expect(store.getServerSnapshot()).toBe(server);
      expect(server.status).toBe('undecided');
      store.destroy();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  // A server that handles a form posted without JavaScript ("Accept all"), then renders the page: the
  // render showed the banner the browser, reading the new cookie, then took away (a hydration error).
  it('getServerSnapshot without a DOM (a server) is the current state: a decision taken before rendering shows', () => {
    const { store } = makeStore();
    store.acceptAll();
    expect(store.getServerSnapshot()).toBe(store.getSnapshot());
    expect(store.getServerSnapshot().banner).toBe(false);
  });

  it('refuses a config that did not go through defineConfig', () => {
    expect(() => createConsent(input as never)).toThrow(/defineConfig/);
  });

  it('refuses a validated config spread with a field changed: it skipped validation (here the 13-month cap)', () => {
    const spread = { ...config, lifetimes: { accepted: 5000, refused: 5000 } };
    expect(() => createConsent(spread as never)).toThrow(
      new TypeError('createConsent: use defineConfig() (a copied config too)'),
    );
    expect(() => readConsent('', spread as never)).toThrow(
      new TypeError('readConsent: use defineConfig() (a copied config too)'),
    );
    // Through defineConfig again, it is checked and refused by name.
    expect(() => defineConfig(spread as never)).toThrow(/lifetimes\.accepted/);
    expect(Object.keys(config)).not.toContain('validated');
    // Any copy, unchanged or not: a JSON round trip also turns the cookie patterns into {}.
    for (const copy of [structuredClone(config), JSON.parse(JSON.stringify(config))])
      expect(() => createConsent(copy)).toThrow(/use defineConfig\(\) \(a copied config too\)/);
  });

  it('a mistyped option fails at creation, naming it', () => {
    const cases: [string, object][] = [
      ['now', { now: 1700000000000 }],
      ['randomId', { randomId: 'abc' }],
      ['onError', { onError: true }],
      // A truthy non-boolean would read as no signal: more consent than the visitor gave.
      ['gpc', { gpc: '1' }],
      ['gpc', { gpc: 1 }],
      ['jurisdiction', { jurisdiction: 'opt_in' }],
      ['jurisdiction', { jurisdiction: 'us' }],
      // localStorage itself for localStorageStorage(), and a storage missing a method.
      ['storage', { storage: {} }],
      ['storage', { storage: { read: () => [], write() {} } }],
      ['migrate', { migrate: 'yes' }],
      // `[gating]` passes this check (it is a function) and is refused once called, below.
      ['integrations', { integrations: ['gating'] }],
      ['integrations', { integrations: [{ effect() {} }] }],
    ];
    for (const [name, options] of cases) {
      expect(() => createConsent(config, { storage: memoryStorage(), ...options } as never), name).toThrow(
        new TypeError(`createConsent: invalid options.${name}`),
      );
    }
    // The usual slip, one integration instead of a list of them, is a list of one.
    const effect = vi.fn();
    createConsent(config, {
      storage: memoryStorage(),
      integrations: (() => ({ effect })) as never,
    }).acceptAll();
    expect(effect).toHaveBeenCalledWith(expect.objectContaining({ type: 'STORE' }));
    // Absent (or undefined) options take their defaults.
    expect(() => createConsent(config, { storage: memoryStorage(), now: undefined })).not.toThrow();
  });

  it('a misspelt option fails at creation, naming it, instead of being ignored', () => {
    const optOut = defineConfig({ ...input, jurisdiction: 'opt-out' });
    // Ignored, `jurisdction: 'opt-in'` would leave the opt-out defaults on: more than the visitor gave.
    for (const key of ['jurisdction', 'gcp', 'intergrations', 'clock', 'toString'])
      expect(
        () => createConsent(optOut, { storage: memoryStorage(), [key]: 'opt-in' } as never),
        key,
      ).toThrow(new TypeError(`createConsent: unknown options.${key}`));
    // Only own keys: a property an old library added to Object.prototype is no option.
    (Object.prototype as Record<string, unknown>).jurisdction = 'x';
    try {
      expect(() => createConsent(optOut, { storage: memoryStorage() })).not.toThrow();
    } finally {
      delete (Object.prototype as Record<string, unknown>).jurisdction;
    }
  });

  it('null options are no options, as undefined', () => {
    expect(createConsent(config, null).getSnapshot().status).toBe('undecided');
  });

  it('a falsy integration ([flag && sendRecords(…)]) is none', () => {
    const effect = vi.fn();
    const onError = vi.fn();
    createConsent(config, {
      storage: memoryStorage(),
      onError,
      integrations: [false, null, undefined, () => ({ effect })] as never,
    }).acceptAll();
    expect(onError).not.toHaveBeenCalled();
    expect(effect).toHaveBeenCalledWith(expect.objectContaining({ type: 'STORE' }));
  });

  it('a clock giving no usable time fails at creation, naming it; later, the decision is reported and not made', () => {
    for (const bad of [Number.NaN, -5, 1e20, Number.MAX_VALUE, 'soon', undefined])
      expect(
        () => createConsent(config, { storage: memoryStorage(), now: () => bad as never }),
        String(bad),
      ).toThrow(new TypeError('createConsent: invalid options.now'));
    // A Date or a numeric string is a time.
    expect(
      createConsent(config, { storage: memoryStorage(), now: () => new Date() as never }).getSnapshot()
        .status,
    ).toBe('undecided');
    let t: unknown = NOW;
    const onError = vi.fn();
    const storage = memoryStorage();
    const store = createConsent(config, { storage, onError, now: () => t as number });
    t = 1e20;
    store.acceptAll();
    expect(onError).toHaveBeenCalledWith(new TypeError('createConsent: invalid options.now'), undefined);
    expect(store.getSnapshot().status).toBe('undecided');
    expect(storage.read()).toEqual([]);
  });

  it('an id source giving what a record cannot carry is reported and decides nothing', () => {
    for (const bad of [12345678, '', 'abc', 'a1b2c3d4.e5f6', null]) {
      const onError = vi.fn();
      const storage = memoryStorage();
      const store = createConsent(config, { storage, onError, randomId: () => bad as never });
      store.acceptAll();
      expect(onError, String(bad)).toHaveBeenCalledWith(
        new TypeError('createConsent: invalid options.randomId'),
        undefined,
      );
      expect(store.getSnapshot().status).toBe('undecided');
      expect(storage.read()).toEqual([]);
    }
  });

  it('a listener that is not a function fails at subscribe', () => {
    expect(() => createConsent(config).subscribe('x' as never)).toThrow(
      new TypeError('subscribe: expected a function'),
    );
  });

  it('a destroyed store decides nothing and stores nothing; its dialog still opens and closes', () => {
    const storage = memoryStorage();
    const store = createConsent(config, { storage });
    store.destroy();
    for (const act of [
      store.acceptAll,
      store.rejectAll,
      () => store.save(),
      () => store.grant(['analytics']),
    ])
      act();
    store.withdraw();
    expect(store.getSnapshot().status).toBe('undecided');
    expect(storage.read()).toEqual([]);
    expect(store.log().map((e) => e.type)).toEqual(['INIT']);
    store.openPreferences();
    store.closePreferences();
    expect(store.getSnapshot().preferences).toBe(false);
  });
});

describe('without a DOM (server, worker)', () => {
  it('the default storage reads no decision and decisions work without reaching onError', () => {
    expect(globalThis.document).toBeUndefined();
    const onError = vi.fn();
    const store = createConsent(config, { onError });
    expect(store.getSnapshot().status).toBe('undecided');
    store.acceptAll();
    expect(store.has('marketing')).toBe(true);
    store.withdraw();
    expect(store.has('marketing')).toBe(false);
    expect(store.getSnapshot().record?.action).toBe('withdraw');
    expect(onError).not.toHaveBeenCalled();
    // Nothing is shared between stores through it.
    expect(createConsent(config).getSnapshot().status).toBe('undecided');
  });
});

describe('a decision whose time runs out while the page stays open', () => {
  // The store watches the clock only in a page (a document): on a server it lives for one request. An
  // EventTarget stands in for the document's visibilitychange.
  const page = (options: Parameters<typeof makeStore>[0] = {}) => {
    vi.useFakeTimers({ now: NOW });
    vi.stubGlobal('document', Object.assign(new EventTarget(), { cookie: '' }));
    const made = makeStore(options);
    made.store.acceptAll();
    return { ...made, end: made.store.getSnapshot().record!.expires };
  };
  const restore = () => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  };

  it('counts until its expiry; then the banner asks again and the grants go, without any action', () => {
    const { store, end } = page({ now: () => Date.now() });
    try {
      const seen = vi.fn();
      store.subscribe(seen);
      vi.advanceTimersByTime(end - NOW - 1);
      expect(store.has('analytics')).toBe(true);
      expect(seen).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1e3 + 1);
      expect(store.getSnapshot()).toMatchObject({ status: 'undecided', record: null, banner: true });
      expect(store.has('analytics')).toBe(false);
      expect(seen).toHaveBeenCalledTimes(1);
      expect(store.log().at(-1)).toEqual({ type: 'EXPIRE', now: end + 1e3 });
      // Nothing left to watch.
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      restore();
    }
  });

  it("a test's runAllTimers() ends: past a 6-month expiry in a few timers, and at once with a clock that stands still", () => {
    const moving = page({ now: () => Date.now() });
    try {
      vi.runAllTimers();
      expect(moving.store.getSnapshot().status).toBe('undecided');
      expect(Date.now()).toBeLessThan(moving.end + 2e3);
    } finally {
      restore();
    }
    // makeStore's own clock stands still: the timer fires once and is not armed again.
    const still = page();
    try {
      vi.runAllTimers();
      expect(vi.getTimerCount()).toBe(0);
      expect(still.store.has('analytics')).toBe(true);
    } finally {
      restore();
    }
  });

  it('a computer asleep past the expiry (timers late, the clock on): the page shown again looks', () => {
    const { store, clock, end } = page();
    try {
      clock.now = end + 30 * DAY;
      expect(store.has('analytics')).toBe(true);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(store.getSnapshot()).toMatchObject({ status: 'undecided', banner: true });
      expect(store.log().filter((e) => e.type === 'EXPIRE')).toEqual([
        { type: 'EXPIRE', now: end + 30 * DAY },
      ]);
      // Shown again before the expiry: no event.
      document.dispatchEvent(new Event('visibilitychange'));
      expect(store.log().filter((e) => e.type === 'EXPIRE')).toHaveLength(1);
    } finally {
      restore();
    }
  });

  it('opening the preferences past the expiry shows no lapsed choice; a grant then is partial', () => {
    const { store, clock, end } = page();
    try {
      clock.now = end;
      store.openPreferences();
      expect(store.getSnapshot().draft?.analytics).toBe(false);
      store.closePreferences();
      store.grant(['youtube']);
      expect(store.getSnapshot().record).toMatchObject({ action: 'partial' });
      expect(store.has('analytics')).toBe(false);
    } finally {
      restore();
    }
  });

  it('a destroyed store keeps no timer and stops looking; a store without a document keeps none', () => {
    const { store, clock, end } = page();
    try {
      store.destroy();
      expect(vi.getTimerCount()).toBe(0);
      clock.now = end;
      document.dispatchEvent(new Event('visibilitychange'));
      expect(store.log().some((e) => e.type === 'EXPIRE')).toBe(false);
      vi.unstubAllGlobals();
      makeStore().store.acceptAll();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      restore();
    }
  });
});

describe('a page whose old scripts extend Object.prototype', () => {
  // Old libraries (Crockford's json.js, MooTools) add enumerable properties to every object.
  it.each([
    ['a function returning nothing', () => {}],
    ['a function returning a value', () => true],
    ['a string', 'legacy'],
  ])('%s on Object.prototype is no option: the store starts and decides as usual', (_, value) => {
    (Object.prototype as Record<string, unknown>).legacyHelper = value;
    try {
      const { store } = makeStore();
      store.acceptAll();
      expect(store.getSnapshot().record?.action).toBe('accept-all');
      expect(store.has('analytics')).toBe(true);
    } finally {
      delete (Object.prototype as Record<string, unknown>).legacyHelper;
    }
  });
});

describe('listeners and integrations that go wrong', () => {
  it('a throwing listener is reported and stops neither the later listeners nor the action', () => {
    const onError = vi.fn();
    const store = createConsent(config, { storage: memoryStorage(), onError });
    const boom = new Error('listener bug');
    const later = vi.fn();
    store.subscribe(() => {
      throw boom;
    });
    store.subscribe(later);
    expect(() => store.acceptAll()).not.toThrow();
    expect(later).toHaveBeenCalledTimes(1);
    expect(store.has('marketing')).toBe(true);
    expect(onError).toHaveBeenCalledWith(boom, undefined);
  });

  it('a built-in factory passed uncalled ([consentMode] for [consentMode()]) is reported as such, and starts nothing', () => {
    for (const [name, factory] of Object.entries({ consentMode, gating, sendRecords, multiTab, autoClear })) {
      const onError = vi.fn();
      const layer: unknown[] = [];
      (globalThis as { dataLayer?: unknown[] }).dataLayer = layer;
      createConsent(config, { storage: memoryStorage(), onError, integrations: [factory as never] });
      expect(onError, name).toHaveBeenCalledWith(
        new TypeError(`createConsent: invalid options.integrations: pass ${name}(), not ${name}`),
        undefined,
      );
      expect(layer).toEqual([]);
      delete (globalThis as { dataLayer?: unknown[] }).dataLayer;
    }
  });

  it('options that are not an object fail, rather than a string read as options "0", "1"…', () => {
    for (const wrong of ['opt-out', true, 42])
      expect(() => createConsent(config, wrong as never)).toThrow(
        new TypeError('createConsent: options must be an object'),
      );
  });

  it('a factory passed uncalled ([gating] for [gating()]) is reported, naming the option, and not kept', () => {
    const onError = vi.fn();
    const effect = vi.fn();
    // What an integration factory is: options in, the integration out.
    const factory = () => (_ctx: unknown) => ({ effect });
    const store = createConsent(config, {
      storage: memoryStorage(),
      onError,
      integrations: [factory as never],
    });
    expect(onError).toHaveBeenCalledWith(
      new TypeError('createConsent: invalid options.integrations'),
      undefined,
    );
    store.acceptAll();
    expect(effect).not.toHaveBeenCalled();
  });
});

describe('a stored decision is what was decided', () => {
  it('a second store reading the same storage restores the decision', () => {
    const { store, storage } = makeStore();
    store.save({ analytics: true, hotjar: false });
    const again = makeStore({ storage }).store;
    expect(again.getSnapshot().status).toBe('decided');
    expect(again.getSnapshot().banner).toBe(false);
    expect(again.getSnapshot().record).toEqual(store.getSnapshot().record);
    expect(again.getSnapshot().granted).toEqual(store.getSnapshot().granted);
  });

  it('a decision past its lifetime asks again', () => {
    const clock = { now: NOW };
    const { store, storage } = makeStore({ clock });
    store.acceptAll();
    clock.now = NOW + 183 * DAY;
    const later = makeStore({ storage, clock }).store;
    expect(later.getSnapshot().banner).toBe(true);
    expect(later.has('analytics')).toBe(false);
  });

  it('a decision under an older revision asks again and clears what it had allowed (revision bump)', () => {
    const { store, storage } = makeStore();
    store.acceptAll();
    const effects: ConsentEffect[] = [];
    const bumped = createConsent(defineConfig({ ...input, revision: 4 }), {
      storage,
      integrations: [() => ({ effect: (e) => void effects.push(e) })],
    });
    expect(bumped.getSnapshot().banner).toBe(true);
    expect(bumped.has('analytics')).toBe(false);
    expect(effects).toContainEqual({ type: 'CLEAR', services: ['ga', 'hotjar', 'youtube'] });
  });

  it('an expired decision next to nothing valid clears too; a valid copy wins over an expired one', () => {
    const clock = { now: NOW };
    const { store, storage } = makeStore({ clock });
    store.acceptAll();
    clock.now = NOW + 200 * DAY;
    const effects: ConsentEffect[] = [];
    makeStore({ storage, clock, integrations: [() => ({ effect: (e) => void effects.push(e) })] });
    expect(effects.some((e) => e.type === 'CLEAR')).toBe(true);
    const fresh = makeStore({ clock }).storage;
    makeStore({ storage: fresh, clock }).store.rejectAll();
    const both: ConsentStorage = { read: () => [...storage.read(), ...fresh.read()], write() {}, clear() {} };
    const s = makeStore({ storage: both, clock }).store;
    expect(s.getSnapshot().record?.action).toBe('reject-all');
  });
});

describe('choices that are not booleans decide nothing, and are reported', () => {
  // A form's value ('false'), a select's (0): skipped, the accepted grant was stored again as the
  // visitor's new decision, for a new lifetime.
  it("save({ analytics: 'false' }) after an acceptance keeps the decision as it was and says why", () => {
    const onError = vi.fn();
    const { store, storage, clock } = makeStore({ onError });
    store.acceptAll();
    const before = store.getSnapshot();
    const written = storage.read();
    clock.now += DAY;
    for (const [choices, field] of [
      [{ analytics: 'false' }, 'choices.analytics'],
      [{ marketing: true, analytics: 0 }, 'choices.analytics'],
      ['analytics', 'choices'],
      [['analytics'], 'choices'],
      [1, 'choices'],
    ] as const) {
      onError.mockClear();
      store.save(choices as never);
      expect(store.getSnapshot(), field).toBe(before);
      expect(onError).toHaveBeenCalledWith(
        new TypeError(`invalid save({ ${field} }): expected booleans`),
        undefined,
      );
    }
    expect(storage.read()).toEqual(written);
    // None, or an empty object, is a save of the draft or the current grants.
    store.save({});
    expect(store.getSnapshot().record!.time).toBe(clock.now);
  });

  // `Partial<Record<Id, boolean>>` allows an id set to undefined: that id is no choice, the rest is saved.
  it('an id set to undefined is no choice; the others are saved', () => {
    const onError = vi.fn();
    const { store } = makeStore({ onError });
    store.save({ analytics: true, marketing: undefined });
    expect(onError).not.toHaveBeenCalled();
    expect([store.has('analytics'), store.has('marketing')]).toEqual([true, false]);
    // Undefined for a category leaves its services to follow it: hotjar follows analytics' true.
    store.save({ analytics: undefined, hotjar: undefined });
    expect(store.has('hotjar')).toBe(true);
  });

  it("toggle('analytics', 'false') changes no switch and says why", () => {
    const onError = vi.fn();
    const { store } = makeStore({ onError });
    store.acceptAll();
    store.openPreferences();
    const draft = store.getSnapshot().draft;
    store.toggle('analytics', 'false' as never);
    expect(store.getSnapshot().draft).toBe(draft);
    expect(onError).toHaveBeenCalledWith(
      new TypeError('invalid toggle(id, granted): expected booleans'),
      undefined,
    );
  });

  it('the machine answers a SAVE with such choices with no change (a replayed log too)', () => {
    const { store } = makeStore();
    store.acceptAll();
    const state = store.getSnapshot();
    const t = store.machine.transition(state, {
      type: 'SAVE',
      now: NOW + 1,
      id: 'id-abcdefgh',
      choices: { analytics: 'false' } as never,
    });
    expect(t).toEqual({ state, effects: [] });
  });
});

describe('consentActions', () => {
  it('hands out every action, working without the store as `this`', () => {
    const { store } = makeStore();
    const actions = consentActions(store);
    expect(Object.keys(actions).sort()).toEqual([
      'acceptAll',
      'closeBanner',
      'closePreferences',
      'grant',
      'openPreferences',
      'rejectAll',
      'save',
      'toggle',
      'withdraw',
    ]);
    const { grant, withdraw } = actions;
    grant(['youtube']);
    expect(store.has('youtube')).toBe(true);
    withdraw();
    expect(store.has('youtube')).toBe(false);
  });
});

describe('grant and withdraw take one id or a list', () => {
  // `withdraw('youtube')`, not being a list, withdrew everything; `grant('youtube')` decided nothing.
  it('one id is that id alone', () => {
    const { store } = makeStore();
    store.acceptAll();
    store.withdraw('youtube');
    expect([store.has('youtube'), store.has('analytics'), store.getSnapshot().record?.action]).toEqual([
      false,
      true,
      'withdraw',
    ]);
    store.grant('youtube');
    expect(store.has('youtube')).toBe(true);
    expect(store.log().at(-1)).toMatchObject({ type: 'GRANT', ids: ['youtube'] });
  });

  it('no id, null, or what is no id (a click event: onclick = store.withdraw) withdraws everything optional', () => {
    for (const none of [undefined, null, '', { type: 'click' }]) {
      const { store } = makeStore();
      store.acceptAll();
      store.withdraw(none as never);
      expect([store.has('analytics'), store.has('youtube'), store.getSnapshot().record?.action]).toEqual([
        false,
        false,
        'withdraw',
      ]);
    }
  });

  it('an unknown id changes nothing; grant given no id or list decides nothing', () => {
    const { store } = makeStore();
    store.acceptAll();
    const decided = store.getSnapshot();
    store.withdraw('nope' as never);
    store.grant({ type: 'click' } as never);
    expect(store.getSnapshot()).toBe(decided);
  });
});

describe('event log', () => {
  it('records every event and replays to the same state', () => {
    const { store } = makeStore();
    store.openPreferences();
    store.toggle('marketing', true);
    store.save();
    store.withdraw(['youtube']);
    const log = store.log();
    expect(log.map((e) => e.type)).toEqual(['INIT', 'OPEN_PREFERENCES', 'TOGGLE', 'SAVE', 'WITHDRAW']);
    expect(replay(store.machine, log)).toEqual(store.getSnapshot());
  });

  it('the log is a copy: changing it does not change the store', () => {
    const { store } = makeStore();
    (store.log() as unknown[]).length = 0;
    expect(store.log()).toHaveLength(1);
  });
});

describe('instances do not interfere', () => {
  it('two stores on one page with their own cookies keep their own decisions', () => {
    const doc = cookieJar();
    const a = createConsent(config, { storage: cookieStorage(config.cookie, doc) });
    const other = defineConfig({ ...input, cookie: { name: 'other_consent' } });
    const b = createConsent(other, { storage: cookieStorage(other.cookie, doc) });
    a.acceptAll();
    expect(b.has('analytics')).toBe(false);
    b.rejectAll();
    expect(a.has('analytics')).toBe(true);
    expect(createConsent(config, { storage: cookieStorage(config.cookie, doc) }).has('analytics')).toBe(true);
    expect(createConsent(other, { storage: cookieStorage(other.cookie, doc) }).has('analytics')).toBe(false);
  });
});

describe('storage failures are no decision, never a crash', () => {
  it('a storage that throws on read reads as no decision', () => {
    const onError = vi.fn();
    const broken: ConsentStorage = {
      read: () => {
        throw new Error('SecurityError');
      },
      write: () => {},
      clear: () => {},
    };
    const store = createConsent(config, { storage: broken, onError });
    expect(store.getSnapshot().banner).toBe(true);
    expect(onError).toHaveBeenCalled();
  });

  // `read: () => localStorage.getItem(key)` crashed deep inside ("….map is not a function").
  it('a storage whose read() gives no list reports options.storage.read() and reads as no decision', () => {
    for (const value of ['2.abc', null, undefined, Promise.resolve([])]) {
      const onError = vi.fn();
      const storage = { read: () => value as never, write: () => {}, clear: () => {} };
      const store = createConsent(config, { storage, onError });
      expect(store.getSnapshot().status, String(value)).toBe('undecided');
      expect(onError).toHaveBeenCalledWith(
        new TypeError('createConsent: invalid options.storage.read()'),
        undefined,
      );
    }
  });

  it('a storage that throws on write reports it and still applies the decision for this page', () => {
    const onError = vi.fn();
    const full: ConsentStorage = {
      read: () => [],
      write: () => {
        throw new Error('QuotaExceededError');
      },
      clear: () => {},
    };
    const store = createConsent(config, { storage: full, onError });
    store.rejectAll();
    expect(store.getSnapshot().status).toBe('decided');
    expect(onError).toHaveBeenCalledWith(expect.any(Error), expect.objectContaining({ type: 'STORE' }));
  });

  it('an integration that throws does not stop the others or the store', () => {
    const seen: string[] = [];
    const store = createConsent(config, {
      storage: memoryStorage(),
      onError: () => {},
      integrations: [
        () => ({
          effect() {
            throw new Error('boom');
          },
        }),
        () => {
          throw new Error('failed to start');
        },
        () => ({ effect: (e: ConsentEffect) => void seen.push(e.type) }),
      ],
    });
    store.acceptAll();
    // INIT: the exempt category applies, the services not granted are cleared.
    expect(seen).toEqual(['APPLY', 'CLEAR', 'STORE', 'APPLY', 'BROADCAST']);
    expect(store.has('analytics')).toBe(true);
  });

  it('integrations start before storage is read and see the first effects', () => {
    const order: string[] = [];
    createConsent(config, {
      storage: {
        read: () => {
          order.push('read');
          return [];
        },
        write() {},
        clear() {},
      },
      integrations: [
        () => {
          order.push('start');
          return { effect: (e) => void order.push(e.type) };
        },
      ],
    });
    expect(order).toEqual(['start', 'read', 'APPLY', 'CLEAR']);
  });

  it('destroy stops integrations and drops listeners', () => {
    const destroyed = vi.fn();
    const listener = vi.fn();
    const store = createConsent(config, {
      storage: memoryStorage(),
      integrations: [() => ({ destroy: destroyed })],
    });
    store.subscribe(listener);
    store.destroy();
    store.acceptAll();
    expect(destroyed).toHaveBeenCalledOnce();
    expect(listener).not.toHaveBeenCalled();
  });
});

describe('cookie storage', () => {
  it('writes a first-party cookie with the configured attributes', () => {
    const writes: string[] = [];
    const doc = {
      cookie: '',
    };
    const spy = {
      get cookie() {
        return doc.cookie;
      },
      set cookie(v: string) {
        writes.push(v);
        if (!v.includes('Max-Age=0')) doc.cookie = v.split(';')[0]!;
      },
    };
    const c = defineConfig({
      ...input,
      cookie: { name: 'cc', domain: '.example.com', path: '/app', sameSite: 'Strict', secure: true },
    });
    createConsent(c, { storage: cookieStorage(c.cookie, spy), now: () => NOW }).rejectAll();
    expect(writes[0]).toMatch(
      /^cc=2\.[^;]+; Max-Age=15724800; Path=\/app; SameSite=Strict; Domain=\.example\.com; Secure$/,
    );
    // The host-only copy is removed, so host and parent-domain copies never disagree.
    expect(writes[1]).toBe('cc=; Max-Age=0; Path=/app; SameSite=Strict; Secure');
  });

  it('a host-only write expires a stale copy on this host or a parent domain, and never tries a public suffix', () => {
    // A cookie jar that keeps one value per Domain ('' for host-only) and logs the Domain of every write.
    const jar = (hostname: string | undefined, copies: Record<string, string>) => {
      const domains: string[] = [];
      const doc = {
        ...(hostname && { location: { hostname } }),
        get cookie() {
          return Object.values(copies)
            .map((v) => `consentry=${v}`)
            .join('; ');
        },
        set cookie(v: string) {
          const domain = v.match(/Domain=([^;]+)/)?.[1] ?? '';
          if (domain) domains.push(domain);
          if (v.includes('Max-Age=0')) delete copies[domain];
          else copies[domain] = v.slice(v.indexOf('=') + 1, v.indexOf(';'));
        },
      };
      return { doc, domains, copies };
    };
    const c = config.cookie;
    // Longest domain first, until the stale copy is gone.
    const parent = jar('a.shop.example.com', { 'example.com': 'old' });
    cookieStorage(c, parent.doc).write('new', 60);
    expect(parent.domains).toEqual(['a.shop.example.com', 'shop.example.com', 'example.com']);
    expect(parent.copies).toEqual({ '': 'new' });
    // On a registrable domain under a two-label suffix: the copy on it goes, co.uk is never tried.
    const apex = jar('example.co.uk', { 'example.co.uk': 'old' });
    cookieStorage(c, apex.doc).write('new', 60);
    expect(apex.domains).toEqual(['example.co.uk']);
    // No stale copy, no parent domain, or no location (a stand-in document): no Domain write at all.
    for (const [host, copies] of [
      ['www.example.co.uk', {}],
      ['localhost', { localhost: 'old' }],
      [undefined, { 'example.com': 'old' }],
    ] as const) {
      const j = jar(host, { ...copies });
      cookieStorage(c, j.doc).write('new', 60);
      expect(j.domains).toEqual([]);
    }
  });

  it('a write expires the copies an older config left on another path or domain, and keeps its own', () => {
    const jar = cookieJar();
    const doc = {
      location: { hostname: 'www.site.test', pathname: '/p/shop/cart' },
      get cookie() {
        return jar.cookie;
      },
      set cookie(v: string) {
        jar.cookie = v;
      },
    };
    // Refusals older configs wrote: host-only on the shop's path, on Domain=www.site.test, and on the
    // new config's own domain but the shop's path.
    jar.cookie = 'consentry=old1; Max-Age=100; Path=/p/shop/; SameSite=Lax';
    jar.cookie = 'consentry=old2; Max-Age=100; Path=/; Domain=www.site.test; SameSite=Lax';
    jar.cookie = 'consentry=old3; Max-Age=100; Path=/p/shop/; Domain=site.test; SameSite=Lax';
    // The new config shares the decision with every subdomain (written in capitals: domains are not
    // case-sensitive, and its own cookie must not be taken for a stale copy).
    cookieStorage({ ...config.cookie, domain: '.Site.TEST' }, doc).write('new', 60);
    expect([...jar.jar.values()].map((c) => c.value)).toEqual(['new']);
    // A path this page does not see is never written: nothing below /p/shop/cart, nothing beside it.
    const paths = new Set<string>();
    const spy = {
      ...doc,
      get cookie() {
        return 'consentry=a; consentry=b';
      },
      set cookie(v: string) {
        paths.add(v.match(/Path=([^;]+)/)![1]!);
      },
    };
    try {
      cookieStorage(config.cookie, spy).write('c', 60);
    } catch {}
    expect([...paths].sort()).toEqual(['/', '/p', '/p/', '/p/shop', '/p/shop/', '/p/shop/cart']);
  });

  it('checks that the cookie stuck until one write does, then trusts later writes of the same kind', () => {
    let reads = 0;
    const jar = cookieJar();
    const doc = {
      get cookie() {
        reads++;
        return jar.cookie;
      },
      set cookie(v: string) {
        jar.cookie = v;
      },
    };
    const store = createConsent(config, { storage: cookieStorage(config.cookie, doc) });
    const afterInit = reads;
    store.acceptAll();
    store.rejectAll();
    store.acceptAll();
    expect(reads - afterInit).toBe(1);
    expect(createConsent(config, { storage: cookieStorage(config.cookie, jar) }).has('analytics')).toBe(true);
  });

  it('a browser that refuses the cookie (blocked, bad domain) is reported on every write', () => {
    const onError = vi.fn();
    const doc = {
      get cookie() {
        return '';
      },
      set cookie(_v: string) {},
    };
    const store = createConsent(config, { storage: cookieStorage(config.cookie, doc), onError });
    store.acceptAll();
    store.rejectAll();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(store.getSnapshot().status).toBe('decided');
  });

  it('reports a cookie the browser silently dropped (oversized)', () => {
    const onError = vi.fn();
    const doc = cookieJar();
    const big = defineConfig({
      ...input,
      // A long service id takes 8 bytes of the record (serviceKey): 600 exceptions pass 4096 bytes.
      services: Array.from({ length: 600 }, (_, i) => ({
        id: `s${i}-${'x'.repeat(26)}`,
        provider: 'P',
        category: 'analytics' as const,
        texts: { en: { title: 'S' }, fr: { title: 'S' } },
      })),
    });
    const store = createConsent(big, { storage: cookieStorage(big.cookie, doc), onError });
    // Grant every service while refusing its category: the longest possible record.
    store.save(Object.fromEntries(big.services.map((s) => [s.id, true])));
    expect(onError).toHaveBeenCalledWith(
      expect.objectContaining({ message: expect.stringMatching(/not stored/) }),
      expect.anything(),
    );
  });

  it('two consent cookies with different values (host and parent domain) grant only what both grant', () => {
    const doc = cookieJar();
    const r = (categories: string[], services: string[], time: number) =>
      encodeRecord(
        {
          id: `rec-${time}-xxxx`,
          time,
          action: 'custom',
          revision: '3',
          expires: NOW + 100 * DAY,
          categories,
          services,
          gpc: false,
          jurisdiction: 'opt-in',
        },
        config,
      );
    doc.cookie = `consentry=${r(['necessary', 'analytics', 'marketing'], ['session', 'ga', 'hotjar', 'youtube'], NOW - 10)}; Path=/`;
    doc.cookie = `consentry=${r(['necessary', 'analytics'], ['session', 'ga'], NOW - 5)}; Domain=.example.com; Path=/`;
    const store = createConsent(config, { storage: cookieStorage(config.cookie, doc), now: () => NOW });
    expect(store.getSnapshot().status).toBe('decided');
    expect(store.has('analytics')).toBe(true);
    expect(store.has('hotjar')).toBe(false);
    expect(store.has('marketing')).toBe(false);
  });

  it('a tampered cookie next to a valid one is ignored; alone it is no decision', () => {
    const doc = cookieJar();
    const valid = encodeRecord(
      {
        id: 'rec-valid-xxxx',
        time: NOW - 5,
        action: 'reject-all',
        revision: '3',
        expires: NOW + DAY,
        categories: ['necessary'],
        services: ['session'],
        gpc: false,
        jurisdiction: 'opt-in',
      },
      config,
    );
    doc.cookie = `consentry=${valid.replace('reject', 'x').replace(/\.\d\.3\./, '.0.3.')}; Path=/`;
    expect(
      createConsent(config, { storage: cookieStorage(config.cookie, doc), now: () => NOW }).getSnapshot()
        .banner,
    ).toBe(true);
    doc.cookie = `consentry=${valid}; Domain=.example.com; Path=/`;
    const store = createConsent(config, { storage: cookieStorage(config.cookie, doc), now: () => NOW });
    expect(store.getSnapshot().record?.action).toBe('reject-all');
  });
});
