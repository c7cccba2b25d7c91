// The public surface of @consentry/core, one module per concern: browser/ (integrations, each
// tree-shakable and started by createConsent(config, { integrations })), machine/, model/, server/
// (also at '@consentry/core/server'), storage/ and store/.
export {
  type AutoClearOptions,
  autoClear,
  cookieDomains,
  cookiePaths,
  planCookieDeletions,
  registrableDomain,
} from './browser/auto-clear';
export {
  type ConsentModeOptions,
  type ConsentModeRegionDefault,
  type ConsentModeValue,
  type ConsentModeValues,
  consentMode,
  consentModeValues,
} from './browser/consent-mode';
export { type GatingOptions, gating, REVOKE_EVENT, type RevokeDetail } from './browser/gating';
export { readGpc } from './browser/gpc';
export { type MultiTabOptions, multiTab } from './browser/multi-tab';
export { type LoadScriptOptions, loadScript, onGrant } from './browser/programmatic';
export { type SendRecordsOptions, sendRecords } from './browser/send-records';
export {
  type ConsentMachine,
  createMachine,
  isRecordExpired,
  isRecordValid,
  replay,
} from './machine/machine';
export type * from './machine/types';
export {
  ConsentConfigError,
  DEFAULT_LIFETIME_DAYS,
  defineConfig,
  isSafeUrl,
  MAX_LIFETIME_DAYS,
} from './model/config';
export { type ConfigModuleOptions, configModule } from './model/module';
export { type CookieTable, type CookieTableRow, type CookieTableSection, cookieTable } from './model/policy';
export type * from './model/types';
export { parseCookieHeader, readConsent, readGpcHeader, type ServerConsent } from './server/index';
export {
  decodeRecord,
  encodeRecord,
  leastPermissive,
  MAX_RECORD_LENGTH,
  RECORD_VERSION,
} from './storage/codec';
export { type CookieSource, cookieHeaderStorage, cookieStorage } from './storage/cookie';
export type { ConsentStorage } from './storage/types';
export { localStorageStorage, memoryStorage } from './storage/web-storage';
export {
  type ConsentActions,
  type ConsentIntegration,
  type ConsentOptions,
  type ConsentStore,
  consentActions,
  createConsent,
  type IntegrationContext,
  type IntegrationHandle,
} from './store/store';
