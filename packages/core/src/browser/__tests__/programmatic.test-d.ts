import { describe, expectTypeOf, it } from 'vitest';
import { defineConfig } from '../../model/config';
import { createConsent } from '../../store/store';
import { loadScript, onGrant } from '../programmatic';

const store = createConsent(
  defineConfig({
    revision: 1,
    languages: ['en'],
    categories: [
      { id: 'necessary', required: true, texts: { en: { title: 'N' } } },
      { id: 'analytics', texts: { en: { title: 'A' } } },
    ],
    services: [{ id: 'ga', provider: 'G', category: 'analytics', texts: { en: { title: 'GA' } } }],
  }),
);

describe('programmatic API types', () => {
  it('takes only the config’s category and service ids', () => {
    expectTypeOf(onGrant(store, 'analytics', () => {})).toEqualTypeOf<() => void>();
    expectTypeOf(loadScript(store, 'ga', '/ga.js')).toEqualTypeOf<Promise<HTMLScriptElement>>();
    // @ts-expect-error a typo is a type error
    onGrant(store, 'analytic', () => {});
    // @ts-expect-error a typo is a type error
    loadScript(store, 'gaa', '/ga.js');
  });
});
