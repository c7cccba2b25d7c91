// A server-only project: no DOM lib, no skipLibCheck. It imports the main entry and the server entry.
import { createConsent, defineConfig, type RevokeDetail } from '@consentry/core';
import { readConsent } from '@consentry/core/server';

const config = defineConfig({
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
    { id: 'analytics', texts: { en: { title: 'Analytics' } } },
  ],
  services: [],
});

export const banner: boolean = readConsent('consentry=x', config).state.banner;
export const store = createConsent(config);
// @ts-expect-error a typo in a category id is still a type error
store.has('analytic');
// Without a DOM the elements a withdrawal reports are `never`: nothing on a server receives them.
export const ran: readonly never[] = [] as unknown as RevokeDetail['ran'];
