import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const sv: Locale = {
  title: 'Kakor på den här webbplatsen',
  description:
    'Vi använder kakor som behövs för att webbplatsen ska fungera. Med ditt samtycke vill vi också använda valfria kakor för dessa ändamål: {purposes}. Du kan godkänna dem, avvisa dem eller välja per kategori, och ändra dig när som helst.',
  descriptionOptOut:
    'Vi använder kakor som behövs för att webbplatsen ska fungera, och valfria kakor för dessa ändamål: {purposes}. De valfria kakorna används om du inte stänger av dem. Du kan avvisa dem eller välja per kategori, här eller när som helst.',
  revised: 'Vår kakpolicy har ändrats sedan ditt senaste val, därför frågar vi igen.',
  acceptAll: 'Godkänn alla',
  rejectAll: 'Avvisa alla',
  customise: 'Anpassa',
  save: 'Spara val',
  close: 'Stäng',
  preferences: 'Inställningar för kakor',
  alwaysOn: 'Alltid på',
  required: 'Behövs för att webbplatsen ska fungera och kan därför inte stängas av.',
  exempt: 'Undantagna från samtycke',
  provider: 'Leverantör',
  cookies: 'Kakor',
  storage: 'Webbläsarlagring',
  lifetime: 'Lagringstid',
  purpose: 'Syfte',
  firstParty: 'Förstapartskaka',
  thirdParty: 'Tredjepartskaka',
  session: 'Tills du stänger webbläsaren',
  trigger: 'Inställningar för kakor',
  policy: 'Kakpolicy',
  privacyPolicy: 'Integritetspolicy',
};
export default sv;

export const policyLocale: PolicyLocale = {
  service: 'Tjänst',
  optIn: 'Används bara med ditt samtycke.',
  optOut: 'Används om du inte tackar nej.',
  pattern: 'Namn enligt mönstret',
  domain: 'Domän',
  thisSite: 'Denna webbplats',
  consentPurpose: 'Sparar dina cookieval, när du gjorde dem och under vilken version av denna policy',
  consentLifetime: '{accepted} om du tillät valfria cookies, {refused} om du avböjde dem',
  gpc: 'En Global Privacy Control-signal från din webbläsare räknas som att du tackar nej.',
  none: 'Inga angivna',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked: 'Innehåll från {name} är blockerat: det kan sätta kakor och läses in först när du tillåter det.',
  allow: 'Tillåt {name}',
};
