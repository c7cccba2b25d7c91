import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type ConsentConfig, configModule, createConsent, defineConfig, memoryStorage } from '../index';
import { config, input } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'consentry-module-'));
let n = 0;
/** Writes the source to a file and imports it, as a page's bundler would. */
async function load(source: string): Promise<ConsentConfig> {
  const file = join(dir, `config-${n++}.mjs`);
  writeFileSync(file, source);
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)).default;
}

// A RegExp too, without its legacy compile(), which rewrites a RegExp in place even when it is frozen.
function deepFrozen(v: unknown): boolean {
  if (!v || typeof v !== 'object') return true;
  if (v instanceof RegExp) return Object.isFrozen(v) && (v as { compile?: unknown }).compile === undefined;
  return Object.isFrozen(v) && Object.values(v).every(deepFrozen);
}

describe('configModule: the validated config as a module, for a build step', () => {
  it('exports a config equal to the one defineConfig returned, RegExps included', async () => {
    const loaded = await load(configModule(config));
    expect(loaded).toEqual(config);
    const hotjar = loaded.services.find((s) => s.id === 'hotjar')!;
    expect(hotjar.cookies[0]!.pattern).toBeInstanceOf(RegExp);
    expect(hotjar.cookies[0]!.pattern!.test('_hjSession')).toBe(true);
    expect(loaded.services.find((s) => s.id === 'ga')!.cookies[1]!.pattern!.test('_ga_X1')).toBe(true);
  });

  it('freezes it all the way down, as defineConfig does', async () => {
    expect(deepFrozen(config)).toBe(true);
    const loaded = await load(configModule(config));
    expect(deepFrozen(loaded)).toBe(true);
    expect(() => {
      (loaded.categories as unknown as unknown[]).push({});
    }).toThrow(TypeError);
  });

  it('is accepted by createConsent and behaves like the original', async () => {
    const loaded = await load(configModule(config));
    const a = createConsent(loaded, {
      storage: memoryStorage(),
      now: () => 1e12,
      randomId: () => 'id-00000001',
    });
    const b = createConsent(config, {
      storage: memoryStorage(),
      now: () => 1e12,
      randomId: () => 'id-00000001',
    });
    a.save({ analytics: true, hotjar: false });
    b.save({ analytics: true, hotjar: false });
    expect(a.getSnapshot().granted).toEqual(b.getSnapshot().granted);
    expect(a.getSnapshot().record).toEqual(b.getSnapshot().record);
  });

  it('keeps the texts of config.ui as own keys and never sets a prototype', async () => {
    const c = defineConfig({ ...input, ui: JSON.parse('{"en":{"title":"T","acceptAll":"OK"}}') });
    const loaded = await load(configModule(c));
    expect(Object.keys(loaded.ui.en!)).toEqual(['title', 'acceptAll']);
    expect(Object.getPrototypeOf(loaded.ui.en)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).acceptAll).toBeUndefined();
  });

  it('escapes strings: a text with quotes, a line separator or "</script>" stays the same text', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the text holds a literal "${x}" on purpose.
    const title = 'A "quoted" \u2028 </script> `tick` ${x} \\';
    const c = defineConfig({
      ...input,
      categories: input.categories.map((cat) =>
        cat.id === 'analytics' ? { ...cat, texts: { en: { title }, fr: { title } } } : cat,
      ),
    });
    const loaded = await load(configModule(c));
    expect(loaded.categories.find((cat) => cat.id === 'analytics')!.texts.en!.title).toBe(title);
  });

  it('refuses a config that did not come from defineConfig', () => {
    expect(() => configModule(input as unknown as ConsentConfig)).toThrow(/defineConfig/);
    expect(() => configModule(null as unknown as ConsentConfig)).toThrow(TypeError);
  });

  it('refuses a plain object carrying `validated: true`: its module would be trusted unchecked', () => {
    // An earlier version's module, or a copy edited by hand: here past the 13-month cap.
    const forged = { ...config, validated: true, lifetimes: { accepted: 3650, refused: 3650 } };
    expect(() => configModule(forged as unknown as ConsentConfig)).toThrow(
      'configModule: pass a config returned by defineConfig()',
    );
    expect(() => configModule({ ...input, validated: true } as unknown as ConsentConfig)).toThrow(TypeError);
  });

  it('emits TypeScript typed with the literal ids when asked', () => {
    const ts = configModule(config, { typescript: true });
    expect(ts).toContain("import type { ConsentConfig } from '@consentry/core';");
    expect(ts).toContain(
      'const config: ConsentConfig<"necessary" | "statistics" | "analytics" | "marketing", "session" | "matomo" | "ga" | "hotjar" | "youtube", "en" | "fr"> =',
    );
    expect(configModule(defineConfig({ ...input, services: [] }), { typescript: true })).toContain(
      ', never, ',
    );
  });
});

