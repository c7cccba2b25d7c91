/**
 * An adversarial pass over @consentry/core's public contract (the issue the core was built against),
 * through the public API only. It covers what the other test files here do not: odd configs, odd
 * storage, odd Cookie headers, re-entrant callers, injected clocks and id sources, mutated logs.
 * The last block holds the claims this pass broke at first (each fixed with its test); each test states
 * the rule it expects.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  type ConfigInput,
  type ConsentConfig,
  ConsentConfigError,
  type ConsentEffect,
  type ConsentIntegration,
  type ConsentRecord,
  type ConsentStorage,
  createConsent,
  createMachine,
  defineConfig,
  type IntegrationContext,
  localStorageStorage,
  memoryStorage,
  planCookieDeletions,
  readConsent,
  replay,
} from '../index';
import { config, DAY, input, makeStore, NOW } from './fixtures';

const t = (title: string) => ({ en: { title } });

/** A small one-language config: necessary, analytics (ga), marketing (youtube, sale/sharing). */
const small = {
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: t('Necessary') },
    { id: 'analytics', texts: t('Analytics') },
    { id: 'marketing', saleOrSharing: true, texts: t('Marketing') },
  ],
  services: [
    {
      id: 'ga',
      provider: 'Google Analytics',
      category: 'analytics',
      texts: t('GA'),
      cookies: [{ pattern: '^_ga' }],
    },
    { id: 'youtube', provider: 'YouTube', category: 'marketing', texts: t('Videos') },
  ],
} as const satisfies ConfigInput;

/** Runs `build` (a defineConfig call only) and returns the ConsentConfigError it threw, or undefined. */
function configError(build: () => unknown): ConsentConfigError | undefined {
  try {
    build();
  } catch (e) {
    expect(e).toBeInstanceOf(ConsentConfigError);
    return e as ConsentConfigError;
  }
  return undefined;
}

/** Ids for a store, in the codec's alphabet. */
const ids = () => {
  let n = 0;
  return () => `id-${String(++n).padStart(6, '0')}`;
};

/**
 * Integrations standing in for multi-tab sync between two stores on one clock: a BROADCAST of one
 * store reaches the other as a SYNC, as a BroadcastChannel message would.
 */
function linkedTabs() {
  const ctxs: IntegrationContext[] = [];
  const tab =
    (me: number): ConsentIntegration =>
    (ctx) => {
      ctxs[me] = ctx;
      return {
        effect(e: ConsentEffect) {
          if (e.type !== 'BROADCAST') return;
          const other = ctxs[1 - me];
          other?.send({ type: 'SYNC', now: other.now(), record: e.record });
        },
      };
    };
  return [tab(0), tab(1)] as const;
}

/** Two stores linked as tabs on one clock, each drawing its own random ids, as in a browser. */
function twoTabs() {
  let n = 0;
  const [tabA, tabB] = linkedTabs();
  const clock = { now: NOW };
  const tab = (name: string, link: ConsentIntegration) =>
    makeStore({
      clock,
      integrations: [link],
      randomId: () => `${name}-${(++n).toString(36).padStart(4, '0')}`,
    });
  return { clock, a: tab('tab-a', tabA), b: tab('tab-b', tabB) };
}

