import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const en: Locale = {
  title: 'Cookies on this site',
  description:
    'We use cookies the site needs to work. With your consent, we would also use optional cookies for these purposes: {purposes}. You can change your choice at any time.',
  descriptionOptOut:
    'We use cookies the site needs to work, and optional cookies for these purposes: {purposes}. The optional ones are on unless you turn them off: you can reject them or choose by category, here or at any time.',
  revised: 'Our cookie policy has changed since your last choice, so we are asking you again.',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customise: 'Customise',
  save: 'Save choices',
  close: 'Close',
  preferences: 'Cookie preferences',
  alwaysOn: 'Always on',
  required: 'Needed for the site to work.',
  exempt: 'Exempt from consent',
  provider: 'Provider',
  cookies: 'Cookies',
  storage: 'Browser storage',
  lifetime: 'Lifetime',
  purpose: 'Purpose',
  firstParty: 'First-party',
  thirdParty: 'Third-party',
  session: 'Browser session',
  trigger: 'Cookie settings',
  policy: 'Cookie policy',
  privacyPolicy: 'Privacy policy',
};
export default en;

export const policyLocale: PolicyLocale = {
  service: 'Service',
  optIn: 'Used only with your consent.',
  optOut: 'Used unless you opt out.',
  pattern: 'Names matching',
  domain: 'Domain',
  thisSite: 'This website',
  consentPurpose: 'To keep your cookie choices, when you made them and under which version of this policy',
  consentLifetime: '{accepted} if you allowed optional cookies, {refused} if you refused them',
  gpc: 'A Global Privacy Control signal from your browser counts as opting out.',
  none: 'None declared',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked: 'This content from {name} is blocked: it may set cookies and will load only if you allow it.',
  allow: 'Allow {name}',
};
