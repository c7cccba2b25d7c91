// @vitest-environment node
/// <reference types="node" />
// The built package's types as projects compile them: the fixtures in ./published-types, copied into a
// project whose node_modules links this package and core, import `@consentry/ui` by name (dist/, through
// package.json), without skipLibCheck. As core's published-types test does for core.
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('../..', import.meta.url));
const project = mkdtempSync(join(tmpdir(), 'consentry-ui-types-'));
mkdirSync(join(project, 'node_modules/@consentry'), { recursive: true });
symlinkSync(pkg, join(project, 'node_modules/@consentry/ui'), 'dir');
symlinkSync(join(pkg, '../core'), join(project, 'node_modules/@consentry/core'), 'dir');
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

describe('the published types', () => {
  it('compile in a server-only project that writes the policy tables: no DOM lib, no skipLibCheck', () => {
    expect(
      compile('server-only.ts', {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        lib: ['lib.es2022.d.ts'],
      }),
    ).toEqual([]);
  });

  it('resolve the subpaths (locales, css) under moduleResolution node10', () => {
    expect(
      compile('node10.ts', {
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      }),
    ).toEqual([]);
  });
});
