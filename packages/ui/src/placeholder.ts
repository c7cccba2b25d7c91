import type { ConsentStore } from '@consentry/core';
import type { DomDocument, DomElement, DomShadowRoot } from './dom';
import type { Locale, PlaceholderLocale } from './locale';
import { checkArgs, localeModule, pickLanguage, textDir, texts } from './mount';

export interface ConsentPlaceholderOptions {
  /** The gating attribute the embeds carry (default `data-consent`, as `gating()`'s). */
  attribute?: string;
  /** Where to look for gated embeds (default the whole document). */
  root?: DomElement | DomDocument | DomShadowRoot;
  /** Wanted language; matched against `config.languages` before `<html lang>` and the browser's, as the banner's. */
  language?: string;
  /**
   * Texts to use instead of the bundled ones (`blocked`, `allow`, and `trigger` for the settings button):
   * with all three, no extra request and the placeholders show synchronously. `config.ui[lang]` wins, as
   * for the banner.
   */
  locale?: Partial<PlaceholderLocale & Pick<Locale, 'trigger' | 'dir'>>;
  /** Default `'auto'` (follows prefers-color-scheme). */
  theme?: 'light' | 'dark' | 'auto';
}

export interface ConsentPlaceholders {
  /** Resolves once the texts are loaded and the placeholders are in the page. */
  readonly ready: Promise<void>;
  /** Removes every placeholder and shows the embeds again (gating still decides whether they load). */
  destroy(): void;
}

// What one placeholder needs: the texts of both locales it draws from.
type Texts = PlaceholderLocale & Pick<Locale, 'trigger' | 'dir'>;

// What a placeholder copies of its embed's computed style to stand where the embed stands.
const PLACE = ['margin', 'verticalAlign', 'cssFloat', 'position', 'top', 'left'] as const;

/**
 * A box in the place of each gated embed (`<iframe data-consent="youtube" data-src=…>`, and any other
 * element gating loads from `data-src`) while what it needs is not granted: it names the service and its
 * category in the page's language, says why the embed is not shown, and offers a button that allows just
 * that (`store.grant`: before the banner is answered, a partial decision, and the banner still asks) and
 * one that opens the preferences. Embeds added later get one too. The embed is hidden meanwhile and
 * shown again once granted; gating loads or unloads it. An embed showing what it did not get from gating
 * (a `src` in its markup beside `data-src`, loaded before any decision) gets none until gating unloads
 * it: no placeholder claims to block what is on screen, and without gating the embed stays in view.
 * Kept apart from `mountConsentUI` (its own export, its texts a separate export of each language) so
 * that a page with the banner alone does not ship it.
 */
