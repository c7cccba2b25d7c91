'use client';
// A client module: React's server components cannot create a context or call hooks. index.ts re-exports
// it, so a server component importing this package gets client references for what is here.

import {
  type ConsentConfig,
  type ConsentOptions,
  type ConsentState,
  type ConsentStore,
  consentActions,
  createConsent,
} from '@consentry/core';
import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
} from 'react';

// Only the store instance goes into context: its identity never changes, so a decision re-renders
// the components that read it through useSyncExternalStore, never the whole tree.
const StoreContext = createContext<ConsentStore<any, any> | null>(null);

declare const process: { env: { NODE_ENV?: string } };

export type ConsentProviderProps = { children?: ReactNode } & (
  | { store: ConsentStore<any, any>; config?: never; options?: never }
  | { config: ConsentConfig<any, any, any>; options?: ConsentOptions; store?: never }
);

/**
 * In a browser, the stores providers' renders made that have not committed yet, in the order they were
 * made. React renders a provider again from scratch before it commits, keeping nothing, not even refs:
 * Strict Mode on React 18 renders twice, and a provider whose first render suspends (a `React.lazy`
 * child) is rendered again with new props, up to 3 times (React 19). Each render made a store, and the
 * ones never committed kept their integrations running (a gating() that still granted what the visitor
 * then withdrew ran a gated script). When a provider commits, the stores made for its config before its
 * own that are still waiting never will: they are stopped. No store is handed from one render to
 * another (a server's requests, two providers).
 */
const uncommitted = new Set<ConsentStore<any, any>>();

/**
 * Makes a consent store available to the hooks below it. Pass a `store` (shared with a Vue island,
 * the UI or plain code), or a `config` (and `options`) to create one once for this provider.
 */
export function ConsentProvider(props: ConsentProviderProps) {
  // A ref, not a useState initializer: Strict Mode calls initializers twice, and a second store would
  // start its integrations (script gating, Consent Mode) a second time.
  const created = useRef<ConsentStore<any, any> | null>(null);
  const { store, config } = props;
  // The usual slips (neither prop, a config passed as the store) fail here, saying what to pass. (Error
  // constructors without `new` are the same, and this adapter is kept within 1 KiB.)
  if (store ? typeof store.getSnapshot !== 'function' : !config?.validated)
    throw TypeError('<ConsentProvider> needs store={createConsent(config)} or config={defineConfig(...)}');
  // Options make a store: given with one, they were dropped unseen (a consentMode() that never started).
  if (process.env.NODE_ENV !== 'production' && store && props.options)
    throw TypeError('<ConsentProvider store> takes no options: pass them to createConsent(config, options)');
  if (!store && !created.current) {
    if (process.env.NODE_ENV !== 'production' && typeof window === 'undefined' && !props.options?.storage) {
      console.warn(
        '[consentry] <ConsentProvider config> on a server reads no cookie, so it renders every visitor as new. ' +
          'Pass options={{ storage: cookieHeaderStorage(request.headers, config.cookie.name) }}, or a store.',
      );
    }
    created.current = createConsent(config!, props.options);
    // Not on a server, where nothing commits (it would keep every request's store).
    if (typeof window !== 'undefined') uncommitted.add(created.current);
  }
  useEffect(() => {
    for (const s of uncommitted) {
      if (s === created.current) return void uncommitted.delete(s);
      if (s.config === config) {
        uncommitted.delete(s);
        s.destroy();
      }
    }
  }, [config]);
  return <StoreContext.Provider value={store ?? created.current}>{props.children}</StoreContext.Provider>;
}

function useStore(hook: string): ConsentStore<any, any> {
  const store = useContext(StoreContext);
  if (!store) throw Error(`${hook} must be used inside <ConsentProvider>`);
  return store;
}

/** The store of the nearest `<ConsentProvider>`, for code that reads it outside rendering. */
export const useConsentStore = () => useStore('useConsentStore');

