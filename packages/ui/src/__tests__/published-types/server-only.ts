// A server-only project (no DOM lib, no skipLibCheck) that writes the cookie-policy tables as HTML, as
// the README's server sample does.
import { defineConfig } from '@consentry/core';
import { cookiePolicyHtml, loadPolicyLocale } from '@consentry/ui';
import { css } from '@consentry/ui/css';
import fr from '@consentry/ui/locales/fr';

const config = defineConfig({
  revision: 1,
  languages: ['en', 'fr'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' }, fr: { title: 'Nécessaires' } } },
  ],
  services: [],
});

export const page = async (language: string): Promise<string> =>
  `<style>${css}</style>${cookiePolicyHtml(config, { language, locale: await loadPolicyLocale(language) })}`;
export const title: string = fr.title;
