import type { ConsentStore } from '@consentry/core';
import type { DomHTMLElement } from './dom';
import { type ConsentUI, type ConsentUIOptions, mountConsentUI } from './mount';

/** Options of `<consentry-banner>` beyond its attributes. */
export type ConsentElement = DomHTMLElement & {
  /** The consent store to render; the UI mounts once the element is connected and has one. */
  store: ConsentStore<any, any> | null;
  /** Extra options (locale, target, trigger, reopenSelector…) merged under the attributes. */
  options: ConsentUIOptions;
};

/**
 * What a template may set on `<consentry-banner>`: the attributes the element reads and its two
 * properties. The typings of `@consentry/ui/jsx` (React) and `@consentry/ui/vue` are made of it.
 */
export interface ConsentBannerAttributes {
  /** A property: React 19 and Vue set it as one once the element is defined; on React 18, use a ref. */
  store?: ConsentStore<any, any> | null;
  /** A property, like `store`. */
  options?: ConsentUIOptions;
  language?: string;
  theme?: ConsentUIOptions['theme'];
  position?: ConsentUIOptions['position'];
  // Present or absent, never `false`: React 18 and Vue write false as the text "false", and the
  // element reads any value as present.
  modal?: true;
  'no-trigger'?: true;
}

/**
 * Registers `<consentry-banner>` (or `tag`): a thin custom element around `mountConsentUI`, so React 19
 * and Vue use the UI natively. Attributes: language, theme, position, modal, no-trigger. Registering is
 * explicit: importing this module defines nothing.
 */
export function defineConsentElements(tag = 'consentry-banner'): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  // Symbol-keyed, not `#private` fields or static class fields (ES2022): an application that bundles
  // for ES2020 with esbuild got them lowered to WeakMap helpers, and its split build an extra, empty
  // shared chunk that every page requested. Made here, per definition: no module state.
  const store = Symbol('store');
  const ui = Symbol('ui');
  const mount = Symbol('mount');
  const options = Symbol('options');
  class Banner extends HTMLElement implements ConsentElement {
    // store and options only to report them (see reportPropertyAsAttribute); the others are read as
    // the UI mounts, and mount it again when they change: React 19 and Vue write them again when a
    // bound value changes (`theme={theme}`, a site's dark-mode switch), which the UI otherwise ignored.
    // So do `options` of other content (a changed label, locale or theme).
    static get observedAttributes() {
      return ['store', 'options', 'language', 'theme', 'position', 'modal', 'no-trigger'];
    }
    [store]: ConsentStore<any, any> | null = null;
    [ui]: ConsentUI | null = null;
    [options]: ConsentUIOptions | null = {};
    get options() {
      return this[options] as ConsentUIOptions;
    }
    set options(value) {
      const old = this[options] ?? {};
      this[options] = value;
      // React 19 and Vue write the property again whenever its object is new, as an inline
      // `options={{ … }}` is on every render: remounting then would take the visitor's focus from the
      // switch they are on. Only other content remounts (each option compared as it is, the texts by value).
      const now = (value ?? {}) as Record<string, unknown>;
      const keys = new Set([...Object.keys(old), ...Object.keys(now)]);
      const same = [...keys].every((k) => {
        const [a, b] = [(old as Record<string, unknown>)[k], now[k]];
        return Object.is(a, b) || (k === 'locale' && JSON.stringify(a) === JSON.stringify(b));
      });
      if (!same) this[mount]();
    }
    get store() {
      return this[store];
    }
    set store(value) {
      this[store] = value;
      this[mount]();
    }
    connectedCallback() {
      this[mount]();
    }
    attributeChangedCallback(name: string, old: string | null, value: string | null) {
      if (name === 'store' || name === 'options') {
        // Once per appearance of the attribute, not again each time React 18 writes a changed prop.
        if (old === null) reportPropertyAsAttribute(this.localName, name, value);
      } else if (old !== value) {
        // Mounts only a connected element with a store; after a value the checks refused, the next good
        // one brings the UI back.
        this[mount]();
      }
    }
    disconnectedCallback() {
      this[ui]?.destroy();
      this[ui] = null;
    }
    [mount]() {
      this[ui]?.destroy();
      this[ui] = null;
      if (!this.isConnected || !this[store]) return;
      const attr = (name: string) => this.getAttribute(name) ?? undefined;
      // null, as for mountConsentUI, is no options.
      const o = this.options ?? {};
      this[ui] = mountConsentUI(this[store], {
        ...o,
        target: this,
        language: attr('language') ?? o.language,
        theme: (attr('theme') as ConsentUIOptions['theme']) ?? o.theme,
        position: (attr('position') as ConsentUIOptions['position']) ?? o.position,
        modal: this.hasAttribute('modal') || o.modal,
        trigger: !this.hasAttribute('no-trigger') && o.trigger !== false,
      });
    }
  }
  customElements.define(tag, Banner);
}

/**
 * `store` and `options` are properties, and an attribute of either name is a mistake that would fail
 * silently. React 18 sets every prop of a custom element as an attribute, so `store={store}` arrives as
 * store="[object Object]" (a string is never a store) and the element, which never gets the property,
 * shows nothing; `options` would be ignored. React 19, and Vue's `:store.prop`, set the property. (The
 * string is not looked up as the name of a store either: any script on the page could register a name.)
 * Reported in production builds too: a page without a bundler (an import map) has no `process` to tell
 * them apart, and a banner that shows nothing is broken wherever it runs.
 */
function reportPropertyAsAttribute(tag: string, name: string, value: string | null): void {
  console.error(
    `[consentry] <${tag} ${name}="${value}">: ${name} is a property, not an attribute (an attribute ` +
      'holds only text), so ' +
      (name === 'store' ? 'the element has no store and shows nothing. ' : 'these options are ignored. ') +
      'React 18 passes every prop of a custom element as an attribute: instead of the prop, set the ' +
      `property through a ref, ref={(el) => { if (el) el.${name} = ${name}; }}, or use React 19, which ` +
      'sets it.',
  );
}
