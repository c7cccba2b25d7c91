// @vitest-environment node
/// <reference types="node" />
// The package's CommonJS entry, as Node itself loads it (a CJS server or build script, a test run without
// a transform): its import() of a locale chunk gets { default: module.exports }, not the chunk's exports.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('../..', import.meta.url));

/** Runs CommonJS code in a fresh Node process from the package's directory; returns what it printed. */
const commonjs = (code: string) =>
  JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd: pkg, encoding: 'utf8' }));

describe('the CommonJS build in Node', () => {
  it('loads a locale chunk as its texts, for the banner and for the policy tables', () => {
    const out = commonjs(`
      const { loadLocale, loadPolicyLocale } = require('./dist/index.cjs');
      Promise.all([loadLocale('fr'), loadPolicyLocale('fr')]).then(([ui, policy]) =>
        console.log(JSON.stringify({ acceptAll: ui.acceptAll, hasDefault: 'default' in ui, service: policy.service, policyAcceptAll: policy.acceptAll })));
    `);
    expect(out).toEqual({
      acceptAll: 'Tout accepter',
      hasDefault: false,
      service: expect.any(String),
      policyAcceptAll: 'Tout accepter',
    });
  });

  it('renders the README’s server snippet: cookiePolicyHtml with loadPolicyLocale', () => {
    const out = commonjs(`
      const { defineConfig } = require('@consentry/core');
      const { cookiePolicyHtml, loadPolicyLocale } = require('./dist/index.cjs');
      const config = defineConfig({ revision: 1, languages: ['en', 'fr'], categories: [
        { id: 'necessary', required: true, texts: { en: { title: 'Necessary' }, fr: { title: 'Nécessaires' } } }] });
      loadPolicyLocale('fr').then((locale) => console.log(JSON.stringify(cookiePolicyHtml(config, { language: 'fr', locale }))));
    `);
    expect(out).toContain('lang="fr"');
    expect(out).toContain('Nécessaires');
  });
});
