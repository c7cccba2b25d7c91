import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const nl: Locale = {
  title: 'Cookies op deze website',
  description:
    'We gebruiken cookies die nodig zijn om de website te laten werken. Met je toestemming willen we ook optionele cookies gebruiken voor deze doeleinden: {purposes}. Je kunt ze accepteren, weigeren of per categorie kiezen, en je keuze op elk moment wijzigen.',
  descriptionOptOut:
    'We gebruiken cookies die nodig zijn om de website te laten werken, en optionele cookies voor deze doeleinden: {purposes}. De optionele cookies staan aan tenzij je ze uitzet. Je kunt ze weigeren of per categorie kiezen, hier of op elk moment.',
  revised: 'Ons cookiebeleid is gewijzigd sinds je laatste keuze, daarom vragen we het je opnieuw.',
  acceptAll: 'Alles accepteren',
  rejectAll: 'Alles weigeren',
  customise: 'Aanpassen',
  save: 'Keuze opslaan',
  close: 'Sluiten',
  preferences: 'Cookievoorkeuren',
  alwaysOn: 'Altijd aan',
  required: 'Nodig om de website te laten werken, dus ze kunnen niet worden uitgezet.',
  exempt: 'Vrijgesteld van toestemming',
  provider: 'Aanbieder',
  cookies: 'Cookies',
  storage: 'Browseropslag',
  lifetime: 'Bewaartermijn',
  purpose: 'Doel',
  firstParty: 'Eigen cookie',
  thirdParty: 'Cookie van derden',
  session: 'Tot je de browser sluit',
  trigger: 'Cookie-instellingen',
  policy: 'Cookiebeleid',
  privacyPolicy: 'Privacybeleid',
};
export default nl;

export const policyLocale: PolicyLocale = {
  service: 'Dienst',
  optIn: 'Alleen gebruikt met je toestemming.',
  optOut: 'Gebruikt tenzij je bezwaar maakt.',
  pattern: 'Namen volgens het patroon',
  domain: 'Domein',
  thisSite: 'Deze website',
  consentPurpose: 'Je cookiekeuzes bewaren, wanneer je ze maakte en onder welke versie van dit beleid',
  consentLifetime: '{accepted} als je optionele cookies toestond, {refused} als je ze weigerde',
  gpc: 'Een Global Privacy Control-signaal van je browser geldt als bezwaar.',
  none: 'Geen opgegeven',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked:
    'Inhoud van {name} geblokkeerd: deze kan cookies plaatsen en wordt pas geladen als je dit toestaat.',
  allow: '{name} toestaan',
};
