import type { ConsentEffect } from '../machine/types';
import type { ConsentIntegration, ConsentStore } from '../store/store';
import { safeHttpUrl } from './url';

export interface GatingOptions {
  /**
   * Attribute naming the category or service ids an element needs (space-separated: all of them).
   * Default `data-consent`. Give each store its own attribute when two stores share a page. The
   * element's progress is kept in `<attribute>-state`: `ran`, `loaded`, `blocked`, `error`, `rejected`,
   * `timeout`.
   */
  attribute?: string;
  /** Where to look. Default the whole document. */
  root?: ParentNode;
  /** Called on withdrawal with the gated scripts that already ran and can no longer run. */
  onRevoke?: (detail: RevokeDetail) => void;
  /** CSP nonce for the scripts declared in the config (`services[].scripts`). */
  nonce?: string;
  /**
   * How long (ms) the next gated script waits for an external one to load before it runs anyway.
   * Default 10 000: a tag server that never answers must not hold back every script after it.
   */
  scriptTimeout?: number;
}

export interface RevokeDetail {
  /** The gating attribute of the integration that reports (tells two stores on one page apart). */
  attribute: string;
  /** Revoked category and service ids. */
  revoked: readonly string[];
  /** Gated scripts that ran and whose consent is now withdrawn: their code cannot be unrun. */
  ran: readonly Element[];
  /** Gated iframes and images that were unloaded. */
  unloaded: readonly Element[];
}

/** Name of the DOM event dispatched on `document` at withdrawal; `detail` is a {@link RevokeDetail}. */
export const REVOKE_EVENT = 'consentry:revoke';

/**
 * Script, iframe and image gating. Elements marked in HTML wait until every id in their attribute is
 * granted, then run or load in document order, once each, including elements added later and
 * elements whose `data-consent` or `data-src` changes (a new data-src reloads; a requirement no longer
 * met unloads):
 *
 *   <script type="text/plain" data-consent="analytics" src="/ga.js"></script>
 *   <script type="text/plain" data-consent="analytics" nonce="…">inline()</script>
 *   <iframe data-consent="youtube" data-src="https://www.youtube-nocookie.com/embed/…"></iframe>
 *   <img data-consent="marketing" data-src="https://ads.example/pixel.gif">
 *
 * The scripts a service declares in the config (`services[].scripts`) load the same way once that
 * service is granted, with the `nonce` option.
 *
 * A script runs as a fresh element that keeps its CSP nonce (read from `el.nonce`: browsers hide the
 * attribute). External scripts load one after another so order holds; one that throws, fails to
 * load or is still loading after `scriptTimeout` does not stop the rest, and iframes and images never
 * wait behind a script. Only http(s) URLs are used (`javascript:` and `data:` are refused),
 * and `srcdoc` is never set. On withdrawal, iframes are unloaded, images cleared, and the page is told
 * through `onRevoke` and a `consentry:revoke` event, since code that ran cannot be unrun.
 */
