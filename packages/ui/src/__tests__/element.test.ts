import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ConsentElement, defineConsentElements } from '../index';
import en from '../locales/en';
import { testConfig, testStore } from './fixture';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('<consentry-banner>', () => {
  it('is defined only when asked, mounts once connected with a store, and unmounts when removed', () => {
    expect(customElements.get('consentry-banner')).toBeUndefined();
    defineConsentElements();
    defineConsentElements(); // idempotent
    const el = document.createElement('consentry-banner') as ConsentElement;
    el.setAttribute('theme', 'dark');
    el.setAttribute('position', 'center');
    el.setAttribute('language', 'fr');
    el.setAttribute('no-trigger', '');
    el.options = { locale: en };
    document.body.append(el);
    expect(el.querySelector('.cy')).toBeNull();
    const store = testStore();
    el.store = store;
    const root = el.querySelector<HTMLElement>('.cy')!;
    expect(root.dataset).toMatchObject({ theme: 'dark', pos: 'center' });
    expect(root.lang).toBe('fr');
    expect(el.querySelector('.cy-t')).toBeNull();
    el.querySelector<HTMLButtonElement>('[data-a="rejectAll"]')!.click();
    expect(store.getSnapshot().record!.action).toBe('reject-all');
    el.remove();
    expect(el.querySelector('.cy')).toBeNull();
    expect(document.querySelectorAll('.cy')).toHaveLength(0);
  });

  // React 19 and Vue bind `theme={theme}` / `:theme="theme"` as an attribute and write it again when
  // the value changes (a site's dark-mode switch): the element read its attributes only as it mounted,
  // so the banner kept the old theme and position until it was removed and put back.
  it('follows its attributes as they change, with one UI in the page', () => {
    defineConsentElements();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const el = document.createElement('consentry-banner') as ConsentElement;
    el.setAttribute('theme', 'dark');
    el.setAttribute('position', 'box');
    el.options = { locale: en };
    const store = testStore();
    el.store = store;
    document.body.append(el);
    const root = () => {
      expect(document.querySelectorAll('.cy')).toHaveLength(1);
      return el.querySelector<HTMLElement>('.cy')!;
    };
    expect(root().dataset).toMatchObject({ theme: 'dark', pos: 'box' });
    el.setAttribute('theme', 'light');
    el.setAttribute('position', 'bar');
    expect(root().dataset).toMatchObject({ theme: 'light', pos: 'bar' });
    el.setAttribute('language', 'fr');
    expect(root().lang).toBe('fr');
    el.setAttribute('modal', '');
    expect(root().querySelector('.cy-o > .cy-b[aria-modal="true"]')).not.toBeNull();
    expect(root().querySelector('.cy-t')).not.toBeNull();
    el.setAttribute('no-trigger', '');
    expect(root().querySelector('.cy-t')).toBeNull();
    el.removeAttribute('modal');
    expect(root().querySelector('.cy-o > .cy-b')).toBeNull();
    // New options too (React 19 writes the property again when `options={{ locale: { … } }}` changes),
    // but the same content in a new object (an inline object on every render) keeps the UI and the focus.
    el.options = { locale: { ...en, acceptAll: 'Accept everything' } };
    expect(root().querySelector('[data-a="acceptAll"]')!.textContent).toBe('Accept everything');
    const drawn = root();
    el.options = { locale: { ...en, acceptAll: 'Accept everything' } };
    expect(root()).toBe(drawn);
    // A value the checks refuse is reported as mountConsentUI's TypeError, and the UI comes back with
    // the next good one.
    const refused = vi.fn((e: ErrorEvent) => e.preventDefault());
    window.addEventListener('error', refused);
    el.setAttribute('position', 'top');
    window.removeEventListener('error', refused);
    expect(String(refused.mock.calls[0]?.[0].error)).toMatch(/invalid options\.position/);
    expect(document.querySelectorAll('.cy')).toHaveLength(0);
    el.removeAttribute('position');
    expect(root().dataset.pos).toBe('bar');
    el.remove();
    expect(document.querySelectorAll('.cy')).toHaveLength(0);
    // Not connected: nothing mounts until it is.
    el.setAttribute('theme', 'dark');
    expect(document.querySelectorAll('.cy')).toHaveLength(0);
    expect(error).not.toHaveBeenCalled();
  });

  it('refuses a config given as its store with a TypeError saying a store is expected', () => {
    defineConsentElements();
    const el = document.createElement('consentry-banner') as ConsentElement;
    el.options = { locale: en };
    document.body.append(el);
    expect(() => {
      el.store = testConfig() as never;
    }).toThrow(new TypeError('mountConsentUI: expected a store from createConsent(config), got a config'));
    expect(document.querySelectorAll('.cy')).toHaveLength(0);
    el.store = testStore();
    expect(document.querySelectorAll('.cy')).toHaveLength(1);
    // A misspelt key of its options is refused as mountConsentUI refuses it.
    expect(() => {
      el.options = { positon: 'box' } as never;
    }).toThrow(/unknown options\.positon/);
  });

  it('null options are no options, as for mountConsentUI', async () => {
    defineConsentElements();
    const el = document.createElement('consentry-banner') as ConsentElement;
    el.options = null as never;
    document.body.append(el);
    el.store = testStore();
    // The bundled English texts load first.
    await vi.waitFor(() => expect(el.querySelectorAll('.cy')).toHaveLength(1));
    el.remove();
  });

  // React 18 sets every prop of a custom element as an attribute, `setAttribute(name, '' + value)`:
  // `<consentry-banner store={store} options={…}>` gives store="[object Object]" and the same for options.
  const asReact18 = (el: Element, name: string, value: unknown) => el.setAttribute(name, `${value}`);

  it('reports a store or options attribute (React 18’s props) once each, naming the ref and React 19', () => {
    defineConsentElements();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const el = document.createElement('consentry-banner') as ConsentElement;
    el.options = { locale: en };
    const store = testStore();
    asReact18(el, 'store', store);
    document.body.append(el);
    // The silent failure being reported: no store property, nothing shown.
    expect(el.querySelector('.cy')).toBeNull();
    expect(error).toHaveBeenCalledTimes(1);
    const message = String(error.mock.calls[0]![0]);
    expect(message).toContain('<consentry-banner store="[object Object]">');
    expect(message).toContain('the element has no store and shows nothing');
    expect(message).toContain('ref={(el) => { if (el) el.store = store; }}');
    expect(message).toContain('React 19');
    // React 18 writes the attribute again when the prop changes: not reported again.
    asReact18(el, 'store', testStore());
    el.remove();
    document.body.append(el);
    expect(error).toHaveBeenCalledTimes(1);
    // The fix the message gives, the property, shows the banner.
    el.store = store;
    expect(el.querySelector('.cy')).not.toBeNull();
    // Any other attribute is not a mistake.
    el.setAttribute('theme', 'dark');
    expect(error).toHaveBeenCalledTimes(1);
    // The options prop is reported too: they would be ignored.
    asReact18(el, 'options', { modal: true });
    expect(error).toHaveBeenCalledTimes(2);
    expect(String(error.mock.calls[1]![0])).toMatch(
      /<consentry-banner options="\[object Object\]">: .*these options are ignored.*el\.options = options/,
    );
  });

  it('reports the attribute of an element upgraded from markup, under its own tag', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    document.body.innerHTML = '<x-consent store="my-store"></x-consent>';
    defineConsentElements('x-consent');
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toContain('<x-consent store="my-store">');
  });

  // A page without a bundler (an import map) has no `process`: reading process.env.NODE_ENV there made
  // defineConsentElements throw a ReferenceError. The report is not left to a build step.
  it('defines the element and reports the attribute whatever NODE_ENV says, and with no `process`', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.stubEnv('NODE_ENV', 'production');
    document.body.innerHTML = '<x-prod options="{}"></x-prod><x-bare store="s"></x-bare>';
    defineConsentElements('x-prod');
    expect(error).toHaveBeenCalledTimes(1);
    vi.stubGlobal('process', undefined);
    try {
      defineConsentElements('x-bare');
    } finally {
      vi.unstubAllGlobals();
    }
    expect(customElements.get('x-bare')).toBeDefined();
    expect(error).toHaveBeenCalledTimes(2);
    expect(String(error.mock.calls[1]![0])).toContain('<x-bare store="s">');
  });
});
