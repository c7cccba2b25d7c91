import {
  type CategoryId,
  type ConsentConfig,
  type ConsentOptions,
  type ConsentState,
  type ConsentStore,
  consentActions,
  createConsent,
  type ServiceId,
} from '@consentry/core';
import {
  type App,
  type ComputedRef,
  computed,
  type DefineComponent,
  defineComponent,
  getCurrentScope,
  hasInjectionContext,
  type InjectionKey,
  inject,
  type MaybeRefOrGetter,
  onScopeDispose,
  type ShallowRef,
  type SlotsType,
  shallowReadonly,
  shallowRef,
  toValue,
  type VNodeChild,
} from 'vue';

export * from '@consentry/core';

declare const process: { env: { NODE_ENV?: string } };

/**
 * Whether a browser gets developer warnings. Bundlers (Vite, webpack, Nuxt) replace `process.env.NODE_ENV`,
 * so a production build stays quiet. A page without a bundler (Vue's esm-browser build through an import
 * map, as Vue's docs start) has no `process`: reading it threw from every gate, and from app.use(). There
 * it warns, as it cannot tell development from production. The message stays in production bundles.
 */
function dev(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
}

const StoreKey: InjectionKey<ConsentStore<any, any>> = Symbol('consentry');

/**
 * `app.use(createConsentPlugin(store))`, or `createConsentPlugin(config, options)` to create the
 * store when the plugin is installed: one per app, so each server request gets its own.
 */
export function createConsentPlugin(
  storeOrConfig: ConsentStore<any, any> | ConsentConfig<any, any, any>,
  options?: ConsentOptions,
) {
  return {
    install(app: App) {
      const given = typeof (storeOrConfig as ConsentStore | null)?.subscribe === 'function';
      // Development only: a bundler's production build drops both checks. Without a bundler (an import
      // map) a browser has no `process`: reading it throws a ReferenceError, and the checks are skipped.
      try {
        if (process.env.NODE_ENV !== 'production') {
          // Options with a store were dropped unseen (a consentMode() that never started); anything else
          // than a store or a config failed in createConsent, naming a function the app never called.
          if (given ? options != null : (storeOrConfig as ConsentConfig | null)?.validated !== true)
            throw new TypeError(
              'createConsentPlugin: expected a store from createConsent(config, options), or a config from defineConfig() and its options',
            );
          if (typeof window === 'undefined' && !given && !options?.storage)
            console.warn(
              '[consentry] createConsentPlugin(config) on a server reads no cookie, so it renders every visitor as new. ' +
                'Pass { storage: cookieHeaderStorage(request.headers, config.cookie.name) } as options, or a store.',
            );
        }
      } catch (error) {
        if (!(error instanceof ReferenceError)) throw error;
      }
      const store = given
        ? (storeOrConfig as ConsentStore<any, any>)
        : createConsent(storeOrConfig as ConsentConfig<any, any, any>, options);
      // A store the plugin made is its app's, and stops with it: an island unmounted then mounted again
      // kept the first store's integrations running (a gating() that still granted what the visitor
      // withdrew ran a gated script). onUnmount came in Vue 3.5; before, the store outlives its app.
      if (!given) app.onUnmount?.(store.destroy);
      app.provide(StoreKey, store);
    },
  };
}

function useStore(name: string): ConsentStore<any, any> {
  const store = hasInjectionContext() ? inject(StoreKey, null) : null;
  if (!store) {
    throw new Error(`${name} must be used inside setup() of an app with app.use(createConsentPlugin(...))`);
  }
  return store;
}

/** The store installed by the plugin, for code that reads it outside rendering. */
export const useConsentStore = () => useStore('useConsentStore()');

// One subscription per caller, dropped with its component or effect scope. The snapshot is immutable
// and replaced on change, so a shallowRef is enough and no deep proxy is ever made. A server render
// never unmounts, so its scopes are never disposed: subscribing there would leave one listener per
// render on a store shared across requests. The server renders the state as it is, so none is needed.
function useState(store: ConsentStore<any, any>): Readonly<ShallowRef<ConsentState>> {
  const state = shallowRef(store.getSnapshot());
  if (typeof window !== 'undefined') {
    const unsubscribe = store.subscribe(() => {
      state.value = store.getSnapshot();
    });
    if (getCurrentScope()) onScopeDispose(unsubscribe);
  }
  return shallowReadonly(state);
}

