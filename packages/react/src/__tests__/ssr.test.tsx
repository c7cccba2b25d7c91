import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ConsentGate,
  ConsentProvider,
  type ConsentStore,
  cookieHeaderStorage,
  createConsent,
  readGpcHeader,
  useConsent,
} from '../index';
import { acceptedValue, browserCookie, config, cookieHeader, expectReactErrors } from './fixtures';

// act() outside a test renderer needs this flag, or React warns on every update.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Page() {
  const { state, acceptAll } = useConsent();
  return (
    <main>
      {state.banner ? (
        <div role="dialog">
          <button type="button" onClick={acceptAll}>
            Accept all
          </button>
        </div>
      ) : null}
      <ConsentGate
        category="marketing"
        fallback={({ grant }) => (
          <button type="button" onClick={grant}>
            Allow marketing
          </button>
        )}
      >
        <iframe title="video" />
      </ConsentGate>
    </main>
  );
}

/** The way a server builds its per-request store from the request headers. */
function serverStore(headers: Record<string, string>): ConsentStore {
  return createConsent(config, {
    storage: cookieHeaderStorage(headers.cookie, config.cookie.name),
    gpc: readGpcHeader(headers),
  });
}

/** Hydrates server markup in jsdom; returns every hydration complaint React made. */
async function hydrate(html: string, clientStore: ConsentStore) {
  const complaints: unknown[] = [];
  vi.spyOn(console, 'error').mockImplementation((...args) => complaints.push(args));
  const container = document.createElement('div');
  container.innerHTML = html;
  document.body.append(container);
  await act(async () => {
    hydrateRoot(
      container,
      <ConsentProvider store={clientStore}>
        <Page />
      </ConsentProvider>,
      { onRecoverableError: (error) => complaints.push(error) },
    );
  });
  return { container, complaints };
}

afterEach(() => {
  browserCookie.clear();
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

describe('server render, then hydration', () => {
  it('returning visitor: gated content on the server, no banner, hydration without a warning', async () => {
    const value = acceptedValue();
    const html = renderToString(
      <ConsentProvider store={serverStore({ cookie: cookieHeader(value) })}>
        <Page />
      </ConsentProvider>,
    );
    expect(html).toContain('<iframe title="video">');
    expect(html).not.toContain('role="dialog"');

    browserCookie.write(value, 3600);
    const { container, complaints } = await hydrate(html, createConsent(config));
    expect(complaints).toEqual([]);
    expect(container.querySelector('iframe')).not.toBeNull();
    expect(container.querySelector('[role="dialog"]')).toBeNull();
  });

  it('new visitor: banner and fallback on both sides, then consent works after hydration', async () => {
    const html = renderToString(
      <ConsentProvider store={serverStore({})}>
        <Page />
      </ConsentProvider>,
    );
    expect(html).toContain('Allow marketing');
    expect(html).not.toContain('<iframe');
    expect(html).toContain('role="dialog"');

    const store = createConsent(config);
    const { container, complaints } = await hydrate(html, store);
    expect(complaints).toEqual([]);
    expect(container.querySelector('iframe')).toBeNull();

    await act(async () => {
      container.querySelector<HTMLButtonElement>('main > button')!.click();
    });
    expect(container.querySelector('iframe')).not.toBeNull();
    expect(store.has('marketing')).toBe(true);
    expect(store.has('analytics')).toBe(false);
    expect(document.cookie).toContain(`${config.cookie.name}=`);
  });

  it('a decision made before hydration: hydrates with the state as read, then shows the new one', async () => {
    const html = renderToString(
      <ConsentProvider store={serverStore({})}>
        <Page />
      </ConsentProvider>,
    );
    const store = createConsent(config);
    store.acceptAll(); // e.g. another island on the page decided first
    const { container, complaints } = await hydrate(html, store);
    expect(complaints).toEqual([]);
    expect(container.querySelector('iframe')).not.toBeNull();
    expect(container.querySelector('[role="dialog"]')).toBeNull();
  });

  it('GPC from the Sec-GPC header is in the server snapshot', () => {
    expect(serverStore({ 'sec-gpc': '1' }).getServerSnapshot().gpc).toBe(true);
    expect(serverStore({}).getServerSnapshot().gpc).toBe(false);
  });

  // Control: proves the detector above fails when server and client disagree.
  it('detects a hydration mismatch when the client reads a different decision', async () => {
    expectReactErrors();
    const html = renderToString(
      <ConsentProvider store={serverStore({ cookie: cookieHeader(acceptedValue()) })}>
        <Page />
      </ConsentProvider>,
    );
    const { complaints } = await hydrate(html, createConsent(config));
    expect(complaints.length).toBeGreaterThan(0);
  });
});
