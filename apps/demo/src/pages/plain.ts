import { mountPlaceholders } from '@consentry/ui';
import { bootPage } from '../demo/boot';
import { showDecision } from '../demo/grants';

// Only @consentry/core and @consentry/ui (through bootPage); the scripts and the iframe are gated in the
// HTML, and the iframe's placeholder is the UI's.
const { store, config, params } = bootPage();
showDecision(store, config, params.lang);
mountPlaceholders(store, { language: params.lang });
