import { cookieStorage, createConsent, defineConfig, memoryStorage } from '@consentry/core';

export const config = defineConfig({
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
    { id: 'analytics', texts: { en: { title: 'Analytics' } } },
    { id: 'marketing', texts: { en: { title: 'Marketing' } } },
  ],
  services: [
    {
      id: 'youtube',
      provider: 'Google',
      category: 'marketing',
      texts: { en: { title: 'YouTube' } },
      cookies: [{ pattern: '^VISITOR_' }],
    },
  ],
});

export const newStore = () => createConsent(config, { storage: memoryStorage() });

/** The stored value of a visitor who accepted everything. */
export function acceptedValue(): string {
  const storage = memoryStorage();
  createConsent(config, { storage }).acceptAll();
  return storage.read()[0]!;
}

/** A request's Cookie header carrying this consent value among other cookies. */
export const cookieHeader = (value: string) => `theme=dark; ${config.cookie.name}=${value}`;

/** The browser's consent cookie, written and cleared the way the store does it. */
// Built on use: the server-rendering tests import this file in a Node environment, with no document.
export const browserCookie = () => cookieStorage(config.cookie);
