export { type ConsentElement, defineConsentElements } from './element';
export type { Locale } from './locale';
export { type ConsentUI, type ConsentUIOptions, loadLocale, mountConsentUI, pickLanguage } from './mount';
