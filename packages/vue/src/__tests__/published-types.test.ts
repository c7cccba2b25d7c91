// @vitest-environment node
/// <reference types="node" />
// The built declarations (dist/, as a project installs them) against the whole peer range, vue ^3.3.0.
// Only Vue 3.5 is installed here, so the test checks what made 3.3 and 3.4 fail: a DefineComponent
// written with more than its props. tsup copied the type it inferred for defineComponent(…), which names
// Vue 3.5's 20 DefineComponent parameters and vue.PublicProps; Vue 3.3 and 3.4 accept at most 13 and 3.3
// has no PublicProps, so a project on them got TS2707 (without skipLibCheck) or a gate typed `any` (with
// it). Checked by hand with vue 3.3.13 and 3.4.38 in a project installing the packed tarball.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const path = new URL('../../dist/index.d.ts', import.meta.url);
const source = ts.createSourceFile('index.d.ts', readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);

function typeReferences(name: string): ts.TypeReferenceNode[] {
  const found: ts.TypeReferenceNode[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTypeReferenceNode(node) && node.typeName.getText(source).replace(/^vue\./, '') === name)
      found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the published declarations', () => {
  it('give DefineComponent only its props, the parameter Vue 3.3 to 3.5 share', () => {
    const refs = typeReferences('DefineComponent');
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.map((r) => r.typeArguments?.length ?? 0).filter((n) => n > 1)).toEqual([]);
  });

  it('name no PublicProps (not in Vue 3.3)', () => {
    expect(typeReferences('PublicProps')).toEqual([]);
  });
});
