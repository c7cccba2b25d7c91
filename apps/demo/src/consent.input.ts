/**
 * The input of the demo's one consent configuration (validated in consent.config.ts). Plain data with
 * no import, so the script-tag page can hand it to `window.Consentry.defineConfig` without bundling
 * the SDK.
 *
 * The necessary services are the ones of the cookie policy we rebuild
 * (shared/reference/cookie-policy-seed.txt, an Opendatasoft platform), but for its `cookies_preferences`:
 * the platform's record of the visitor's choice, which our own consent cookie (`consentry`) replaces, and
 * which the policy lists by itself. The optional ones are the demo's stand-ins, served by the demo server
 * itself (public/stand-ins/).
 */

const days = { year: 390, halfYear: 182 } as const;
// How long a decision is kept: after one that grants an optional category, and after a refusal.
const lifetimes = { accepted: days.year, refused: days.halfYear } as const;

export const configInput = {
  revision: 1,
  languages: ['en', 'fr'],
  jurisdiction: 'opt-in',
  lifetimes,
  policyUrl: { en: '/policy.html?lang=en', fr: '/policy.html?lang=fr' },
  categories: [
    {
      id: 'necessary',
      required: true,
      texts: {
        en: {
          title: 'Necessary',
          description:
            'Internal cookies that keep information between two visits of the same device: log-in, language, security, your cookie choices. They do not require your consent.',
        },
        fr: {
          title: 'Nécessaires',
          description:
            'Cookies internes qui conservent des informations entre deux visites d’un même appareil : connexion, langue, sécurité, vos choix en matière de cookies. Ils ne nécessitent pas votre consentement.',
        },
      },
    },
    {
      id: 'statistics',
      exempt: {
        reason: {
          en: 'The statistics are anonymised: they cannot be traced back to a person, so they do not require your consent (CNIL guidance on audience measurement). You can still switch them off.',
          fr: 'Les statistiques sont anonymisées : elles ne permettent pas de remonter à une personne, elles ne nécessitent donc pas votre consentement (lignes directrices de la CNIL sur la mesure d’audience). Vous pouvez tout de même les désactiver.',
        },
      },
      texts: {
        en: {
          title: 'Anonymised statistics',
          description: 'Count visits and pages seen, without identifying you.',
        },
        fr: {
          title: 'Statistiques anonymisées',
          description: 'Comptent les visites et les pages vues, sans vous identifier.',
        },
      },
    },
    {
      id: 'analytics',
      texts: {
        en: {
          title: 'Analytics',
          description: 'Follow your actions on the site over several visits to measure and improve it.',
        },
        fr: {
          title: 'Mesure d’audience',
          description:
            'Suivent vos actions sur le site au fil de plusieurs visites pour le mesurer et l’améliorer.',
        },
      },
    },
    {
      id: 'marketing',
      saleOrSharing: true,
      texts: {
        en: {
          title: 'Marketing (embedded content)',
          description:
            'Embedded videos from another site, which can follow you across the sites that embed them.',
        },
        fr: {
          title: 'Marketing (contenus intégrés)',
          description:
            'Vidéos intégrées depuis un autre site, qui peut vous suivre sur les sites qui les intègrent.',
        },
      },
    },
  ],
  services: [
    {
      id: 'odsSession',
      provider: 'Opendatasoft',
      category: 'necessary',
      texts: {
        en: { title: 'Authentication (front and back office)' },
        fr: { title: 'Authentification (front et back office)' },
      },
      cookies: [
        {
          name: 'sessionid',
          lifetime: 14,
          purpose: {
            en: 'To remember the user from one page to another',
            fr: 'Se souvenir de l’utilisateur d’une page à l’autre',
          },
        },
      ],
    },
    {
      id: 'odsLanguage',
      provider: 'Opendatasoft',
      category: 'necessary',
      texts: {
        en: { title: 'Language selection (front and back office)' },
        fr: { title: 'Choix de la langue (front et back office)' },
      },
      cookies: [
        {
          name: 'django_language',
          lifetime: 'session',
          purpose: { en: 'To remember the visitor’s language', fr: 'Se souvenir de la langue du visiteur' },
        },
      ],
    },
    {
      id: 'odsCsrf',
      provider: 'Opendatasoft',
      category: 'necessary',
      texts: {
        en: { title: 'API (CSRF) (front and back office)' },
        fr: { title: 'API (CSRF) (front et back office)' },
      },
      cookies: [
        {
          name: 'csrftoken',
          lifetime: days.year,
          purpose: { en: 'To retrieve data via API calls', fr: 'Récupérer des données via des appels d’API' },
        },
      ],
    },
    {
      id: 'audience',
      provider: 'Consentry demo',
      category: 'statistics',
      texts: {
        en: { title: 'Anonymised audience measurement (all pages)' },
        fr: { title: 'Mesure d’audience anonymisée (toutes les pages)' },
      },
      cookies: [
        {
          name: '_au_ses',
          lifetime: 'session',
          purpose: {
            en: 'To count a visit once, without identifying the visitor',
            fr: 'Compter une visite une seule fois, sans identifier le visiteur',
          },
        },
      ],
    },
    {
      id: 'stats',
      provider: 'StatsCo',
      category: 'analytics',
      texts: {
        en: { title: 'Visit analytics (all pages)' },
        fr: { title: 'Analyse des visites (toutes les pages)' },
      },
      cookies: [
        {
          name: '_sa_id',
          lifetime: days.year,
          purpose: {
            en: 'To recognise the visitor’s browser across visits',
            fr: 'Reconnaître le navigateur du visiteur d’une visite à l’autre',
          },
        },
        {
          // Set on the parent domain too, so every subdomain shares it: withdrawing must delete both.
          name: '_sa_id',
          domain: '.consentry.test',
          lifetime: days.year,
          purpose: {
            en: 'To recognise the visitor across the sites of consentry.test',
            fr: 'Reconnaître le visiteur sur les sites de consentry.test',
          },
        },
        {
          name: '_sa_sess',
          lifetime: 'session',
          purpose: { en: 'To group the pages of one visit', fr: 'Regrouper les pages d’une même visite' },
        },
      ],
      storage: [
        {
          key: 'sa_events',
          type: 'local',
          purpose: {
            en: 'Events waiting to be sent',
            fr: 'Événements en attente d’envoi',
          },
        },
      ],
    },
    {
      id: 'video',
      provider: 'VideoCo',
      category: 'marketing',
      party: 'third',
      texts: {
        en: { title: 'Embedded video player (islands, plain and SSR pages)' },
        fr: { title: 'Lecteur vidéo intégré (pages des îlots, simple et SSR)' },
      },
      cookies: [
        {
          // Chromium keeps a third-party cookie only when it is partitioned (CHIPS), which needs Secure,
          // which plain http allows only on localhost: so the embed is served from localhost.
          name: 'vid_uid',
          domain: 'localhost',
          lifetime: days.halfYear,
          purpose: {
            en: 'To recognise the viewer in the video provider’s player',
            fr: 'Reconnaître le spectateur dans le lecteur du fournisseur de vidéos',
          },
        },
      ],
    },
  ],
  consentMode: {
    analytics_storage: 'analytics',
    ad_storage: 'marketing',
    ad_user_data: 'marketing',
    ad_personalization: 'marketing',
    functionality_storage: 'necessary',
    security_storage: 'necessary',
  },
} as const;
