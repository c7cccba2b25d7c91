import { type ConfigInput, createConsent, defineConfig, memoryStorage } from '@consentry/core';

/**
 * A config shaped like the seed's cookie policy: necessary, exempt statistics, optional marketing with
 * two services (one with cookies, one with storage keys only).
 */
export function testConfig(overrides: Partial<ConfigInput<string, string, string>> = {}) {
  return defineConfig({
    revision: 1,
    languages: ['en', 'fr', 'ar'],
    policyUrl: '/cookies',
    categories: [
      {
        id: 'necessary',
        required: true,
        texts: {
          en: { title: 'Necessary', description: 'Session and security.' },
          fr: { title: 'Nécessaires' },
          ar: { title: 'ضرورية' },
        },
      },
      {
        id: 'statistics',
        exempt: {
          reason: { en: 'Anonymised audience measurement.', fr: 'Mesure anonyme.', ar: 'قياس مجهول.' },
        },
        texts: { en: { title: 'Statistics' }, fr: { title: 'Statistiques' }, ar: { title: 'إحصاءات' } },
      },
      {
        id: 'marketing',
        texts: {
          en: { title: 'Marketing', description: 'Ads and embeds.' },
          fr: { title: 'Marketing' },
          ar: { title: 'تسويق' },
        },
      },
    ],
    services: [
      {
        id: 'ga',
        provider: 'Google',
        category: 'marketing',
        party: 'third',
        policyUrl: 'https://policies.google.com/privacy',
        texts: {
          en: { title: 'Google Analytics' },
          fr: { title: 'Google Analytics' },
          ar: { title: 'Google Analytics' },
        },
        cookies: [
          {
            pattern: '^_ga',
            lifetime: 395,
            purpose: { en: 'Tells visits apart.', fr: 'Distingue les visites.', ar: 'يميز الزيارات.' },
          },
          { name: '_gid', lifetime: 'session' },
        ],
      },
      {
        id: 'ads',
        provider: 'AdCo',
        category: 'marketing',
        party: 'third',
        texts: {
          en: { title: 'Ad network' },
          fr: { title: 'Régie publicitaire' },
          ar: { title: 'شبكة إعلانية' },
        },
        storage: [
          {
            key: 'adco_id',
            purpose: {
              en: 'Caps how often an ad is shown.',
              fr: 'Limite la répétition.',
              ar: 'يحد التكرار.',
            },
          },
          { pattern: '^adco_s_', type: 'session' },
        ],
      },
      {
        id: 'matomo',
        provider: 'Us',
        category: 'statistics',
        texts: { en: { title: 'Matomo' }, fr: { title: 'Matomo' }, ar: { title: 'Matomo' } },
        cookies: [{ pattern: '^_pk_id', lifetime: 395 }],
      },
      {
        id: 'session',
        provider: 'Us',
        category: 'necessary',
        texts: { en: { title: 'Session' }, fr: { title: 'Session' }, ar: { title: 'الجلسة' } },
        cookies: [{ name: 'sid', lifetime: 'session' }],
      },
    ],
    ...overrides,
  });
}

export function testStore(config = testConfig()) {
  return createConsent(config, { storage: memoryStorage(), gpc: false });
}

/**
 * Runs `run` on a page whose old scripts extend Object.prototype with enumerable properties, as
 * Crockford's json.js (a function) and MooTools (`$family`, a string) do; restores it after.
 */
export function withOldLibraries(run: () => void): void {
  const proto = Object.prototype as Record<string, unknown>;
  proto.toJSONString = () => '{}';
  proto.$family = 'object';
  try {
    run();
  } finally {
    delete proto.toJSONString;
    delete proto.$family;
  }
}
