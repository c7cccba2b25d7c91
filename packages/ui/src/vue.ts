// `@consentry/ui/vue`: prop types for <consentry-banner> in Vue templates. Imported once
// (`import '@consentry/ui/vue'`, an empty module at run time), it declares the element as a global
// component the way Vue's guide does for custom elements not built with Vue: a constructor whose
// instance has `$props`, which Vue's language tools check a template's attributes against.
import type { HTMLAttributes, PublicProps } from 'vue';
import type { ConsentBannerAttributes, ConsentElement } from './element';

/** `<consentry-banner>` as Vue's language tools see a global component. */
// Exported, not written inside the augmentation: declaration emit refuses the imported names there.
export type ConsentBannerComponent = new () => ConsentElement & {
  /** For template type checking only: the element has no `$props` at run time. */
  $props: HTMLAttributes & ConsentBannerAttributes & PublicProps;
};

declare module 'vue' {
  interface GlobalComponents {
    'consentry-banner': ConsentBannerComponent;
  }
}
