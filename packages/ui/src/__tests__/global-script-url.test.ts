import { afterEach, describe, expect, it, vi } from 'vitest';

// Where the script-tag build looks for its languages, by the address it was loaded from (read once, as
// the script runs: document.currentScript).
const localeOf = async (src: string | null) => {
  vi.resetModules();
  vi.spyOn(document, 'currentScript', 'get').mockReturnValue(
    src === null ? null : Object.assign(document.createElement('script'), { src }),
  );
  const { localeUrl } = await import('../global-script-url');
  return localeUrl('en');
};

afterEach(() => vi.restoreAllMocks());

describe('the script-tag build finds its files', () => {
  it.each([
    [
      'https://cdn.jsdelivr.net/npm/@consentry/ui@0.1.0/dist/consentry.global.js',
      'https://cdn.jsdelivr.net/npm/@consentry/ui@0.1.0/dist/locales/en.js',
    ],
    ['https://x.test/vendor/consentry.global.js?v=3', 'https://x.test/vendor/locales/en.js'],
    // A site's own route for the file, without .js: beside it, as before.
    ['https://x.test/static/consentry-8f3a1c', 'https://x.test/static/locales/en.js'],
  ])('beside the script it was loaded as: %s', async (src, want) => {
    expect(await localeOf(src)).toBe(want);
  });

  // The address the package.json's jsdelivr/unpkg fields serve: the files are in its dist/.
  it.each([
    [
      'https://cdn.jsdelivr.net/npm/@consentry/ui@0.1',
      'https://cdn.jsdelivr.net/npm/@consentry/ui@0.1/dist/locales/en.js',
    ],
    [
      'https://cdn.jsdelivr.net/npm/@consentry/ui@0.1/?v=2',
      'https://cdn.jsdelivr.net/npm/@consentry/ui@0.1/dist/locales/en.js',
    ],
    ['https://unpkg.com/@consentry/ui', 'https://unpkg.com/@consentry/ui/dist/locales/en.js'],
    ['https://unpkg.com/@consentry/ui@latest#x', 'https://unpkg.com/@consentry/ui@latest/dist/locales/en.js'],
  ])('in the package’s dist/ from its bare address: %s', async (src, want) => {
    expect(await localeOf(src)).toBe(want);
  });

  it('relative when the script has no address (inlined in a page)', async () => {
    expect(await localeOf(null)).toBe('./locales/en.js');
  });
});
