import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../model/config';
import { memoryStorage } from '../../storage/web-storage';
import { createConsent } from '../../store/store';
import { onGrant } from '../programmatic';

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
