// The script-tag build (dist/consentry.global.js): the whole core and the UI as `window.Consentry`, for
// a plain page with no bundler:
//
//   <link rel="stylesheet" href="…/@consentry/ui/dist/style.css">
//   <script src="…/@consentry/ui/dist/consentry.global.js"></script>
//   <script>
//     const store = Consentry.createConsent(Consentry.defineConfig({ … }), {
//       integrations: [
//         Consentry.consentMode(), Consentry.gating(), Consentry.autoClear(), Consentry.multiTab(),
//       ],
//     });
//     Consentry.mountConsentUI(store);
//   </script>
//
// Languages stay separate files: the UI imports `./locales/<lang>.js` next to this script when it
// needs one, so a page downloads only the language it shows. Left out: the server helpers (a page has
// no Cookie header to parse), the stylesheet as text (the <link> above; `@consentry/ui/css` has it),
// `cookiePolicyHtml` (the policy tables as an HTML string, for servers; a page has `renderCookiePolicy`)
// and `loadCookiePolicy`, to stay within the budget: a page writes
// `renderCookiePolicy(config, { language, locale: await loadPolicyLocale(language) })` instead.
import {
  autoClear,
  ConsentConfigError,
  consentActions,
  consentMode,
  cookieStorage,
  cookieTable,
  createConsent,
  createMachine,
  decodeRecord,
  defineConfig,
  encodeRecord,
  gating,
  isRecordValid,
  isSafeUrl,
  loadScript,
  localStorageStorage,
  memoryStorage,
  multiTab,
  onGrant,
  REVOKE_EVENT,
  readGpc,
  replay,
  sendRecords,
} from '@consentry/core';
import { scriptUrl } from './global-script-url';
import {
  defineConsentElements,
  loadLocale,
  loadPolicyLocale,
  type mountPlaceholders as MountPlaceholders,
  mountConsentUI,
  pickLanguage,
  renderCookiePolicy,
} from './index';

// The embeds' placeholders load beside this script the first time a page asks for them
// (consentry.placeholders.js, built by tsup.config.ts), as the languages do: the pages that show none,
// most of them, do not download their code (2.2 kB), and this build stays within its budget. Their
// `ready` waits for that file too; a mistyped option rejects it with the TypeError. Beside the script by
// its own URL, for the reasons global-script-url.ts gives; relative when there is none (the build
// inlined in a page).
const mountPlaceholders: typeof MountPlaceholders = (store, options) => {
  // Not a template literal: esbuild would bundle every file that `./${name}` could name.
  const file = './consentry.placeholders.js';
  const ui = import(scriptUrl ? new URL(file, scriptUrl).href : file).then(
    (m: { mountPlaceholders: typeof MountPlaceholders }) => m.mountPlaceholders(store, options),
  );
  return {
    ready: ui.then((p) => p.ready),
    destroy: () => void ui.then((p) => p.destroy()),
  };
};

// One object assigned, not the bundle's exports: esbuild's helper copies exports with for…in, which also
// walks what a page's old library added to Object.prototype (MooTools' `$family`), and threw there, so
// `window.Consentry` never existed.
const Consentry = {
  autoClear,
  consentActions,
  ConsentConfigError,
  consentMode,
  cookieStorage,
  cookieTable,
  createConsent,
  createMachine,
  decodeRecord,
  defineConfig,
  defineConsentElements,
  encodeRecord,
  gating,
  isRecordValid,
  isSafeUrl,
  loadLocale,
  loadPolicyLocale,
  loadScript,
  localStorageStorage,
  memoryStorage,
  mountConsentUI,
  mountPlaceholders,
  multiTab,
  onGrant,
  pickLanguage,
  readGpc,
  renderCookiePolicy,
  replay,
  REVOKE_EVENT,
  sendRecords,
};
(globalThis as { Consentry?: typeof Consentry }).Consentry = Consentry;
