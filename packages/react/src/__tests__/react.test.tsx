import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import {
  lazy,
  type ReactNode,
  StrictMode,
  Suspense,
  startTransition,
  useLayoutEffect,
  useState,
} from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConsentGate,
  ConsentProvider,
  type ConsentState,
  type ConsentStore,
  cookieHeaderStorage,
  memoryStorage,
  useConsent,
  useConsentSelector,
  useConsentStore,
  useHasConsent,
} from '../index';
import { acceptedValue, browserCookie, config, expectReactErrors, newStore } from './fixtures';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const wrapper =
  (store: ConsentStore<any, any>) =>
  ({ children }: { children: ReactNode }) => <ConsentProvider store={store}>{children}</ConsentProvider>;

function Probe({ seen }: { seen: Set<ConsentStore> }) {
  seen.add(useConsentStore());
  return null;
}

function ReadsGrant({ renders }: { renders: { has: number } }) {
  renders.has++;
  return <span data-testid="grant">{String(useHasConsent('analytics'))}</span>;
}

function ReadsAll({ renders }: { renders: { all: number } }) {
  renders.all++;
  useConsent();
  return null;
}

const grantedIds = (s: ConsentState) => Object.keys(s.granted).filter((k) => s.granted[k]);
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function List({ values }: { values: string[][] }) {
  const list = useConsentSelector(grantedIds, sameList);
  if (values.at(-1) !== list) values.push(list);
  return <>{list.join(',')}</>;
}

function Grant({ id }: { id: string }) {
  return <>{String(useConsentSelector((s) => s.granted[id]))}</>;
}

/** One run of the "store change while React renders" scenario, shared by its components. */
interface Scene {
  store: ConsentStore;
  useGranted: (store: ConsentStore) => boolean;
  /** Makes the next render of the first reader slow and change the store right after it. */
  slowOnce: boolean;
  /** The page as each commit left it. */
  commits: string[];
  setPass?: (pass: number) => void;
}

function Reader({ scene, pass, first }: { scene: Scene; pass: number; first?: boolean }) {
  const granted = scene.useGranted(scene.store);
  if (first && scene.slowOnce) {
    scene.slowOnce = false;
    // Longer than React's time slice, so it yields before the second reader; the microtask runs then.
    const until = performance.now() + 50;
    while (performance.now() < until);
    queueMicrotask(() => scene.store.acceptAll());
  }
  useLayoutEffect(() => {
    scene.commits.push(document.body.textContent!);
  });
  return <>{`${pass}:${granted} `}</>;
}

function TwoReaders({ scene }: { scene: Scene }) {
  const [pass, setPass] = useState(0);
  scene.setPass = setPass;
  return (
    <ConsentProvider store={scene.store}>
      <Reader scene={scene} pass={pass} first />
      <Reader scene={scene} pass={pass} />
    </ConsentProvider>
  );
}

function Banner() {
  return useConsent().state.banner ? <p>banner</p> : null;
}

describe('outside <ConsentProvider>', () => {
  it.each<[string, () => unknown]>([
    ['useConsent', () => useConsent()],
    ['useHasConsent', () => useHasConsent('analytics')],
    ['useConsentSelector', () => useConsentSelector((s) => s.banner)],
    ['useConsentStore', () => useConsentStore()],
  ])('%s throws a clear error', (name, hook) => {
    expectReactErrors();
    expect(() => renderHook(hook)).toThrow(`${name} must be used inside <ConsentProvider>`);
  });

  it('<ConsentGate> throws a clear error', () => {
    expectReactErrors();
    expect(() => render(<ConsentGate category="analytics">x</ConsentGate>)).toThrow(
      '<ConsentGate> must be used inside <ConsentProvider>',
    );
  });
});

