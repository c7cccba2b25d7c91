import { describe, expect, it } from 'vitest';
import * as core from '../../index';

// Node environment: no window, no document. Importing and starting every integration must be inert.
describe('browser integrations without a DOM', () => {
  it('importing touches nothing, and a store with every integration works on a server', () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const config = core.defineConfig({
      revision: 1,
      languages: ['en'],
      categories: [
        { id: 'necessary', required: true, texts: { en: { title: 'N' } } },
        { id: 'analytics', texts: { en: { title: 'A' } } },
      ],
      services: [
        {
          id: 'ga',
          provider: 'G',
          category: 'analytics',
          texts: { en: { title: 'GA' } },
          cookies: [{ name: '_ga' }],
        },
      ],
      consentMode: { analytics_storage: 'analytics' },
    });
    const errors: unknown[] = [];
    const store = core.createConsent(config, {
      storage: core.memoryStorage(),
      onError: (e) => errors.push(e),
      integrations: [core.consentMode(), core.gating(), core.autoClear(), core.multiTab()],
    });
    store.acceptAll();
    store.withdraw();
    expect(errors).toEqual([]);
    expect('dataLayer' in globalThis).toBe(false);
    expect(core.readGpc()).toBe(false);
    store.destroy();
  });

  it('loadScript rejects without a document; bad options fail fast with the field named', async () => {
    const config = core.defineConfig({
      revision: 1,
      languages: ['en'],
      categories: [{ id: 'necessary', required: true, texts: { en: { title: 'N' } } }],
    });
    const store = core.createConsent(config, { storage: core.memoryStorage() });
    await expect(core.loadScript(store, 'necessary', '/a.js')).rejects.toThrow(/document/);
    expect(() => core.gating({ attribute: 'onclick' })).toThrow(/data-\*/);
    expect(() => core.onGrant(store, 'necessary', undefined as never)).toThrow(/run/);
  });
});
