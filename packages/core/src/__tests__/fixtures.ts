import { type ConfigInput, type ConsentOptions, createConsent, defineConfig, memoryStorage } from '../index';

const t = (title: string) => ({ en: { title }, fr: { title: `${title} (fr)` } });

/** A config shaped like the seed's site: necessary, exempt statistics, analytics, marketing. */
export const input = {
  revision: 3,
  languages: ['en', 'fr'],
  categories: [
    { id: 'necessary', required: true, texts: t('Necessary') },
    {
      id: 'statistics',
      exempt: { reason: { en: 'Anonymised audience measurement', fr: 'Mesure d’audience anonymisée' } },
      texts: t('Statistics'),
    },
    { id: 'analytics', texts: t('Analytics') },
    { id: 'marketing', saleOrSharing: true, texts: t('Marketing') },
  ],
  services: [
    {
      id: 'session',
      provider: 'Opendatasoft',
      category: 'necessary',
      texts: t('Authentication'),
      cookies: [
        { name: 'sessionid', purpose: { en: 'Remember the user', fr: 'Se souvenir de l’utilisateur' } },
      ],
    },
    {
      id: 'matomo',
      provider: 'Matomo',
      category: 'statistics',
      texts: t('Audience'),
      cookies: [{ pattern: '^_pk_' }],
    },
    {
      id: 'ga',
      provider: 'Google Analytics',
      category: 'analytics',
      party: 'third',
      texts: t('Google Analytics'),
      cookies: [{ name: '_ga', domain: '.example.com', lifetime: 395 }, { pattern: '^_ga_' }],
    },
    {
      id: 'hotjar',
      provider: 'Hotjar',
      category: 'analytics',
      texts: t('Heatmaps'),
      cookies: [{ pattern: /^_hj/ }],
    },
    { id: 'youtube', provider: 'YouTube', category: 'marketing', party: 'third', texts: t('Videos') },
  ],
} as const satisfies ConfigInput;

export const config = defineConfig(input);
export type Id =
  | 'necessary'
  | 'statistics'
  | 'analytics'
  | 'marketing'
  | 'session'
  | 'matomo'
  | 'ga'
  | 'hotjar'
  | 'youtube';

export const NOW = Date.UTC(2026, 10, 1);
export const DAY = 86_400_000;

/** A store with a fake clock and deterministic ids. */
export function makeStore({
  clock = { now: NOW },
  ...options
}: ConsentOptions & { clock?: { now: number } } = {}) {
  let n = 0;
  const storage = options.storage ?? memoryStorage();
  const store = createConsent(config, {
    storage,
    now: () => clock.now,
    randomId: () => `id-${String(++n).padStart(6, '0')}`,
    gpc: false,
    ...options,
  });
  return { store, storage, clock };
}

export const OPTIONAL = ['analytics', 'marketing'] as const;
