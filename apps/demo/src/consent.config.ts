/**
 * The demo's one consent configuration, validated. The banner, the preferences dialog, the gated
 * scripts and embeds, Consent Mode, the SSR routes and the cookie-policy page all come from it.
 */
import { defineConfig } from '@consentry/core';
import { configInput } from './consent.input';

export { configInput };
export const config = defineConfig(configInput);
export type DemoConfig = typeof config;

/** The same config under another policy revision: what a site deploys when its policy changes. */
export function configAtRevision(revision: string | number): DemoConfig {
  return String(revision) === config.revision ? config : defineConfig({ ...configInput, revision });
}