describe('config edge cases fail at startup naming the field', () => {
  it('a lifetime that is Infinity, negative, a numeric string or "session" is refused', () => {
    const cases: [object, string][] = [
      [{ accepted: Number.POSITIVE_INFINITY }, 'lifetimes.accepted'],
      [{ refused: -30 }, 'lifetimes.refused'],
      [{ accepted: '182' }, 'lifetimes.accepted'],
      [{ refused: 'session' }, 'lifetimes.refused'],
    ];
    for (const [lifetimes, field] of cases) {
      expect(configError(() => defineConfig({ ...input, lifetimes } as never))?.field).toBe(field);
    }
  });

  it('ids outside the safe alphabet (unicode, leading underscore, "__proto__", over 32 chars) are refused', () => {
    for (const id of ['analytícs', 'аnalytics', '__proto__', '_ga', `a${'b'.repeat(32)}`, '']) {
      const c = { ...small, categories: [...small.categories, { id, texts: t('X') }] };
      expect(configError(() => defineConfig(c as never))?.field, id).toBe('categories[3].id');
    }
  });

  it('a revision given as a number and as the same digits in a string is one revision', () => {
    const asNumber = defineConfig({ ...small, revision: 7 });
    const asString = defineConfig({ ...small, revision: '7' });
    const { store, storage } = (() => {
      const storage = memoryStorage();
      return { storage, store: createConsent(asNumber, { storage, now: () => NOW, randomId: ids() }) };
    })();
    store.acceptAll();
    expect(readConsent(`consentry=${storage.read()[0]}`, asString, { now: NOW }).has('analytics')).toBe(true);
    // "07" is another token: a decision under 7 does not count under it.
    const other = defineConfig({ ...small, revision: '07' });
    expect(readConsent(`consentry=${storage.read()[0]}`, other, { now: NOW }).record).toBeNull();
  });
});

describe('storage adapters that return junk or are disabled', () => {
  it('a read that returns a string, null, a promise or non-string entries is no decision, reported, never a throw', () => {
    const valid = (() => {
      const { store, storage } = makeStore();
      store.acceptAll();
      return storage.read()[0]!;
    })();
    const junk: unknown[] = [valid, null, Promise.resolve([valid]), [42, null, { toString: () => valid }]];
    for (const value of junk) {
      const onError = vi.fn();
      const storage = { read: () => value, write() {}, clear() {} } as unknown as ConsentStorage;
      const store = createConsent(config, { storage, onError, now: () => NOW, randomId: ids() });
      expect(store.getSnapshot().status).toBe('undecided');
      expect(store.has('analytics')).toBe(false);
      // An array is a valid shape: its junk entries are simply not records, nothing to report.
      if (!Array.isArray(value)) expect(onError).toHaveBeenCalled();
    }
  });

  it('localStorage disabled (access throws): no decision on read, the decision still applies to the page, the failed write is reported', () => {
    const onError = vi.fn();
    const storage = localStorageStorage('consentry', () => {
      throw new Error('SecurityError: localStorage is disabled');
    });
    const store = createConsent(config, { storage, onError, now: () => NOW, randomId: ids() });
    expect(store.getSnapshot().banner).toBe(true);
    store.acceptAll();
    expect(store.has('analytics')).toBe(true);
    expect(onError).toHaveBeenLastCalledWith(expect.any(Error), expect.objectContaining({ type: 'STORE' }));
  });
});

describe('listeners that act during a notification', () => {
  it('an action from a listener runs; every listener ends up reading the final state', () => {
    const { store } = makeStore();
    let reacted = false;
    const lastSeen: string[] = [];
    store.subscribe(() => {
      if (!reacted) {
        reacted = true;
        store.rejectAll();
      }
    });
    store.subscribe(() => lastSeen.push(store.getSnapshot().record!.action));
    store.acceptAll();
    expect(store.has('analytics')).toBe(false);
    expect(lastSeen.at(-1)).toBe('reject-all');
  });

  it('a listener subscribed during a notification hears the next change, not the current one', () => {
    const { store } = makeStore();
    const late = vi.fn();
    const off = store.subscribe(() => {
      off();
      store.subscribe(late);
    });
    store.acceptAll();
    expect(late).not.toHaveBeenCalled();
    store.rejectAll();
    expect(late).toHaveBeenCalledOnce();
  });

  it('two stores of one config on one page share no listeners, logs or decisions', () => {
    const a = makeStore();
    const b = makeStore();
    const heardByB = vi.fn();
    b.store.subscribe(heardByB);
    a.store.acceptAll();
    expect(heardByB).not.toHaveBeenCalled();
    expect(b.store.has('analytics')).toBe(false);
    expect(b.store.log()).toHaveLength(1);
  });
});

