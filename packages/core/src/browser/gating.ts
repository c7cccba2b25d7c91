import type { ConsentEffect } from '../machine/types';
import { integrationOptions } from '../store/options';
import type { ConsentIntegration } from '../store/store';
import type { DomElement, DomRoot } from './dom';
import { safeHttpUrl } from './url';

export interface GatingOptions {
  /**
   * Attribute naming the category or service ids an element needs (space-separated: all of them; `!id`
   * on a script: see {@link gating}). Default `data-consent`. Give each store its own attribute when two
   * stores share a page. The element's progress is kept in `<attribute>-state`: `ran`, `loaded`,
   * `blocked`, `error`, `rejected`, `timeout`.
   */
  attribute?: string;
  /** Where to look. Default the whole document. */
  root?: DomRoot;
  /** Called on withdrawal with the gated scripts that already ran and can no longer run. */
  onRevoke?: (detail: RevokeDetail) => void;
  /**
   * The page's CSP nonce: the one the scripts declared in the config (`services[].scripts`) get, and
   * the one the page's gated scripts must carry. Default: that of the script creating the store, else
   * of the first script with a nonce in the document.
   */
  nonce?: string;
  /**
   * How long (ms) the next gated script waits for an external one to load before it runs anyway.
   * Default 10 000: a tag server that never answers must not hold back every script after it.
   * A gated script marked `async` holds nothing back.
   */
  scriptTimeout?: number;
}

export interface RevokeDetail {
  /** The gating attribute of the integration that reports (tells two stores on one page apart). */
  attribute: string;
  /** Revoked category and service ids. */
  revoked: readonly string[];
  /** Gated scripts that ran and whose consent is now withdrawn: their code cannot be unrun. */
  ran: readonly DomElement[];
  /** Gated elements with a `data-src` (iframes, images, video, audio…) that were unloaded. */
  unloaded: readonly DomElement[];
  /**
   * The decision ran out while the page was open (no visitor acted; the banner asks again). A page that
   * reloads to be rid of code that ran should not do it then: the visitor may be typing in a form.
   */
  expired: boolean;
}

/** Name of the DOM event dispatched on `document` at withdrawal; `detail` is a {@link RevokeDetail}. */
export const REVOKE_EVENT = 'consentry:revoke';

/**
 * Script, iframe, image and media gating. Elements marked in HTML wait until every id in their
 * attribute is granted, then run or load in document order, once each, including elements added later and
 * elements whose `data-consent` or `data-src` changes (a new data-src reloads; a requirement no longer
 * met unloads):
 *
 *   <script type="text/plain" data-consent="analytics" src="/ga.js"></script>
 *   <script type="text/plain" data-consent="analytics" nonce="…">inline()</script>
 *   <iframe data-consent="youtube" data-src="https://www.youtube-nocookie.com/embed/…"></iframe>
 *   <img data-consent="marketing" data-src="https://ads.example/pixel.gif">
 *   <img data-consent="marketing" data-src="/a.jpg" data-srcset="/a.jpg 1x, /a@2x.jpg 2x" data-sizes="50vw">
 *   <video data-consent="video" data-src="https://media.example/clip.mp4" data-poster="…/clip.jpg" controls></video>
 *   <link rel="stylesheet" data-consent="fonts" data-src="https://fonts.googleapis.com/css2?family=Inter">
 *
 * (`data-src` becomes a `<link>`'s or an SVG `<image>`'s `href`, an `<object>`'s `data`, any other
 * element's `src`; `data-poster` a video's `poster`.)
 *
 * A script whose ids include `!id` runs once, just after a decision withdraws `id` (granted until then,
 * refused now; in every tab that multiTab tells), if its other ids hold: a tool's own opt-out call, as
 * cookieconsent's `data-category="!analytics"`. A visitor who never granted `id` never runs it, and only
 * scripts take `!`: any other element with it never loads.
 *
 * The scripts a service declares in the config (`services[].scripts`) load the same way once that
 * service is granted, with the page's nonce, ahead of the page's gated scripts (which may call them).
 *
 * A script runs as a fresh element that keeps its CSP nonce (read from `el.nonce`: browsers hide the
 * attribute). On a page that uses nonces, a gated script without the page's nonce is marked `error`
 * and not run: 'strict-dynamic' would trust what gating creates, injected markup included. `defer`
 * and module scripts come after the others, as the parser orders them. External scripts load one
 * after another so order holds (except those marked `async`, which promise no order and wait for
 * nothing); one that throws, fails to load or is still loading after `scriptTimeout` does not stop
 * the rest, and iframes and images never wait behind a script. Only http(s) URLs are used (`javascript:` and `data:` are refused),
 * and `srcdoc` is never set. On withdrawal, iframes are unloaded, images cleared (srcset included),
 * video and audio stopped, and the page is told through a `consentry:revoke` event and `onRevoke`,
 * since code that ran cannot be unrun.
 * A mistyped option throws a TypeError naming it.
 */