export function mountPlaceholders(
  store: ConsentStore<any, any>,
  o?: ConsentPlaceholderOptions | null,
): ConsentPlaceholders {
  o = checkArgs('mountPlaceholders', store, o, ['attribute', 'root', 'language', 'locale', 'theme']);
  const attr = o.attribute ?? 'data-consent';
  // Checked as mountConsentUI checks its own: a mistyped option fails at once, naming it.
  for (const [name, ok, want] of [
    ['attribute', /^data-[a-z0-9-]+$/.test(attr), 'a data-* attribute name'],
    ['root', o.root == null || [1, 9, 11].includes((o.root as Node).nodeType), 'a Node'],
    ['language', o.language == null || typeof o.language === 'string', 'string'],
    ['locale', o.locale == null || typeof o.locale === 'object', 'object'],
    ['theme', o.theme == null || ['light', 'dark', 'auto'].includes(o.theme), "'light' | 'dark' | 'auto'"],
  ] as const) {
    if (!ok) {
      const v = o[name];
      throw new TypeError(
        `mountPlaceholders: invalid options.${name}: expected ${want}, got ${typeof v === 'string' ? `"${v}"` : typeof v}`,
      );
    }
  }
  const doc = document;
  const root = o.root ?? doc;
  const config = store.config;
  const lang = pickLanguage(config, [o.language, doc.documentElement.lang, ...navigator.languages]);
  // The elements gating loads from data-src; a script, or a stylesheet's <link>, has no place on the
  // page to take.
  const selector = `[${attr}][data-src]:not(script,link)`;
  // Where an embed shows something of its own: a src (an <object>'s data, an SVG <image>'s href), a
  // srcset, a poster.
  const URLS = ['src', 'data', 'href', 'srcset', 'poster'];
  // The placeholder of each embed that has one, whether or not it is in the page now (taken out while
  // granted, put back on withdrawal).
  const boxes = new Map<Element, HTMLElement>();
  const warned = new Set<string>();
  // The embed whose placeholder opened the preferences: see `update`.
  let opener: Element | null = null;
  let dead = false;
  let queued = false;
  let t: Texts | undefined;

  const ids = (el: Element) => (el.getAttribute(attr) ?? '').trim().split(/\s+/);
  const category = (id: string) => config.categories.find((c) => c.id === id);
  const service = (id: string) => config.services.find((s) => s.id === id);
  // "YouTube and Vimeo", "YouTube et Vimeo", in the page's language (a conjunction is the default).
  const list = (names: string[]) => new Intl.ListFormat(lang).format(names);
  // A function replacement: a service title holding `$&` must stay as written.
  const fill = (s: string, name: string) => s.replace('{name}', () => name);

  // The embed is hidden while its placeholder stands in (style.css), by an attribute rather than its
  // inline style, which the page may set itself.
  const hide = (el: Element, on: boolean) => el.toggleAttribute('data-cy-replaced', on);

  const build = (el: HTMLElement, need: string[], tx = t!) => {
    const h = (tag: string, attrs: Record<string, string>, ...kids: (Node | string)[]) => {
      const e = doc.createElement(tag);
      // Own keys only, as everywhere the UI walks an object: old libraries add enumerable properties to
      // Object.prototype, and a name such as MooTools' `$family` is no attribute name (setAttribute throws).
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      // Every text goes in as a Text node, never as HTML.
      e.append(...kids);
      return e;
    };
    const unknown = need.filter((id) => !category(id) && !service(id));
    const known = !unknown.length;
    // Gating never loads it (no store grants an id the config lacks): say which, once per id.
    const fresh = unknown.filter((id) => !warned.has(id) && warned.add(id));
    // Quoted: an empty attribute (`data-consent=""`) shows as "".
    if (fresh[0] != null)
      console.warn(`[consentry] gated embed needs ids the config lacks: "${fresh.join('", "')}"`, el);
    // Each id by its title: a service with its category's ("YouTube (Marketing)"), so the visitor knows
    // which switch of the preferences it is; an undeclared id as written, an empty one by the embed's
    // own title (an iframe's accessible name), never a sentence with no name.
    const title = (id: string) =>
      service(id)?.texts[lang]?.title ?? category(id)?.texts[lang]?.title ?? (id || el.title);
    const named = need.map((id) => {
      const s = service(id);
      return s ? `${title(id)} (${title(s.category)})` : title(id);
    });
    // data-a names the action, as the banner's buttons do (a site's tests and styles find them by it).
    const button = (a: string, text: string, act: () => void) => {
      const b = h('button', { type: 'button', 'data-a': a }, text);
      b.onclick = act;
      return b;
    };
    const box = h(
      'div',
      {
        class: 'cy cy-p',
        lang,
        dir: textDir(tx, lang),
        'data-theme': o.theme ?? 'auto',
        // What it was built for: see `update`.
        'data-ids': need.join(' '),
      },
      // The outer box takes the embed's place in the line; the inner one centres the text in it.
      h(
        'div',
        {},
        h('p', {}, fill(tx.blocked, list(named))),
        h(
          'div',
          { class: 'cy-a' },
          // No "allow" that would grant something other than what the embed needs: with an id the config
          // lacks, the embed never loads, so only the preferences are offered.
          ...(known
            ? [
                button('grant', fill(tx.allow, list(need.map(title))), () => {
                  store.grant(need);
                  update();
                  // The button pressed is gone with its placeholder: focus goes to what took its place,
                  // not to <body>.
                  if (!box.isConnected) focus(el);
                }),
              ]
            : []),
          button('openPreferences', tx.trigger, () => {
            opener = el;
            store.openPreferences();
          }),
        ),
      ),
    );
    return box;
  };

  // The placeholder takes the embed's place as the embed is drawn now, just before it is hidden, so
  // that the page does not move when one gives way to the other: its box (border included), margins,
  // whether it sits in a line (an iframe does, on the baseline) and how. Drawn again each time, after a
  // withdrawal too: the window may have changed. An embed not drawn (the page hides it in CSS) has only
  // its width and height attributes to go by. The height is a minimum: enlarged (200 %) or wrapped on a
  // narrow screen, the text grows the box rather than being cut off; the width never passes the
  // container's (style.css). Set through the CSSOM, which a strict CSP allows (it blocks style
  // attributes, not this).
  // All of them read, then all written: one layout for the lot, not one per embed (each write made the
  // next read lay the page out again). 50 videos added at once: 105 layouts, 25–35 ms of them, before;
  // 4 layouts, 6–13 ms, after (Chromium's LayoutCount and LayoutDuration, this machine).
  const fit = (pairs: [HTMLElement, HTMLElement][]) => {
    // Each embed shown for the measure if hidden (no frame is painted in between), hidden again after,
    // and its placeholder out of the way meanwhile: in a flex row, both took room, and the embed was
    // measured at a share of it (201 px of a 228 px share).
    for (const [el, box] of pairs) {
      hide(el, false);
      box.style.display = 'none';
    }
    const writes = pairs.map(([el, box]) => {
      // An image without its src is drawn as its alt text (45 px wide for "Map"): it goes by its attributes.
      const r = (el as HTMLImageElement).alt ? new DOMRect() : el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      // Where the page puts it: its margins, on its line's baseline, floated (a CMS's `alignright`, the
      // text wrapping around it), positioned (a responsive wrapper's `position: absolute; top: 0`). Read
      // now: the style is live, and the embed is hidden after.
      const where = PLACE.map((p) => cs[p]);
      const inline = /^inline/.test(cs.display);
      const size = (a: 'width' | 'height', drawn: number) => {
        const v = `${el.getAttribute(a)}`.trim();
        // A number is in px, as the attribute means.
        return drawn ? `${drawn}px` : /^\d+(\.\d+)?%?$/.test(v) ? v.replace(/\d$/, '$&px') : '';
      };
      return () => {
        const s = box.style;
        s.width = size('width', r.width);
        (box.firstChild as HTMLElement).style.minHeight = size('height', r.height);
        if (r.width)
          PLACE.forEach((p, i) => {
            s[p] = where[i]!;
          });
        s.display = r.width && !inline ? 'block' : '';
        hide(el, true);
      };
    });
    for (const write of writes) write();
  };

  // The loaded embed takes focus (an iframe or a video with controls can; anything else is made
  // focusable by script only, tabindex -1, so Tab order is unchanged).
  const focus = (el: HTMLElement) => {
    el.focus();
    if (doc.activeElement !== el) {
      el.tabIndex = -1;
      el.focus();
    }
  };

  const update = () => {
    if (dead || !t) return;
    const found = new Set(root.querySelectorAll<HTMLElement>(selector));
    // Placeholders to put in place, measured together after the walk.
    const place: [HTMLElement, HTMLElement][] = [];
    for (const el of found) {
      const need = ids(el);
      // Nothing the visitor would miss: an element the page hides, or a tracking pixel. Nor one marked
      // `!id`, which gating never loads (only scripts take it): no placeholder promises it will.
      const shown = !el.hidden && !/^[01]$/.test(el.getAttribute('width')!) && !need.join().includes('!');
      // Never "blocked" over an embed that shows a document of its own: one whose markup carries a src
      // beside its data-src loaded before any decision. Gating unloads it (an iframe to about:blank) and
      // says so, and the placeholder comes then; without gating (placeholders alone) nothing would unload
      // it, and a box saying it is blocked over it would be untrue: the embed stays in view.
      const blocked =
        shown &&
        !need.every((id) => store.has(id)) &&
        URLS.every((a) => /^(about:blank)?$/.test(el.getAttribute(a) ?? ''));
      let box = boxes.get(el);
      // The page changed what the embed needs: a new placeholder says so.
      if (box && box.dataset.ids !== need.join(' ')) {
        box.remove();
        boxes.delete(el);
        box = undefined;
      }
      if (blocked) {
        if (!box) {
          box = build(el, need);
          boxes.set(el, box);
        }
        // In place: right before the embed, or before another placeholder of it (another store's, or
        // this store's mounted twice). Put back in front of the embed, each one moved the other, which
        // moved it again: a loop of mutations that froze the page.
        let n = el.previousSibling;
        while (n !== box && (n as Element)?.className === box.className) n = n!.previousSibling;
        if (n !== box) place.push([el, box]);
      } else box?.remove();
      hide(el, blocked);
    }
    fit(place);
    for (const [el, box] of place) {
      el.before(box);
      // Its container (not when that is a shadow root, which cannot be observed).
      if (el.parentElement) resized?.observe(el.parentElement);
    }
    // Embeds the page removed or no longer gates: their placeholders go.
    for (const [el, box] of boxes) {
      if (found.has(el as HTMLElement)) continue;
      box.remove();
      boxes.delete(el);
      hide(el, false);
    }
    // The preferences, opened from a placeholder, closed with its embed granted: the dialog's focus went
    // back to the placeholder's button, now gone (so to <body>) or to the banner's trigger. The embed took
    // the placeholder's place; focus goes there.
    if (opener && !store.getSnapshot().preferences) {
      const box = boxes.get(opener);
      if (!box?.isConnected && opener.isConnected) focus(opener as HTMLElement);
      opener = null;
    }
  };

  // After the store's other listeners (the banner's, which moves focus as its dialog closes) and once
  // for many changes at a time.
  const schedule = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      update();
    });
  };
  const observer = new MutationObserver(schedule);
  // An embed sized by the page's CSS (`width: 100%`, an aspect ratio) is drawn at another size when
  // its container changes size: the window resized (a phone turned, page zoom), or the container shown
  // at last (a tab panel, a <details> opened, where the embed was not drawn when its placeholder came
  // and had only its attributes to go by). Its placeholder, measured in px, would keep the old size, and
  // the page would move when the embed took its place: each is measured again. Observed where there is
  // a ResizeObserver (jsdom, in sites' own tests, has none and draws nothing).
  // Only those in the containers that changed: each measure lays the page out again, and measuring all
  // of them at every new embed's first notification cost an infinite scroll 80 ms per embed on a page
  // of 50.
  // Measured in the next frame, not in the callback: a placeholder resized there resizes its container
  // again within the frame, which Chromium reports on the window as an error ("ResizeObserver loop
  // completed with undelivered notifications") that sites' error monitors collect, at every resize.
  const resized =
    self.ResizeObserver &&
    new ResizeObserver((changed) =>
      requestAnimationFrame(() =>
        fit(
          ([...boxes] as [HTMLElement, HTMLElement][]).filter(([, box]) =>
            changed.some((c) => c.target === box.parentNode),
          ),
        ),
      ),
    );
  const unsubscribe = store.subscribe(schedule);

  const start = (l: Partial<Texts>) => {
    if (dead) return;
    // Spread, not Object.assign: an own `__proto__` key in parsed JSON must stay a plain key.
    t = { ...l, ...given } as Texts;
    // Embeds added later, and changes to what one needs or whether the page shows it.
    observer.observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      // (Its URLs: gating unloading an embed that loaded before consent brings its placeholder.)
      attributeFilter: [attr, 'data-src', 'hidden', 'width', ...URLS],
    });
    update();
  };
  // The option's texts, then the config's, over the bundled ones: a key left out or empty in either is
  // the bundled one, never blank or "undefined".
  const given = { ...texts(o.locale), ...config.ui[lang] } as Partial<Texts>;
  const ready = (['blocked', 'allow', 'trigger'] as const).every((k) => given[k])
    ? Promise.resolve(start(given))
    : localeModule(lang).then((m) => start({ ...m.default, ...m.placeholderLocale }));
  return {
    ready,
    destroy() {
      dead = true;
      observer.disconnect();
      resized?.disconnect();
      unsubscribe();
      for (const [el, box] of boxes) {
        box.remove();
        hide(el, false);
      }
      boxes.clear();
    },
  };
}
