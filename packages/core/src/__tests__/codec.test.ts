import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type ConsentRecord,
  decodeRecord,
  defineConfig,
  encodeRecord,
  leastPermissive,
  MAX_RECORD_LENGTH,
  RECORD_VERSION,
} from '../index';
import { config, DAY, NOW } from './fixtures';

const base: ConsentRecord = {
  id: 'k3j4h5g6f7d8s9a0',
  time: NOW,
  action: 'custom',
  revision: '3',
  expires: NOW + 182 * DAY,
  categories: ['necessary', 'statistics', 'analytics'],
  services: ['session', 'matomo', 'ga', 'youtube'],
  gpc: true,
  jurisdiction: 'opt-in',
};

const allowed = new Set([...config.categories, ...config.services].map((x) => x.id as string));
/** Grants of a decoded record, as one list. */
const grants = (r: ConsentRecord | null) => (r ? [...r.categories, ...r.services] : []);

describe('record codec', () => {
  it('round-trips a record exactly', () => {
    expect(decodeRecord(encodeRecord(base, config), config)).toEqual(base);
  });

  it('is compact: only service exceptions to their categories are named', () => {
    const value = encodeRecord(base, config);
    // analytics granted but hotjar refused → "-hotjar"; marketing refused but youtube granted → "youtube".
    expect(value).toContain('.statistics!analytics!-hotjar!youtube.');
    expect(value.length).toBeLessThan(120);
  });

  it('uses only cookie-octets, so it goes into a cookie unencoded', () => {
    expect(encodeRecord(base, config)).toMatch(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/);
  });

  it('stays far under 4096 bytes with 200 services, whatever is decided', () => {
    const many = defineConfig({
      revision: 1,
      languages: ['en'],
      categories: [
        { id: 'necessary', required: true, texts: { en: { title: 'N' } } },
        { id: 'analytics', texts: { en: { title: 'A' } } },
        { id: 'marketing', texts: { en: { title: 'M' } } },
      ],
      services: Array.from({ length: 200 }, (_, i) => ({
        id: `service-${i}`,
        provider: `Provider ${i}`,
        category: i % 2 ? ('analytics' as const) : ('marketing' as const),
        texts: { en: { title: `S${i}` } },
      })),
    });
    const ids = many.services.map((s) => s.id);
    const all = {
      ...base,
      revision: '1',
      categories: ['necessary', 'analytics', 'marketing'],
      services: ids,
    };
    expect(encodeRecord(all, many).length).toBeLessThan(150);
    // Every service chosen against its category: the worst case for the exception list.
    const against = {
      ...base,
      revision: '1',
      categories: ['necessary', 'analytics'],
      services: ids.filter((_, i) => i % 2 === 0),
    };
    const value = encodeRecord(against, many);
    expect(value.length).toBeLessThan(2600);
    expect(decodeRecord(value, many)).toEqual(against);
  });

  it('drops ids the config no longer knows, so a record never grants more than the config declares', () => {
    const value = encodeRecord(base, config);
    const smaller = defineConfig({
      revision: 3,
      languages: ['en'],
      categories: [
        { id: 'necessary', required: true, texts: { en: { title: 'N' } } },
        { id: 'marketing', texts: { en: { title: 'M' } } },
      ],
      services: [
        { id: 'youtube', provider: 'YouTube', category: 'marketing', texts: { en: { title: 'Y' } } },
      ],
    });
    expect(decodeRecord(value, smaller)).toMatchObject({ categories: ['necessary'], services: ['youtube'] });
  });

  it('required categories and their services are always in a decoded record', () => {
    expect(
      decodeRecord(encodeRecord({ ...base, categories: [], services: [] }, config), config),
    ).toMatchObject({
      categories: ['necessary'],
      services: ['session'],
    });
  });

  describe('reading never throws and reads bad values as no decision', () => {
    const good = encodeRecord(base, config);
    const cases: [string, unknown][] = [
      ['undefined', undefined],
      ['a number', 42],
      ['an object', { toString: () => good }],
      ['empty', ''],
      ['JSON of internal state', JSON.stringify(base)],
      ['truncated', good.slice(0, -3)],
      ['cut in the middle', good.slice(0, 30)],
      ['a flipped character', good.replace('analytics', 'analytict')],
      ['a grant added without a valid checksum', good.replace('.statistics!', '.statistics!marketing!')],
      ['an unknown version', `9${good.slice(1)}`],
      ['oversized', `${good}${'x'.repeat(MAX_RECORD_LENGTH)}`],
      ['percent-encoded', encodeURIComponent(good).replace(/\./g, '%2E')],
      ['__proto__ as a grant', good.replace('analytics', '__proto__')],
      ['constructor as a grant', good.replace('analytics', 'constructor')],
    ];
    for (const [name, value] of cases) {
      it(name, () => {
        expect(decodeRecord(value, config)).toBeNull();
      });
    }
  });

  it('a migration hook turns an older version into the current one', () => {
    const current = encodeRecord(base, config);
    const old = `0~${current}`;
    const migrate = (value: string, version: string) =>
      version === `0~${RECORD_VERSION}` ? value.slice(2) : null;
    expect(decodeRecord(old, config, migrate)).toEqual(base);
    expect(decodeRecord('0.x', config, () => 'garbage')).toBeNull();
    expect(
      decodeRecord('0.x', config, () => {
        throw new Error('bad migration');
      }),
    ).toBeNull();
  });
});

