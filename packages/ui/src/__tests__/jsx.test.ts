// @vitest-environment node
/// <reference types="node" />
// The typings of `@consentry/ui/jsx` and `@consentry/ui/vue` as a project gets them: the fixtures in
// ./jsx import the built package by its name (dist/, through package.json's exports) and are compiled
// with TypeScript against React 19's types, React 18's and Vue's. A fixture's @ts-expect-error lines are
// the wrong usages; a compile with no diagnostics means every right usage passes and every wrong one
// still fails. Without the one import, the element is unknown: that control shows the typings do the work.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const fixture = (name: string) => fileURLToPath(new URL(`./jsx/${name}`, import.meta.url));
// The React 18 types, installed beside React 19's as the alias @types/react-18.
const react18 = dirname(require.resolve('@types/react-18/package.json'));

const compile = (files: string[], paths?: Record<string, string[]>) => {
  const program = ts.createProgram(files.map(fixture), {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.ReactJSX,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
    ...(paths && { paths }),
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0];
    if (!d.file) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start!);
    return `${d.file.fileName.split('/').pop()}:${line + 1} ${text}`;
  });
};
const onReact18 = { react: [react18], 'react/*': [`${react18}/*`] };

describe('@consentry/ui/jsx: <consentry-banner> in React TSX', () => {
  it('React 19 types: right usages compile, wrong ones fail (one import)', () => {
    expect(compile(['react.tsx', 'react-import.ts'])).toEqual([]);
  });

  it('React 18 types: the same', () => {
    expect(require(`${react18}/package.json`).version).toMatch(/^18\./);
    expect(compile(['react.tsx', 'react-import.ts'], onReact18)).toEqual([]);
  });

  it('without the import the element is unknown to TypeScript', () => {
    expect(compile(['react.tsx'])).toContainEqual(
      expect.stringMatching(
        /^react\.tsx:\d+ Property 'consentry-banner' does not exist on type 'JSX\.IntrinsicElements'/,
      ),
    );
    expect(compile(['react.tsx'], onReact18)).toContainEqual(
      expect.stringMatching(/Property 'consentry-banner' does not exist on type 'JSX\.IntrinsicElements'/),
    );
  });
});

describe('@consentry/ui/vue: <consentry-banner> props in Vue templates', () => {
  it('right props pass, wrong ones fail (one import)', () => {
    expect(compile(['vue.ts', 'vue-import.ts'])).toEqual([]);
  });

  it('without the import Vue knows no such component', () => {
    expect(compile(['vue.ts'])).toContainEqual(
      expect.stringMatching(
        /^vue\.ts:\d+ Property 'consentry-banner' does not exist on type 'GlobalComponents'/,
      ),
    );
  });
});
