import {
  type ConsentConfig,
  type ConsentEvent,
  type ConsentStore,
  type CookieTableSection,
  cookieTable,
} from '@consentry/core';
import type { DomElement } from './dom';
import type { Locale, PlaceholderLocale, PolicyLocale } from './locale';

export interface ConsentUIOptions {
  /** Wanted language; matched against `config.languages` before `<html lang>` and the browser's. */
  language?: string;
  /**
   * Texts to use instead of the bundled ones: no extra request, the UI renders synchronously. Keys it
   * lacks (or leaves empty) come from the language's bundled texts, loaded as without it.
   */
  locale?: Partial<Locale>;
  /** Default `'auto'` (follows prefers-color-scheme). */
  theme?: 'light' | 'dark' | 'auto';
  /** Bottom bar (default), corner box or centred box. */
  position?: 'bar' | 'box' | 'center';
  /** Modal banner: a dialog that traps focus and makes the page inert until the visitor decides. */
  modal?: boolean;
  /** Element the UI is appended to; default `document.body`. */
  target?: DomElement;
  /** A small floating button that reopens the preferences after a decision (default true). */
  trigger?: boolean;
  /** Elements matching this open the preferences when clicked (default `[data-consent-open]`). */
  reopenSelector?: string;
}

export interface ConsentUI {
  /** Resolves once the texts are loaded and the UI is in the page. */
  readonly ready: Promise<void>;
  openPreferences(): void;
  /** Removes the UI and its listeners, and restores what it made inert. */
  destroy(): void;
}

type LocaleModule = { default: Locale; policyLocale: PolicyLocale; placeholderLocale: PlaceholderLocale };

/** The keys every language needs (`dir` and `colon` have defaults): a `locale` with all of them is used alone. */
export const LOCALE_KEYS = /* @__PURE__ */ (
  'title description descriptionOptOut acceptAll rejectAll customise save close preferences alwaysOn ' +
  'required exempt provider cookies storage lifetime purpose firstParty thirdParty session trigger policy ' +
  'privacyPolicy'
).split(' ') as (keyof Locale)[];

/**
 * The texts of a locale that can be shown: non-empty strings. Object.fromEntries, not assignment: an own
 * `__proto__` key in parsed JSON stays a plain key (and, not being a string of text, is dropped).
 */
export const texts = (l: object | undefined): Partial<Locale> =>
  Object.fromEntries(Object.entries(l ?? {}).filter(([, v]) => v && typeof v === 'string'));

/**
 * Each option as a site's code gives it (plain JavaScript, an element's attributes): a wrong one fails at
 * once with a TypeError naming it, rather than later with a minified message (`target: '#main'`) or
 * silently (`position: 'top'` drew the bar, `theme: 'blue'` lost the dark mode). Absent (null or
 * undefined) means the default. What each must be: a `typeof`, the allowed strings, or one of two checks.
 */
function checkOptions(store: ConsentStore<any, any>, o?: ConsentUIOptions | null): ConsentUIOptions {
  const rules: Record<string, string> = {
    language: 'string',
    locale: 'object',
    theme: "'light' | 'dark' | 'auto'",
    position: "'bar' | 'box' | 'center'",
    modal: 'boolean',
    target: 'Element',
    trigger: 'boolean',
    reopenSelector: 'CSS selector',
  };
  o = checkArgs('mountConsentUI', store, o, Object.keys(rules));
  for (const k of Object.keys(rules)) {
    const want = rules[k]!;
    const v = o[k as keyof ConsentUIOptions] as any;
    let ok: unknown = v == null;
    try {
      ok ||=
        want === 'Element'
          ? v.nodeType === 1
          : // One that does not parse would throw on every click, long after the page loaded.
            want === 'CSS selector'
            ? typeof v === 'string' && document.documentElement.matches(v) !== null
            : want[0] === "'"
              ? want.split(' | ').includes(`'${v}'`)
              : typeof v === want;
    } catch {}
    if (!ok) {
      throw new TypeError(
        `mountConsentUI: invalid options.${k}: expected ${want}, got ${typeof v === 'string' ? `"${v}"` : typeof v}`,
      );
    }
  }
  return o;
}