describe('server read of odd Cookie headers', () => {
  const value = (() => {
    const { store, storage } = makeStore();
    store.save({ analytics: true });
    return storage.read()[0]!;
  })();
  const read = (header: string) => readConsent(header, config, { now: NOW });

  it('a quoted value, spaces around the name and a "__proto__" cookie before it still read as the decision', () => {
    for (const header of [
      `consentry="${value}"`,
      `  consentry = ${value} `,
      `__proto__=x; constructor=y; consentry=${value}`,
      `consentry=${value}; consentry=`,
    ]) {
      expect(read(header).has('analytics'), header).toBe(true);
    }
  });

  it('a copy under another case of the name, percent-encoded, or with a control character is not ours: no decision', () => {
    for (const header of [
      `Consentry=${value}`,
      `consentry=${value.replace(/\./g, '%2E')}`,
      `consentry=${value}\u0000`,
    ]) {
      const r = read(header);
      expect(r.record, header).toBeNull();
      expect(r.has('analytics')).toBe(false);
    }
  });
});

describe('rules the adversarial pass broke, kept since', () => {
  it('getSnapshot() is immutable: writing into the snapshot cannot grant anything', () => {
    const { store } = makeStore();
    const snapshot = store.getSnapshot() as { granted: Record<string, boolean> };
    try {
      snapshot.granted.analytics = true;
    } catch {
      // A frozen snapshot throws in strict mode: that is the expected outcome.
    }
    expect(store.has('analytics')).toBe(false);
    expect(Object.isFrozen(store.getSnapshot())).toBe(true);
    expect(Object.isFrozen(store.getSnapshot().granted)).toBe(true);
  });

  it('the event log keeps what was decided: changing the caller’s choices or ids afterwards does not change its replay', () => {
    const { store } = makeStore();
    const choices: Record<string, boolean> = { analytics: false, marketing: false };
    store.save(choices);
    choices.marketing = true;
    store.acceptAll();
    const withdrawn = ['analytics', 'marketing'];
    store.withdraw(withdrawn as never);
    withdrawn.length = 0;
    expect(store.has('analytics')).toBe(false);
    expect(replay(store.machine, store.log())).toEqual(store.getSnapshot());
    // Nor can a reader of the log rewrite the store's own copy: its events are frozen.
    expect(() => {
      (store.log()[1] as { type: string }).type = 'ACCEPT_ALL';
    }).toThrow(TypeError);
    expect(store.log()[1]!.type).toBe('SAVE');
  });

  it('an action taken by an integration while it handles an effect: effects still arrive in order, and other tabs end on the final decision', () => {
    const [tabA, tabB] = linkedTabs();
    const applied: ConsentEffect[] = [];
    let fired = false;
    // E.g. a site integration that enforces a rule when analytics is granted.
    const enforce: ConsentIntegration = (ctx) => ({
      effect(e) {
        if (e.type === 'APPLY' && e.granted.includes('analytics') && !fired) {
          fired = true;
          ctx.store.withdraw();
        }
      },
    });
    const recorder: ConsentIntegration = () => ({ effect: (e) => void applied.push(e) });
    const clock = { now: NOW };
    const a = makeStore({ clock, integrations: [enforce, tabA, recorder] });
    const b = makeStore({ clock, integrations: [tabB] });
    applied.length = 0;
    a.store.acceptAll();
    expect(a.store.has('analytics')).toBe(false);
    // A gating integration after `enforce` is told last to run analytics, after it was revoked.
    const lastApply = applied.filter((e) => e.type === 'APPLY').at(-1) as Extract<
      ConsentEffect,
      { type: 'APPLY' }
    >;
    expect(lastApply.granted).not.toContain('analytics');
    expect(b.store.has('analytics')).toBe(false);
  });

  it('a withdrawal from another tab is adopted even when the clock went back between the two decisions', () => {
    const { clock, a, b } = twoTabs();
    b.store.acceptAll();
    expect(a.store.has('analytics')).toBe(true);
    clock.now = NOW - 60 * 60 * 1000; // NTP or the visitor sets the clock back an hour
    a.store.withdraw();
    expect(a.store.has('analytics')).toBe(false);
    expect(b.store.has('analytics')).toBe(false);
  });

  it('under the opt-out model a contextual grant or a one-category withdrawal records only what the visitor chose: read under opt-in it grants nothing else', () => {
    const optOut = defineConfig({ ...small, jurisdiction: 'opt-out' });
    for (const act of [
      (s: ReturnType<typeof createConsent>) => s.grant(['youtube']),
      (s: ReturnType<typeof createConsent>) => s.withdraw(['marketing']),
    ]) {
      const storage = memoryStorage();
      act(createConsent(optOut, { storage, now: () => NOW, randomId: ids(), gpc: false }));
      // Same visitor, same cookie, an opt-in jurisdiction (travel, or the server's geolocation).
      const later = readConsent(`consentry=${storage.read()[0]}`, optOut, {
        now: NOW + DAY,
        jurisdiction: 'opt-in',
      });
      expect(later.has('analytics')).toBe(false);
    }
  });

  it('a sale/sharing category cannot be exempt: refused at startup, or denied under GPC', () => {
    const categories = [
      small.categories[0],
      small.categories[1],
      { id: 'marketing', saleOrSharing: true, exempt: { reason: { en: 'Anonymous' } }, texts: t('M') },
    ];
    let c: ConsentConfig | undefined;
    const error = configError(() => {
      c = defineConfig({ ...small, categories });
    });
    if (error) expect(error.field).toMatch(/^categories\[2\]\.(exempt|saleOrSharing)$/);
    else
      for (const jurisdiction of ['opt-in', 'opt-out'] as const) {
        expect(
          readConsent('', c!, { now: NOW, gpc: true, jurisdiction }).has('marketing'),
          jurisdiction,
        ).toBe(false);
      }
  });

  it('an exempt category with default: false is refused at startup, or off before a decision', () => {
    const categories = [
      small.categories[0],
      { id: 'analytics', default: false, exempt: { reason: { en: 'Anonymous' } }, texts: t('A') },
      small.categories[2],
    ];
    let c: ConsentConfig | undefined;
    const error = configError(() => {
      c = defineConfig({ ...small, jurisdiction: 'opt-out', categories });
    });
    if (error) expect(error.field).toMatch(/^categories\[1\]\.(exempt|default)$/);
    else expect(readConsent('', c!, { now: NOW }).has('analytics')).toBe(false);
  });

  it('a consent cookie name with a __Host- or __Secure- prefix the attributes break is refused at startup', () => {
    expect(configError(() => defineConfig({ ...small, cookie: { name: '__Host-consent' } }))?.field).toBe(
      'cookie.secure',
    );
    expect(configError(() => defineConfig({ ...small, cookie: { name: '__Secure-consent' } }))?.field).toBe(
      'cookie.secure',
    );
    expect(
      configError(() =>
        defineConfig({ ...small, cookie: { name: '__Host-consent', secure: true, domain: 'example.com' } }),
      )?.field,
    ).toBe('cookie.domain');
  });

  it('a list with a hole ([a, , b]) is refused at startup naming the hole, not accepted and crashing later', () => {
    const [necessary, analytics] = small.categories;
    // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input under test.
    const holeInCategories = { ...small, categories: [necessary, , analytics], services: [] };
    expect(configError(() => defineConfig(holeInCategories as never))?.field).toBe('categories[1]');
    const holeInCookies = {
      ...small,
      // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input under test.
      services: [{ ...small.services[0], cookies: [{ name: '_ga' }, , { name: '_gid' }] }],
    };
    expect(configError(() => defineConfig(holeInCookies as never))?.field).toBe('services[0].cookies[1]');
    // biome-ignore lint/suspicious/noSparseArray: the hole is the bad input under test.
    const holeInLanguages = { ...small, languages: ['en', , 'fr'] };
    expect(configError(() => defineConfig(holeInLanguages as never))?.field).toBe('languages[1]');
  });

  it('the record fits under 4096 bytes with 200 services of realistic (24-character) ids, whatever is decided', () => {
    const many = defineConfig({
      ...small,
      services: Array.from({ length: 200 }, (_, i) => ({
        id: `service-${String(i).padStart(3, '0')}-tracking-pix`,
        provider: `Provider ${i}`,
        category: 'analytics' as const,
        texts: t(`S${i}`),
      })),
    });
    expect(many.services[0]!.id).toHaveLength(24);
    const storage = memoryStorage();
    const store = createConsent(many, { storage, now: () => NOW, randomId: ids() });
    // Every embed allowed one by one (contextual consent) while analytics itself stays refused.
    store.grant(many.services.map((s) => s.id));
    expect(storage.read()[0]!.length).toBeLessThan(4096);
  });

  it('a decision made with an injected clock or id source is either read back on the next load or reported', () => {
    const sources = [
      { now: () => NOW + 0.5 }, // performance.timeOrigin + performance.now() is fractional
      { randomId: () => 'abc' }, // a short id
      { randomId: () => 'a1b2c3d4.e5f6' }, // an id with a dot
    ];
    for (const source of sources) {
      const storage = memoryStorage();
      const onError = vi.fn();
      createConsent(config, { storage, onError, now: () => NOW, randomId: ids(), ...source }).rejectAll();
      const next = createConsent(config, { storage, now: () => NOW + 1000, randomId: ids() });
      expect(
        next.getSnapshot().status === 'decided' || onError.mock.calls.length > 0,
        JSON.stringify(storage.read()),
      ).toBe(true);
    }
  });

  it('an id source or clock that throws is reported through onError; the action decides nothing and does not throw', () => {
    const boom = () => {
      throw new Error('no entropy');
    };
    // The clock is read once at startup too: it fails only from the first decision on.
    let reads = 0;
    const failingClock = () => (reads++ ? boom() : NOW);
    for (const source of [{ randomId: boom }, { now: failingClock }]) {
      const storage = memoryStorage();
      const onError = vi.fn();
      const store = createConsent(config, { storage, onError, now: () => NOW, randomId: ids(), ...source });
      expect(() => store.acceptAll()).not.toThrow();
      expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'no entropy' }), undefined);
      expect(store.has('analytics')).toBe(false);
      expect(store.log().map((e) => e.type)).toEqual(['INIT']);
      expect(storage.read()).toEqual([]);
    }
  });

  it('a malformed record in an INIT or SYNC event (categories not a list) is no decision, never a throw', () => {
    const machine = createMachine(config);
    const bad = {
      id: 'stored-0001',
      time: NOW,
      action: 'accept-all',
      revision: config.revision,
      expires: NOW + DAY,
      categories: null,
      services: [],
      gpc: false,
      jurisdiction: 'opt-in',
    } as unknown as ConsentRecord;
    const init = () => machine.transition(machine.initial, { type: 'INIT', now: NOW, record: bad });
    expect(init).not.toThrow();
    const undecided = machine.transition(machine.initial, { type: 'INIT', now: NOW, record: null }).state;
    expect(() => machine.transition(undecided, { type: 'SYNC', now: NOW, record: bad })).not.toThrow();
  });

  it('a duplicate delivery of the same record from another tab keeps the snapshot and notifies no one', () => {
    let ctx: IntegrationContext | undefined;
    const capture: ConsentIntegration = (c) => {
      ctx = c;
    };
    const { store } = makeStore({ integrations: [capture] });
    const record: ConsentRecord = {
      id: 'other-tab-01',
      time: NOW,
      action: 'accept-all',
      revision: config.revision,
      expires: NOW + DAY,
      categories: ['necessary', 'statistics', 'analytics', 'marketing'],
      services: ['session', 'matomo', 'ga', 'hotjar', 'youtube'],
      gpc: false,
      jurisdiction: 'opt-in',
    };
    ctx!.send({ type: 'SYNC', now: NOW, record });
    const snapshot = store.getSnapshot();
    const listener = vi.fn();
    store.subscribe(listener);
    ctx!.send({ type: 'SYNC', now: NOW, record: { ...record } });
    expect(store.getSnapshot()).toBe(snapshot);
    expect(listener).not.toHaveBeenCalled();
  });

  it('a decision older than the config’s lifetime is no decision (a site that shortens lifetimes is obeyed)', () => {
    const long = defineConfig({ ...small, lifetimes: { accepted: 395 } });
    const short = defineConfig({ ...small, lifetimes: { accepted: 30 } });
    const storage = memoryStorage();
    createConsent(long, { storage, now: () => NOW, randomId: ids() }).acceptAll();
    const r = readConsent(`consentry=${storage.read()[0]}`, short, { now: NOW + 60 * DAY });
    expect(r.record).toBeNull();
    expect(r.has('analytics')).toBe(false);
  });

  it('the config is frozen all the way down: a cookie pattern cannot be recompiled to match nothing', () => {
    const c = defineConfig({
      ...small,
      services: [{ ...small.services[0], cookies: [{ pattern: /^_ga/ }] }],
    });
    const pattern = c.services[0]!.cookies[0]!.pattern as RegExp & { compile(p: string): void };
    try {
      pattern.compile('^$');
    } catch {
      // A frozen RegExp refuses: expected.
    }
    const plan = planCookieDeletions({
      config: c,
      services: ['ga'],
      host: 'www.example.com',
      pathname: '/',
      cookies: '_ga=1',
    });
    expect(plan.some((a) => a.startsWith('_ga='))).toBe(true);
    expect(Object.isFrozen(pattern)).toBe(true);
  });

  it('a long service id is kept in the record by its hash, and a config where that hash meets another id is refused', () => {
    // FNV-1a of "tracking-pixel-0" in base 36 is "c9szwc".
    const services = [
      { id: 'tracking-pixel-0', provider: 'P', category: 'analytics', texts: t('Pixel') },
      { id: 'c9szwc', provider: 'Q', category: 'analytics', texts: t('Short') },
    ] as const;
    expect(configError(() => defineConfig({ ...small, services }))?.field).toBe('services[1].id');
    const categories = [...small.categories, { id: 'c9szwc', texts: t('C') }];
    expect(configError(() => defineConfig({ ...small, categories, services: [services[0]] }))?.field).toBe(
      'services[0].id',
    );
    // Without a meeting, the long id round-trips through its hash, granted against its category.
    const c = defineConfig({ ...small, services: [services[0]] });
    const storage = memoryStorage();
    createConsent(c, { storage, now: () => NOW, randomId: ids() }).grant(['tracking-pixel-0']);
    expect(storage.read()[0]).toContain('.c9szwc.');
    expect(readConsent(`consentry=${storage.read()[0]}`, c, { now: NOW }).has('tracking-pixel-0')).toBe(true);
  });

  it('an older decision from another tab that grants more is not adopted: a stale grant never comes back', () => {
    const { clock, a, b } = twoTabs();
    b.store.rejectAll();
    clock.now = NOW - 60 * 60 * 1000;
    a.store.acceptAll(); // dated an hour before B's refusal
    expect(a.store.has('analytics')).toBe(true);
    expect(b.store.has('analytics')).toBe(false);
  });

  it('a __Host- consent cookie on a path other than "/" is refused at startup', () => {
    expect(
      configError(() =>
        defineConfig({ ...small, cookie: { name: '__Host-consent', secure: true, path: '/app' } }),
      )?.field,
    ).toBe('cookie.path');
    expect(() => defineConfig({ ...small, cookie: { name: '__Host-consent', secure: true } })).not.toThrow();
  });
});
