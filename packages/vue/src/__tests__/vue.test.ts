import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp, defineComponent, effectScope, h, nextTick, ref } from 'vue';
import {
  ConsentGate,
  type ConsentStore,
  cookieHeaderStorage,
  createConsent,
  createConsentPlugin,
  memoryStorage,
  useConsent,
  useConsentStore,
  useHasConsent,
} from '../index';
import { acceptedValue, browserCookie, config, newStore } from './fixtures';

afterEach(() => {
  vi.restoreAllMocks();
  browserCookie().clear();
});

/** Mounts a component whose setup runs `use`, with the plugin installed for `store` (unless null). */
function withSetup<T>(use: () => T, store: ConsentStore<any, any> | null = newStore()) {
  let result!: T;
  const wrapper = mount(
    defineComponent({
      setup() {
        result = use();
        return () => null;
      },
    }),
    { global: { plugins: store ? [createConsentPlugin(store)] : [] } },
  );
  return { result, wrapper };
}

/** Counts a store's live subscriptions. */
function countSubscriptions(store: ConsentStore) {
  const live = { count: 0 };
  const subscribe = store.subscribe;
  vi.spyOn(store, 'subscribe').mockImplementation((listener) => {
    live.count++;
    const off = subscribe(listener);
    return () => {
      live.count--;
      off();
    };
  });
  return live;
}

describe('without the plugin', () => {
  it.each<[string, () => unknown]>([
    ['useConsent()', () => useConsent()],
    ['useHasConsent()', () => useHasConsent('analytics')],
    ['useConsentStore()', () => useConsentStore()],
  ])('%s throws a clear error in setup()', (name, use) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => withSetup(use, null)).toThrow(
      `${name} must be used inside setup() of an app with app.use(createConsentPlugin(...))`,
    );
  });

  it('throws the same error outside setup()', () => {
    expect(() => useConsent()).toThrow('useConsent() must be used inside setup()');
  });

  it('<ConsentGate> throws a clear error', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(() => mount(ConsentGate, { props: { category: 'analytics' } })).toThrow(
      '<ConsentGate> must be used inside setup() of an app with app.use(createConsentPlugin(...))',
    );
  });
});

