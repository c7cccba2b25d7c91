import type { CategoryId, ConsentConfig, ConsentState, ConsentStore, ServiceId } from '@consentry/core';
import type { FunctionComponent } from 'react';
import {
  ConsentGate,
  type ConsentGateProps,
  useConsent,
  useConsentSelector,
  useConsentStore,
  useHasConsent,
} from './client';

// No 'use client' in this module: a server component (Next.js App Router) that imports defineConfig,
// readConsent or cookieHeaderStorage from here gets the core's real functions, and client references
// for the bindings of ./client, which it can render but not call. One 'use client' over everything
// would turn the core into client references too ("Attempted to call defineConfig() from the server").
export * from '@consentry/core';
export * from './client';

/** Hooks and gate typed with a config's ids: `export const { useHasConsent } = createConsentHooks<typeof config>()`. */
export interface ConsentHooks<C extends string, S extends string> {
  useConsent(): Omit<
    ReturnType<typeof useConsent>,
    'state' | 'has' | 'store' | 'save' | 'grant' | 'withdraw' | 'toggle'
  > & {
    state: ConsentState<C | S>;
    has(id: C | S): boolean;
    store: ConsentStore<C, S>;
    save: ConsentStore<C, S>['save'];
    grant: ConsentStore<C, S>['grant'];
    withdraw: ConsentStore<C, S>['withdraw'];
    toggle: ConsentStore<C, S>['toggle'];
  };
  useConsentSelector<T>(selector: (state: ConsentState<C | S>) => T, isEqual?: (a: T, b: T) => boolean): T;
  useHasConsent(id: C | S): boolean;
  useConsentStore(): ConsentStore<C, S>;
  ConsentGate: FunctionComponent<ConsentGateProps<C, S>>;
}

/** The same functions, typed for one config; costs nothing at runtime. */
export function createConsentHooks<T extends ConsentConfig<any, any, any>>(): ConsentHooks<
  CategoryId<T>,
  ServiceId<T>
> {
  return { useConsent, useConsentSelector, useHasConsent, useConsentStore, ConsentGate } as any;
}
