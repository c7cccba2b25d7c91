// What a plain page ships: the core store, the banner and dialog, and one language passed directly
// (the other languages stay lazy chunks, marked external in the size check).
import { createConsent } from '@consentry/core';
import { mountConsentUI } from '../dist/index.js';
import en from '../dist/locales/en.js';

export const start = (config) => mountConsentUI(createConsent(config), { locale: en });
