import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const de: Locale = {
  title: 'Cookies auf dieser Website',
  description:
    'Wir verwenden Cookies, die für den Betrieb der Website notwendig sind. Mit Ihrer Einwilligung möchten wir außerdem optionale Cookies für diese Zwecke nutzen: {purposes}. Sie können sie akzeptieren, ablehnen oder nach Kategorien auswählen und Ihre Entscheidung jederzeit ändern.',
  descriptionOptOut:
    'Wir verwenden Cookies, die für den Betrieb der Website notwendig sind, sowie optionale Cookies für diese Zwecke: {purposes}. Die optionalen Cookies sind aktiv, solange Sie sie nicht deaktivieren. Sie können sie hier oder jederzeit ablehnen oder nach Kategorien auswählen.',
  revised:
    'Unsere Cookie-Richtlinie hat sich seit Ihrer letzten Entscheidung geändert, deshalb fragen wir Sie erneut.',
  acceptAll: 'Alle akzeptieren',
  rejectAll: 'Alle ablehnen',
  customise: 'Anpassen',
  save: 'Auswahl speichern',
  close: 'Schließen',
  preferences: 'Cookie-Einstellungen',
  alwaysOn: 'Immer aktiv',
  required: 'Für den Betrieb der Website erforderlich und daher nicht abschaltbar.',
  exempt: 'Von der Einwilligung ausgenommen',
  provider: 'Anbieter',
  cookies: 'Cookies',
  storage: 'Browser-Speicher',
  lifetime: 'Speicherdauer',
  purpose: 'Zweck',
  firstParty: 'Eigenes Cookie',
  thirdParty: 'Drittanbieter-Cookie',
  session: 'Bis zum Schließen des Browsers',
  trigger: 'Cookie-Einstellungen',
  policy: 'Cookie-Richtlinie',
  privacyPolicy: 'Datenschutzerklärung',
};
export default de;

export const policyLocale: PolicyLocale = {
  service: 'Dienst',
  optIn: 'Nur mit Ihrer Einwilligung verwendet.',
  optOut: 'Verwendet, solange Sie nicht widersprechen.',
  pattern: 'Namen nach dem Muster',
  domain: 'Domain',
  thisSite: 'Diese Website',
  consentPurpose:
    'Speichert Ihre Cookie-Auswahl, wann Sie sie getroffen haben und unter welcher Version dieser Richtlinie',
  consentLifetime:
    '{accepted}, wenn Sie optionale Cookies erlaubt haben, {refused}, wenn Sie sie abgelehnt haben',
  gpc: 'Ein Global-Privacy-Control-Signal Ihres Browsers gilt als Widerspruch.',
  none: 'Keine angegeben',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked: 'Inhalt von {name} blockiert: Er kann Cookies setzen und wird erst geladen, wenn Sie es erlauben.',
  allow: '{name} erlauben',
};
