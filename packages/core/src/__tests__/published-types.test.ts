// The built package's types as projects compile them (test-utils' typesProject): the fixtures in
// ./published-types import `@consentry/core` by name (dist/, through package.json), without skipLibCheck.
import { fileURLToPath } from 'node:url';
import { typesProject } from '@consentry/test-utils';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const project = typesProject(new URL('./published-types', import.meta.url), {
  '@consentry/core': fileURLToPath(new URL('../..', import.meta.url)),
});
afterAll(project.remove);
const { compile } = project;
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
