export { type ConsentBannerAttributes, type ConsentElement, defineConsentElements } from './element';
export type { Locale, PlaceholderLocale, PolicyLocale } from './locale';
export { type ConsentUI, type ConsentUIOptions, loadLocale, mountConsentUI, pickLanguage } from './mount';
export { type ConsentPlaceholderOptions, type ConsentPlaceholders, mountPlaceholders } from './placeholder';
export {
  type CookiePolicyOptions,
  cookiePolicyHtml,
  type LoadCookiePolicyOptions,
  loadCookiePolicy,
  loadPolicyLocale,
  type RenderCookiePolicyOptions,
  renderCookiePolicy,
} from './policy';
