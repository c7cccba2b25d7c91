import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT_DIR = resolve(BENCH_DIR, '..');
export const FIXTURES = join(BENCH_DIR, 'fixtures');
/** Built pages and bundles: outside the repository, so linting and git never see them. */
export const OUT_DIR = join(tmpdir(), 'consentry-bench');
/**
 * The bench config validated at build time by the `consentry-config` command, as a production build
 * would do it; usage files import it as `consentry-bench-compiled-config`.
 */
export const COMPILED_CONFIG = join(OUT_DIR, 'consentry-config.compiled.js');

const require = createRequire(join(BENCH_DIR, 'package.json'));

/** Directory of an installed package (works for packages whose exports hide package.json). */
export function packageDir(name: string): string {
  const fromNodeModules = join(BENCH_DIR, 'node_modules', name);
  if (existsSync(join(fromNodeModules, 'package.json'))) return fromNodeModules;
  return dirname(require.resolve(`${name}/package.json`));
}

export function packageVersion(name: string): string {
  try {
    return JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version as string;
  } catch {
    return 'not installed';
  }
}
