import type { Locale, PlaceholderLocale, PolicyLocale } from '../locale';

const fr: Locale = {
  title: 'Les cookies sur ce site',
  description:
    'Nous utilisons des cookies indispensables au fonctionnement du site. Avec votre accord, nous aimerions aussi utiliser des cookies facultatifs pour ces finalités\u00a0: {purposes}. Vous pouvez les accepter, les refuser ou choisir par catégorie, et changer d’avis à tout moment.',
  descriptionOptOut:
    'Nous utilisons des cookies indispensables au fonctionnement du site, ainsi que des cookies facultatifs pour ces finalités\u00a0: {purposes}. Ces derniers restent actifs tant que vous ne les désactivez pas. Vous pouvez les refuser ou choisir par catégorie, ici ou à tout moment.',
  revised:
    'Notre politique de cookies a changé depuis votre dernier choix, nous vous redemandons donc votre accord.',
  acceptAll: 'Tout accepter',
  rejectAll: 'Tout refuser',
  customise: 'Personnaliser',
  save: 'Enregistrer mes choix',
  close: 'Fermer',
  preferences: 'Préférences en matière de cookies',
  alwaysOn: 'Toujours actifs',
  required: 'Indispensables au fonctionnement du site, ils ne peuvent pas être désactivés.',
  exempt: 'Exemptés de consentement',
  provider: 'Fournisseur',
  cookies: 'Cookies',
  storage: 'Stockage du navigateur',
  lifetime: 'Durée de conservation',
  purpose: 'Finalité',
  firstParty: 'Cookie interne',
  thirdParty: 'Cookie tiers',
  session: 'Jusqu’à la fermeture du navigateur',
  trigger: 'Gérer les cookies',
  policy: 'Politique de cookies',
  privacyPolicy: 'Politique de confidentialité',
  // French typography: a no-break space before the colon ("Fournisseur : Google").
  colon: '\u00a0: ',
};
export default fr;

export const policyLocale: PolicyLocale = {
  service: 'Service',
  optIn: 'Utilisés uniquement avec votre consentement.',
  optOut: 'Utilisés sauf si vous vous y opposez.',
  pattern: 'Noms selon le motif',
  domain: 'Domaine',
  thisSite: 'Ce site',
  consentPurpose:
    'Conserver vos choix en matière de cookies, leur date et la version de cette politique sous laquelle vous les avez faits',
  consentLifetime:
    '{accepted} si vous avez accepté des cookies facultatifs, {refused} si vous les avez refusés',
  gpc: 'Un signal Global Privacy Control envoyé par votre navigateur vaut opposition.',
  none: 'Aucun déclaré',
};

export const placeholderLocale: PlaceholderLocale = {
  blocked:
    'Contenu de {name} bloqué\u00a0: il peut déposer des cookies et ne se chargera que si vous l’autorisez.',
  allow: 'Autoriser {name}',
};
