import { integrationOptions } from '../store/options';
import type { ConsentStore } from '../store/store';
import type { DomAbortSignal, DomScript } from './dom';
import { safeHttpUrl } from './url';

/** The store and id as a site's code passed them: a clear error, not a minified `e.subscribe` one. */
function checkArgs(fn: string, store: unknown, id: unknown) {
  const s = store as Partial<ConsentStore> & { validated?: unknown };
  if (typeof s?.subscribe !== 'function')
    throw new TypeError(
      `${fn}: expected a store from createConsent(config), got ${s?.validated ? 'a config' : String(s)}`,
    );
  // An id the config does not have would never be granted: the code waited forever, unseen (a typo).
  if (typeof id !== 'string' || typeof s.getSnapshot!().granted[id] !== 'boolean')
    throw new TypeError(
      `${fn}: id must be a category or service id of this config, got ${JSON.stringify(id) ?? String(id)}`,
    );
}

/**
 * Runs `run` whenever `id` (a category or service) becomes granted, now included, and `revoke` when
 * it stops being granted after `run` ran. Returns a function that stops watching.
 *
 *   onGrant(store, 'analytics', () => startTracking(), () => stopTracking());
 */
export function onGrant<C extends string, S extends string>(
  store: ConsentStore<C, S>,
  id: NoInfer<C | S>,
  run: () => void,
  revoke?: () => void,
): () => void {
  checkArgs('onGrant', store, id);
  if (typeof run !== 'function') throw new TypeError('onGrant(store, id, run): run must be a function');
  if (revoke != null && typeof revoke !== 'function')
    throw new TypeError('onGrant(store, id, run, revoke): revoke must be a function');
  let on = false;
  const check = () => {
    const now = store.has(id);
    if (now === on) return;
    on = now;
    try {
      if (now) run();
      else revoke?.();
    } catch (error) {
      // Thrown from inside a store listener it would stop the listeners after this one (the banner,
      // a framework binding) and surface in whatever called acceptAll(): report it as uncaught instead.
      if (typeof reportError === 'function') reportError(error);
      else console.error(error);
    }
  };
  const unsubscribe = store.subscribe(check);
  check();
  return unsubscribe;
}

export interface LoadScriptOptions {
  /** CSP nonce for the script element. */
  nonce?: string;
  /** `module` for an ES module; default a classic script. */
  type?: 'module' | 'text/javascript';
  /** Extra attributes (`crossorigin`, `integrity`, `referrerpolicy`, `data-*`…). `on*` handlers, `type` and `src` are refused. */
  attributes?: Readonly<Record<string, string>>;
  /** Stops waiting for consent (the promise rejects with an AbortError). */
  signal?: DomAbortSignal;
}

/**
 * Loads a script once `id` is granted (at once when it already is). Resolves with the element when it
 * has loaded; rejects when the URL is not http(s), when the page's Trusted Types refuse it, when
 * loading fails, or when `signal` aborts first.
 * A script that ran stays run after a withdrawal: use `onGrant` with a `revoke` to stop it.
 */
export function loadScript<C extends string, S extends string>(
  store: ConsentStore<C, S>,
  id: NoInfer<C | S>,
  src: string,
  opts?: LoadScriptOptions | null,
): Promise<DomScript> {
  // Thrown inside the executor, these reject the promise, like the checks below.
  return new Promise((resolve, reject) => {
    checkArgs('loadScript', store, id);
    let options: LoadScriptOptions;
    try {
      options = integrationOptions('loadScript', opts, 'nonce type attributes signal');
    } catch (error) {
      // `{ integrity }` at the top level, dropped, would load a third-party script without Subresource
      // Integrity: say where it belongs.
      const { message } = error as Error;
      throw / unknown /.test(message)
        ? new TypeError(`${message}: an attribute goes in options.attributes`)
        : error;
    }
    const { attributes = {}, nonce, signal } = options;
    // A string's characters read as attributes "0", "1"…; an AbortController (not its signal) or a
    // number as nonce failed later, or never.
    for (const [name, ok, expected] of [
      [
        'attributes',
        typeof attributes === 'object' && Object.values(attributes).every((v) => typeof v === 'string'),
        'an object of strings',
      ],
      ['nonce', nonce === undefined || typeof nonce === 'string', 'a string'],
      ['signal', signal === undefined || typeof signal.addEventListener === 'function', 'an AbortSignal'],
    ] as const)
      if (!ok) return reject(new TypeError(`loadScript: invalid options.${name}: expected ${expected}`));
    if (typeof document === 'undefined') return reject(new Error('loadScript needs a document'));
    const url = safeHttpUrl(src, document.baseURI);
    if (url === null)
      return reject(new TypeError(`loadScript: src must be an http(s) URL, got ${JSON.stringify(src)}`));
    // Any other type (text/plain, a typo) would add a script that never runs and a promise that never settles.
    if (options.type !== undefined && options.type !== 'module' && options.type !== 'text/javascript')
      return reject(
        new TypeError(
          `loadScript: type must be "module" or "text/javascript", got ${JSON.stringify(options.type)}`,
        ),
      );
    for (const name of Object.keys(attributes)) {
      // `type` and `src` have their own checked options.
      if (/^(on|type$|src$)/i.test(name) || !/^[a-z][a-z0-9-]*$/i.test(name)) {
        return reject(new TypeError(`loadScript: attribute ${JSON.stringify(name)} is not allowed`));
      }
    }
    if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    let stop = () => {};
    let started = false;
    const onAbort = () => {
      stop();
      reject(signal!.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    stop = onGrant(store, id, () => {
      if (started) return;
      started = true;
      // The subscription may still be being set up: stop on the next tick so exactly one load happens.
      queueMicrotask(() => stop());
      signal?.removeEventListener('abort', onAbort);
      const s = document.createElement('script');
      for (const [name, value] of Object.entries(attributes)) s.setAttribute(name, value);
      if (options.type) s.type = options.type;
      if (nonce) s.nonce = nonce;
      s.async = true;
      s.onload = () => resolve(s);
      s.onerror = () => reject(new Error(`loadScript: ${url} failed to load`));
      try {
        // Throws where Trusted Types are enforced and the page's default policy does not allow the URL.
        s.src = url;
      } catch (error) {
        return reject(error);
      }
      document.head.appendChild(s);
    });
  });
}
