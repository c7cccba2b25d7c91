import { cookieStorage, createConsent, defineConfig, memoryStorage } from '@consentry/core';
import { onTestFinished, vi } from 'vitest';

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
export const browserCookie = cookieStorage(config.cookie);

/**
 * For a test in which React meets an error on purpose. In development React 18 replays it through a
 * window "error" event, which jsdom prints unless it is cancelled; both versions then log it with
 * console.error. Returns that console.error spy, silenced.
 */
export function expectReactErrors() {
  const cancel = (event: ErrorEvent) => event.preventDefault();
  window.addEventListener('error', cancel);
  onTestFinished(() => window.removeEventListener('error', cancel));
  return vi.spyOn(console, 'error').mockImplementation(() => {});
}
