import { type ConsentConfig, type ConsentStore, cookieTable, isSafeUrl } from '@consentry/core';
import type { Locale } from './locale';

export interface ConsentUIOptions {
  /** Wanted language; matched against `config.languages` before `<html lang>` and the browser's. */
  language?: string;
  /** Texts to use instead of the bundled ones: no extra request, the UI renders synchronously. */
  locale?: Locale;
  /** Default `'auto'` (follows prefers-color-scheme). */
  theme?: 'light' | 'dark' | 'auto';
  /** Bottom bar (default), corner box or centred box. */
  position?: 'bar' | 'box' | 'center';
  /** Modal banner: a dialog that traps focus and makes the page inert until the visitor decides. */
  modal?: boolean;
  /** Element the UI is appended to; default `document.body`. */
  target?: Element;
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

// One chunk per language: a page downloads only the one it shows.
const LOCALES: Record<string, () => Promise<{ default: Locale }>> = {
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

const base = (tag: string) => tag.toLowerCase().split('-')[0]!;

/**
 * The first of `wanted` that the config declares (exactly, then by primary subtag, so `pt-BR` finds
 * `pt`), else the config's first language.
 */
export function pickLanguage(config: ConsentConfig, wanted: readonly (string | null | undefined)[]): string {
  const langs = config.languages;
  for (const w of wanted) {
    const hit = w && (langs.find((l) => l === w) ?? langs.find((l) => base(l) === base(w)));
    if (hit) return hit;
  }
  return langs[0]!;
}

/** The bundled texts for a language (by primary subtag), English when none is bundled. */
export function loadLocale(language: string): Promise<Locale> {
  return (LOCALES[base(language)] ?? LOCALES.en!)().then((m) => m.default);
}

const FOCUSABLE = 'a[href],button,summary';

type Child = Node | string | null | false | undefined;
type Action = 'acceptAll' | 'rejectAll' | 'openPreferences' | 'save' | 'closePreferences' | 'toggle';

/**
 * Mounts the banner and the preferences dialog for a consent store. All state (banner shown,
 * preferences open, draft) is the store's: the UI renders its snapshot and calls its actions.
 */
export function mountConsentUI(store: ConsentStore<any, any>, o: ConsentUIOptions = {}): ConsentUI {
  const doc = document;
  const config = store.config;
  const lang = pickLanguage(config, [o.language, doc.documentElement.lang, ...navigator.languages]);
  let stop: (() => void) | undefined;
  let dead = false;
  // Builds the UI in the page once the texts are there; returns what removes it.
  const render = (locale: Locale): (() => void) => {
    // Spread, not Object.assign: an own `__proto__` key in parsed JSON must stay a plain key.
    const t: Locale = { ...locale, ...config.ui[lang] };
    // Unique per mount (no module state); a '.' is fine in an id and in aria-labelledby.
    const id = `cy${Math.random()}`;
    const switches: HTMLButtonElement[] = [];
    const inert: Element[] = [];
    let modal: HTMLElement | null = null;
    let opener: Element | null = null;

    // Every text goes in as a Text node or an attribute value, never as HTML.
    const h = (tag: string, attrs?: Record<string, string> | null, ...kids: Child[]) => {
      const el = doc.createElement(tag);
      for (const k in attrs) el.setAttribute(k, attrs[k]!);
      el.append(...(kids.filter(Boolean) as (Node | string)[]));
      return el;
    };
    const button = (a: Action, label: string, attrs?: Record<string, string>) =>
      h('button', { type: 'button', 'data-a': a, ...attrs }, label) as HTMLButtonElement;
    // Accept, reject and customise look the same: refusing is as easy as accepting.
    const actions = (...b: HTMLElement[]) => h('div', { class: 'cy-a' }, ...b);
    const accept = () => button('acceptAll', t.acceptAll);
    const reject = () => button('rejectAll', t.rejectAll);
    const link = (url: unknown, label: string) => isSafeUrl(url) && h('a', { href: url }, label);
    // A region named by its heading, or a modal dialog that can take focus itself, so that nothing
    // in it is preselected.
    const named = (cls: string, label: string, modal?: boolean) => ({
      class: cls,
      'aria-label': label,
      ...(modal ? { role: 'dialog', 'aria-modal': 'true', tabindex: '-1' } : { role: 'region' }),
    });
    // The backdrop takes focus when clicked, so Escape still reaches the UI.
    const backdrop = (el: HTMLElement) => h('div', { class: 'cy-o', tabindex: '-1' }, el);
    // Intl gives the plural and the script of the language ("1 day", "395 jours", "٣٩٥ يومًا").
    const days = (n: number | 'session') =>
      n === 'session'
        ? t.session
        : n.toLocaleString(lang, { style: 'unit', unit: 'day', unitDisplay: 'long' });

    const banner = h(
      'section',
      named('cy-b', t.title, o.modal),
      h('h2', null, t.title),
      h('p', null, t.description, ' ', link(config.policyUrl?.[lang], t.policy)),
      actions(accept(), reject(), button('openPreferences', t.customise)),
    );
    const bannerBox = o.modal ? backdrop(banner) : banner;

    const categories = cookieTable(config, lang).sections.map((c) => {
      const tid = id + c.id;
      const sw = button('toggle', '', {
        role: 'switch',
        'aria-labelledby': tid,
        'aria-describedby': `${tid}d`,
        // A required category is shown on and locked; aria-disabled keeps it focusable so the reason is heard.
        ...(c.required ? { 'aria-checked': 'true', 'aria-disabled': 'true' } : { value: c.id }),
      });
      if (!c.required) switches.push(sw);
      return h(
        'div',
        { class: 'cy-c' },
        h(
          'div',
          { class: 'cy-h' },
          h('h3', { id: tid }, c.title),
          c.required && h('span', null, t.alwaysOn),
          sw,
        ),
        h(
          'p',
          { id: `${tid}d` },
          c.description,
          c.required && ` ${t.required}`,
          c.exemptReason && ` ${t.exempt}: `,
          c.exemptReason,
        ),
        ...c.rows.map((r) =>
          h(
            'details',
            null,
            h('summary', null, r.title),
            r.description && h('p', null, r.description),
            h(
              'p',
              null,
              `${t.provider}: ${r.provider} · ${r.party === 'first' ? t.firstParty : t.thirdParty}`,
              link(r.policyUrl, t.privacyPolicy),
            ),
            r.cookies.length > 0 &&
              h(
                'ul',
                { 'aria-label': t.cookies },
                ...r.cookies.map((k) =>
                  h(
                    'li',
                    null,
                    h('code', null, k.name),
                    k.lifetime != null && ` · ${t.lifetime}: ${days(k.lifetime)}`,
                    k.purpose && ` · ${t.purpose}: ${k.purpose}`,
                  ),
                ),
              ),
          ),
        ),
      );
    });

    const dialog = h(
      'div',
      named('cy-d', t.preferences, true),
      h(
        'div',
        { class: 'cy-h' },
        h('h2', null, t.preferences),
        button('closePreferences', '×', { class: 'cy-x', 'aria-label': t.close }),
      ),
      h('div', { class: 'cy-s' }, ...categories),
      actions(reject(), accept(), button('save', t.save)),
    );
    const overlay = backdrop(dialog);
    const trigger = o.trigger !== false && button('openPreferences', t.trigger, { class: 'cy-t' });
    const root = h(
      'div',
      {
        class: 'cy',
        lang,
        dir: t.dir ?? (/^(ar|he|fa|ur)\b/.test(lang) ? 'rtl' : 'ltr'),
        'data-theme': o.theme ?? 'auto',
        'data-pos': o.position ?? 'bar',
      },
      bannerBox,
      overlay,
      trigger,
    );

    const visible = (el: Element | null): el is HTMLElement => !!el && !el.closest('[hidden]');
    const focusables = (m: Element) => [...m.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(visible);
    const release = () => {
      for (const el of inert.splice(0)) el.removeAttribute('inert');
    };

    const update = () => {
      const s = store.getSnapshot();
      const g = (s.draft ?? s.granted) as Record<string, boolean>;
      const m = s.preferences ? dialog : o.modal && s.banner ? banner : null;
      // Read before hiding anything: a hidden element loses focus.
      if (m === dialog && modal !== dialog) opener = doc.activeElement;
      bannerBox.hidden = !s.banner || s.preferences;
      overlay.hidden = !s.preferences;
      if (trigger) trigger.hidden = s.banner || s.preferences;
      for (const sw of switches) sw.setAttribute('aria-checked', `${!!g[sw.value]}`);
      if (m === modal) return;
      // Everything outside the open modal is inert (the siblings of each ancestor up to <html>, so <head>
      // too, which is harmless), restored when it closes. What the page made inert itself is left alone.
      release();
      for (let n: Element | null = m; n?.parentElement; n = n.parentElement) {
        for (const sib of n.parentElement.children) {
          if (sib !== n && !sib.hasAttribute('inert')) {
            inert.push(sib);
            sib.setAttribute('inert', '');
          }
        }
      }
      const was = modal;
      modal = m;
      // The dialog's first control is its close button; a modal banner itself takes focus so that no
      // choice (not even the policy link) is preselected.
      if (m) (m === dialog ? focusables(m)[0] : m)?.focus();
      // Back to where the visitor was; if that is gone (the banner after a decision), to the trigger.
      if (was === dialog) (visible(opener) ? opener : trigger || null)?.focus();
    };

    root.addEventListener('click', (e) => {
      const b = (e.target as Element).closest<HTMLButtonElement>('[data-a]');
      const a = b?.getAttribute('data-a') as Action | undefined;
      const draft = store.getSnapshot().draft as Record<string, boolean> | null;
      if (a !== 'toggle') a && store[a]();
      else if (b!.value && draft) store.toggle(b!.value, !draft[b!.value]);
    });
    root.addEventListener('keydown', (e) => {
      if (!modal) return;
      if (e.key === 'Escape') {
        // Escape is no decision: it closes the dialog or hides a modal banner and grants nothing.
        e.preventDefault();
        modal === dialog ? store.closePreferences() : store.closeBanner();
      } else if (e.key === 'Tab') {
        const f = focusables(modal);
        const i = f.indexOf(doc.activeElement as HTMLElement);
        if (e.shiftKey ? i < 1 : i === f.length - 1) {
          e.preventDefault();
          (e.shiftKey ? f.at(-1) : f[0])?.focus();
        }
      }
    });
    const reopen = (e: Event) => {
      const el = (e.target as Element).closest?.(o.reopenSelector ?? '[data-consent-open]');
      if (el && !root.contains(el)) {
        e.preventDefault();
        store.openPreferences();
      }
    };
    doc.addEventListener('click', reopen);

    (o.target ?? doc.body).append(root);
    const unsubscribe = store.subscribe(update);
    update();
    return () => {
      unsubscribe();
      doc.removeEventListener('click', reopen);
      release();
      root.remove();
    };
  };
  const start = (l: Locale) => {
    if (!dead) stop = render(l);
  };
  const ready = o.locale ? Promise.resolve(start(o.locale)) : loadLocale(lang).then(start);
  return {
    ready,
    openPreferences: () => store.openPreferences(),
    destroy() {
      dead = true;
      stop?.();
    },
  };
}
