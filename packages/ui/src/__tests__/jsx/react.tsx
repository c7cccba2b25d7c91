// <consentry-banner> in a React project's TSX, compiled by jsx.test.ts against React 19's and React 18's
// types. Each @ts-expect-error is a usage that must stay an error (an unused one fails the compile).
import type { ConsentStore } from '@consentry/core';
import type { ConsentElement } from '@consentry/ui';

declare const store: ConsentStore<any, any>;

export const ok = (
  <>
    <consentry-banner store={store} language="fr" theme="dark" position="box" modal no-trigger />
    <consentry-banner
      className="consent"
      ref={(el: ConsentElement | null) => {
        // React 18 sets every prop of a custom element as an attribute: the store goes in through a ref.
        if (el) el.store = store;
      }}
      options={{ reopenSelector: '#cookie-settings', trigger: false }}
      theme="auto"
      position="center"
    />
  </>
);

export const wrong = (
  <>
    {/* @ts-expect-error: not a theme */}
    <consentry-banner theme="blue" />
    {/* @ts-expect-error: not a position */}
    <consentry-banner position="left" />
    {/* @ts-expect-error: present or absent; React 18 would write "false", which reads as present */}
    <consentry-banner modal={false} />
    {/* @ts-expect-error: not an attribute of the element (a typo of position) */}
    <consentry-banner postion="box" />
    {/* @ts-expect-error: not a consent store */}
    <consentry-banner store={{ config: {} }} />
    {/* @ts-expect-error: not an option of mountConsentUI */}
    <consentry-banner options={{ colour: 'red' }} />
  </>
);
