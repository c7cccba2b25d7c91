import { afterEach, describe, expect, it } from 'vitest';
import { type ConsentElement, defineConsentElements } from '../index';
import en from '../locales/en';
import { testStore } from './fixture';

afterEach(() => {
  document.body.innerHTML = '';
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
});
