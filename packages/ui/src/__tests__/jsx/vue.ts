// <consentry-banner>'s props as Vue's language tools see them in a template (the `$props` of its
// GlobalComponents entry), compiled by jsx.test.ts. Each @ts-expect-error must stay an error.
import type { ConsentStore } from '@consentry/core';
import type { GlobalComponents } from 'vue';

type Props = InstanceType<GlobalComponents['consentry-banner']>['$props'];
declare const store: ConsentStore<any, any>;

export const ok: Props[] = [
  { store, language: 'fr', theme: 'dark', position: 'box', modal: true, 'no-trigger': true },
  { class: 'consent', options: { reopenSelector: '#cookie-settings' }, position: 'center' },
];
// @ts-expect-error: not a theme
export const theme: Props = { theme: 'blue' };
// @ts-expect-error: not a position
export const position: Props = { position: 'left' };
// @ts-expect-error: Vue writes false as the attribute modal="false", which reads as present
export const modal: Props = { modal: false };
// @ts-expect-error: not an attribute of the element (a typo of position)
export const typo: Props = { postion: 'box' };
// @ts-expect-error: not a consent store
export const notAStore: Props = { store: { config: {} } };
