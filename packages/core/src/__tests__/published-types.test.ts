// The built package's types as projects compile them: the fixtures in ./published-types, copied into a
// project whose node_modules links this package, import `@consentry/core` by name (dist/, through
// package.json), without skipLibCheck. A fixture's @ts-expect-error lines are wrong usages; no diagnostics means every
// right usage compiles and every wrong one still fails.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'consentry-types-'));
mkdirSync(join(project, 'node_modules/@consentry'), { recursive: true });
symlinkSync(pkg, join(project, 'node_modules/@consentry/core'), 'dir');
cpSync(fileURLToPath(new URL('./published-types', import.meta.url)), project, { recursive: true });
afterAll(() => rmSync(project, { recursive: true, force: true }));

const compile = (file: string, options: ts.CompilerOptions) => {
  const program = ts.createProgram([join(project, file)], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    types: [],
    ...options,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0];
    return d.file ? `${d.file.fileName.split('/').pop()}: ${text}` : text;
  });
};
const nodeNext = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };

describe('the published types', () => {
  it('compile in a server-only project: no DOM lib, no skipLibCheck', () => {
    expect(compile('server-only.ts', { ...nodeNext, lib: ['lib.es2022.d.ts'] })).toEqual([]);
  });

  it('name the DOM’s own types where the DOM lib is present', () => {
    expect(compile('browser.ts', { ...nodeNext, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] })).toEqual([]);
  });

  it('resolve @consentry/core/server under moduleResolution node10', () => {
    expect(
      compile('node10.ts', {
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      }),
    ).toEqual([]);
  });
});
