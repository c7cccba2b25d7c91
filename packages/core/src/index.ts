// Model
export { defineConfig, ConsentConfigError, isSafeUrl, MAX_LIFETIME_DAYS, DEFAULT_LIFETIME_DAYS } from './model/config';
export type * from './model/types';
export { cookieTable, type CookieTable, type CookieTableSection, type CookieTableRow } from './model/policy';
// Machine
export { createMachine, replay, isRecordValid, type ConsentMachine } from './machine/machine';
export type * from './machine/types';
// Store
export {
  createConsent,
  type ConsentStore,
  type ConsentOptions,
  type ConsentIntegration,
  type IntegrationContext,
  type IntegrationHandle,
} from './store/store';
// Storage
export type { ConsentStorage } from './storage/types';
export { encodeRecord, decodeRecord, leastPermissive, RECORD_VERSION, MAX_RECORD_LENGTH } from './storage/codec';
export { cookieStorage, cookieHeaderStorage } from './storage/cookie';
export { localStorageStorage, memoryStorage } from './storage/web-storage';
// Server helpers (also at '@consentry/core/server')
export { readConsent, parseCookieHeader, readGpcHeader, type ServerConsent } from './server/index';
// Browser integrations (each tree-shakable; started by createConsent(config, { integrations }))
export { gating, REVOKE_EVENT, type GatingOptions, type RevokeDetail } from './browser/gating';
export {
  autoClear,
  registrableDomain,
  cookieDomains,
  cookiePaths,
  planCookieDeletions,
  type AutoClearOptions,
} from './browser/auto-clear';
export {
  consentMode,
  consentModeValues,
  type ConsentModeOptions,
  type ConsentModeRegionDefault,
  type ConsentModeValue,
  type ConsentModeValues,
} from './browser/consent-mode';
export { multiTab, type MultiTabOptions } from './browser/multi-tab';
export { readGpc } from './browser/gpc';
export { onGrant, loadScript, type LoadScriptOptions } from './browser/programmatic';