/**
 * The arguments every mount function takes, before their own checks: a store, and options or nothing
 * (null as much as undefined, as an option's null is its default). A config passed as the store, or no
 * store, failed later with "Cannot read properties of undefined (reading 'languages')", naming neither
 * the argument nor the fix; a misspelt option (`positon: 'box'`) was ignored, and the UI drew its
 * default without a word. Own keys only, as everywhere the UI walks an object.
 */
export function checkArgs<T extends object>(
  fn: string,
  store: ConsentStore<any, any>,
  o: T | null | undefined,
  known: string[],
): T {
  if (typeof store?.getSnapshot !== 'function')
    throw new TypeError(
      `${fn}: expected a store from createConsent(config), got ${(store as any)?.validated ? 'a config' : `${store}`}`,
    );
  o ??= {} as T;
  for (const k of Object.keys(o))
    if (!known.includes(k))
      throw new TypeError(`${fn}: unknown options.${k}: expected one of ${known.join(', ')}`);
  return o;
}

// One chunk per language: a page downloads only the one it shows. The banner takes a module's default
// export; the cookie-policy tables (policy.ts) also its `policyLocale`.
const LOCALES: Record<string, () => Promise<LocaleModule>> = {
  en: () => import('./locales/en'),
  fr: () => import('./locales/fr'),
  de: () => import('./locales/de'),
  es: () => import('./locales/es'),
  it: () => import('./locales/it'),
  nl: () => import('./locales/nl'),
  pt: () => import('./locales/pt'),
  pl: () => import('./locales/pl'),
  sv: () => import('./locales/sv'),
  ar: () => import('./locales/ar'),
};

/** The primary subtag, lower-cased: `pt-BR` → `pt`. */
/**
 * A cookie or storage-key pattern as a visitor reads it, when its regular expression is a plain name
 * (letters, digits, `_`, `-`, escaped dots) with anchors: the name with a wildcard where the name may go
 * on (`^_ga_` and `^_ga_.*` → `_ga_*`, `^_pk_id\.` → `_pk_id.*`, unanchored `_ga` → `*_ga*`, since it
 * also matches `my_gadget`; `^sid$` → `sid`). Any other pattern (`^_ga_\d+$`, a class, an alternative,
 * one with flags: cookieTable gives it as `/^_hj/i`) stays as written, which the policy tables and the
 * dialog announce as a pattern.
 */
export const patternText = (source: string) => {
  const m = /^(\^?)((?:[\w-]|\\\.)+)(\.\*)?(\$?)$/.exec(source);
  return m ? (m[1] ? '' : '*') + m[2]!.replace(/\\\./g, '.') + (m[4] && !m[3] ? '' : '*') : source;
};

/**
 * A cookie's lifetime (days, as the config gives it) as a visitor reads it, in `lang`: Intl gives the
 * unit's plural ("1 day", "395 jours", "395 يومًا"). Under a day it goes in hours, minutes or seconds:
 * Google Analytics' `_gat` (1 minute) read "0.001 days", and a 10-second cookie "0 days".
 */
export const lifetimeText = (days: number | 'session', lang: string, session: string) => {
  if (days === 'session') return session;
  let unit = 'day';
  for (const [u, k] of [
    ['hour', 24],
    ['minute', 60],
    ['second', 60],
  ] as const)
    if (days < 1) {
      days *= k;
      unit = u;
    }
  return days.toLocaleString(lang, { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 1 });
};

export const primaryTag = (tag: string) => tag.toLowerCase().split('-')[0]!;

/**
 * The text direction of what the UI draws in `lang`: the texts' own `dir`, else right to left for
 * Arabic, Hebrew, Persian and Urdu (and their regional tags), left to right for every other language,
 * whatever the page's own `dir`.
 */
export const textDir = (t: Pick<Locale, 'dir'>, lang: string) =>
  t.dir ?? (/^(ar|he|fa|ur)\b/.test(lang) ? 'rtl' : 'ltr');

