import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../model/config';
import { readGpcHeader } from '../../server/cookie-header';
import { memoryStorage } from '../../storage/web-storage';
import { createConsent } from '../../store/store';
import { readGpc } from '../gpc';
import { vectors } from './vectors';

// Source: test-vectors/gpc-spec-cases.json (w3c/gpc spec examples and rules derived from its MUST
// text; web-platform-tests gpc/support/getGPC.py).
const data = vectors('gpc-spec-cases.json');

interface HeaderCase {
  id: string;
  headers?: [string, string][];
  values?: string[];
  expectGpc: boolean;
}

describe('Sec-GPC header on the server helper (gpc-spec-cases.json secGpcHeader)', () => {
  for (const c of data.secGpcHeader as HeaderCase[]) {
    const pairs: [string, string][] = c.headers ?? (c.values ?? []).map((v) => ['Sec-GPC', v]);
    it(`${c.id}: ${c.expectGpc ? 'on' : 'off'}`, () => {
      // As a list of raw pairs (e.g. Node's rawHeaders paired up).
      expect(readGpcHeader(pairs)).toBe(c.expectGpc);
      // As Node's IncomingHttpHeaders: lower-cased names, repeated fields as an array.
      const node: Record<string, string | string[]> = {};
      for (const [k, v] of pairs) {
        const key = k.toLowerCase();
        const prev = node[key];
        node[key] = prev === undefined ? [v] : [...(prev as string[]), v];
      }
      expect(readGpcHeader(node)).toBe(c.expectGpc);
      // As a Fetch Headers object, which joins repeated fields.
      const headers = new Headers();
      for (const [k, v] of pairs) headers.append(k, v);
      expect(readGpcHeader(headers)).toBe(c.expectGpc);
    });
  }
});

describe('navigator.globalPrivacyControl (gpc-spec-cases.json navigatorGlobalPrivacyControl)', () => {
  for (const c of data.navigatorGlobalPrivacyControl as {
    id: string;
    value: unknown;
    expectGpc: boolean;
  }[]) {
    it(`${c.id}: ${c.expectGpc ? 'on' : 'off'}`, () => {
      const nav = c.value === '<property undefined>' ? {} : { globalPrivacyControl: c.value };
      expect(readGpc(nav)).toBe(c.expectGpc);
    });
  }
  it('only the boolean true counts; anything else, or no navigator, is no signal', () => {
    for (const v of ['true', 1, '1', null, {}]) expect(readGpc({ globalPrivacyControl: v })).toBe(false);
    expect(readGpc(null)).toBe(false);
    expect(readGpc(undefined)).toBe(false);
  });
});

describe('GPC under the jurisdiction rules', () => {
  const config = (jurisdiction: 'opt-in' | 'opt-out') =>
    defineConfig({
      revision: 1,
      languages: ['en'],
      jurisdiction,
      categories: [
        { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
        { id: 'analytics', texts: { en: { title: 'Analytics' } } },
        { id: 'ads', saleOrSharing: true, texts: { en: { title: 'Ads' } } },
      ],
    });

  it('opt-out: GPC denies sale/sharing by default, writes no record, leaves the rest on', () => {
    const storage = memoryStorage();
    const store = createConsent(config('opt-out'), { storage, gpc: readGpc({ globalPrivacyControl: true }) });
    expect(store.getSnapshot().gpc).toBe(true);
    expect(store.has('ads')).toBe(false);
    expect(store.has('analytics')).toBe(true);
    expect(storage.read()).toEqual([]);
    const without = createConsent(config('opt-out'), { storage: memoryStorage(), gpc: readGpc({}) });
    expect(without.has('ads')).toBe(true);
  });

  it('an explicit choice of the visitor wins, and the record says GPC was on', () => {
    const storage = memoryStorage();
    const store = createConsent(config('opt-out'), { storage, gpc: true });
    store.save({ ads: true });
    expect(store.has('ads')).toBe(true);
    expect(store.getSnapshot().record?.gpc).toBe(true);
    // The stored decision keeps winning on the next visit, GPC or not.
    expect(createConsent(config('opt-out'), { storage, gpc: true }).has('ads')).toBe(true);
  });

  it('opt-in: nothing optional is on before a decision, with or without GPC', () => {
    const store = createConsent(config('opt-in'), { storage: memoryStorage(), gpc: true });
    expect(store.has('ads')).toBe(false);
    expect(store.has('analytics')).toBe(false);
  });
});
