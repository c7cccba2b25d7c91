import { describe, expectTypeOf, it } from 'vitest';
import { type ComputedRef, h, ref, type ShallowRef } from 'vue';
import {
  type ConsentState,
  type ConsentStore,
  createConsentComposables,
  ConsentGate as UntypedGate,
  useHasConsent,
} from '../index';
import type { config } from './fixtures';

const {
  useConsent,
  useHasConsent: useTypedHasConsent,
  useConsentStore,
  ConsentGate,
} = createConsentComposables<typeof config>();

type Id = 'necessary' | 'analytics' | 'marketing' | 'youtube';

describe('createConsentComposables<typeof config>()', () => {
  it('types ids as the config categories and services', () => {
    expectTypeOf(useTypedHasConsent('analytics')).toEqualTypeOf<ComputedRef<boolean>>();
    useTypedHasConsent(ref<'youtube' | 'marketing'>('youtube'));
    useTypedHasConsent(() => 'necessary' as const);
    // @ts-expect-error a typo in a category id
    useTypedHasConsent('analytic');
    // @ts-expect-error a ref of any string is not an id
    useTypedHasConsent(ref('analytics' as string));
    expectTypeOf(useConsent().state).toEqualTypeOf<Readonly<ShallowRef<ConsentState<Id>>>>();
    expectTypeOf(useConsent().has).parameter(0).toEqualTypeOf<Id>();
    expectTypeOf(useConsent().toggle).parameter(0).toEqualTypeOf<Id>();
    expectTypeOf(useConsent().grant).parameter(0).toEqualTypeOf<Id | readonly Id[]>();
    // @ts-expect-error a typo in an id to grant
    useConsent().grant(['analytic']);
    expectTypeOf(useConsentStore()).toEqualTypeOf<
      ConsentStore<'necessary' | 'analytics' | 'marketing', 'youtube'>
    >();
    // @ts-expect-error the state is readonly
    useConsent().state.value = useConsent().state.value;
  });

  it('types the gate props', () => {
    h(ConsentGate, { category: 'analytics' });
    h(ConsentGate, { service: 'youtube' });
    // @ts-expect-error a typo in a category id
    h(ConsentGate, { category: 'analytic' });
    // @ts-expect-error a category is not a service
    h(ConsentGate, { service: 'analytics' });
    // @ts-expect-error neither a category nor a service
    h(ConsentGate, {});
    // @ts-expect-error both a category and a service
    h(ConsentGate, { category: 'analytics', service: 'youtube' });
  });
});

describe('untyped exports', () => {
  it('accept any string id', () => {
    h(UntypedGate, { category: 'any-id' });
    h(UntypedGate, { service: 'any-id' });
    // @ts-expect-error neither a category nor a service
    h(UntypedGate, {});
    // @ts-expect-error both a category and a service
    h(UntypedGate, { category: 'a', service: 'b' });
    expectTypeOf(useHasConsent('any-id')).toEqualTypeOf<ComputedRef<boolean>>();
    useHasConsent(ref('any-id' as string));
  });
});