// The command runs from the built package (what `npx consentry-config` runs).
const cli = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/cli/consentry-config.js');
// The fixture as a config file would hold it; JSON has no RegExp, so a pattern is its source string.
const json = JSON.stringify(input, (_, v) => (v instanceof RegExp ? v.source : v));

describe('consentry-config: the build-time command', () => {
  it('validates a raw config module and writes the frozen module', async () => {
    const src = join(dir, 'site.config.mjs');
    writeFileSync(src, `export default ${json};`);
    const out = join(dir, 'site.compiled.mjs');
    const stdout = execFileSync(process.execPath, [cli, src, out], { encoding: 'utf8' });
    expect(stdout).toMatch(/4 categories, 5 services, revision 3/);
    const loaded = await load(readFileSync(out, 'utf8'));
    expect(loaded.validated).toBe(true);
    // Not enumerable, as defineConfig sets it: a spread copy is no validated config.
    expect(Object.keys(loaded)).not.toContain('validated');
    expect(loaded.categories.map((c) => c.id)).toEqual(['necessary', 'statistics', 'analytics', 'marketing']);
  });

  it('writes TypeScript when the output ends in .ts', () => {
    const src = join(dir, 'named.config.mjs');
    writeFileSync(src, `export const config = ${json};`);
    const out = join(dir, 'named.compiled.ts');
    execFileSync(process.execPath, [cli, src, out]);
    expect(readFileSync(out, 'utf8')).toContain('const config: ConsentConfig<');
  });

  it('fails with the field named for a bad config, and with usage for bad arguments', () => {
    const src = join(dir, 'bad.config.mjs');
    writeFileSync(
      src,
      `export default ${JSON.stringify({ ...input, services: [{ ...input.services[0], category: 'nope' }] })};`,
    );
    const bad = spawnSync(process.execPath, [cli, src, join(dir, 'bad.out.mjs')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/services\[0\]\.category/);

    const usage = spawnSync(process.execPath, [cli], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^usage: consentry-config/);
    // Asked for, the usage is no failure.
    for (const flag of ['--help', '-h']) {
      const help = spawnSync(process.execPath, [cli, flag], { encoding: 'utf8' });
      expect([help.status, help.stdout.startsWith('usage: consentry-config'), help.stderr]).toEqual([
        0,
        true,
        '',
      ]);
    }

    const empty = join(dir, 'empty.mjs');
    writeFileSync(empty, 'export const other = 1;');
    const none = spawnSync(process.execPath, [cli, empty, join(dir, 'x.mjs')], { encoding: 'utf8' });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no default export and no export named "config"/);
  });

  it('checks a plain object carrying `validated: true` like any other: the 13-month cap and the URLs', () => {
    // As an earlier version's module wrote it (an enumerable key), edited by hand.
    const forged = { ...JSON.parse(json), validated: true };
    const run = (name: string, value: object) => {
      const src = join(dir, `${name}.config.mjs`);
      writeFileSync(src, `export default ${JSON.stringify(value)};`);
      return spawnSync(process.execPath, [cli, src, join(dir, `${name}.out.mjs`)], { encoding: 'utf8' });
    };
    const long = run('forged-lifetime', { ...forged, lifetimes: { accepted: 3650, refused: 3650 } });
    expect([long.status, long.stderr]).toEqual([
      1,
      expect.stringMatching(/lifetimes\.accepted: 3650 days is past 13 months/),
    ]);
    const link = run('forged-url', { ...forged, policyUrl: { en: 'javascript:alert(1)', fr: '/fr' } });
    expect([link.status, link.stderr]).toEqual([1, expect.stringMatching(/policyUrl\.en: expected an http/)]);
    // Untouched, it is valid and goes through.
    expect(run('forged-ok', forged).status).toBe(0);
  });

  it('takes a module it wrote as input again (defineConfig on its own output), writing the same', () => {
    const first = join(dir, 'again.config.mjs');
    writeFileSync(first, configModule(config));
    const out = join(dir, 'again.out.mjs');
    execFileSync(process.execPath, [cli, first, out]);
    expect(readFileSync(out, 'utf8')).toBe(configModule(config));
  });
});
