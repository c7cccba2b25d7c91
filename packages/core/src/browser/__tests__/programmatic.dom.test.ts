// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../model/config';
import { memoryStorage } from '../../storage/web-storage';
import { createConsent } from '../../store/store';
import { loadScript } from '../programmatic';

const config = defineConfig({
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'N' } } },
    { id: 'analytics', texts: { en: { title: 'A' } } },
  ],
});

describe('loadScript: options that would make a script that never runs are refused', () => {
  it.each([
    ['type text/plain', { type: 'text/plain' }, /loadScript: type must be "module" or "text\/javascript"/],
    ['a misspelt type', { type: 'modul' }, /loadScript: type must be/],
    [
      'a type attribute',
      { attributes: { type: 'text/plain' } },
      /loadScript: attribute "type" is not allowed/,
    ],
    [
      'a src attribute',
      { attributes: { SRC: 'https://evil.test/x.js' } },
      /loadScript: attribute "SRC" is not allowed/,
    ],
    [
      'an event handler',
      { attributes: { onload: 'alert(1)' } },
      /loadScript: attribute "onload" is not allowed/,
    ],
  ])(
    '%s: rejects at once, adds no script',
    async (_, options, message) => {
      const store = createConsent(config, { storage: memoryStorage() });
      store.acceptAll();
      await expect(
        loadScript(store, 'analytics', 'https://example.test/a.js', options as never),
      ).rejects.toThrow(message);
      expect(document.querySelectorAll('script')).toHaveLength(0);
    },
    // A promise that never settles is the failure this guards against: fail fast on it.
    5000,
  );

  it('module and text/javascript are accepted: the script is added once granted', async () => {
    const store = createConsent(config, { storage: memoryStorage() });
    void loadScript(store, 'analytics', 'https://example.test/m.js', {
      type: 'module',
      attributes: { 'data-x': '1' },
    });
    expect(document.querySelectorAll('script[src="https://example.test/m.js"]')).toHaveLength(0);
    store.acceptAll();
    const s = document.querySelector<HTMLScriptElement>('script[src="https://example.test/m.js"]')!;
    expect([s.type, s.getAttribute('data-x')]).toEqual(['module', '1']);
  });
});

describe('loadScript: null options are no options', () => {
  it('loads the script once granted, as with none', async () => {
    const store = createConsent(config, { storage: memoryStorage() });
    void loadScript(store, 'analytics', 'https://example.test/null.js', null);
    store.acceptAll();
    expect(document.querySelectorAll('script[src="https://example.test/null.js"]')).toHaveLength(1);
  });

  it('integrity under attributes reaches the element; at the top level it is refused, no script added', async () => {
    const store = createConsent(config, { storage: memoryStorage() });
    store.acceptAll();
    await expect(
      loadScript(store, 'analytics', 'https://example.test/top.js', { integrity: 'sha384-x' } as never),
    ).rejects.toThrow(/unknown options\.integrity: an attribute goes in options\.attributes/);
    expect(document.querySelectorAll('script[src="https://example.test/top.js"]')).toHaveLength(0);
    void loadScript(store, 'analytics', 'https://example.test/sri.js', {
      attributes: { integrity: 'sha384-x' },
    });
    const s = document.querySelector('script[src="https://example.test/sri.js"]')!;
    expect(s.getAttribute('integrity')).toBe('sha384-x');
  }, 5000);
});