describe('createConsentPlugin', () => {
  it('provides a given store', () => {
    const store = newStore();
    expect(withSetup(() => useConsentStore(), store).result).toBe(store);
  });

  // Options beside a store were dropped unseen (a consentMode() that never started); a missing or raw
  // config failed in createConsent, under a warning about servers that did not apply.
  it('refuses options beside a store, and what is neither a store nor a config, on install', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const message =
      'createConsentPlugin: expected a store from createConsent(config, options), or a config from defineConfig() and its options';
    for (const [given, options] of [
      [newStore(), { integrations: [] }],
      [undefined, undefined],
      [{ revision: 1, categories: [] }, undefined],
    ] as const)
      expect(() => createApp({}).use(createConsentPlugin(given as never, options as never))).toThrow(
        new TypeError(message),
      );
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('creates one store per app from config + options, on install', () => {
    const storage = memoryStorage(acceptedValue());
    const read = vi.spyOn(storage, 'read');
    const plugin = createConsentPlugin(config, { storage });
    expect(read).not.toHaveBeenCalled();
    const stores = [createApp({}), createApp({})].map((app) => {
      app.use(plugin);
      return app.runWithContext(() => useConsentStore());
    });
    expect(stores[0]).not.toBe(stores[1]);
    expect(read).toHaveBeenCalledTimes(2);
    expect(stores[0]!.config).toBe(config);
    expect(stores[0]!.has('analytics')).toBe(true);
  });

  // An island unmounted then mounted again ran two gating()s: the first store's still granted what the
  // visitor withdrew in the second, and ran a gated script.
  it('stops the store it created when its app unmounts; a store it was given is left running', () => {
    let stops = 0;
    const integrations = [() => ({ destroy: () => void stops++ })];
    const app = createApp({ render: () => null });
    app.use(createConsentPlugin(config, { storage: memoryStorage(), integrations }));
    const store = app.runWithContext(() => useConsentStore());
    app.mount(document.createElement('div'));
    app.unmount();
    expect(stops).toBe(1);
    store.acceptAll();
    expect(store.has('analytics')).toBe(false);
    const given = createConsent(config, { storage: memoryStorage(), integrations });
    const other = createApp({ render: () => null }).use(createConsentPlugin(given));
    other.mount(document.createElement('div'));
    other.unmount();
    expect(stops).toBe(1);
    given.acceptAll();
    expect(given.has('analytics')).toBe(true);
  });

  it('warns in development when installed on a server without the request cookie', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('window', undefined);
    try {
      createApp({}).use(createConsentPlugin(config));
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/cookieHeaderStorage\(request\.headers,/);
      createApp({}).use(createConsentPlugin(config, { storage: cookieHeaderStorage('', 'consentry') }));
      createApp({}).use(createConsentPlugin(newStore()));
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('rejects a raw config and a missing one', () => {
    const raw = { revision: 1, categories: [] } as any;
    expect(() => createApp({}).use(createConsentPlugin(raw))).toThrow(/defineConfig/);
    expect(() => createApp({}).use(createConsentPlugin(null as any))).toThrow(/defineConfig/);
  });
});

describe('useConsent', () => {
  it('returns the state as a readonly ref and actions that change it', async () => {
    const store = newStore();
    const { result } = withSetup(() => useConsent(), store);
    expect(result.state.value).toBe(store.getSnapshot());
    expect(result.state.value.banner).toBe(true);
    expect(result.store).toBe(store);

    result.acceptAll();
    expect(result.state.value).toBe(store.getSnapshot());
    expect(result.has('analytics')).toBe(true);
    expect(result.has('youtube')).toBe(true);

    result.withdraw(['marketing']);
    expect(result.has('youtube')).toBe(false);
    expect(result.has('necessary')).toBe(true);

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    (result.state as { value: unknown }).value = null;
    expect(result.state.value).toBe(store.getSnapshot());
    expect(warn).toHaveBeenCalled();
  });

  it('drives the preferences draft: nothing is granted until save', () => {
    const { result } = withSetup(() => useConsent());
    result.openPreferences();
    result.toggle('analytics', true);
    expect(result.state.value.draft?.analytics).toBe(true);
    expect(result.has('analytics')).toBe(false);
    result.closePreferences();
    result.closeBanner();
    expect(result.state.value.banner).toBe(false);
    expect(result.has('analytics')).toBe(false);
    result.openPreferences();
    result.toggle('analytics', true);
    result.save();
    expect(result.has('analytics')).toBe(true);
    expect(result.state.value.record?.action).toBe('custom');
    result.rejectAll();
    expect(result.has('analytics')).toBe(false);
  });

  it('re-renders a template that calls has()', async () => {
    const store = newStore();
    const wrapper = mount(
      defineComponent({
        setup() {
          const { has } = useConsent();
          return () => h('p', has('analytics') ? 'on' : 'off');
        },
      }),
      { global: { plugins: [createConsentPlugin(store)] } },
    );
    expect(wrapper.text()).toBe('off');
    store.save({ analytics: true });
    await nextTick();
    expect(wrapper.text()).toBe('on');
  });

  it('unsubscribes when the component unmounts', () => {
    const store = newStore();
    const live = countSubscriptions(store);
    const { wrapper } = withSetup(() => [useConsent(), useHasConsent('analytics')], store);
    expect(live.count).toBe(2);
    wrapper.unmount();
    expect(live.count).toBe(0);
  });

  it('unsubscribes when an effect scope outside components stops', () => {
    const store = newStore();
    const live = countSubscriptions(store);
    const app = createApp({}).use(createConsentPlugin(store));
    const scope = effectScope();
    const has = app.runWithContext(() => scope.run(() => useHasConsent('analytics'))!);
    expect(live.count).toBe(1);
    store.acceptAll();
    expect(has.value).toBe(true);
    scope.stop();
    expect(live.count).toBe(0);
  });
});

describe('useHasConsent', () => {
  it('takes a value, a ref or a getter', async () => {
    const store = newStore();
    const id = ref('analytics');
    const { result } = withSetup(
      () => [
        useHasConsent('marketing'),
        useHasConsent(id),
        useHasConsent(() => 'youtube'),
        useHasConsent('nope'),
      ],
      store,
    );
    const values = () => result.map((r) => r.value);
    expect(values()).toEqual([false, false, false, false]);
    store.save({ marketing: true });
    expect(values()).toEqual([true, false, true, false]);
    id.value = 'necessary';
    expect(values()).toEqual([true, true, true, false]);
    // Marketing's only service refused: marketing with it (a category whose every service is refused).
    store.save({ youtube: false });
    expect(values()).toEqual([false, true, false, false]);
  });

  it('does not re-render a component on preferences-draft toggles', async () => {
    const store = newStore();
    let renders = 0;
    const wrapper = mount(
      defineComponent({
        setup() {
          const granted = useHasConsent('analytics');
          return () => {
            renders++;
            return h('p', String(granted.value));
          };
        },
      }),
      { global: { plugins: [createConsentPlugin(store)] } },
    );
    store.openPreferences();
    store.toggle('analytics', true);
    await nextTick();
    store.toggle('marketing', true);
    await nextTick();
    expect(renders).toBe(1);
    store.save();
    await nextTick();
    expect(renders).toBe(2);
    expect(wrapper.text()).toBe('true');
  });
});

describe('<ConsentGate>', () => {
  // Props as plain JavaScript may pass them: some cases give what the types refuse (neither id).
  const mountGate = (store: ConsentStore, props: Record<string, string>, slots: Record<string, any>) =>
    mount(ConsentGate, { props: props as never, slots, global: { plugins: [createConsentPlugin(store)] } });

  it('renders the default slot only while granted, the fallback slot otherwise', async () => {
    const store = newStore();
    const wrapper = mountGate(
      store,
      { category: 'analytics' },
      { default: () => h('p', 'chart'), fallback: () => h('p', 'analytics is off') },
    );
    expect(wrapper.text()).toBe('analytics is off');
    store.acceptAll();
    await nextTick();
    expect(wrapper.text()).toBe('chart');
    store.withdraw();
    await nextTick();
    expect(wrapper.text()).toBe('analytics is off');
  });

  it('renders nothing without a fallback', () => {
    const wrapper = mountGate(newStore(), { category: 'marketing' }, { default: () => h('p', 'ad') });
    expect(wrapper.text()).toBe('');
    expect(wrapper.find('p').exists()).toBe(false);
  });

  it('the fallback slot grants this service in place, and nothing else', async () => {
    const store = newStore();
    const wrapper = mountGate(
      store,
      { service: 'youtube' },
      {
        default: () => h('iframe', { title: 'video' }),
        fallback: ({ grant }: { grant: () => void }) => h('button', { onClick: grant }, 'Allow YouTube'),
      },
    );
    expect(wrapper.find('iframe').exists()).toBe(false);
    await wrapper.find('button').trigger('click');
    expect(wrapper.find('iframe').exists()).toBe(true);
    // Before any other decision: kept as a placeholder grant, and the banner still asks about the rest.
    expect(store.getSnapshot().record?.action).toBe('partial');
    expect(store.getSnapshot().banner).toBe(true);
    expect(store.getSnapshot().record?.services).toEqual(['youtube']);
    expect(store.has('marketing')).toBe(false);
    expect(store.has('analytics')).toBe(false);
  });

  it('granting in place leaves an unsaved preferences draft unsaved', async () => {
    const store = newStore();
    store.openPreferences();
    store.toggle('marketing', true);
    const wrapper = mountGate(
      store,
      { service: 'youtube' },
      {
        default: () => h('iframe', { title: 'video' }),
        fallback: ({ grant }: { grant: () => void }) => h('button', { onClick: grant }, 'Allow YouTube'),
      },
    );
    await wrapper.find('button').trigger('click');
    expect(store.has('youtube')).toBe(true);
    expect(store.has('marketing')).toBe(false);
    expect(store.getSnapshot().draft?.marketing).toBe(true);
  });

  it('the fallback slot grants the category in place', async () => {
    const store = newStore();
    const wrapper = mountGate(
      store,
      { category: 'analytics' },
      {
        default: () => h('p', 'chart'),
        fallback: ({ grant }: { grant: () => void }) => h('button', { onClick: grant }, 'Allow'),
      },
    );
    await wrapper.find('button').trigger('click');
    expect(wrapper.text()).toBe('chart');
    expect(store.getSnapshot().record?.categories).toEqual(['necessary', 'analytics']);
  });

  it('follows a changed category prop', async () => {
    const store = newStore();
    store.save({ analytics: true });
    const wrapper = mountGate(
      store,
      { category: 'analytics' },
      { default: () => 'on', fallback: () => 'off' },
    );
    expect(wrapper.text()).toBe('on');
    await wrapper.setProps({ category: 'marketing' });
    expect(wrapper.text()).toBe('off');
  });

  it('warns in development about an id the config does not have, and stays closed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = newStore();
    store.acceptAll();
    const slots = { default: () => 'on', fallback: () => 'off' };
    expect(mountGate(store, { category: 'analytic' }, slots).text()).toBe('off');
    expect(mountGate(store, {}, slots).text()).toBe('off');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      expect.stringMatching(/got \["analytic"\]: pass one id of this config$/),
      expect.stringMatching(/got \[\]/),
    ]);
  });

  it('given both a category and a service, opens only while both are granted', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = newStore();
    store.save({ marketing: true, youtube: false });
    const wrapper = mountGate(
      store,
      { category: 'marketing', service: 'youtube' },
      {
        default: () => h('iframe', { title: 'video' }),
        fallback: ({ grant }: { grant: () => void }) => h('button', { onClick: grant }, 'Allow'),
      },
    );
    expect(wrapper.find('iframe').exists()).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(/got \["marketing","youtube"\]: pass one id of this config/);
    // Its grant gives what it needs to open: both, as an embed's placeholder grants all its embed names.
    await wrapper.find('button').trigger('click');
    expect(store.has('youtube')).toBe(true);
    expect(wrapper.find('iframe').exists()).toBe(true);
    store.save({ marketing: false, youtube: true });
    await nextTick();
    expect(wrapper.find('iframe').exists()).toBe(false);
  });

  it("warns about ids named like Object's members (constructor, toString), and stays closed", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = newStore();
    store.acceptAll();
    const slots = { default: () => 'on', fallback: () => 'off' };
    expect(mountGate(store, { category: 'constructor' }, slots).text()).toBe('off');
    expect(mountGate(store, { service: 'toString' }, slots).text()).toBe('off');
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      expect.stringMatching(/got \["constructor"\]/),
      expect.stringMatching(/got \["toString"\]/),
    ]);
  });

  it('does not warn for known ids', () => {
    const warn = vi.spyOn(console, 'warn');
    mountGate(newStore(), { category: 'analytics' }, {});
    mountGate(newStore(), { service: 'youtube' }, {});
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('a returning visitor in the browser', () => {
  it('reads the decision from the cookie before the first render: no banner', () => {
    browserCookie().write(acceptedValue(), 3600);
    const wrapper = mount(
      defineComponent({
        setup() {
          const { state } = useConsent();
          return () => [
            state.value.banner ? h('p', 'banner') : null,
            h(ConsentGate, { category: 'analytics' }, { default: () => 'chart' }),
          ];
        },
      }),
      { global: { plugins: [createConsentPlugin(config)] } },
    );
    expect(wrapper.text()).toBe('chart');
  });
});
