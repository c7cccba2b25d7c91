/**
 * The prose of the cookie policy, from shared/reference/cookie-policy-seed.txt, in the config's
 * languages. Everything specific to the site (categories, services, cookies, purposes, the exemption
 * reason) comes from the consent config, and the tables' words from @consentry/ui's locales, not from here.
 */
export interface PolicyTexts {
  title: string;
  intro: string;
  languageSwitch: string;
  whatIsTitle: string;
  whatIs: string;
  kindsIntro: string;
  kinds: {
    necessary: [string, string];
    statistical: [string, string];
    firstParty: [string, string];
    thirdParty: [string, string];
  };
  onThisSite: string;
  usedTitle: (site: string) => string;
  changeChoices: string;
  changeIntro: string;
}

const en: PolicyTexts = {
  title: 'Cookies policy',
  intro:
    'In order to provide you with the best service possible, we use cookies to ensure it functions properly, and to perform web analytics.',
  languageSwitch: 'Language',
  whatIsTitle: 'What is a cookie?',
  whatIs:
    'A cookie is a generally small piece of data identified by a name that may be sent to your browser by a website you are visiting. Your web browser will store it for a certain period of time, and will send it back to the web server each time you visit again. Cookies have many uses: they can be used to remember your customer log-in information for an online store, the current contents of your shopping cart, as an identifier for tracking your browsing for statistical or advertising purposes, etc.',
  kindsIntro: 'Several types of cookies exist:',
  kinds: {
    necessary: [
      '“Necessary” internal cookies',
      'allow information to be saved between two visits to the same website by the same device. They can save a shopping cart, log-in information, or interface preferences. They do not require the user’s consent.',
    ],
    statistical: [
      '“Statistical” cookies',
      'make it possible to track an Internet user’s actions on a website. When statistics are anonymized (meaning they cannot be traced back to a person), user consent is not required.',
    ],
    firstParty: [
      '“Internal” or “first-party” cookies',
      'are stored by the website visited. They can be stored in addition to the necessary cookies, and can be used to collect personal data, track user behavior, and for advertising purposes.',
    ],
    thirdParty: [
      '“Third-party” cookies',
      'are cookies stored by (or for) a Website B (often an advertising agency) on Website A. This allows Website B to see what pages the user visited on Website A, and collect information about the user.',
    ],
  },
  onThisSite: 'On this site:',
  usedTitle: (site) => `What cookies are used on ${site}`,
  changeChoices: 'Change my cookie choices',
  changeIntro: 'You can give or withdraw your consent at any time, as easily as you gave it.',
};

const fr: PolicyTexts = {
  title: 'Politique relative aux cookies',
  intro:
    'Afin de vous offrir le meilleur service possible, nous utilisons des cookies pour assurer le bon fonctionnement du site et pour réaliser des mesures d’audience.',
  languageSwitch: 'Langue',
  whatIsTitle: 'Qu’est-ce qu’un cookie ?',
  whatIs:
    'Un cookie est une donnée, généralement de petite taille, identifiée par un nom, qui peut être envoyée à votre navigateur par un site web que vous visitez. Votre navigateur la conserve pendant une certaine durée et la renvoie au serveur web à chacune de vos visites. Les cookies ont de nombreux usages : ils peuvent servir à mémoriser vos identifiants de connexion à une boutique en ligne, le contenu actuel de votre panier, ou d’identifiant pour suivre votre navigation à des fins statistiques ou publicitaires, etc.',
  kindsIntro: 'Il existe plusieurs types de cookies :',
  kinds: {
    necessary: [
      'Les cookies internes « nécessaires »',
      'permettent de conserver des informations entre deux visites d’un même site par un même appareil. Ils peuvent conserver un panier, des informations de connexion ou des préférences d’interface. Ils ne nécessitent pas le consentement de l’utilisateur.',
    ],
    statistical: [
      'Les cookies « statistiques »',
      'permettent de suivre les actions d’un internaute sur un site. Lorsque les statistiques sont anonymisées (c’est-à-dire qu’elles ne permettent pas de remonter à une personne), le consentement de l’utilisateur n’est pas requis.',
    ],
    firstParty: [
      'Les cookies « internes » ou « propriétaires »',
      'sont déposés par le site visité. Ils peuvent s’ajouter aux cookies nécessaires et servir à collecter des données personnelles, à suivre le comportement de l’utilisateur et à des fins publicitaires.',
    ],
    thirdParty: [
      'Les cookies « tiers »',
      'sont des cookies déposés par (ou pour) un site B (souvent une régie publicitaire) sur un site A. Ils permettent au site B de savoir quelles pages l’utilisateur a visitées sur le site A et de collecter des informations sur lui.',
    ],
  },
  onThisSite: 'Sur ce site :',
  usedTitle: (site) => `Quels cookies sont utilisés sur ${site}`,
  changeChoices: 'Modifier mes choix de cookies',
  changeIntro:
    'Vous pouvez donner ou retirer votre consentement à tout moment, aussi facilement que vous l’avez donné.',
};

export const POLICY_TEXTS: Record<'en' | 'fr', PolicyTexts> = { en, fr };
