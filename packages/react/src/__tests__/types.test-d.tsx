import { describe, expectTypeOf, it } from 'vitest';
import { type ConsentState, type ConsentStore, createConsentHooks, useHasConsent } from '../index';
import type { config } from './fixtures';

const {
  useConsent,
  useConsentSelector,
  useHasConsent: useTypedHasConsent,
  useConsentStore,
  ConsentGate,
} = createConsentHooks<typeof config>();

type Id = 'necessary' | 'analytics' | 'marketing' | 'youtube';

describe('createConsentHooks<typeof config>()', () => {
  it('types ids as the config categories and services', () => {
    expectTypeOf(useTypedHasConsent).parameter(0).toEqualTypeOf<Id>();
    // @ts-expect-error a typo in a category id
    useTypedHasConsent('analytic');
    expectTypeOf(useConsent().state).toEqualTypeOf<ConsentState<Id>>();
    expectTypeOf(useConsent().has).parameter(0).toEqualTypeOf<Id>();
    expectTypeOf(useConsent().toggle).parameter(0).toEqualTypeOf<Id>();
    expectTypeOf(useConsent().grant).parameter(0).toEqualTypeOf<Id | readonly Id[]>();
    // @ts-expect-error a typo in an id to grant
    useConsent().grant(['analytic']);
    expectTypeOf(useConsent().acceptAll).toEqualTypeOf<() => void>();
    expectTypeOf(useConsentStore()).toEqualTypeOf<
      ConsentStore<'necessary' | 'analytics' | 'marketing', 'youtube'>
    >();
    expectTypeOf(useConsentSelector((s) => s.granted.analytics)).toEqualTypeOf<boolean>();
    // @ts-expect-error not an id of this config
    useConsentSelector((s) => s.granted.analytic);
  });

  it('types the gate props', () => {
    <ConsentGate category="analytics">x</ConsentGate>;
    <ConsentGate service="youtube" fallback={({ grant }) => <button type="button" onClick={grant} />} />;
    // @ts-expect-error a typo in a category id
    <ConsentGate category="analytic" />;
    // @ts-expect-error a category is not a service
    <ConsentGate service="analytics" />;
    // @ts-expect-error one of category or service, not both
    <ConsentGate category="analytics" service="youtube" />;
  });
});

describe('untyped exports', () => {
  it('accept any string id', () => {
    expectTypeOf(useHasConsent).parameter(0).toEqualTypeOf<string>();
  });
});
