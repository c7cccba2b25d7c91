import type { ConsentStore } from '@consentry/core';
import { type ConsentUI, type ConsentUIOptions, mountConsentUI } from './mount';

/** Options of `<consentry-banner>` beyond its attributes. */
export interface ConsentElement extends HTMLElement {
  /** The consent store to render; the UI mounts once the element is connected and has one. */
  store: ConsentStore<any, any> | null;
  /** Extra options (locale, target, trigger, reopenSelector…) merged under the attributes. */
  options: ConsentUIOptions;
}

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
  class Banner extends HTMLElement implements ConsentElement {
    #store: ConsentStore<any, any> | null = null;
    #ui: ConsentUI | null = null;
    options: ConsentUIOptions = {};
    get store() {
      return this.#store;
    }
    set store(store) {
      this.#store = store;
      this.#mount();
    }
    connectedCallback() {
      this.#mount();
    }
    disconnectedCallback() {
      this.#ui?.destroy();
      this.#ui = null;
    }
    #mount() {
      this.#ui?.destroy();
      this.#ui = null;
      if (!this.isConnected || !this.#store) return;
      const attr = (name: string) => this.getAttribute(name) ?? undefined;
      this.#ui = mountConsentUI(this.#store, {
        ...this.options,
        target: this,
        language: attr('language') ?? this.options.language,
        theme: (attr('theme') as ConsentUIOptions['theme']) ?? this.options.theme,
        position: (attr('position') as ConsentUIOptions['position']) ?? this.options.position,
        modal: this.hasAttribute('modal') || this.options.modal,
        trigger: !this.hasAttribute('no-trigger') && this.options.trigger !== false,
      });
    }
  }
  customElements.define(tag, Banner);
}