export function gating(opts?: GatingOptions | null): ConsentIntegration {
  const options = integrationOptions('gating', opts, 'attribute root onRevoke nonce scriptTimeout');
  const { root: optRoot, onRevoke, nonce, scriptTimeout = 10_000 } = options;
  const attr = options.attribute ?? 'data-consent';
  // A mistyped option fails here, naming it: a timeout of NaN would run scripts out of order, a
  // string root or onRevoke would only fail later, mid-withdrawal.
  for (const [name, ok, expected] of [
    ['attribute', /^data-[a-z0-9-]+$/.test(attr), 'a data-* attribute name'],
    ['root', !optRoot || typeof optRoot.querySelectorAll === 'function', 'a Node'],
    ['onRevoke', onRevoke === undefined || typeof onRevoke === 'function', 'a function'],
    // A number taken for the page's nonce would have every gated script of the page refused.
    // (null, as a template renders "no nonce", is none.)
    ['nonce', nonce == null || typeof nonce === 'string', 'a string'],
    // setTimeout treats anything from 2^31 ms on as 0.
    [
      'scriptTimeout',
      typeof scriptTimeout === 'number' && scriptTimeout >= 0 && scriptTimeout < 2 ** 31,
      'milliseconds',
    ],
  ] as const) {
    if (!ok) throw new TypeError(`gating({ ${name} }): expected ${expected}, got ${options[name]}`);
  }
  const stateAttr = `${attr}-state`;
  // A gated script that ran was replaced by a fresh element (which carries the state); the
  // original only ever gets a state when its src is refused. A `nomodule` script is left alone, as
  // the browser leaves it (every browser this runs in has modules): inserted, it would never load or
  // fail, and would hold back the scripts after it for scriptTimeout. Any other element takes its
  // `src` from `data-src` (iframe, img, video, audio, embed…): one rule, and shorter than a list.
  const selector = `script[type="text/plain"][${attr}]:not([${stateAttr}],[nomodule]),[${attr}][data-src]:not(script)`;

  // The attribute an element loads from: a stylesheet's (Google Fonts') and an SVG <image>'s `href`, an
  // `<object>`'s `data`, any other's `src`. A `src` on these loaded nothing, and the element was marked
  // `loaded`.
  const urlAttribute = (el: Element) =>
    /^(link|image)$/.test(el.localName) ? 'href' : el.localName === 'object' ? 'data' : 'src';

  return (ctx) => {
    if (typeof document === 'undefined') return;
    const { store } = ctx;
    const doc = document;
    const root: ParentNode = optRoot || doc;
    // The page's nonce, if it uses nonces. Browsers hide the attribute's value (the attribute stays)
    // but keep it in `el.nonce`. Markup injected into the page may carry a made-up nonce, so the
    // script creating the store comes first (there is none in a module or a callback), then the first
    // one in the document: the site's own scripts in the head come before the page's content.
    const pageNonce =
      nonce || doc.currentScript?.nonce || doc.querySelector<HTMLScriptElement>('script[nonce]')?.nonce;
    // The config's scripts are the site's own, not markup: the check below is not for them.
    const own = new WeakSet<Element>();
    // Insertion-ordered, so elements run in the order they were found (document order per scan).
    const queue = new Set<Element>();
    let waiting = false;
    let scheduled = false;
    let stopped = false;

    // An empty attribute gives [''], which no store grants.
    const ids = (el: Element) => (el.getAttribute(attr) ?? '').trim().split(/\s+/);
    // `!id` holds while id is refused.
    const allowed = (el: Element) =>
      ids(el).every((id) => (id[0] === '!' ? !store.has(id.slice(1) as never) : store.has(id as never)));
    // Scripts with a `!id` that a withdrawal just turned on: each runs once, on that withdrawal only.
    const armed = new WeakSet<Element>();
    const hook = (el: Element) => ids(el).some((id) => id[0] === '!');

    function runScript(el: HTMLScriptElement) {
      // Run only what the browser would have run. Under a nonce-based CSP with 'strict-dynamic' (the
      // one we recommend) the script we create is trusted whatever its nonce, so a gated script
      // without the page's nonce, such as one in HTML injected into a comment that the CSP was
      // trusted to keep inert, would run through us. Marked like a failed script: it holds nothing back.
      if (pageNonce && el.nonce !== pageNonce && !own.has(el)) {
        el.setAttribute(stateAttr, 'error');
        // Said, not only marked: on a page with nonces but no CSP enforcing them (none yet, report-only)
        // the browser would have run it, and the site must learn to give it the nonce.
        console.warn("[consentry] gated script without the page's nonce, not run:", el);
        return;
      }
      const src = el.getAttribute('src');
      const url = safeHttpUrl(src, doc.baseURI);
      if (src !== null && url === null) {
        el.setAttribute(stateAttr, 'rejected');
        return;
      }
      const s = doc.createElement('script');
      for (const a of el.attributes) {
        if (!['type', 'src', 'nonce', 'data-type', stateAttr].includes(a.name))
          s.setAttribute(a.name, a.value);
      }
      const type = el.getAttribute('data-type');
      if (type) s.type = type;
      if (el.nonce) s.nonce = el.nonce;
      try {
        // A page that enforces Trusted Types passes these strings through its default policy; one it
        // refuses throws here (the browser logs the violation): that script fails, the others go on.
        if (url === null) s.text = el.text;
        else s.src = url;
      } catch {
        el.setAttribute(stateAttr, 'error');
        return;
      }
      s.setAttribute(stateAttr, 'ran');
      if (url !== null) {
        // Keep order: the next gated script waits until this one has loaded, failed or timed out.
        // One marked `async` promised no order: it holds nothing back. (The attribute, not the
        // property: a script made by createElement is async unless told otherwise.)
        let held = !el.hasAttribute('async');
        waiting ||= held;
        const release = () => {
          if (held) {
            held = waiting = false;
            drain();
          }
        };
        // The state ends as what happened last: a script that timed out and then loaded ran, and
        // withdrawal must report it.
        const settle = (state: string) => () => {
          clearTimeout(timer);
          s.setAttribute(stateAttr, state);
          release();
        };
        const timer = setTimeout(settle('timeout'), scriptTimeout);
        s.onload = settle('ran');
        s.onerror = settle('error');
        return void el.replaceWith(s);
      }
      // An inline script runs synchronously here; an exception in it goes to window.onerror, not to us.
      // It runs after the page is parsed, when document.write would open a new document and wipe the page
      // (an older ad or affiliate snippet writing its tag): what a script writes goes right after it once
      // it has run (so a tag written in pieces arrives whole), where the scripts written run, writing on in
      // turn. One written with a src loads async, as the browser loads any inserted script: its own
      // document.write is ignored (with the browser's warning), not wiping the page.
      const written = new Map<Element, string>();
      const put = (...parts: string[]) => {
        const at = doc.currentScript ?? s;
        written.set(at, (written.get(at) ?? '') + parts.join(''));
      };
      const putln = (...parts: string[]) => put(...parts, '\n');
      // The page's own document.write (a shim of its own) comes back after; one the script put in place
      // of ours (for what it writes later) stays. A page that made them read-only keeps them.
      const d = doc as unknown as Record<string, unknown>;
      const keep = ['write', 'writeln'].map((k) => Object.getOwnPropertyDescriptor(doc, k));
      try {
        d.write = put;
        d.writeln = putln;
      } catch {}
      try {
        el.replaceWith(s);
        // A Map's loop also visits what the scripts it inserts write.
        for (const [at, html] of written) at.after(doc.createRange().createContextualFragment(html));
      } catch {
        // Trusted Types refused the written HTML: the page stays, that tag does not come.
      } finally {
        [put, putln].forEach((f, i) => {
          const k = i ? 'writeln' : 'write';
          if (d[k] !== f) return;
          if (keep[i]) Object.defineProperty(doc, k, keep[i]);
          else delete d[k];
        });
      }
    }

    // The URL each element got from gating: a live one that differs is the page's own, which the
    // browser loaded before any decision (see `check`).
    const given = new WeakMap<Element, string | null>();

    function load(el: Element) {
      const url = safeHttpUrl(el.getAttribute('data-src'), doc.baseURI);
      const at = urlAttribute(el);
      // Loaded already, unless the page has since pointed data-src elsewhere.
      if (el.getAttribute(stateAttr) === 'loaded' && el.getAttribute(at) === url) return;
      if (url === null) {
        el.setAttribute(stateAttr, 'rejected');
        return;
      }
      el.removeAttribute('srcdoc');
      el.setAttribute(stateAttr, 'loaded');
      // A responsive image's candidates, a video's poster (from a third party it told the visitor's IP
      // before any decision): images never run code, so they are taken as written.
      for (const a of ['sizes', 'srcset', 'poster']) {
        const v = el.getAttribute(`data-${a}`);
        if (v !== null) el.setAttribute(a, v);
      }
      el.setAttribute(at, url);
      given.set(el, url);
    }

    // Work in slices of 8 ms so a page with hundreds of gated elements stays responsive;
    // the queue keeps its order across slices.
    let resumeTimer: ReturnType<typeof setTimeout> | null = null;
    function drain() {
      if (resumeTimer !== null) return;
      const start = Date.now();
      for (const el of queue) {
        if (stopped) return;
        // While a script loads, later scripts wait their turn; iframes and images go ahead.
        if (waiting && el instanceof HTMLScriptElement && !el.matches('[async][src]')) continue;
        if (Date.now() - start > 8) {
          resumeTimer = setTimeout(() => {
            resumeTimer = null;
            drain();
          }, 0);
          return;
        }
        queue.delete(el);
        // Only what the selector finds is queued; the page may have changed it since. A `!id` script
        // found by a scan, not armed by a withdrawal, waits (and an armed one is disarmed as it is tried).
        if ((hook(el) && !armed.delete(el)) || !el.isConnected || !allowed(el) || !el.matches(selector))
          continue;
        if (el instanceof HTMLScriptElement) runScript(el);
        else load(el);
      }
    }

    // Every element the page gives (drain takes only what the selector finds), each checked first.
    function enqueue(list: Iterable<Element>) {
      // As the parser runs them: `defer` and module scripts after the others found with them (an inline
      // script before a deferred one may set up what it reads). The second pass adds only those.
      for (const el of list) {
        check(el);
        if (!el.matches('[defer][src],[data-type=module]')) queue.add(el);
      }
      for (const el of list) queue.add(el);
      drain();
    }

    // Scripts declared in the config load once their service is granted, in config order, once each,
    // ahead of the page's gated scripts (which may call them) and held in order like them: each one
    // goes into the head as a gated script and runs as one.
    const started = new Set<string>();
    function loadConfigScripts() {
      for (const service of ctx.config.services) {
        if (started.has(service.id) || !store.has(service.id)) continue;
        started.add(service.id);
        for (const src of service.scripts) {
          const s = doc.createElement('script');
          s.type = 'text/plain';
          // The page's nonce, found as the option says when not given: without it, a CSP of nonces
          // alone refused the library while the page's inline init() that calls it ran.
          if (pageNonce) s.nonce = pageNonce;
          s.setAttribute(attr, service.id);
          s.src = src;
          own.add(s);
          doc.head.append(s);
          queue.add(s);
        }
      }
    }

    // An http(s) URL of another origin than the page's.
    const foreign = (url: string | null | undefined) => {
      try {
        const u = new URL(url!, doc.baseURI);
        return /^https?:$/.test(u.protocol) && u.origin !== new URL(doc.URL).origin;
      } catch {
        return false;
      }
    };

    // Markup the browser ran or loaded before any decision, which gating cannot hold back: a script not
    // `type="text/plain"`, an element with its own src (or href, data, srcset, poster) from another
    // site. Said, since the page's author cannot tell from the page (the tag ran, nothing was logged),
    // once per element and URL: `given` keeps the one said, as it keeps the one gating loaded, which is the visitor's choice
    // and never said (nor is a script gating ran: it carries its state). One that gating manages too
    // (it has a data-src) and that is not granted is unloaded, as on withdrawal: else it kept running,
    // and a placeholder over it said "blocked".
    function check(el: Element) {
      const at = urlAttribute(el);
      const live = el.getAttribute(at);
      const managed = el.hasAttribute('data-src');
      const script = el.localName === 'script';
      if (!el.hasAttribute(attr)) return;
      if (script) {
        if (el.matches(`[type="text/plain"],[${stateAttr}]`)) return;
      } else if (managed && allowed(el) && !hook(el))
        // Granted: gating loads it (a `!id` one never loads).
        return;
      // What gating loaded, now refused (the page changed its data-consent): unloaded, as on withdrawal.
      else if (managed && live !== null && live === given.get(el)) return void unload(el);
      // Only what comes from another site: a site's own stand-in (a data: image, a same-origin placeholder
      // page or poster) is no third party, and an iframe gating unloaded is about:blank.
      else if (
        ![live, el.getAttribute('poster'), el.getAttribute('srcset')?.trim().split(/\s/)[0]].some(foreign)
      )
        return void (managed && repoint(el));
      else if (managed) unload(el);
      if (live !== given.get(el)) {
        given.set(el, live);
        console.warn(
          `[consentry] ${attr} on ${script ? 'a script that ran before consent: make it type="text/plain"' : 'an element that loaded before consent: give its URL as data-src only'}:`,
          el,
        );
      }
    }

    // On Back and Forward (and a reload from the history) Chromium gives a frame the document it last
    // had, whatever its src says (none, about:blank, a stand-in): an embed allowed then and refused
    // since came back, unseen in its attributes. Pointed again at its own src, it drops that document:
    // at first sight (as it is parsed, if gating runs by then) and, since until the page has loaded the
    // browser swaps a frame's navigation for the history's (a stand-in's; about:blank is not swapped),
    // again on load. The request made from the history may be out by then: no script can stop it. Only
    // on a page that came from the history itself (Back, Forward, a reload): a plain visit has no such
    // document to drop, and a stand-in would load twice.
    const restored = /^(back_forward|reload)$/.test(
      (performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined)?.type ??
        '',
    );
    const repointed = new WeakSet<Element>();
    // A replace: no entry added to the session history, and the element's attributes stay as written. A
    // srcdoc (a "click to load" facade) is given again; a src from another site is not asked for again
    // (`check` unloads it).
    const point = (el: Element) => {
      const srcdoc = el.getAttribute('srcdoc');
      if (srcdoc !== null) el.setAttribute('srcdoc', srcdoc);
      else if (!foreign(el.getAttribute('src')))
        (el as HTMLIFrameElement).contentWindow?.location.replace(
          el.getAttribute('src') ? (el as HTMLIFrameElement).src : 'about:blank',
        );
    };
    const repoint = (el: Element) => {
      if (!restored || el.localName !== 'iframe' || repointed.has(el)) return;
      repointed.add(el);
      point(el);
      if (doc.readyState !== 'complete')
        addEventListener('load', () => stopped || allowed(el) || point(el), { once: true });
    };

    const scan = () => {
      // Under Trusted Types, a default policy that refuses one of these URLs throws: the page's own
      // gated elements still go.
      try {
        loadConfigScripts();
      } catch {}
      enqueue(root.querySelectorAll(`[${attr}]`));
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
      else {
        // An image with a srcset would keep showing a candidate; a video its poster.
        el.removeAttribute('srcset');
        el.removeAttribute('poster');
        el.removeAttribute(urlAttribute(el));
        // A video or audio keeps its resource, and keeps playing, until told to load again.
        (el as HTMLMediaElement).load?.();
      }
      el.setAttribute(stateAttr, 'blocked');
    };

    function revoke(revoked: readonly string[]) {
      const ran: Element[] = [];
      const unloaded: Element[] = [];
      // The `!id` scripts of a withdrawn id, whose other ids hold now, run once the decision is made.
      for (const el of root.querySelectorAll(`script[type="text/plain"][${attr}*="!"]`))
        if (allowed(el) && ids(el).some((id) => revoked.includes(id.slice(1)) && id[0] === '!'))
          armed.add(el);
      schedule();
      // The config's scripts are in the head, which a narrower root may not hold.
      for (const el of new Set(
        [root, doc.head].flatMap((r) => [...r.querySelectorAll(`[${attr}][${stateAttr}]`)]),
      )) {
        if (allowed(el) || !ids(el).some((id) => revoked.includes(id))) continue;
        const state = el.getAttribute(stateAttr);
        // One that timed out may still load and run: the page must learn of it too.
        if (state === 'ran' || state === 'timeout') ran.push(el);
        else if (state === 'loaded') {
          unload(el);
          unloaded.push(el);
        }
      }
      // Every other revocation comes with a decision in force (a withdrawal, a refusal, another tab's).
      const expired = !store.getSnapshot().record;
      const detail: RevokeDetail = { attribute: attr, revoked: [...revoked], ran, unloaded, expired };
      // The event first: a throwing onRevoke (reported to the store's onError) must not silence it.
      doc.dispatchEvent(new CustomEvent(REVOKE_EVENT, { detail }));
      onRevoke?.(detail);
    }

    // While the parser is still adding an element its inline text may be incomplete: wait for DOM ready.
    const ready = () => doc.readyState !== 'loading';
    const observer = new MutationObserver((records) => {
      const found: Element[] = [];
      for (const r of records) {
        // The page changed what an element needs or where it points: look at it again. One that now
        // needs something not granted is unloaded (by `check`).
        if (r.type === 'attributes') found.push(r.target as Element);
        for (const n of r.addedNodes)
          if (n instanceof Element) found.push(n, ...n.querySelectorAll(`[${attr}]`));
      }
      // While the page is parsed, only frames (see `repoint`): an inline script's text may be incomplete.
      if (!ready()) {
        for (const el of found) if (el.matches(`[${attr}][data-src]`) && !allowed(el)) repoint(el);
      } else if (found.length) enqueue(found);
    });
    observer.observe(root as Node, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: [attr, 'data-src'],
    });
    if (ready()) schedule();
    else doc.addEventListener('DOMContentLoaded', scan, { once: true });

    return {
      effect(effect: ConsentEffect) {
        if (effect.type !== 'APPLY' || stopped) return;
        // Grants first: a throwing onRevoke must not keep what was just granted from running.
        if (effect.granted.length) schedule();
        if (effect.revoked.length) revoke(effect.revoked);
      },
      destroy() {
        stopped = true;
        observer.disconnect();
        doc.removeEventListener('DOMContentLoaded', scan);
        queue.clear();
        clearTimeout(resumeTimer!);
      },
    };
  };
}
