import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A file from /test-vectors (copied from the project's shared vectors; sources in its README). */
export function vectors<T = any>(file: string): T {
  return JSON.parse(
    readFileSync(fileURLToPath(new URL(`../../../../../test-vectors/${file}`, import.meta.url)), 'utf8'),
  ) as T;
}
