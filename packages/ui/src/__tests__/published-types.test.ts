// @vitest-environment node
/// <reference types="node" />
// The built package's types as projects compile them (test-utils' typesProject): the fixtures in
// ./published-types import `@consentry/ui` and core by name, as core's published-types test does.
import { fileURLToPath } from 'node:url';
import { typesProject } from '@consentry/test-utils';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const project = typesProject(new URL('./published-types', import.meta.url), {
  '@consentry/ui': fileURLToPath(new URL('../..', import.meta.url)),
  '@consentry/core': fileURLToPath(new URL('../../../core', import.meta.url)),
});
afterAll(project.remove);
const { compile } = project;

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
