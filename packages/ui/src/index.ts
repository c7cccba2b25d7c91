export { type ConsentBannerAttributes, type ConsentElement, defineConsentElements } from './element';
export type { Locale, PolicyLocale } from './locale';
export { type ConsentUI, type ConsentUIOptions, loadLocale, mountConsentUI, pickLanguage } from './mount';
export {
  type CookiePolicyOptions,
  cookiePolicyHtml,
  type LoadCookiePolicyOptions,
  loadCookiePolicy,
  loadPolicyLocale,
  type RenderCookiePolicyOptions,
  renderCookiePolicy,
} from './policy';