/**
 * A value derived from the consent state. The component re-renders only when `isEqual` says the
 * value changed, so a gate reading one grant ignores preferences-draft toggles.
 */
export function useConsentSelector<T>(
  selector: (state: ConsentState) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useStore('useConsentSelector');
  // The value last committed, in a box: undefined may be a value.
  const committed = useRef<[T] | null>(null);
  // Cached per state object: useSyncExternalStore needs the same value back for the same snapshot.
  const select = useMemo(() => {
    let last: ConsentState | undefined;
    let value: T;
    return (state: ConsentState) => {
      if (state !== last) {
        const next = selector(state);
        last = state;
        value = committed.current && isEqual(committed.current[0], next) ? committed.current[0] : next;
      }
      return value;
    };
  }, [selector, isEqual]);
  const value = useSyncExternalStore(
    store.subscribe,
    () => select(store.getSnapshot()),
    // Hydration renders the state as the server read it (same cookie), so markup matches.
    () => select(store.getServerSnapshot()),
  );
  useEffect(() => {
    committed.current = [value];
  }, [value]);
  return value;
}

const grantedIn = (state: ConsentState, id: string) => state.granted[id] === true;

/** The snapshot and the store's actions; re-renders on every change of the consent state. */
export function useConsent() {
  const store = useStore('useConsent');
  const state = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);
  return useMemo(
    () => ({ state, has: (id: string) => grantedIn(state, id), ...consentActions(store), store }),
    [state, store],
  );
}

/** Whether a category or service is granted; re-renders only when that answer changes. */
export function useHasConsent(id: string): boolean {
  useStore('useHasConsent');
  return useConsentSelector((state) => grantedIn(state, id));
}

export type ConsentGateProps<C extends string = string, S extends string = string> = {
  children?: ReactNode;
  /** Shown while not granted; a function gets `grant()` to allow this category/service in place. */
  fallback?: ReactNode | ((props: { grant: () => void }) => ReactNode);
} & ({ category: C; service?: never } | { service: S; category?: never });

/** Renders its children only while the category (or service) is granted. */
export function ConsentGate(props: ConsentGateProps) {
  const store = useStore('<ConsentGate>');
  const { category, service, fallback } = props;
  // Both (plain JavaScript can pass them; the types forbid it): it opens only while both are granted.
  // Taking one of them would open it on a category whose service the visitor turned off.
  const ids = category != null && service != null ? [category, service] : [category ?? service!];
  const granted = useConsentSelector((state) => ids.every((id) => grantedIn(state, id)));
  // Development only: a production build (NODE_ENV a constant) has neither the effect nor the hook call.
  if (process.env.NODE_ENV !== 'production')
    // biome-ignore lint/correctness/useHookAtTopLevel: the condition is constant for a build, so the order of hooks is too.
    // biome-ignore lint/correctness/useExhaustiveDependencies: ids is made of these two, anew each render.
    useEffect(() => {
      if (ids[1] != null)
        console.warn(
          `[consentry] <ConsentGate> got category="${ids[0]}" and service="${ids[1]}", so it stays closed ` +
            'until both are granted. Pass category="…" or service="…", not both.',
        );
      // A boolean of its own: `in` also found Object's members, so "constructor" went unreported.
      for (const id of ids)
        if (typeof store.getSnapshot().granted[id] !== 'boolean')
          console.warn(
            `[consentry] <ConsentGate> got ${JSON.stringify(id)}, which is not a category or service of this config, ` +
              'so it stays closed. Pass category="…" or service="…" with an id from your config.',
          );
    }, [store, category, service]);
  return (
    <>
      {granted
        ? props.children
        : typeof fallback === 'function'
          ? // What the gate needs to open, as an embed's placeholder grants every id its embed names.
            fallback({ grant: () => store.grant(ids) })
          : fallback}
    </>
  );
}