const grantedIn = (state: ConsentState, id: string) => state.granted[id] === true;

/** The state as a readonly ref, and the store's actions. */
export function useConsent() {
  const store = useStore('useConsent()');
  const state = useState(store);
  // Reading state.value makes templates and computeds that call has() follow the grant.
  const has = (id: string) => grantedIn(state.value, id);
  return { state, has, ...consentActions(store), store };
}

/** Whether a category or service (a value, ref or getter) is granted. */
export function useHasConsent(id: MaybeRefOrGetter<string>): ComputedRef<boolean> {
  const state = useState(useStore('useHasConsent()'));
  return computed(() => grantedIn(state.value, toValue(id)));
}

type GateSlots = { default?: () => VNodeChild; fallback?: (props: { grant: () => void }) => VNodeChild };

// Written out, not inferred: the inferred type names Vue 3.5's 20 DefineComponent parameters and its
// PublicProps, which Vue 3.3 and 3.4 (the peer range) reject, and which skipLibCheck turns into `any`.
// `$props` as well: DefineComponent<P> with P a union (one id, category or service) accepted neither
// id, and both.
type Gate<P> = DefineComponent<P> & { new (): { $props: P; $slots: GateSlots } };
type OneOf<C, S> = { category: C; service?: never } | { service: S; category?: never };

/** Renders its default slot only while the category (or service) is granted, the `fallback` slot otherwise. */
export const ConsentGate = defineComponent({
  name: 'ConsentGate',
  props: { category: String, service: String },
  slots: Object as SlotsType<GateSlots>,
  setup(props, { slots }) {
    const store = useStore('<ConsentGate>');
    // Both (a template without vue-tsc can pass them; the types forbid it): it opens only while both are
    // granted. Taking one of them would open it on a category whose service the visitor turned off.
    // Neither: closed.
    const ids = () => [props.category, props.service].filter((i): i is string => i != null);
    const state = useState(store);
    const granted = computed(() => {
      const list = ids();
      return !!list[0] && list.every((id) => grantedIn(state.value, id));
    });
    // One message for every slip (none, an unknown id, "constructor", both a category and a service): it
    // stays in production bundles, so it is short. A boolean of its own: `in` also found Object's members.
    if (dev()) {
      const list = ids();
      if (list.length !== 1 || typeof store.getSnapshot().granted[list[0]!] !== 'boolean')
        console.warn(`[consentry] <ConsentGate> got ${JSON.stringify(list)}: pass one id of this config`);
    }
    // What the gate needs to open, as an embed's placeholder grants every id its embed names.
    const grant = () => store.grant(ids());
    return () => (granted.value ? slots.default?.() : slots.fallback?.({ grant }));
  },
}) as Gate<OneOf<string, string>>;

/** Composables and gate typed with a config's ids: `export const { useHasConsent } = createConsentComposables<typeof config>()`. */
export interface ConsentComposables<C extends string, S extends string> {
  useConsent(): Omit<
    ReturnType<typeof useConsent>,
    'state' | 'has' | 'store' | 'save' | 'grant' | 'withdraw' | 'toggle'
  > & {
    state: Readonly<ShallowRef<ConsentState<C | S>>>;
    has(id: C | S): boolean;
    store: ConsentStore<C, S>;
    save: ConsentStore<C, S>['save'];
    grant: ConsentStore<C, S>['grant'];
    withdraw: ConsentStore<C, S>['withdraw'];
    toggle: ConsentStore<C, S>['toggle'];
  };
  useHasConsent(id: MaybeRefOrGetter<C | S>): ComputedRef<boolean>;
  useConsentStore(): ConsentStore<C, S>;
  ConsentGate: Gate<OneOf<C, S>>;
}

/** The same functions, typed for one config; costs nothing at runtime. */
export function createConsentComposables<T extends ConsentConfig<any, any, any>>(): ConsentComposables<
  CategoryId<T>,
  ServiceId<T>
> {
  return { useConsent, useHasConsent, useConsentStore, ConsentGate } as any;
}
