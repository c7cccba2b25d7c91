import { e2eTest } from '@consentry/test-utils/e2e-config';
import { defineConfig } from 'vitest/config';

// Browser tests against the built demo: one Chromium per file, a fresh context per test.
export default defineConfig({ test: e2eTest('demo-e2e', { globalSetup: ['e2e/global-setup.ts'] }) });
