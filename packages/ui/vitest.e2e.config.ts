import { e2eTest } from '@consentry/test-utils/e2e-config';
import { defineConfig } from 'vitest/config';

// Browser tests: headless Debian chromium driven by playwright-core through @consentry/test-utils.
export default defineConfig({ test: e2eTest('ui-e2e') });
