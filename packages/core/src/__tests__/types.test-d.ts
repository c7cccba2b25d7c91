import { describe, expectTypeOf, it } from 'vitest';
import {
  type CategoryId,
  type ConsentState,
  type ConsentStore,
  createConsent,
  defineConfig,
  gating,
  memoryStorage,
  readConsent,
  type ServiceId,
} from '../index';

const config = defineConfig({
  revision: 1,
  languages: ['en', 'fr'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'N' }, fr: { title: 'N' } } },
    { id: 'analytics', texts: { en: { title: 'A' }, fr: { title: 'A' } } },
  ],
  services: [
    {
      id: 'ga',
      provider: 'Google',
      category: 'analytics',
      texts: { en: { title: 'G' }, fr: { title: 'G' } },
    },
  ],
});

describe('typed category and service ids', () => {
  it('config ids are literal types', () => {
    expectTypeOf<CategoryId<typeof config>>().toEqualTypeOf<'necessary' | 'analytics'>();
    expectTypeOf<ServiceId<typeof config>>().toEqualTypeOf<'ga'>();
  });

  it('has() accepts declared ids and rejects typos', () => {
    const store = createConsent(config, { storage: memoryStorage() });
    expectTypeOf(store).toEqualTypeOf<ConsentStore<'necessary' | 'analytics', 'ga'>>();
    store.has('analytics');
    store.has('ga');
    // @ts-expect-error a typo is a type error
    store.has('analytic');
    // @ts-expect-error unknown ids too
    store.withdraw(['marketing']);
    store.save({ analytics: true, ga: false });
    // @ts-expect-error unknown choice keys
    store.save({ analytic: true });
  });

  it('the snapshot is keyed by the same ids', () => {
    const store = createConsent(config);
    expectTypeOf(store.getSnapshot()).toEqualTypeOf<ConsentState<'necessary' | 'analytics' | 'ga'>>();
    expectTypeOf(store.getSnapshot().granted.analytics).toEqualTypeOf<boolean>();
  });

  it('a service in an undeclared category is a type error', () => {
    defineConfig({
      revision: 1,
      languages: ['en'],
      categories: [{ id: 'necessary', required: true, texts: { en: { title: 'N' } } }],
      services: [
        // @ts-expect-error 'analytics' is not a declared category
        { id: 'ga', provider: 'G', category: 'analytics', texts: { en: { title: 'G' } } },
      ],
    });
  });

  it('the server read keeps the ids', () => {
    const r = readConsent('', config);
    r.has('ga');
    // @ts-expect-error typo
    r.has('gaa');
  });
});

describe('options', () => {
  it('integrations take a falsy entry as none, as at run time', () => {
    const flag = Math.random() > 0.5;
    createConsent(config, { storage: memoryStorage(), integrations: [flag && gating(), null, undefined] });
    // @ts-expect-error the factory, not what it makes
    createConsent(config, { integrations: [gating] });
  });
});
