import { type ConsentRecord, createConsent, decodeRecord, isRecordValid, readConsent } from '@consentry/core';
import { cookieHeaderStorage, readGpcHeader } from '@consentry/core/server';
import { ConsentProvider } from '@consentry/react';
import { createConsentPlugin } from '@consentry/vue';
import { createElement } from 'react';
import { renderToString as renderReact } from 'react-dom/server';
import { createSSRApp } from 'vue';
import { renderToString as renderVue } from 'vue/server-renderer';
import { config, configAtRevision } from '../consent.config';
import { carriedQuery, readParams } from '../demo/params';
import { policyHtml, policyTitle } from '../policy/render';
import { ReactPage } from './ReactPage';
import VuePage from './VuePage.vue';

export interface SsrRequest {
  cookie: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  search: string;
}

/**
 * Renders /ssr/react or /ssr/vue for one request. A store per request (never shared between
 * visitors) reads the consent cookie from the Cookie header and GPC from Sec-GPC, with the same
 * revision and jurisdiction the page's client store will use, so server and client start equal.
 */
export async function render(
  kind: 'react' | 'vue',
  request: SsrRequest,
): Promise<{ html: string; title: string }> {
  // The same Cookie header the page's script will read as document.cookie: the same language.
  const params = readParams(request.search, request.cookie);
  const pageConfig = params.revision ? configAtRevision(params.revision) : config;
  const gpc = readGpcHeader(request.headers);
  const jurisdiction = params.jurisdiction ?? undefined;
  const store = createConsent(pageConfig, {
    storage: cookieHeaderStorage(request.cookie, pageConfig.cookie.name),
    gpc,
    jurisdiction,
  });
  // readConsent is the one-call form for servers that only need the answer (here: the title).
  // A returning visitor is one the banner does not ask again (a partial decision, an embed's "allow"
  // alone, has a record and still a banner).
  const read = readConsent(request.cookie, pageConfig, { gpc, jurisdiction });
  const returning = read.record !== null && !read.state.banner;
  const host = String(request.headers.host ?? '');
  const port = host.match(/:(\d+)$/)?.[1] ?? '80';
  const props = { lang: params.lang, embedSrc: `http://localhost:${port}/stand-ins/embed.html?v=S` };
  const title = `Server-rendered ${kind === 'react' ? 'React' : 'Vue'}${returning ? ' (welcome back)' : ''} — Consentry demo`;
  try {
    if (kind === 'react') {
      return {
        title,
        html: renderReact(createElement(ConsentProvider, { store }, createElement(ReactPage, props))),
      };
    }
    const app = createSSRApp(VuePage, props).use(createConsentPlugin(store));
    return { title, html: await renderVue(app) };
  } finally {
    store.destroy();
  }
}

/**
 * Reads a decision the page sent with sendRecords (the encoded record, as in the cookie) with the
 * same checks as the cookie, under the page's revision and jurisdiction (its query): null for anything
 * edited, malformed, of another revision, expired, or made under opt-out for an opt-in page.
 */
export function readProof(body: string, search: string, now = Date.now()): ConsentRecord | null {
  const params = readParams(search);
  const pageConfig = params.revision ? configAtRevision(params.revision) : config;
  const record = decodeRecord(body, pageConfig);
  return isRecordValid(pageConfig, record, now, params.jurisdiction ?? undefined) ? record : null;
}

/**
 * The cookie policy page's <main> for one request, as the page's script would render it: in the
 * language of ?lang or the visitor's django_language cookie, under the page's revision and jurisdiction,
 * naming the site by the request's host. The policy then reads without JavaScript.
 */
export function renderPolicy(request: SsrRequest): { html: string; title: string; lang: 'en' | 'fr' } {
  const params = readParams(request.search, request.cookie);
  const pageConfig = params.revision ? configAtRevision(params.revision) : config;
  return {
    html: policyHtml(pageConfig, params.lang, String(request.headers.host ?? ''), carriedQuery(params)),
    title: policyTitle(params.lang),
    lang: params.lang,
  };
}
