import { readFileSync } from 'node:fs';
import { IncomingMessage as NodeRequest } from 'node:http';
import { Socket } from 'node:net';
import { runInNewContext } from 'node:vm';
import { RequestCookies } from '@edge-runtime/cookies';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeRecord, memoryStorage } from '../index';
import { cookieHeaderStorage, parseCookieHeader, readConsent, readGpcHeader } from '../server/index';
import { config, DAY, input, makeStore, NOW } from './fixtures';

const vectors = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../../../test-vectors/${name}`, import.meta.url), 'utf8'));

describe('parseCookieHeader follows jshttp/cookie 2.0.1 parseCookie (test-vectors/cookie-jshttp-parse-serialize.json, MIT)', () => {
  const cases = (vectors('cookie-jshttp-parse-serialize.json').cases['2.0.1'] as any[]).filter(
    // Custom decode callbacks and nested stringify calls test other APIs than a header reader.
    (c) =>
      c.fn === 'parseCookie' && !c.usesCustomCodecFunction && !c.nestedCall && typeof c.args[0] === 'string',
  );

  it('has the vectors', () => {
    expect(cases.length).toBeGreaterThan(15);
  });

  for (const c of cases) {
    it(`${c.test}: ${JSON.stringify(c.args[0])}`, () => {
      expect({ ...parseCookieHeader(c.args[0]) }).toEqual(c.expect);
    });
  }

  it('returns an empty object for anything that is not a string, never throws', () => {
    for (const v of [undefined, null, 42, {}, []]) expect({ ...parseCookieHeader(v) }).toEqual({});
  });

  it('__proto__ and constructor cookies are plain keys (no prototype pollution)', () => {
    const parsed = parseCookieHeader('__proto__=x; constructor=y; polluted=1');
    // biome-ignore lint/suspicious/noProto: the point is that it is a plain key here.
    expect(parsed.__proto__).toBe('x');
    expect(parsed.constructor).toBe('y');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('readGpcHeader: only Sec-GPC exactly "1" counts (test-vectors/gpc-spec-cases.json, W3C GPC spec)', () => {
  const { secGpcHeader } = vectors('gpc-spec-cases.json');
  for (const c of secGpcHeader as any[]) {
    it(`${c.id} → ${c.expectGpc}`, () => {
      const pairs: [string, string][] = c.headers ?? c.values.map((v: string) => ['Sec-GPC', v]);
      expect(readGpcHeader(pairs)).toBe(c.expectGpc);
      // Node's IncomingMessage shape: lower-cased names, repeated fields as an array.
      const node: Record<string, string | string[]> = {};
      for (const [k, v] of pairs) {
        const key = k.toLowerCase();
        node[key] = key in node ? ([] as string[]).concat(node[key]!, v) : v;
      }
      expect(readGpcHeader(node)).toBe(c.expectGpc);
      // Fetch Headers joins repeated fields with ", ".
      const h = new Headers();
      for (const [k, v] of pairs) h.append(k, v);
      expect(readGpcHeader(h)).toBe(c.expectGpc);
    });
  }

  // readConsent takes the request, so `readGpcHeader(req)` looked right and read GPC as off.
  it('takes the request itself (Node, Express, Fetch), as readConsent does', () => {
    const node = Object.assign(new NodeRequest(new Socket()), { headers: { 'sec-gpc': '1' } });
    const express = { headers: { 'sec-gpc': '1' }, get: (n: string) => (n === 'sec-gpc' ? '1' : undefined) };
    const fetchRequest = new Request('https://example.com/', { headers: { 'Sec-GPC': '1' } });
    for (const req of [node, express, fetchRequest]) expect(readGpcHeader(req)).toBe(true);
    expect(readGpcHeader(new Request('https://example.com/'))).toBe(false);
    expect(readGpcHeader({ get: () => undefined })).toBe(false);
  });

  it("throws for the header's value or anything not headers, instead of reading no signal", () => {
    for (const wrong of ['1', 1, true])
      expect(() => readGpcHeader(wrong as never), String(wrong)).toThrow(
        new TypeError('readGpcHeader: expected request.headers or the request'),
      );
  });

  it('no headers at all is no signal', () => {
    expect(readGpcHeader(undefined)).toBe(false);
    expect(readGpcHeader(null)).toBe(false);
  });
});

describe('readConsent: the decision from a request Cookie header', () => {
  it('a config that did not come from defineConfig throws, naming defineConfig', () => {
    expect(() => readConsent('consentry=x', input as never)).toThrow(
      new TypeError('readConsent: use defineConfig() (a copied config too)'),
    );
    expect(() => readConsent('consentry=x', undefined as never)).toThrow(TypeError);
  });

  const stored = () => {
    const { store, storage } = makeStore();
    store.save({ analytics: true });
    return storage.read()[0]!;
  };
  // An accept-all copy, a moment older than stored()'s decision.
  const acceptedAll = () =>
    encodeRecord(
      {
        id: 'aaaaaaaaaa',
        time: NOW - 9,
        action: 'accept-all',
        revision: '3',
        expires: NOW + DAY,
        categories: ['necessary', 'statistics', 'analytics', 'marketing'],
        services: ['session', 'matomo', 'ga', 'hotjar', 'youtube'],
        gpc: false,
        jurisdiction: 'opt-in',
      },
      config,
    );

  it('a mistyped option throws, naming it: the Sec-GPC header itself ("1") is not a gpc option', () => {
    const cases: [string, object][] = [
      ['gpc', { gpc: '1' }],
      ['jurisdiction', { jurisdiction: 'opt_out' }],
      ['now', { now: '1700000000000' }],
      ['now', { now: Number.NaN }],
      ['migrate', { migrate: true }],
    ];
    for (const [name, options] of cases)
      expect(() => readConsent('', config, options as never), name).toThrow(
        new TypeError(`readConsent: invalid options.${name}`),
      );
    // Misspelt, `gcp: true` would lose the signal: more than the visitor gave.
    expect(() => readConsent('', config, { gcp: true } as never)).toThrow(
      new TypeError('readConsent: unknown options.gcp'),
    );
    expect(readConsent('', config, null).state.status).toBe('undecided');
    expect(
      readConsent('', config, { gpc: readGpcHeader({ 'sec-gpc': '1' }), jurisdiction: undefined }).state.gpc,
    ).toBe(true);
  });

  it('a returning visitor: decided, no banner, same grants as the browser store', () => {
    const value = stored();
    const server = readConsent(`sessionid=abc; consentry=${value}; other=1`, config, { now: NOW });
    const browser = makeStore({ storage: { read: () => [value], write() {}, clear() {} } }).store;
    expect(server.state.banner).toBe(false);
    expect(server.has('analytics')).toBe(true);
    expect(server.has('marketing')).toBe(false);
    expect(server.state).toEqual(browser.getServerSnapshot());
  });

  it("a visitor whose only decision is an embed's allow: its grant, and the banner still (same as the browser)", () => {
    const { store, storage } = makeStore();
    store.grant(['youtube']);
    const value = storage.read()[0]!;
    const server = readConsent(`consentry=${value}`, config, { now: NOW });
    expect(server.record?.action).toBe('partial');
    expect(server.state.banner).toBe(true);
    expect(server.has('youtube')).toBe(true);
    expect(server.has('analytics')).toBe(false);
    const browser = makeStore({ storage: { read: () => [value], write() {}, clear() {} } }).store;
    expect(server.state).toEqual(browser.getServerSnapshot());
  });

  it('a new visitor: banner, nothing optional', () => {
    for (const header of [undefined, null, '', 'a=b', 'consentry=', 'consentry=garbage']) {
      const r = readConsent(header, config, { now: NOW });
      expect(r.record).toBeNull();
      expect(r.state.banner).toBe(true);
      expect(r.has('analytics')).toBe(false);
    }
  });

  it('an expired decision is no decision', () => {
    expect(readConsent(`consentry=${stored()}`, config, { now: NOW + 200 * DAY }).record).toBeNull();
  });

  it('two disagreeing copies grant only what both grant', () => {
    const r = readConsent(`consentry=${acceptedAll()}; consentry=${stored()}`, config, { now: NOW });
    expect(r.has('analytics')).toBe(true);
    expect(r.has('marketing')).toBe(false);
  });

  it('a Cookie header joined with ", " (repeated fields merged the generic way) still reads the decision', () => {
    const value = stored();
    for (const header of [`sessionid=abc, consentry=${value}, other=1`, `consentry=${value},other=1`]) {
      const server = readConsent(header, config, { now: NOW });
      expect(server.state.banner, header).toBe(false);
      expect(server.has('analytics'), header).toBe(true);
      expect(server.has('marketing'), header).toBe(false);
      const ssr = makeStore({ storage: cookieHeaderStorage(header, config.cookie.name) }).store;
      expect(ssr.getSnapshot().granted, header).toEqual(server.state.granted);
    }
  });

  it("a copy hidden after a comma in another cookie's value grants no more than the real one", () => {
    const r = readConsent(`note="a, consentry=${acceptedAll()}"; consentry=${stored()}`, config, {
      now: NOW,
    });
    expect(r.has('analytics')).toBe(true);
    expect(r.has('marketing')).toBe(false);
  });

  it('GPC under the opt-out model denies sale/sharing categories', () => {
    const r = readConsent('', config, {
      now: NOW,
      gpc: readGpcHeader({ 'sec-gpc': '1' }),
      jurisdiction: 'opt-out',
    });
    expect(r.has('analytics')).toBe(true);
    expect(r.has('marketing')).toBe(false);
  });

  it('GPC under the opt-out model: an acceptance made without the signal counts no longer (the banner asks), one made with it still does', () => {
    const { store, storage } = makeStore({ jurisdiction: 'opt-out' });
    store.acceptAll();
    const header = `consentry=${storage.read()[0]}`;
    const opts = { now: NOW + 1, jurisdiction: 'opt-out' } as const;
    expect(readConsent(header, config, opts).has('marketing')).toBe(true);
    const r = readConsent(header, config, { ...opts, gpc: true });
    expect([r.record, r.state.banner, r.has('analytics'), r.has('marketing')]).toEqual([
      null,
      true,
      true,
      false,
    ]);
    const withSignal = makeStore({ jurisdiction: 'opt-out', gpc: true });
    withSignal.store.acceptAll();
    expect(
      readConsent(`consentry=${withSignal.storage.read()[0]}`, config, { ...opts, gpc: true }).has(
        'marketing',
      ),
    ).toBe(true);
  });

  // An opt-out config: read as no cookie, a refusal would give the defaults, analytics and marketing on.
  it('takes the request headers too (Fetch Headers, Node req.headers) and reads the refusal in them', () => {
    const { store, storage } = makeStore({ jurisdiction: 'opt-out' });
    store.rejectAll();
    const header = `theme=dark; consentry=${storage.read()[0]}`;
    const node = Object.assign(Object.create(null), { host: 'example.com', cookie: header });
    // Node's request object: a class instance whose headers have a null prototype.
    class IncomingMessage {
      headers = node;
    }
    // A headers object made in another realm (Jest's `node` environment runs tests in a vm).
    const otherRealm = runInNewContext('({ cookie: header })', { header });
    for (const [name, source] of [
      ['string', header],
      ['Headers', new Headers({ cookie: header })],
      ['req.headers', node],
      ['req.headers from another realm', otherRealm],
      ['Cookie in capitals', { Cookie: header }],
      ['plain object, cookie as a list', { cookie: ['theme=dark', header.split('; ')[1]!] }],
      ['the request', new IncomingMessage()],
      ['a Fetch Request', new Request('https://example.com/', { headers: { cookie: header } })],
    ] as const) {
      const r = readConsent(source, config, { now: NOW + 1, jurisdiction: 'opt-out' });
      expect([r.record?.action, r.has('analytics'), r.has('marketing')], name).toEqual([
        'reject-all',
        false,
        false,
      ]);
      expect(cookieHeaderStorage(source, 'consentry').read(), name).toEqual(storage.read());
    }
    // Headers without a cookie, or none: no decision.
    expect(readConsent(new Headers(), config, { now: NOW }).record).toBeNull();
    expect(readConsent({}, config, { now: NOW }).record).toBeNull();
  });

  it('throws, naming what it wants, for something else than the cookies (a Buffer, a number, a list)', () => {
    for (const wrong of [Buffer.from('consentry=x'), 42, ['consentry=x']]) {
      expect(() => readConsent(wrong as never, config), String(wrong)).toThrow(
        new TypeError('readConsent: expected the Cookie header, request.headers or the request'),
      );
      expect(() => cookieHeaderStorage(wrong as never, 'consentry')).toThrow(
        /^cookieHeaderStorage: expected/,
      );
    }
  });

  // Next.js's cookies() is this class. It keeps one cookie of each name, so of a host's refusal and a
  // parent domain's acceptance it may show the acceptance; and its get('cookie') answers undefined,
  // which read as no cookie gave the opt-out defaults to a visitor who refused.
  it('throws for a cookie store (Next.js cookies()) and for a Promise (an un-awaited headers()), saying what to pass', () => {
    const { store, storage } = makeStore({ jurisdiction: 'opt-out' });
    store.rejectAll();
    const jar = new RequestCookies(new Headers({ cookie: `consentry=${storage.read()[0]}` }));
    expect(() => readConsent(jar as never, config, { jurisdiction: 'opt-out' })).toThrow(
      new TypeError(
        'readConsent: expected the Cookie header, request.headers or the request, not a cookie store (Next.js: headers(), not cookies())',
      ),
    );
    expect(() => cookieHeaderStorage(jar as never, 'consentry')).toThrow(/not a cookie store/);
    expect(() => readConsent(Promise.resolve(new Headers()) as never, config)).toThrow(
      new TypeError(
        'readConsent: expected the Cookie header, request.headers or the request, got a Promise: await it',
      ),
    );
  });

  // Express's req.cookies read as "no cookie" gave a visitor who refused the opt-out defaults: marketing on.
  it('throws for parsed cookies (req.cookies); headers that merely carry a header of that name read as before', () => {
    const { store, storage } = makeStore({ jurisdiction: 'opt-out' });
    store.rejectAll();
    const value = storage.read()[0]!;
    expect(() => readConsent({ consentry: value, theme: 'dark' } as never, config)).toThrow(
      new TypeError(
        'readConsent: expected the Cookie header, request.headers or the request, got parsed cookies (req.headers, not req.cookies)',
      ),
    );
    // A request's headers are the visitor's to write: one named like the cookie never makes it throw.
    const visitor = { host: 'example.com', consentry: value } as Record<string, string>;
    expect(readConsent(visitor, config, { now: NOW + 1, jurisdiction: 'opt-out' }).record).toBeNull();
    const both = { cookie: `consentry=${value}`, consentry: 'x' };
    expect(readConsent(both, config, { now: NOW + 1, jurisdiction: 'opt-out' }).record?.action).toBe(
      'reject-all',
    );
    // The consent cookie's value alone is no header (no "name=value" pair): no decision. Taken as the
    // cookie it could be the one of two copies that grants more (Next.js's cookies().get() keeps one).
    expect(readConsent(value, config, { now: NOW + 1, jurisdiction: 'opt-out' }).record).toBeNull();
  });

  it("memoryStorage given something else than the cookie's value (or nothing) throws", () => {
    for (const wrong of [123, { consentry: 'x' }, ['x']])
      expect(() => memoryStorage(wrong as never), JSON.stringify(wrong)).toThrow(
        new TypeError("memoryStorage: expected the consent cookie's value (a string) or nothing"),
      );
    expect(memoryStorage(null).read()).toEqual([]);
  });

  it('cookieHeaderStorage without the cookie name (or given the config) throws, naming config.cookie.name', () => {
    for (const name of [undefined, '', config, config.cookie])
      expect(() => cookieHeaderStorage('consentry=x', name as never)).toThrow(
        new TypeError("cookieHeaderStorage: expected the consent cookie's name (config.cookie.name)"),
      );
  });

  // Express's req.get('cookie') answers undefined when the request has no Cookie header.
  it('takes an Express request with or without a Cookie header (its get() answers undefined, its headers say)', () => {
    const { store, storage } = makeStore({ jurisdiction: 'opt-out' });
    store.rejectAll();
    const express = (headers: Record<string, string>) => ({
      headers,
      get: (name: string): string | undefined => headers[name.toLowerCase()],
    });
    const refused = readConsent(express({ cookie: `consentry=${storage.read()[0]}` }), config, {
      now: NOW + 1,
      jurisdiction: 'opt-out',
    });
    expect([refused.record?.action, refused.has('analytics')]).toEqual(['reject-all', false]);
    expect(readConsent(express({ host: 'example.com' }), config, { now: NOW }).record).toBeNull();
  });

  it('fuzz: random and mutated Cookie headers never throw and never grant more than the stored decision', () => {
    const value = stored();
    const tokens = fc.constantFrom(
      ';',
      '=',
      ' ',
      '"',
      '%',
      '%2',
      'consentry',
      value,
      value.slice(0, 20),
      '__proto__',
      ',',
      '\t',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(tokens, fc.string({ maxLength: 8 })), { maxLength: 16 }), (parts) => {
        const header = parts.join('');
        const r = readConsent(header, config, { now: NOW });
        expect(r.has('marketing')).toBe(false);
        expect(r.has('hotjar') && !r.has('analytics')).toBe(false);
        expect({ ...parseCookieHeader(header) }).toBeTypeOf('object');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 10_000 },
    );
  });
});
