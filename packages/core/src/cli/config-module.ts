#!/usr/bin/env node
// consentry-config <config module> <output file>: validates a config at build time and writes it as a
// plain module (see configModule), so pages import data instead of running defineConfig.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defineConfig } from '../model/config';
import { configModule } from '../model/module';
import type { ConfigInput } from '../model/types';

const USAGE = `usage: consentry-config <config module> <output .js or .ts>

Imports the config module (its default export, or an export named "config"), validates it with
defineConfig, and writes a module exporting the frozen config.
A TypeScript config module needs a runtime that loads .ts files (Node 22.18+, or tsx).`;

async function main(args: string[]): Promise<number> {
  const [input, output] = args;
  // Asked for: the usage on stdout, and success.
  if (args.length === 1 && /^(-h|--help)$/.test(input!)) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!input || !output || args.length > 2 || input.startsWith('-')) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const mod = (await import(pathToFileURL(resolve(input)).href)) as Record<string, unknown>;
  const found = mod.default ?? mod.config;
  if (!found || typeof found !== 'object') {
    process.stderr.write(`consentry-config: ${input} has no default export and no export named "config"\n`);
    return 1;
  }
  // Always validated here, a defineConfig result too (it comes out the same): the module written is
  // trusted by the page, so a hand-written `validated: true` must not skip the checks.
  const config = defineConfig(found as ConfigInput<string, string, string>);
  writeFileSync(output, configModule(config, { typescript: /\.[cm]?tsx?$/.test(output) }));
  process.stdout.write(
    `consentry-config: ${output} (${config.categories.length} categories, ${config.services.length} services, revision ${config.revision})\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A ConsentConfigError names the field; anything else (a module that fails to load) is shown as is.
    process.stderr.write(`consentry-config: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
