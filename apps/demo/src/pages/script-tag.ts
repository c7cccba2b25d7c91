import type * as Core from '@consentry/core';
import type * as UI from '@consentry/ui';
import { showDecision } from '../demo/grants';
import { mountPanels } from '../demo/panels';
import { carriedQuery, pageConfigInput, readParams } from '../demo/params';
import { listenToEmbeds } from '../demo/ran';
import '../demo/styles.css';

// The SDK on this page is the script-tag build (a classic <script> in <head>), not this bundle: only
// types are imported from the packages, and every call goes through window.Consentry. What this
// module adds is the page's own code and the demo's panels.
const C = (window as unknown as { Consentry: typeof Core & typeof UI }).Consentry;
const params = readParams(location.search, document.cookie);
listenToEmbeds();
const config = C.defineConfig(pageConfigInput(params));
const store = C.createConsent(config, {
  jurisdiction: params.jurisdiction ?? undefined,
  integrations: [
    C.consentMode(),
    C.gating(),
    C.autoClear(),
    C.multiTab(),
    C.sendRecords({ url: `/api/consent${carriedQuery(params)}` }),
  ],
});
mountPanels(store, document.getElementById('panels')!);
C.mountConsentUI(store, {
  language: params.lang,
  target: document.getElementById('consent-ui') ?? undefined,
});
(window as unknown as { demoStore: typeof store }).demoStore = store;
// The iframe's placeholder: its code and texts come beside the script on first use.
C.mountPlaceholders(store, { language: params.lang });

showDecision(store, config, params.lang);
