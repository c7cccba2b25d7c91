import {
  autoClear,
  type CategoryId,
  type ConsentStore,
  consentMode,
  createConsent,
  defineConfig,
  gating,
  multiTab,
  type ServiceId,
  sendRecords,
} from '@consentry/core';
import { mountConsentUI } from '@consentry/ui';
import '@consentry/ui/style.css';
import type { DemoConfig } from '../consent.config';
import { mountPanels } from './panels';
import { carriedQuery, type DemoParams, pageConfigInput, readParams } from './params';
import { listenToEmbeds } from './ran';
import './styles.css';

export type DemoStore = ConsentStore<CategoryId<DemoConfig>, ServiceId<DemoConfig>>;

export interface DemoPage {
  store: DemoStore;
  params: DemoParams;
  config: DemoConfig;
}

/**
 * The one consent store of a demo page, created in plain code and shared by whatever the page
 * mounts (UI, React island, Vue island). Integrations, in the order core asks for: Consent Mode
 * first (its `default` must be the first dataLayer entry, and a decision's `update` must precede the
 * tags it lets run), then gating, auto-clear and multi-tab sync; each decision also goes to the demo
 * server as proof of consent (with the demo's own query, so it reads it under the same revision; never the
 * landing page's whole query, which can carry ad click ids or an e-mail address).
 */
export function createDemoStore(params: DemoParams = readParams(location.search, document.cookie)): DemoPage {
  const pageConfig: DemoConfig = defineConfig(pageConfigInput(params));
  const store = createConsent(pageConfig, {
    jurisdiction: params.jurisdiction ?? undefined,
    integrations: [
      consentMode(),
      gating(),
      autoClear(),
      multiTab(),
      sendRecords({ url: `/api/consent${carriedQuery(params)}` }),
    ],
  }) as DemoStore;
  return { store, params, config: pageConfig };
}

/**
 * What every page does around its store: embeds' reports, the panels, the UI (whose `data-consent-open`
 * buttons reopen the preferences) and the links.
 */
export function bootPage(): DemoPage {
  const params = readParams(location.search, document.cookie);
  // Before the store starts: an embed that loads at once must find the listener there.
  listenToEmbeds();
  const page = createDemoStore(params);
  const panels = document.getElementById('panels');
  if (panels) mountPanels(page.store, panels);
  // The banner and dialog of @consentry/ui in the page's language; its stylesheet is bundled into the
  // page's CSS file above, so the page's CSP needs no inline style.
  mountConsentUI(page.store, {
    language: params.lang,
    target: document.getElementById('consent-ui') ?? undefined,
  });
  carryQuery(params);
  (window as unknown as { demoStore: DemoStore }).demoStore = page.store;
  return page;
}

/** Links keep the demo's revision and jurisdiction, so a bumped revision stays bumped page to page. */
function carryQuery(params: DemoParams) {
  const query = carriedQuery(params);
  if (!query) return;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-carry]')) {
    const url = new URL(a.href, location.href);
    for (const [k, v] of new URLSearchParams(query)) url.searchParams.set(k, v);
    a.href = url.pathname + url.search + url.hash;
  }
}
