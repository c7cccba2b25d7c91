import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSSRApp, defineComponent, h, nextTick } from 'vue';
import { renderToString } from 'vue/server-renderer';
import {
  ConsentGate,
  type ConsentStore,
  cookieHeaderStorage,
  createConsent,
  createConsentPlugin,
  readConsent,
  readGpcHeader,
  useConsent,
  useConsentStore,
} from '../index';
import { acceptedValue, browserCookie, config, cookieHeader } from './fixtures';

const Page = defineComponent({
  setup() {
    const { state, acceptAll } = useConsent();
    return () =>
      h('main', [
        state.value.banner
          ? h('div', { role: 'dialog' }, [h('button', { onClick: acceptAll }, 'Accept all')])
          : null,
        h(
          ConsentGate,
          { category: 'marketing' },
          {
            default: () => h('iframe', { title: 'video' }),
            fallback: ({ grant }: { grant: () => void }) =>
              h('button', { class: 'allow', onClick: grant }, 'Allow marketing'),
          },
        ),
      ]);
  },
});

/** The way a server builds its per-request store from the request headers. */
function serverStore(headers: Record<string, string>): ConsentStore {
  return createConsent(config, {
    storage: cookieHeaderStorage(headers.cookie, config.cookie.name),
    gpc: readGpcHeader(headers),
  });
}

async function serverRender(store: ConsentStore) {
  return renderToString(createSSRApp(Page).use(createConsentPlugin(store)));
}

/** Hydrates server markup in jsdom; returns every warning Vue gave. */
async function hydrate(html: string, store: ConsentStore) {
  const complaints: unknown[] = [];
  vi.spyOn(console, 'warn').mockImplementation((...args) => complaints.push(args));
  vi.spyOn(console, 'error').mockImplementation((...args) => complaints.push(args));
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  const app = createSSRApp(Page).use(createConsentPlugin(store));
  app.config.warnHandler = (message) => complaints.push(message);
  app.mount(container);
  await nextTick();
  return { container, complaints };
}

afterEach(() => {
  browserCookie().clear();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('server render, then hydration', () => {
  it('returning visitor: gated content on the server, no banner, hydration without a warning', async () => {
    const value = acceptedValue();
    const html = await serverRender(serverStore({ cookie: cookieHeader(value) }));
    expect(html).toContain('<iframe title="video">');
    expect(html).not.toContain('role="dialog"');

    browserCookie().write(value, 3600);
    const { container, complaints } = await hydrate(html, createConsent(config));
    expect(complaints).toEqual([]);
    expect(container.querySelector('iframe')).not.toBeNull();
    expect(container.querySelector('[role="dialog"]')).toBeNull();
  });

  it('new visitor: banner and fallback on both sides, then consent works after hydration', async () => {
    const html = await serverRender(serverStore({}));
    expect(html).toContain('Allow marketing');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('role="dialog"');

    const store = createConsent(config);
    const { container, complaints } = await hydrate(html, store);
    expect(complaints).toEqual([]);
    expect(container.querySelector('iframe')).toBeNull();

    container.querySelector<HTMLButtonElement>('button.allow')!.click();
    await nextTick();
    expect(container.querySelector('iframe')).not.toBeNull();
    expect(store.has('marketing')).toBe(true);
    expect(store.has('analytics')).toBe(false);
    expect(browserCookie().read()).toHaveLength(1);
  });

  it('readConsent(cookieHeader, config) gives the server the same decision as the store', () => {
    const header = cookieHeader(acceptedValue());
    expect(readConsent(header, config).state.granted).toEqual(
      serverStore({ cookie: header }).getSnapshot().granted,
    );
  });

  it('a config plugin gives each app (each server request) its own store', async () => {
    const plugin = createConsentPlugin(config, {
      storage: cookieHeaderStorage(undefined, config.cookie.name),
    });
    const first = createSSRApp(Page).use(plugin);
    first.runWithContext(() => useConsentStore().acceptAll());
    expect(await renderToString(first)).not.toContain('role="dialog"');
    expect(await renderToString(createSSRApp(Page).use(plugin))).toContain('role="dialog"');
  });

  // Control: proves the detector above fails when server and client disagree.
  it('detects a hydration mismatch when the client reads a different decision', async () => {
    const html = await serverRender(serverStore({ cookie: cookieHeader(acceptedValue()) }));
    const { complaints } = await hydrate(html, createConsent(config));
    expect(complaints.length).toBeGreaterThan(0);
    expect(String(complaints[0])).toMatch(/Hydration/);
  });
});
