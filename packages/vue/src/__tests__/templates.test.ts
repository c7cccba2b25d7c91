// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// Vue sites write the gate in templates, which tsc does not see: vue-tsc checks templates/*.vue, whose
// @vue-expect-error lines (wrong props, a wrong slot prop) must each fail to compile.
it('types <ConsentGate> in templates: one id, category or service, from the config', () => {
  const bin = createRequire(import.meta.url).resolve('vue-tsc/bin/vue-tsc.js');
  const cwd = fileURLToPath(new URL('../..', import.meta.url));
  let output = '';
  try {
    execFileSync(process.execPath, [bin, '-p', 'tsconfig.templates.json'], { cwd, encoding: 'utf8' });
  } catch (e) {
    output = `${(e as { stdout?: string }).stdout ?? ''}${(e as Error).message}`;
  }
  expect(output).toBe('');
}, 60_000);
