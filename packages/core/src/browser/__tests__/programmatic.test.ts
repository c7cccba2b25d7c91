import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../model/config';
import { memoryStorage } from '../../storage/web-storage';
import { createConsent } from '../../store/store';
import { loadScript, onGrant } from '../programmatic';

const config = defineConfig({
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'N' } } },
    { id: 'analytics', texts: { en: { title: 'A' } } },
  ],
  services: [{ id: 'ga', provider: 'G', category: 'analytics', texts: { en: { title: 'GA' } } }],
});

describe('onGrant', () => {
  it('runs on each grant and reverts on each withdrawal after a run; never reverts what did not run', () => {
    const store = createConsent(config, { storage: memoryStorage() });
    const calls: string[] = [];
    const stop = onGrant(
      store,
      'ga',
      () => calls.push('run'),
      () => calls.push('revoke'),
    );
    store.rejectAll();
    store.openPreferences();
    store.closePreferences();
    expect(calls).toEqual([]);
    store.acceptAll();
    store.acceptAll();
    store.withdraw(['analytics']);
    store.save({ analytics: true });
    stop();
    store.withdraw();
    expect(calls).toEqual(['run', 'revoke', 'run']);
  });

  it('runs at once when already granted (a returning visitor)', () => {
    const storage = memoryStorage();
    createConsent(config, { storage }).acceptAll();
    const calls: string[] = [];
    onGrant(createConsent(config, { storage }), 'analytics', () => calls.push('run'));
    expect(calls).toEqual(['run']);
  });
});

describe('onGrant: callbacks that throw', () => {
  it("a throwing run stops neither the decision nor the store's other listeners; the error is reported", () => {
    const store = createConsent(config, { storage: memoryStorage() });
    const reported: unknown[] = [];
    const original = console.error;
    console.error = (e: unknown) => reported.push(e);
    try {
      const failure = new Error('vendor not loaded');
      onGrant(store, 'analytics', () => {
        throw failure;
      });
      let seen = 0;
      store.subscribe(() => seen++);
      expect(() => store.acceptAll()).not.toThrow();
      expect(seen).toBe(1);
      expect(store.has('analytics')).toBe(true);
      expect(reported).toEqual([failure]);
    } finally {
      console.error = original;
    }
  });

  it('a revoke that is not a function fails at once, naming it', () => {
    const store = createConsent(config, { storage: memoryStorage() });
    expect(() => onGrant(store, 'analytics', () => {}, 'stop' as never)).toThrow(/revoke must be a function/);
  });
});

describe('onGrant and loadScript: a missing store, or a config in its place, fails naming it', () => {
  const noop = () => {};
  it.each([
    ['no store', undefined, 'undefined'],
    ['the config', config, 'a config'],
    ['a plain object', {}, '[object Object]'],
  ])('%s', async (_, store, got) => {
    // Not "Cannot read properties of undefined" or, minified, "e.subscribe is not a function".
    expect(() => onGrant(store as never, 'analytics', noop)).toThrow(
      new TypeError(`onGrant: expected a store from createConsent(config), got ${got}`),
    );
    await expect(loadScript(store as never, 'analytics', '/a.js')).rejects.toThrow(
      new TypeError(`loadScript: expected a store from createConsent(config), got ${got}`),
    );
  });

  it('an id that is not a string, or not of this config, fails naming it (it would never be granted)', async () => {
    const store = createConsent(config, { storage: memoryStorage() });
    expect(() => onGrant(store, ['analytics'] as never, noop)).toThrow(
      'onGrant: id must be a category or service id of this config, got ["analytics"]',
    );
    await expect(loadScript(store, undefined as never, '/a.js')).rejects.toThrow(/^loadScript: id must be/);
    // A typo waited forever, unseen; so did an Object member ("constructor").
    for (const id of ['analytic', 'constructor'])
      expect(() => onGrant(store, id as never, noop)).toThrow(
        `onGrant: id must be a category or service id of this config, got "${id}"`,
      );
    await expect(loadScript(store, 'analytic' as never, '/a.js')).rejects.toThrow(
      /of this config, got "analytic"$/,
    );
    // A revoke of null is none, as an absent one.
    expect(typeof onGrant(store, 'analytics', noop, null as never)).toBe('function');
  });
});

describe('loadScript: options are checked before anything loads', () => {
  it('an unknown option fails naming it: `integrity` at the top level would load without SRI', async () => {
    const store = createConsent(config, { storage: memoryStorage() });
    store.acceptAll();
    await expect(
      loadScript(store, 'analytics', '/a.js', { integrity: 'sha384-x', crossorigin: 'anonymous' } as never),
    ).rejects.toThrow(
      new TypeError('loadScript: unknown options.integrity: an attribute goes in options.attributes'),
    );
    await expect(loadScript(store, 'analytics', '/a.js', 'module' as never)).rejects.toThrow(
      new TypeError('loadScript: options must be an object'),
    );
  });

  // `attributes: 'sha384-…'` failed as 'attribute "0" is not allowed'; a signal that is not one failed
  // inside ("addEventListener is not a function"); a number as nonce was taken.
  it('attributes, nonce and signal of the wrong kind fail naming the option', async () => {
    const store = createConsent(config, { storage: memoryStorage() });
    for (const [name, options, expected] of [
      ['attributes', { attributes: 'sha384-x' }, 'an object of strings'],
      ['attributes', { attributes: { integrity: 5 } }, 'an object of strings'],
      ['nonce', { nonce: 5 }, 'a string'],
      ['signal', { signal: 'x' }, 'an AbortSignal'],
      ['signal', { signal: new AbortController() }, 'an AbortSignal'],
    ] as const)
      await expect(loadScript(store, 'analytics', '/a.js', options as never), name).rejects.toThrow(
        new TypeError(`loadScript: invalid options.${name}: expected ${expected}`),
      );
  });
});
