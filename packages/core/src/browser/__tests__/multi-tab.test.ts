// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsentEvent } from '../../machine/types';
import { defineConfig } from '../../model/config';
import { encodeRecord } from '../../storage/codec';
import { memoryStorage } from '../../storage/web-storage';
import { type ConsentStore, createConsent } from '../../store/store';
import { multiTab } from '../multi-tab';

// Node has a real BroadcastChannel: two stores here are two "tabs" of one origin.
const config = (cookie = 'consentry') =>
  defineConfig({
    revision: 1,
    languages: ['en'],
    cookie: { name: cookie },
    categories: [
      { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
      { id: 'analytics', texts: { en: { title: 'Analytics' } } },
    ],
  });

const stores: ConsentStore[] = [];
function tab(cookie?: string, now?: () => number) {
  const store = createConsent(config(cookie), { storage: memoryStorage(), integrations: [multiTab()], now });
  stores.push(store);
  return store;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.destroy();
});

const until = async (check: () => boolean, ms = 1000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};
const types = (log: readonly ConsentEvent[]) => log.map((e) => e.type);

describe('multi-tab sync (BroadcastChannel)', () => {
  it('a decision in one tab reaches the other within a second, with no echo', async () => {
    const a = tab();
    const b = tab();
    a.save({ analytics: true });
    await until(() => b.has('analytics'));
    expect(b.getSnapshot().record).toEqual(a.getSnapshot().record);
    await new Promise((r) => setTimeout(r, 50));
    expect(types(a.log())).toEqual(['INIT', 'SAVE']);
    expect(types(b.log())).toEqual(['INIT', 'SYNC']);
  });

  it('a stale record never overwrites a newer decision; a duplicate is a no-op', async () => {
    let t = 1_000_000;
    const a = tab(undefined, () => t);
    const b = tab(undefined, () => t);
    a.save({ analytics: true });
    const older = a.getSnapshot().record!;
    await until(() => b.has('analytics'));
    t += 1000;
    b.withdraw();
    await until(() => !a.has('analytics'));
    // Replay the older record as another tab that missed the withdrawal would send it.
    const stale = new BroadcastChannel('consentry:consentry');
    stale.postMessage(encodeRecord(older, a.config));
    stale.postMessage(encodeRecord(b.getSnapshot().record!, a.config));
    await new Promise((r) => setTimeout(r, 50));
    stale.close();
    expect(a.has('analytics')).toBe(false);
    expect(a.getSnapshot().record?.action).toBe('withdraw');
    expect(b.has('analytics')).toBe(false);
  });

  it('two stores with different consent cookies do not hear each other; garbage is ignored', async () => {
    const a = tab('site_a');
    const b = tab('site_b');
    const noise = new BroadcastChannel('consentry:site_b');
    noise.postMessage('1.not.a.record');
    noise.postMessage({ evil: true });
    a.acceptAll();
    await new Promise((r) => setTimeout(r, 50));
    noise.close();
    expect(b.has('analytics')).toBe(false);
    expect(types(b.log())).toEqual(['INIT']);
  });
});

describe('multi-tab re-check on focus', () => {
  it('a cookie the store set aside (expired) is offered once, not as a SYNC in the log at every focus', () => {
    const now = Date.now();
    const stale = {
      id: 'stale-record-0001',
      time: now - 400 * 864e5,
      action: 'accept-all' as const,
      revision: '1',
      expires: now - 864e5,
      categories: ['necessary', 'analytics'],
      services: [],
      gpc: false,
      jurisdiction: 'opt-in' as const,
    };
    // biome-ignore lint/suspicious/noDocumentCookie: the consent cookie as an earlier visit left it.
    document.cookie = `consentry=${encodeRecord(stale, config())}`;
    try {
      const a = tab();
      for (let i = 0; i < 3; i++) window.dispatchEvent(new Event('focus'));
      expect(types(a.log())).toEqual(['INIT', 'SYNC']);
      expect(a.has('analytics')).toBe(false);
    } finally {
      // biome-ignore lint/suspicious/noDocumentCookie: the test's cookie goes.
      document.cookie = 'consentry=; Max-Age=0';
    }
  });
});

describe('multiTab options', () => {
  it.each([
    ['a number', 5],
    ['an empty string', ''],
    ['an object', { name: 'x' }],
  ])('a channel that is %s fails at creation, naming it', (_, channel) => {
    // Coerced, an object would be "[object Object]": a name other stores could share.
    expect(() => multiTab({ channel } as never)).toThrow(
      /^multiTab\(\{ channel \}\): expected a non-empty string/,
    );
  });

  it('accepts no options and a name', () => {
    expect(typeof multiTab()).toBe('function');
    expect(typeof multiTab({ channel: 'site:consent' })).toBe('function');
  });
});
