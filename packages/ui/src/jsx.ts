// `@consentry/ui/jsx`: <consentry-banner> in React's TSX. Imported once (`import '@consentry/ui/jsx'`,
// an empty module at run time), it adds the element to React's JSX.IntrinsicElements. A separate
// entry, so that projects without React do not need @types/react.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ConsentBannerAttributes, ConsentElement } from './element';

/** The props of `<consentry-banner>` in React: an HTML element's, and what the element reads. */
// Exported, not written inside the augmentation: declaration emit refuses the imported names there.
export type ConsentBannerProps = DetailedHTMLProps<HTMLAttributes<ConsentElement>, ConsentElement> &
  ConsentBannerAttributes;

declare module 'react' {
  // React.JSX, not the global JSX namespace: @types/react 19 has only this one, and 18's later
  // releases resolve both the automatic runtime (react/jsx-runtime) and React.createElement through it.
  namespace JSX {
    interface IntrinsicElements {
      'consentry-banner': ConsentBannerProps;
    }
  }
}