describe('<ConsentProvider>', () => {
  it('creates a store from config + options once, across re-renders', () => {
    const storage = memoryStorage();
    const read = vi.spyOn(storage, 'read');
    const seen = new Set<ConsentStore>();
    const view = render(
      <ConsentProvider config={config} options={{ storage }}>
        <Probe seen={seen} />
      </ConsentProvider>,
    );
    view.rerender(
      <ConsentProvider config={config} options={{ storage }}>
        <Probe seen={seen} />
      </ConsentProvider>,
    );
    expect(seen.size).toBe(1);
    expect(read).toHaveBeenCalledTimes(1);
    const [store] = seen;
    expect(store!.config).toBe(config);
  });

  /** An integration that counts the stores running it: started and not stopped. */
  const counting = () => {
    const count = { running: 0 };
    const integration = () => {
      count.running++;
      return { destroy: () => void count.running-- };
    };
    return { count, integration };
  };

  // React 18 keeps nothing from Strict Mode's first mount render (19 keeps its hooks): the first render's
  // store, which never commits, is stopped by the second.
  it('leaves one store running under Strict Mode (React 18 and 19)', () => {
    const { count, integration } = counting();
    const options = { storage: memoryStorage(), integrations: [integration] };
    const { container } = render(
      <StrictMode>
        <ConsentProvider config={config} options={options}>
          <ConsentGate category="necessary">ok</ConsentGate>
        </ConsentProvider>
      </StrictMode>,
    );
    expect(count.running).toBe(1);
    expect(container.textContent).toBe('ok');
  });

  // React renders a provider whose first render suspends again from scratch, with new props, up to 3 times
  // (19) before one commits: each made a store, and the ones never committed kept their integrations
  // running (a gating() that still granted what the visitor withdrew ran a gated script).
  it('leaves one store running when its first render suspends (a lazy child)', async () => {
    const { count, integration } = counting();
    let ready!: () => void;
    const Lazy = lazy(
      () =>
        new Promise<{ default: () => ReactNode }>((resolve) => {
          ready = () => resolve({ default: () => 'ready' });
        }),
    );
    let seen: ConsentStore | undefined;
    // biome-ignore lint/correctness/noComponentHookFactories: it records this test's store.
    const Probe = () => {
      seen = useConsentStore();
      return <Lazy />;
    };
    // biome-ignore lint/correctness/noComponentHookFactories: a fresh lazy child and counter for this test.
    const Page = () => (
      <ConsentProvider config={config} options={{ storage: memoryStorage(), integrations: [integration] }}>
        <Probe />
      </ConsentProvider>
    );
    const { container } = render(
      <Suspense fallback="loading">
        <Page />
      </Suspense>,
    );
    expect(container.textContent).toBe('loading');
    await act(async () => ready());
    expect(container.textContent).toBe('ready');
    expect(count.running).toBe(1);
    // The one running is the one the page uses.
    seen!.acceptAll();
    expect(seen!.has('analytics')).toBe(true);
    // Committed: a provider mounted later has its own store, and the first keeps running.
    render(
      <ConsentProvider config={config} options={{ storage: memoryStorage(), integrations: [integration] }}>
        x
      </ConsentProvider>,
    );
    expect(count.running).toBe(2);
  });

  // No store is shared between renders that are not the same provider's, on a server with a `window`
  // (this test environment, Deno 1) too: each request renders its own visitor's cookie.
  it('server renders of successive requests each read their own cookie', () => {
    const html = (cookie: string) =>
      renderToString(
        <ConsentProvider
          config={config}
          options={{ storage: cookieHeaderStorage(cookie, config.cookie.name) }}
        >
          <ConsentGate category="analytics" fallback="off">
            on
          </ConsentGate>
        </ConsentProvider>,
      );
    expect(html(`consentry=${acceptedValue()}`)).toBe('on');
    expect(html('')).toBe('off');
    expect(html(`consentry=${acceptedValue()}`)).toBe('on');
  });

  it('warns in development when it would render on a server without the request cookie', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.stubGlobal('window', undefined);
    try {
      renderToString(<ConsentProvider config={config} />);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/cookieHeaderStorage\(request\.headers,/);
      renderToString(
        <ConsentProvider config={config} options={{ storage: cookieHeaderStorage('', 'consentry') }} />,
      );
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('passes a given store through unchanged', () => {
    const store = newStore();
    const { result } = renderHook(() => useConsentStore(), { wrapper: wrapper(store) });
    expect(result.current).toBe(store);
  });

  it('follows a swapped store and the nearest provider', () => {
    const [a, b] = [newStore(), newStore()];
    b.acceptAll();
    const tree = (outer: ConsentStore, inner?: ConsentStore) => (
      <ConsentProvider store={outer}>
        <ConsentGate category="analytics" fallback="off">
          on
        </ConsentGate>
        {inner ? (
          <ConsentProvider store={inner}>
            <ConsentGate category="analytics" fallback="|off">
              |on
            </ConsentGate>
          </ConsentProvider>
        ) : null}
      </ConsentProvider>
    );
    const { container, rerender } = render(tree(a));
    expect(container.textContent).toBe('off');
    rerender(tree(b));
    expect(container.textContent).toBe('on');
    rerender(tree(a, b));
    expect(container.textContent).toBe('off|on');
    act(() => a.acceptAll());
    act(() => b.withdraw());
    expect(container.textContent).toBe('on|off');
  });

  it('rejects a raw, unvalidated config', () => {
    expectReactErrors();
    const raw = { revision: 1, categories: [] } as any;
    expect(() => render(<ConsentProvider config={raw} />)).toThrow(/defineConfig/);
    // A message, not an error instance: React 18 adds its own keys to the error it rethrows.
    expect(() => render(<ConsentProvider {...({} as any)} />)).toThrow(
      '<ConsentProvider> needs store={createConsent(config)} or config={defineConfig(...)}',
    );
    // A config passed as the store, the usual slip, says the same instead of failing inside React.
    expect(() => render(<ConsentProvider store={config as any} />)).toThrow(
      /needs store=\{createConsent\(config\)\}/,
    );
    // Options beside a store (plain JavaScript; the types forbid it) were dropped without a word.
    const store = newStore();
    expect(() => render(<ConsentProvider {...({ store, options: { integrations: [] } } as any)} />)).toThrow(
      '<ConsentProvider store> takes no options: pass them to createConsent(config, options)',
    );
  });
});

describe('useConsent', () => {
  it('returns the snapshot and actions that change it', () => {
    const store = newStore();
    const { result } = renderHook(() => useConsent(), { wrapper: wrapper(store) });
    expect(result.current.state).toBe(store.getSnapshot());
    expect(result.current.state.banner).toBe(true);
    expect(result.current.has('analytics')).toBe(false);
    expect(result.current.store).toBe(store);

    act(() => result.current.acceptAll());
    expect(result.current.state).toBe(store.getSnapshot());
    expect(result.current.state.status).toBe('decided');
    expect(result.current.has('analytics')).toBe(true);
    expect(result.current.has('youtube')).toBe(true);

    act(() => result.current.withdraw(['marketing']));
    expect(result.current.has('marketing')).toBe(false);
    expect(result.current.has('youtube')).toBe(false);
    expect(result.current.has('necessary')).toBe(true);
  });

  it('keeps the same result object while nothing changed', () => {
    const store = newStore();
    const { result, rerender } = renderHook(() => useConsent(), { wrapper: wrapper(store) });
    const first = result.current;
    rerender();
    expect(result.current).toBe(first);
    act(() => store.closeBanner());
    expect(result.current).not.toBe(first);
    expect(result.current.state.banner).toBe(false);
  });

  it('drives the preferences draft: nothing is granted until save', () => {
    const store = newStore();
    const { result } = renderHook(() => useConsent(), { wrapper: wrapper(store) });
    act(() => result.current.openPreferences());
    act(() => result.current.toggle('analytics', true));
    expect(result.current.state.draft?.analytics).toBe(true);
    expect(result.current.has('analytics')).toBe(false);
    act(() => result.current.closePreferences());
    expect(result.current.has('analytics')).toBe(false);
    act(() => result.current.openPreferences());
    act(() => result.current.toggle('analytics', true));
    act(() => result.current.save());
    expect(result.current.has('analytics')).toBe(true);
    expect(result.current.state.record?.action).toBe('custom');
    act(() => result.current.rejectAll());
    expect(result.current.has('analytics')).toBe(false);
  });
});

describe('selective re-rendering', () => {
  function setup() {
    const store = newStore();
    const renders = { has: 0, all: 0 };
    render(
      <ConsentProvider store={store}>
        <ReadsGrant renders={renders} />
        <ReadsAll renders={renders} />
      </ConsentProvider>,
    );
    return { store, renders };
  }

  it('a component reading has("analytics") does not re-render on preferences-draft toggles', () => {
    const { store, renders } = setup();
    expect(renders).toEqual({ has: 1, all: 1 });
    act(() => store.openPreferences());
    act(() => store.toggle('analytics', true));
    act(() => store.toggle('marketing', true));
    expect(renders.all).toBe(4);
    expect(renders.has).toBe(1);
    expect(screen.getByTestId('grant').textContent).toBe('false');

    act(() => store.save());
    expect(renders.has).toBe(2);
    expect(screen.getByTestId('grant').textContent).toBe('true');
  });

  it('useConsentSelector keeps the previous value while isEqual says it is the same', () => {
    const store = newStore();
    const values: string[][] = [];
    const { container } = render(
      <ConsentProvider store={store}>
        <List values={values} />
      </ConsentProvider>,
    );
    act(() => store.closeBanner());
    act(() => store.openPreferences());
    expect(values).toEqual([['necessary']]);
    act(() => store.acceptAll());
    expect(values).toHaveLength(2);
    expect(container.textContent).toBe('necessary,analytics,marketing,youtube');
  });

  it('useConsentSelector follows a selector that depends on props', () => {
    const store = newStore();
    store.save({ analytics: true });
    const { container, rerender } = render(
      <ConsentProvider store={store}>
        <Grant id="analytics" />
      </ConsentProvider>,
    );
    expect(container.textContent).toBe('true');
    rerender(
      <ConsentProvider store={store}>
        <Grant id="marketing" />
      </ConsentProvider>,
    );
    expect(container.textContent).toBe('false');
  });
});

describe('useHasConsent', () => {
  it('answers for categories and services, and false for unknown ids', () => {
    const store = newStore();
    const { result } = renderHook(
      () => [
        useHasConsent('marketing'),
        useHasConsent('youtube'),
        useHasConsent('nope'),
        useHasConsent('necessary'),
      ],
      { wrapper: wrapper(store) },
    );
    expect(result.current).toEqual([false, false, false, true]);
    act(() => store.save({ marketing: true }));
    expect(result.current).toEqual([true, true, false, true]);
    // Marketing's only service refused: marketing with it (a category whose every service is refused).
    act(() => store.save({ youtube: false }));
    expect(result.current).toEqual([false, false, false, true]);
  });
});

describe('<ConsentGate>', () => {
  it('renders children only while the category is granted, the fallback node otherwise', () => {
    const store = newStore();
    render(
      <ConsentProvider store={store}>
        <ConsentGate category="analytics" fallback={<p>analytics is off</p>}>
          <p>chart</p>
        </ConsentGate>
      </ConsentProvider>,
    );
    expect(screen.queryByText('chart')).toBeNull();
    expect(screen.getByText('analytics is off')).toBeTruthy();
    act(() => store.acceptAll());
    expect(screen.getByText('chart')).toBeTruthy();
    expect(screen.queryByText('analytics is off')).toBeNull();
    act(() => store.withdraw());
    expect(screen.queryByText('chart')).toBeNull();
  });

  it('renders nothing without a fallback', () => {
    const { container } = render(
      <ConsentProvider store={newStore()}>
        <ConsentGate category="marketing">
          <p>ad</p>
        </ConsentGate>
      </ConsentProvider>,
    );
    expect(container.innerHTML).toBe('');
  });

  it('a fallback function grants this service in place, and nothing else', () => {
    const store = newStore();
    render(
      <ConsentProvider store={store}>
        <ConsentGate
          service="youtube"
          fallback={({ grant }) => (
            <button type="button" onClick={grant}>
              Allow YouTube
            </button>
          )}
        >
          <iframe title="video" />
        </ConsentGate>
      </ConsentProvider>,
    );
    expect(screen.queryByTitle('video')).toBeNull();
    fireEvent.click(screen.getByText('Allow YouTube'));
    expect(screen.getByTitle('video')).toBeTruthy();
    // Before any other decision: kept as a placeholder grant, and the banner still asks about the rest.
    expect(store.getSnapshot().record?.action).toBe('partial');
    expect(store.getSnapshot().banner).toBe(true);
    expect(store.getSnapshot().record?.services).toEqual(['youtube']);
    expect(store.has('marketing')).toBe(false);
    expect(store.has('analytics')).toBe(false);
  });

  it('granting in place leaves an unsaved preferences draft unsaved', () => {
    const store = newStore();
    store.openPreferences();
    store.toggle('marketing', true);
    render(
      <ConsentProvider store={store}>
        <ConsentGate
          service="youtube"
          fallback={({ grant }) => (
            <button type="button" onClick={grant}>
              Allow YouTube
            </button>
          )}
        >
          <iframe title="video" />
        </ConsentGate>
      </ConsentProvider>,
    );
    fireEvent.click(screen.getByText('Allow YouTube'));
    expect(store.has('youtube')).toBe(true);
    expect(store.has('marketing')).toBe(false);
    expect(store.getSnapshot().draft?.marketing).toBe(true);
  });

  it('a fallback function grants the category in place', () => {
    const store = newStore();
    render(
      <ConsentProvider store={store}>
        <ConsentGate
          category="analytics"
          fallback={({ grant }) => (
            <button type="button" onClick={grant}>
              Allow
            </button>
          )}
        >
          <p>chart</p>
        </ConsentGate>
      </ConsentProvider>,
    );
    fireEvent.click(screen.getByText('Allow'));
    expect(screen.getByText('chart')).toBeTruthy();
    expect(store.getSnapshot().record?.categories).toEqual(['necessary', 'analytics']);
  });

  it('warns in development about an id the config does not have, and stays closed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = newStore();
    store.acceptAll();
    const { container } = render(
      <ConsentProvider store={store}>
        <ConsentGate category={'analytic' as any} fallback="off">
          on
        </ConsentGate>
        <ConsentGate {...({} as any)} fallback="off">
          on
        </ConsentGate>
      </ConsentProvider>,
    );
    expect(container.textContent).toBe('offoff');
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[0]![0]).toMatch(/"analytic", which is not a category or service of this config/);
  });

  it('given both a category and a service (plain JavaScript), opens only while both are granted', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = newStore();
    store.save({ marketing: true, youtube: false });
    // The types forbid both; JavaScript, or a cast, passes them.
    const Gate = ConsentGate as (props: Record<string, unknown>) => ReactNode;
    render(
      <ConsentProvider store={store}>
        <Gate
          category="marketing"
          service="youtube"
          fallback={({ grant }: { grant: () => void }) => (
            <button type="button" onClick={grant}>
              Allow
            </button>
          )}
        >
          <iframe title="video" />
        </Gate>
      </ConsentProvider>,
    );
    expect(screen.queryByTitle('video')).toBeNull();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(
      /category="marketing" and service="youtube", so it stays closed until both are granted/,
    );
    // Its grant gives what it needs to open: both, as an embed's placeholder grants all its embed names.
    fireEvent.click(screen.getByText('Allow'));
    expect(store.has('youtube')).toBe(true);
    expect(screen.getByTitle('video')).toBeTruthy();
    act(() => store.save({ marketing: false, youtube: true }));
    expect(screen.queryByTitle('video')).toBeNull();
  });

  it("warns about ids named like Object's members (constructor, toString), and stays closed", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = newStore();
    store.acceptAll();
    const { container } = render(
      <ConsentProvider store={store}>
        <ConsentGate category={'constructor' as any} fallback="off">
          on
        </ConsentGate>
        <ConsentGate service={'toString' as any} fallback="off">
          on
        </ConsentGate>
      </ConsentProvider>,
    );
    expect(container.textContent).toBe('offoff');
    expect(warn.mock.calls.map((c) => c[0])).toEqual([
      expect.stringMatching(/"constructor", which is not a category or service/),
      expect.stringMatching(/"toString", which is not a category or service/),
    ]);
  });

  it('does not warn for known ids', () => {
    const warn = vi.spyOn(console, 'warn');
    render(
      <ConsentProvider store={newStore()}>
        <ConsentGate category="analytics">a</ConsentGate>
        <ConsentGate service="youtube">b</ConsentGate>
      </ConsentProvider>,
    );
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('a store change while React renders', () => {
  /**
   * Two components read one grant. A transition re-renders both, outside act() (which renders
   * synchronously) so that React yields between them as in a browser; the store changes in that gap,
   * as a click in another island would. Returns the page as each commit left it.
   */
  async function changeBetweenReaders(useGranted: Scene['useGranted']) {
    const scene: Scene = { store: newStore(), useGranted, slowOnce: false, commits: [] };
    render(<TwoReaders scene={scene} />);
    scene.slowOnce = true;
    startTransition(() => scene.setPass!(1));
    await vi.waitFor(() => expect(document.body.textContent).toMatch(/^1:\w+ 1:\w+ $/));
    return scene.commits;
  }
  const torn = (page: string) => new Set(page.match(/true|false/g)).size > 1;

  it('two components reading one grant never commit different answers', async () => {
    const commits = await changeBetweenReaders(() => useHasConsent('analytics'));
    expect(commits.filter(torn)).toEqual([]);
    expect(commits.at(-1)).toBe('1:true 1:true ');
  });

  // Control: proves the change above lands between the two readers of one render pass.
  it('readers that bypass useSyncExternalStore tear in the same scenario', async () => {
    const commits = await changeBetweenReaders((store) => store.has('analytics'));
    expect(commits.at(-1)).toBe('1:false 1:true ');
  });
});

describe('a returning visitor in the browser', () => {
  it('reads the decision from the cookie before the first render: no banner', () => {
    browserCookie.write(acceptedValue(), 3600);
    try {
      render(
        <ConsentProvider config={config}>
          <Banner />
          <ConsentGate category="analytics">chart</ConsentGate>
        </ConsentProvider>,
      );
      expect(screen.queryByText('banner')).toBeNull();
      expect(screen.getByText('chart')).toBeTruthy();
    } finally {
      browserCookie.clear();
    }
  });
});