describe('several stored copies (host and parent domain)', () => {
  it('identical copies read as that decision', () => {
    expect(leastPermissive([base, base])).toEqual(base);
  });

  it('disagreeing copies grant only what every copy grants', () => {
    const other: ConsentRecord = {
      ...base,
      time: NOW + 5,
      categories: ['necessary', 'analytics', 'marketing'],
      services: ['session', 'ga', 'youtube'],
    };
    const merged = leastPermissive([base, other])!;
    expect(merged.categories).toEqual(['necessary', 'analytics']);
    expect(merged.services).toEqual(['session', 'ga', 'youtube']);
    expect(merged.expires).toBe(Math.min(base.expires, other.expires));
  });

  it('no copies read as no decision', () => {
    expect(leastPermissive([])).toBeNull();
  });
});

describe('fuzzing the decoder', () => {
  const good = encodeRecord(base, config);

  it('random strings never throw and never decode', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        expect(decodeRecord(s, config)).toBeNull();
      }),
      { numRuns: 5000 },
    );
  });

  it('mutated valid records never throw and never grant more than the config declares', () => {
    const mutation = fc.oneof(
      fc.record({
        kind: fc.constant('replace' as const),
        at: fc.nat(good.length - 1),
        ch: fc.string({ minLength: 1, maxLength: 1 }),
      }),
      fc.record({
        kind: fc.constant('delete' as const),
        at: fc.nat(good.length - 1),
        n: fc.integer({ min: 1, max: 8 }),
      }),
      fc.record({
        kind: fc.constant('insert' as const),
        at: fc.nat(good.length),
        s: fc.string({ maxLength: 12 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        let s = good;
        for (const m of ms) {
          if (m.kind === 'replace') s = s.slice(0, m.at) + m.ch + s.slice(m.at + 1);
          else if (m.kind === 'delete') s = s.slice(0, m.at) + s.slice(m.at + m.n);
          else s = s.slice(0, m.at) + m.s + s.slice(m.at);
        }
        const r = decodeRecord(s, config);
        if (r) for (const id of grants(r)) expect(allowed.has(id)).toBe(true);
        // Prototype pollution would show on a fresh object.
        expect(({} as Record<string, unknown>).analytics).toBeUndefined();
      }),
      { numRuns: 10_000 },
    );
  });

  it('any valid record round-trips', () => {
    const ids = config.services.map((s) => s.id as string);
    const cats = config.categories.map((c) => c.id as string);
    fc.assert(
      fc.property(
        fc.subarray(cats),
        fc.subarray(ids),
        fc.constantFrom('accept-all', 'reject-all', 'custom', 'withdraw' as const),
        fc.boolean(),
        fc.integer({ min: 0, max: 4_000_000_000_000 }),
        fc.stringMatching(/^[\w-]{8,40}$/),
        fc.constantFrom('opt-in', 'opt-out' as const),
        (c, s, action, gpc, time, id, jurisdiction) => {
          const categories = cats.filter((x) => x === 'necessary' || c.includes(x));
          const services = ids.filter((x) => x === 'session' || s.includes(x));
          const r: ConsentRecord = {
            id,
            time,
            action,
            revision: '3',
            expires: time + DAY,
            categories,
            services,
            gpc,
            jurisdiction,
          };
          expect(decodeRecord(encodeRecord(r, config), config)).toEqual(r);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