/**
 * The first of `wanted` (one language or a list) that the config declares (exactly, then by primary
 * subtag, so `pt-BR` finds `pt`), else the config's first language.
 */
export function pickLanguage(
  config: ConsentConfig,
  wanted: string | readonly (string | null | undefined)[],
): string {
  const langs = config.languages;
  // One language too: a string's letters were each tried.
  for (const w of [wanted].flat()) {
    const hit = w && (langs.find((l) => l === w) ?? langs.find((l) => primaryTag(l) === primaryTag(w)));
    if (hit) return hit;
  }
  return langs[0]!;
}

/**
 * Node's import() of our CommonJS locale chunk gives { default: module.exports }, whose `default` is the
 * texts (Node ignores __esModule, bundlers honour it): unwrap that one level.
 */
const unwrap = (m: LocaleModule): LocaleModule =>
  (m.default as Partial<LocaleModule>).policyLocale ? (m.default as unknown as LocaleModule) : m;

/** The module of a language's bundled texts (by primary subtag), English's when none is bundled. */
export function localeModule(language: string): Promise<LocaleModule> {
  const b = primaryTag(language);
  // Own keys only: a language such as "constructor" or "__proto__" finds English, not Object's members.
  return (Object.hasOwn(LOCALES, b) ? LOCALES[b]! : LOCALES.en!)().then(unwrap);
}

/** The bundled texts for a language (by primary subtag), English when none is bundled. */
export function loadLocale(language: string): Promise<Locale> {
  return localeModule(language).then((m) => m.default);
}

// The stores already warned about (a WeakSet: no instance is kept alive by it). Once per store, however
// often a UI is mounted for it: React's Strict Mode mounts twice, <consentry-banner> remounts on each
// connect.
const warnedStores = /* @__PURE__ */ new WeakSet<ConsentStore<any, any>>();

/**
 * A language with no bundled texts shows the UI's own strings in English unless `config.ui[lang]` (or
 * the `locale` option) gives every one of them. The fallback is safe (nothing is granted by it) but a
 * site should not ship it unknowingly, so say which language and which keys, and how to supply them. In
 * production builds too: a page without a bundler (an import map) has no `process` to tell them apart,
 * and the warning costs a line once per store.
 */
function warnEnglishFallback(store: ConsentStore<any, any>, lang: string, given: Partial<Locale>): void {
  const missing = LOCALE_KEYS.filter((k) => !given[k]);
  if (!missing.length || warnedStores.has(store)) return;
  warnedStores.add(store);
  console.warn(
    `[consentry] no bundled texts for "${lang}": English shown. Set config.ui.${lang} ` +
      `(missing: ${missing.join(', ')}) or a complete \`locale\` option.`,
  );
}

// The UIs mounted for each store, newest last: only the newest is drawn (a WeakMap: no store or UI is
// kept alive by it). Each entry draws or takes down its UI.
const mounted = /* @__PURE__ */ new WeakMap<ConsentStore<any, any>, ((on: boolean) => void)[]>();

type Child = Node | string | null | false | undefined;
type Action = 'acceptAll' | 'rejectAll' | 'openPreferences' | 'save' | 'closePreferences' | 'toggle';

/**
 * Mounts the banner and the preferences dialog for a consent store. All state (banner shown,
 * preferences open, draft) is the store's: the UI renders its snapshot and calls its actions.
 */
