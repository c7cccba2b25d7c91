import type { Jurisdiction } from '@consentry/core';
import { configInput } from '../consent.input';

/**
 * What the demo reads from the page URL. Every value is checked; anything else falls back to the
 * site's own setting, which never grants more than the config does.
 *
 * - `?revision=2` stands for "the site deployed a new policy revision" (the e2e test bumps it so).
 * - `?jurisdiction=us` runs the page as a visitor under the opt-out model (US state laws), where a
 *   GPC signal opts out of sale or sharing; `eu` (the default) is the config's opt-in model.
 * - `?lang=fr` picks the language of the banner and of the policy page. The server remembers it in
 *   the seed's `django_language` cookie, so a page opened without `?lang` (a link of the header or
 *   footer) stays in the visitor's language: pass the Cookie header or `document.cookie` as `cookie`.
 */
export interface DemoParams {
  revision: string | null;
  jurisdiction: Jurisdiction | null;
  lang: 'en' | 'fr';
}

const LANGS = ['en', 'fr'] as const;

export function readParams(search: string | URLSearchParams, cookie = ''): DemoParams {
  const q = typeof search === 'string' ? new URLSearchParams(search) : search;
  const revision = q.get('revision');
  const jurisdiction = q.get('jurisdiction');
  const remembered = /(?:^|;\s*)django_language=([^;]*)/.exec(cookie)?.[1];
  const lang = LANGS.find((l) => l === q.get('lang')) ?? LANGS.find((l) => l === remembered) ?? 'en';
  return {
    revision: revision && /^[0-9]{1,6}$/.test(revision) ? revision : null,
    jurisdiction: jurisdiction === 'us' ? 'opt-out' : jurisdiction === 'eu' ? 'opt-in' : null,
    lang,
  };
}

/** The query that carries the demo's settings from page to page (language excluded: its links say it). */
export function carriedQuery(params: DemoParams): string {
  const q = new URLSearchParams();
  if (params.revision) q.set('revision', params.revision);
  if (params.jurisdiction) q.set('jurisdiction', params.jurisdiction === 'opt-out' ? 'us' : 'eu');
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** `url` (a path with or without a query) with the demo's query added, as the links between pages carry it. */
export function withCarriedQuery(url: string, params: DemoParams): string {
  const target = new URL(url, 'http://demo.invalid');
  for (const [k, v] of new URLSearchParams(carriedQuery(params))) target.searchParams.set(k, v);
  return target.pathname + target.search + target.hash;
}

/**
 * The config input a page runs under (plain data, so the script-tag page can use it too): the page's
 * policy revision, and links to the cookie policy that keep the demo's query. The banner's policy
 * link is a link between pages like the others: without the query, a visitor under revision 2 who
 * read the policy before deciding would decide there under revision 1, which their next page ignores.
 */
export function pageConfigInput(params: DemoParams) {
  const policyUrl = configInput.policyUrl;
  return {
    ...configInput,
    revision: params.revision ?? configInput.revision,
    policyUrl: { en: withCarriedQuery(policyUrl.en, params), fr: withCarriedQuery(policyUrl.fr, params) },
  };
}