export function gating(options: GatingOptions = {}): ConsentIntegration {
  const attr = options.attribute ?? 'data-consent';
  if (!/^data-[a-z0-9-]+$/.test(attr))
    throw new TypeError(
      `gating({ attribute }): expected a data-* attribute name, got ${JSON.stringify(attr)}`,
    );
  const stateAttr = `${attr}-state`;
  const pending = `:not([${stateAttr}=ran]):not([${stateAttr}=rejected]):not([${stateAttr}=error])`;
  const selector = [
    `script[type="text/plain"][${attr}]${pending}`,
    `iframe[${attr}][data-src]`,
    `img[${attr}][data-src]`,
  ].join(',');

  return (ctx) => {
    if (typeof document === 'undefined') return;
    const { store } = ctx;
    const doc = document;
    const root: ParentNode = options.root ?? doc;
    // Insertion-ordered, so elements run in the order they were found (document order per scan).
    const queue = new Set<Element>();
    let waiting = false;
    let scheduled = false;
    let stopped = false;

    const ids = (el: Element) => (el.getAttribute(attr) ?? '').split(/\s+/).filter(Boolean);
    const allowed = (el: Element, s: ConsentStore = store) => {
      const list = ids(el);
      return list.length > 0 && list.every((id) => s.has(id as never));
    };

    function runScript(el: HTMLScriptElement) {
      const src = el.getAttribute('src');
      const url = src === null ? null : safeHttpUrl(src, doc.baseURI);
      if (src !== null && url === null) {
        el.setAttribute(stateAttr, 'rejected');
        return;
      }
      const s = doc.createElement('script');
      for (const a of Array.from(el.attributes)) {
        if (
          a.name !== 'type' &&
          a.name !== 'src' &&
          a.name !== 'nonce' &&
          a.name !== 'data-type' &&
          a.name !== stateAttr
        ) {
          s.setAttribute(a.name, a.value);
        }
      }
      const type = el.getAttribute('data-type');
      if (type) s.type = type;
      if (el.nonce) s.nonce = el.nonce;
      s.setAttribute(stateAttr, 'ran');
      if (url !== null) {
        // Keep order: the next gated script waits until this one has loaded, failed or timed out.
        waiting = true;
        s.async = false;
        const next = (state?: string) => () => {
          if (s.onload === null) return; // once: load, error or timeout, whichever comes first
          s.onload = s.onerror = null;
          clearTimeout(timer);
          if (state) s.setAttribute(stateAttr, state);
          waiting = false;
          drain();
        };
        const timer = setTimeout(next('timeout'), options.scriptTimeout ?? 10_000);
        s.onload = next();
        s.onerror = next('error');
        s.src = url;
      } else {
        s.text = el.text;
      }
      // An inline script runs synchronously here; an exception in it goes to window.onerror, not to us.
      el.replaceWith(s);
    }

    function load(el: HTMLIFrameElement | HTMLImageElement) {
      const url = safeHttpUrl(el.getAttribute('data-src'), doc.baseURI);
      // Loaded already, unless the page has since pointed data-src elsewhere.
      if (el.getAttribute(stateAttr) === 'loaded' && el.getAttribute('src') === url) return;
      if (url === null) {
        el.setAttribute(stateAttr, 'rejected');
        return;
      }
      el.removeAttribute('srcdoc');
      el.setAttribute(stateAttr, 'loaded');
      el.setAttribute('src', url);
    }

    // Work in slices of a few milliseconds so a page with hundreds of gated elements stays responsive;
    // the queue keeps its order across slices.
    const SLICE_MS = 8;
    let resumeTimer: ReturnType<typeof setTimeout> | null = null;
    function drain() {
      if (resumeTimer !== null) return;
      const start = Date.now();
      for (const el of queue) {
        if (stopped) return;
        // While a script loads, later scripts wait their turn; iframes and images go ahead.
        if (waiting && el instanceof HTMLScriptElement) continue;
        if (Date.now() - start > SLICE_MS) {
          resumeTimer = setTimeout(() => {
            resumeTimer = null;
            drain();
          }, 0);
          return;
        }
        queue.delete(el);
        if (!el.isConnected || !allowed(el)) continue;
        if (el instanceof HTMLScriptElement) {
          if (el.type === 'text/plain' && !el.hasAttribute(stateAttr)) runScript(el);
        } else if (el instanceof HTMLIFrameElement || el instanceof HTMLImageElement) {
          load(el);
        }
      }
    }

    function enqueue(list: Iterable<Element>) {
      for (const el of list) queue.add(el);
      drain();
    }

    // Scripts declared in the config load once their service is granted, in config order, once each.
    const configScripts = new Map<string, Element[]>();
    function loadConfigScripts() {
      for (const service of ctx.config.services) {
        if (configScripts.has(service.id) || service.scripts.length === 0 || !store.has(service.id)) continue;
        const elements: Element[] = [];
        for (const src of service.scripts) {
          const url = safeHttpUrl(src, doc.baseURI);
          if (url === null) continue;
          const s = doc.createElement('script');
          s.async = false;
          if (options.nonce) s.nonce = options.nonce;
          s.setAttribute(attr, service.id);
          s.setAttribute(stateAttr, 'ran');
          s.src = url;
          doc.head.appendChild(s);
          elements.push(s);
        }
        configScripts.set(service.id, elements);
      }
    }

    const scan = () => {
      loadConfigScripts();
      enqueue(root.querySelectorAll(selector));
    };
    // Runs after the current call returns (a decision, or createConsent itself), so a gated script
    // sees the finished store and the Consent Mode update made by the same decision.
    const schedule = () => {
      if (scheduled) return;
      scheduled = true;
      queueMicrotask(() => {
        scheduled = false;
        if (!stopped && ready()) scan();
      });
    };

    const unload = (el: Element) => {
      if (el instanceof HTMLIFrameElement) el.setAttribute('src', 'about:blank');
      else el.removeAttribute('src');
      el.setAttribute(stateAttr, 'blocked');
    };

    function revoke(revoked: readonly string[]) {
      const ran: Element[] = [];
      const unloaded: Element[] = [];
      for (const el of Array.from(root.querySelectorAll(`[${attr}][${stateAttr}]`))) {
        if (allowed(el) || !ids(el).some((id) => revoked.includes(id))) continue;
        const state = el.getAttribute(stateAttr);
        if (state === 'ran') ran.push(el);
        else if (state === 'loaded') {
          unload(el);
          unloaded.push(el);
        }
      }
      for (const [id, elements] of configScripts) {
        if (revoked.includes(id)) for (const e of elements) if (!ran.includes(e)) ran.push(e);
      }
      const detail: RevokeDetail = { attribute: attr, revoked: [...revoked], ran, unloaded };
      options.onRevoke?.(detail);
      doc.dispatchEvent(new CustomEvent(REVOKE_EVENT, { detail }));
    }

    // While the parser is still adding an element its inline text may be incomplete: wait for DOM ready.
    const ready = () => doc.readyState !== 'loading';
    const observer = new MutationObserver((records) => {
      if (!ready()) return;
      const found: Element[] = [];
      for (const r of records) {
        // The page changed what an element needs or where it points: look at it again. One that now
        // needs something not granted is unloaded.
        const el = r.target as Element;
        if (r.type === 'attributes') {
          if (el.matches(selector)) {
            if (allowed(el)) found.push(el);
            else if (el.getAttribute(stateAttr) === 'loaded') unload(el);
          }
          continue;
        }
        for (const node of Array.from(r.addedNodes)) {
          if (!(node instanceof Element)) continue;
          if (node.matches(selector)) found.push(node);
          found.push(...Array.from(node.querySelectorAll(selector)));
        }
      }
      if (found.length) enqueue(found);
    });
    observer.observe(root as Node, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: [attr, 'data-src'],
    });
    const onReady = () => scan();
    if (ready()) schedule();
    else doc.addEventListener('DOMContentLoaded', onReady, { once: true });

    return {
      effect(effect: ConsentEffect) {
        if (effect.type !== 'APPLY' || stopped) return;
        if (effect.revoked.length) revoke(effect.revoked);
        if (effect.granted.length) schedule();
      },
      destroy() {
        stopped = true;
        observer.disconnect();
        doc.removeEventListener('DOMContentLoaded', onReady);
        queue.clear();
        if (resumeTimer !== null) clearTimeout(resumeTimer);
      },
    };
  };
}