export function mountConsentUI(store: ConsentStore<any, any>, o?: ConsentUIOptions | null): ConsentUI {
  o = checkOptions(store, o);
  // A second UI for a store drew a second banner over the first, and two dialogs whose modals fought
  // over focus. One is drawn per store: the newer sets the older aside, saying so (in production builds
  // too, as the UI's other warnings), and the older comes back when the newer is destroyed (an inline
  // settings panel left by a single-page app), so the page is never left without one. Mount, destroy,
  // mount (React's Strict Mode, <consentry-banner> as its attributes change) finds none to set aside.
  const uis = mounted.get(store) ?? [];
  mounted.set(store, uis);
  if (uis[0]) {
    console.warn(
      '[consentry] mountConsentUI: a second UI for this store hides the first until that one is destroyed: ' +
        'mount one per store.',
    );
    uis.at(-1)!(false);
  }
  const doc = document;
  const html = doc.documentElement;
  const config = store.config;
  const lang = pickLanguage(config, [o.language, html.lang, ...navigator.languages]);
  // The option's texts, then the config's, over the language's bundled ones (`render`'s argument): a key
  // left out or empty in either is the bundled one, never blank or "undefined".
  const given = { ...texts(o.locale), ...config.ui[lang] };
  let stop: (() => void) | undefined;
  let dead = false;
  // The texts once loaded, to draw again when a newer UI for the store goes.
  let shown: Locale | undefined;
  // Draws (true) or takes down (false) this UI: what a newer UI for the store asks of it.
  const show = (on: boolean) => {
    stop?.();
    stop = undefined;
    if (on && shown) stop = render(shown);
  };
  uis.push(show);
  // Builds the UI in the page once the texts are there; returns what removes it.
  const render = (locale: Locale): (() => void) => {
    // Spread, not Object.assign: an own `__proto__` key in parsed JSON must stay a plain key.
    const t: Locale = { ...locale, ...given };
    // Between a label and its value: French puts a no-break space before the colon.
    const colon = t.colon ?? ': ';
    // Unique per mount (no module state); a '.' is fine in an id and in aria-describedby.
    const id = `cy${Math.random()}`;
    const inert: Element[] = [];
    let modal: HTMLElement | null = null;
    let opener: Element | null = null;

    // Every text goes in as a Text node or an attribute value, never as HTML.
    const h = (tag: string, attrs?: Record<string, string> | null, ...kids: Child[]) => {
      const el = doc.createElement(tag);
      // Own keys only (as everywhere the UI walks an object): old libraries add enumerable properties
      // to Object.prototype, and a name such as `$family` is no attribute name (setAttribute throws).
      for (const [k, v] of Object.entries(attrs ?? {})) el.setAttribute(k, v);
      el.append(...(kids.filter(Boolean) as (Node | string)[]));
      return el;
    };
    // Labelled by the text of the same name unless told otherwise: `button('save')` says `t.save`.
    // The buttons that open the preferences say that they open a dialog (Customise, the trigger).
    const button = (a: Action, label = t[a as 'save'], attrs?: Record<string, string>) =>
      h(
        'button',
        {
          type: 'button',
          'data-a': a,
          ...(a === 'openPreferences' && { 'aria-haspopup': 'dialog' }),
          ...attrs,
        },
        label,
      ) as HTMLButtonElement;
    // Accept, reject and customise look the same: refusing is as easy as accepting.
    const actions = (...b: HTMLElement[]) => h('div', { class: 'cy-a' }, ...b);
    // defineConfig let only http(s) URLs and paths through (no `javascript:`), and createConsent takes
    // only its configs.
    const link = (url: string | null | undefined, label: string) => url && h('a', { href: url }, label);
    // A modal dialog can take focus itself, so that nothing in it is preselected.
    const modalDialog = { role: 'dialog', 'aria-modal': 'true', tabindex: '-1' };
    // The backdrop takes focus when clicked, so Escape still reaches the UI. Hidden until `update`
    // shows it: one shown locks the page's scroll (style.css), and `update` measures the page unlocked.
    const backdrop = (el: HTMLElement) => h('div', { class: 'cy-o', tabindex: '-1', hidden: '' }, el);

    // The banner's text, set by `update`: under the opt-out model optional categories are on before a
    // decision, and it must not say it asks for consent to what is already in use.
    const description = doc.createTextNode('');
    // A visitor who decided under an older revision of the config is asked again and told why, as
    // cookieconsent's revisionMessage and Klaro's changeDescription do. The store's INIT event keeps the
    // record it read, which the machine set aside (an expired one is no change: no notice).
    const read = store
      .log()
      .find((e): e is Extract<ConsentEvent, { type: 'INIT' }> => e.type === 'INIT')?.record;
    const banner = h(
      'section',
      // Named by its heading; a <section> with a name is a region.
      { class: 'cy-b', 'aria-label': t.title, ...(o.modal && modalDialog) },
      h('h2', null, t.title),
      h(
        'p',
        null,
        read && read.revision !== config.revision && t.revised && `${t.revised} `,
        description,
        ' ',
        link(config.policyUrl?.[lang], t.policy),
      ),
      actions(button('acceptAll'), button('rejectAll'), button('openPreferences', t.customise)),
    );
    const bannerBox = o.modal ? backdrop(banner) : banner;

    // A switch for a category or service id: `update` sets aria-checked from the draft, a click toggles it.
    const toggle = (value: string, attrs: Record<string, string>) =>
      button('toggle', '', { role: 'switch', value, ...attrs });
    // A cookie or storage list: the name, what it is, its purpose.
    // A cookie's domain, when it is not host-only, tells apart two cookies of one name (one on the host,
    // one on the parent domain) and names where a third party's lives.
    const list = (label: string, items: [string, string | null, string | false, string | null][]) =>
      items[0] &&
      h(
        'ul',
        { 'aria-label': label },
        ...items.map(([name, domain, what, purpose]) =>
          h(
            'li',
            null,
            h('code', null, name),
            domain && ' · ',
            domain && h('code', null, domain),
            what && ` · ${what}`,
            purpose && ` · ${t.purpose}${colon}${purpose}`,
          ),
        ),
      );

    // A category of the preferences dialog: its switch, its text and its services.
    const category = (c: CookieTableSection) => {
      // Describes the category's switch: its text says why a category is locked or exempt. A category
      // with none of these has no paragraph, and its switch points at nothing empty.
      const did = (c.description || c.required || c.exemptReason) && id + c.id;
      return h(
        'div',
        { class: 'cy-c' },
        h(
          'div',
          { class: 'cy-h' },
          h('h3', null, c.title),
          c.required && h('span', null, t.alwaysOn),
          // Named like its heading. A required category is on and locked (the machine keeps it granted
          // whatever is toggled); aria-disabled keeps it focusable so the reason is heard.
          toggle(c.id, {
            'aria-label': c.title,
            ...(did && { 'aria-describedby': did }),
            ...(c.required && { 'aria-disabled': 'true' }),
          }),
        ),
        did &&
          h(
            'p',
            { id: did },
            c.description,
            c.required && ` ${t.required}`,
            c.exemptReason && ` ${t.exempt}${colon}`,
            c.exemptReason,
          ),
        // A service's switch is part of its <details>, right after the <summary> (never inside it: no
        // controls in a summary). Closed details hide it from view and from the accessibility tree, so
        // a lookup by a category's name ("Analytics") finds the category's switch, not also a service
        // whose title contains the word; opened, the stylesheet draws it at the end of the summary line.
        // A service of a required category has none: the category already says it is always on.
        ...c.rows.map((r) =>
          h(
            'details',
            null,
            h('summary', null, r.title),
            !c.required && toggle(r.service, { 'aria-label': r.title }),
            r.description && h('p', null, r.description),
            h(
              'p',
              null,
              `${t.provider}${colon}${r.provider} · ${r.party === 'first' ? t.firstParty : t.thirdParty}`,
              link(r.policyUrl, t.privacyPolicy),
            ),
            list(
              t.cookies,
              r.cookies.map((k) => [
                k.pattern ? patternText(k.name) : k.name,
                k.domain,
                k.lifetime != null && `${t.lifetime}${colon}${lifetimeText(k.lifetime, lang, t.session)}`,
                k.purpose,
              ]),
            ),
            // The Web Storage API's own names (localStorage, sessionStorage), untranslated like cookie names.
            list(
              t.storage,
              r.storage.map((k) => [
                k.pattern ? patternText(k.key) : k.key,
                null,
                `${k.type}Storage`,
                k.purpose,
              ]),
            ),
          ),
        ),
      );
    };

    // The dialog's categories are built the first time it opens (by `update`), not with the banner: most
    // visitors never open it, and the first Intl formatting of a cookie's lifetime in a page costs 35–85 ms
    // (Chromium, fresh profile). With the demo's config (8 services, 10 cookies) mountConsentUI took 96 ms
    // before, 43 ms after (medians of 21 loads); with no services, it changes nothing.
    const sections = h('div', { class: 'cy-s' });
    const close = button('closePreferences', '×', { class: 'cy-x', 'aria-label': t.close });
    const dialog = h(
      'div',
      { class: 'cy-d', 'aria-label': t.preferences, ...modalDialog },
      h('div', { class: 'cy-h' }, h('h2', null, t.preferences), close),
      sections,
      // The banner's order: the two layers place the same buttons alike.
      actions(button('acceptAll'), button('rejectAll'), button('save')),
    );
    const overlay = backdrop(dialog);
    const trigger = (o.trigger !== false || null) && button('openPreferences', t.trigger, { class: 'cy-t' });
    const root = h(
      'div',
      {
        class: 'cy',
        lang,
        dir: textDir(t, lang),
        'data-theme': o.theme ?? 'auto',
        'data-pos': o.position ?? 'bar',
      },
      bannerBox,
      overlay,
      trigger,
    );

    const visible = (el: Element | null): el is HTMLElement => el?.closest('[hidden]') === null;
    const release = () => {
      for (const el of inert.splice(0)) el.removeAttribute('inert');
    };

    // The scroll padding on <html> is the largest that the UIs of the page need: all of them cover the
    // bottom of the viewport. Their paddings (by root), what they last wrote and the page's own value
    // (any other, given back when no UI needs one) are kept on <html> for all of them: with each UI
    // keeping its own, one took another's value for the page's, and one destroyed first left its
    // padding behind. On the element, not in the module: two copies of the script share it too.
    const pad = (n: number | false | null) => {
      const style = html.style;
      // biome-ignore lint/suspicious/noAssignInExpressions: one expression is 9 B less of a full budget.
      const all: Map<Element, number> & { page?: string; mine?: string } = ((html as any).cyPad ??=
        new Map());
      root.style.paddingBottom = n ? `${n}px` : '';
      n ? all.set(root, n) : all.delete(root);
      if (style.scrollPaddingBottom !== all.mine) all.page = style.scrollPaddingBottom;
      style.scrollPaddingBottom = all.size ? `${Math.max(...all.values())}px` : all.page!;
      // As the browser serialises it.
      all.mine = style.scrollPaddingBottom;
    };
    // The categories that need consent, and in the banner's text their names, as the language lists them:
    // the first layer names every purpose "Accept all" grants.
    const asked = config.categories.filter((c) => !c.required && !c.exempt);
    const names = new Intl.ListFormat(lang);
    const update = () => {
      const s = store.getSnapshot();
      const g = (s.draft ?? s.granted) as Record<string, boolean>;
      const m = s.preferences ? dialog : o.modal && s.banner ? banner : null;
      // Read before hiding anything: a hidden element loses focus.
      const a = doc.activeElement;
      if (m === dialog && modal !== dialog) opener = a;
      // As a modal opens, before its backdrop locks the page's scroll: does the page show a classic
      // scrollbar? The lock keeps its width as a gutter then, and adds none otherwise (style.css).
      // And <html>'s overflow: while it is visible, the viewport takes <body>'s, and the lock keeps
      // <body>'s visible, as it was (style.css).
      if (m && !modal) {
        root.toggleAttribute('data-gutter', innerWidth > html.clientWidth);
        root.dataset.overflow = getComputedStyle(html).overflow;
      }
      bannerBox.hidden = !s.banner || s.preferences;
      overlay.hidden = !s.preferences;
      if (trigger) trigger.hidden = s.banner || s.preferences;
      // Under the opt-out model a category that needs consent may be on before any decision: then the
      // banner says so instead of asking, and names those that are on, not one a GPC signal or its
      // `default: false` keeps off. Under opt-in only an embed's placeholder grant turns one on while the
      // banner shows, and the banner still asks.
      const on = asked.filter((c) => s.jurisdiction === 'opt-out' && s.granted[c.id]);
      description.data = (on[0] ? t.descriptionOptOut : t.description)
        // split/join: every `{purposes}`, and a title's `$&` or `$'` stays text (replace() reads them).
        .split('{purposes}')
        .join(names.format((on[0] ? on : asked).map((c) => c.texts[lang]!.title)));
      // WCAG 2.4.11, focus not obscured: while a non-modal banner covers the bottom of the viewport,
      // an element scrolled into view on focus stops above it, its focus ring included (scroll padding:
      // the banner's height and 16 px), and the root's own height lets the page's last lines scroll out
      // from under it. The same for the trigger (2.4.12, nothing of it covered): the space from its top
      // edge to the viewport's bottom and 16 px, while it sits in the lower half (a site may move it).
      // Read at once, though on mount it forces a layout: measured in Chromium, waiting for a
      // ResizeObserver instead did the same layouts before the first paint, only later (mount to first
      // paint, median of 21 loads: 47 ms → 70 ms on the bench's page, 59 → 86 with the demo's config).
      // Kept while a modal is open: the banner or trigger it hides took its room with it, the page got
      // shorter, and one scrolled to its end was pulled up (200 px), its last lines under the banner
      // once the dialog closed with no decision.
      const below = trigger && !trigger.hidden && innerHeight - trigger.getBoundingClientRect().top;
      if (!m)
        pad(
          !bannerBox.hidden && !o.modal
            ? banner.offsetHeight + 16
            : below && below < innerHeight / 2 && below + 16,
        );
      // Built as it first opens, then kept: its switches show the draft below, its close button takes focus.
      if (s.preferences && !sections.firstChild)
        sections.append(...cookieTable(config, lang).sections.map(category));
      for (const sw of dialog.querySelectorAll<HTMLButtonElement>('[role=switch]'))
        sw.setAttribute('aria-checked', `${!!g[sw.value]}`);
      if (m !== modal) {
        // Everything outside the open modal is inert (the siblings of each ancestor up to <html>, so
        // <head> too, which is harmless), restored when it closes. What the page made inert itself is
        // left alone. The newest modal wins: another UI's open modal (a second store's, or a second
        // mount) made this one's ancestors inert, which would leave nothing on the page operable. A modal
        // that is not rendered (its target hidden, in <head>, a closed <details>) makes nothing inert: the
        // visitor could neither see it nor use the page. (jsdom has no checkVisibility: rendered.)
        release();
        for (
          let n: Element | null = m?.checkVisibility?.() === false ? null : m;
          n?.parentElement;
          n = n.parentElement
        ) {
          n.removeAttribute('inert');
          for (const sib of n.parentElement.children) {
            if (sib !== n && !sib.hasAttribute('inert')) {
              inert.push(sib);
              sib.setAttribute('inert', '');
            }
          }
        }
        modal = m;
        // The dialog's first control is its close button; a modal banner itself takes focus so that no
        // choice (not even the policy link) is preselected.
        (m === dialog ? close : m)?.focus();
      }
      // Focus in what was just hidden goes back to where the visitor was before the dialog; after a
      // decision or Escape on the banner (or when that place is gone), to the trigger; never to <body>.
      if (m !== dialog && !visible(a)) {
        (visible(opener) ? opener : trigger)?.focus();
        opener = null;
      }
    };

    root.onclick = (e) => {
      const b = (e.target as Element).closest<HTMLButtonElement>('[data-a]');
      const a = b?.dataset.a as Action | undefined;
      // A switch shows the draft, so a click asks for the other value (without a draft the machine
      // changes nothing).
      if (a === 'toggle') store.toggle(b!.value, b!.getAttribute('aria-checked') !== 'true');
      else if (a) store[a]();
      // Not only through the subscription: a destroyed store calls no listener, and its dialog must
      // still close rather than leave the page inert.
      update();
    };
    root.onkeydown = (e) => {
      if (!modal) return;
      if (e.key === 'Escape') {
        // Escape is no decision: it closes the dialog or hides a modal banner and grants nothing.
        e.preventDefault();
        modal === dialog ? store.closePreferences() : store.closeBanner();
        update();
      } else if (e.key === 'Tab') {
        const f = [...modal.querySelectorAll<HTMLElement>('a[href],button,summary')].filter(visible);
        const i = f.indexOf(doc.activeElement as HTMLElement);
        if (e.shiftKey ? i < 1 : i === f.length - 1) {
          e.preventDefault();
          (e.shiftKey ? f.at(-1) : f[0])?.focus();
        }
      }
    };

    (o.target ?? doc.body).append(root);
    // In while the page is still parsed (set up from <head> or early in <body>), what is parsed later
    // comes after it, the page's end under the banner: moved to the end once parsed, unless the visitor
    // is in it (moving it would drop their focus) or it is gone.
    if (!o.target && doc.readyState === 'loading')
      doc.addEventListener('DOMContentLoaded', () => {
        if (root.isConnected && !root.contains(doc.activeElement)) doc.body.append(root);
      });
    const unsubscribe = store.subscribe(update);
    // The banner's height changes with the viewport (a phone turned, a window resized, page zoom): the
    // scroll padding follows it. A window event, not a ResizeObserver, which jsdom (sites' own tests) lacks.
    addEventListener('resize', update);
    update();
    return () => {
      unsubscribe();
      removeEventListener('resize', update);
      release();
      root.remove();
      pad(0);
    };
  };
  // Listening from the start: a click on the site's own "Cookie settings" before the texts arrive opens
  // the dialog as soon as it is drawn, instead of being lost, unless the visitor has moved on by then
  // (`asked`: where their focus was as they asked).
  let asked: Element | null = null;
  const reopen = (e: Event) => {
    const el = (e.target as Element).closest?.(o.reopenSelector ?? '[data-consent-open]');
    // Only the UI drawn for the store answers; one set aside by a newer UI leaves it to that one.
    if (el && !el.closest('.cy') && uis.at(-1) === show) {
      e.preventDefault();
      if (!stop) asked = doc.activeElement;
      store.openPreferences();
    }
  };
  doc.addEventListener('click', reopen);
  // Nowhere to go yet (a classic script in <head>, where Consent Mode wants the store made, runs before
  // <body> exists): in once the page is parsed.
  const start = (l: Locale): Promise<void> | void => {
    if (doc.readyState === 'loading' && !(o.target ?? doc.body))
      return new Promise((r) => doc.addEventListener('DOMContentLoaded', r)).then(() => start(l));
    // Texts that were slow to come (seconds, on a poor network): a visitor who asked for the settings,
    // then went on (typing in a field, another link), would have a modal take their focus mid-task. They
    // get the banner (or nothing, after a decision) and ask again; one still where they asked gets the dialog.
    if (asked && asked !== doc.activeElement) store.closePreferences();
    shown = l;
    if (!dead && uis.at(-1) === show) stop = render(l);
  };
  // `lang` is one of config.languages, which core checks to start with a 2–3 letter subtag: it cannot
  // name an Object member, so this lookup goes without localeModule's own-key guard (bytes).
  const bundled = LOCALES[primaryTag(lang)];
  // A `locale` with every text is used alone, synchronously; one lacking some waits for the bundled texts.
  const ready =
    o.locale && LOCALE_KEYS.every((k) => given[k])
      ? Promise.resolve(start(given as Locale))
      : (bundled ?? LOCALES.en!)()
          .then(unwrap)
          .then((m) => {
            if (!bundled) warnEnglishFallback(store, lang, given);
            // The English texts stand in only for what the site left out; `revised` is optional, and an
            // English sentence before the site's own Japanese text would be worse than none.
            return start(bundled ? m.default : { ...m.default, revised: '' });
          });
  const ui: ConsentUI = {
    ready,
    // Store actions need no `this`.
    openPreferences: store.openPreferences,
    destroy() {
      const i = uis.indexOf(show);
      if (i < 0) return;
      dead = true;
      doc.removeEventListener('click', reopen);
      show(false);
      uis.splice(i, 1);
      // The one it had set aside is drawn again; an older one destroyed by its owner changes nothing.
      if (i === uis.length) uis.at(-1)?.(true);
    },
  };
  return ui;
}
