// The checker itself, on small READMEs written here: it reports a wrong name at its README line, a
// missing given name, a `// type error` line that compiles, and extracts the right lines of Vue and
// HTML blocks. Without these, a harness that checks nothing would pass readmes.test.ts too.
import { describe, expect, it } from 'vitest';
import { type CheckedBlock, ReadmeCheck, type ReadmeSetup, where } from './check';
import { classify, extractBlocks } from './extract';

const fence = '```';

function run(markdown: string, setup: Omit<ReadmeSetup, 'file'> = {}) {
  const file = 'fixture/README.md';
  const readme = new ReadmeCheck({ file, ...setup }, extractBlocks(file, markdown));
  readme.check();
  const checked = readme.entries.flatMap((e) => ('checked' in e ? [e.checked] : []));
  return { readme, checked, errors: (c: CheckedBlock) => c.diagnostics.map((d) => where(c, d)) };
}

describe('ReadmeCheck', () => {
  it('reports a misspelt export at its README line, and the right name compiles', () => {
    const sample = (name: string) => `# Use it

Text.

${fence}ts
import { ${name}, defineConfig } from '@consentry/core';

const config = defineConfig({ revision: 1, languages: ['en'], categories: [{ id: 'necessary', required: true, texts: { en: { title: 'N' } } }] });
${name}(config);
${fence}
`;
    const wrong = run(sample('createConsentt'));
    expect(wrong.errors(wrong.checked[0]!)).toEqual([
      expect.stringMatching(
        /^fixture\/README\.md:6 TS2724 '"@consentry\/core"' has no exported member named 'createConsentt'/,
      ),
    ]);
    const right = run(sample('createConsent'));
    expect(right.errors(right.checked[0]!)).toEqual([]);
    expect(right.readme.harness).toEqual([]);
  });

  it('a name the README does not give is an error; a given one comes from the nearest earlier sample', () => {
    const markdown = `${fence}ts
import { defineConfig } from '@consentry/core';
const config = defineConfig({ revision: 1, languages: ['en'], categories: [{ id: 'necessary', required: true, texts: { en: { title: 'N' } } }] });
${fence}

${fence}ts
import { createConsent } from '@consentry/core';
createConsent(config).has('necessary');
createConsent(config).has('analytics'); // type error: not in the config
store.acceptAll();
${fence}
`;
    const free = run(markdown);
    expect(free.errors(free.checked[1]!)).toEqual([
      "fixture/README.md:8 TS2304 Cannot find name 'config'.",
      "fixture/README.md:9 TS2304 Cannot find name 'config'.",
      expect.stringMatching(/^fixture\/README\.md:10 TS2552 Cannot find name 'store'\./),
    ]);
    const given = run(markdown, {
      given: {
        config: { earlier: true },
        store: { code: "declare const store: import('@consentry/core').ConsentStore;" },
      },
    });
    const c = given.checked[1]!;
    expect(c.given).toEqual(['config ← block 1', 'store']);
    expect(c.expectedErrorLines).toEqual([9]);
    // The literal ids of the earlier sample's config reach this one: 'analytics' is refused.
    expect(given.errors(c)).toEqual([
      expect.stringMatching(/^fixture\/README\.md:9 TS2345 Argument of type '"analytics"' is not assignable/),
    ]);
  });

  it('an error in a given line is reported as such, not hidden', () => {
    const { checked, errors } = run(`${fence}ts\nstore.acceptAll();\n${fence}\n`, {
      given: { store: { code: "declare const store: import('@consentry/core').ConsentStoree;" } },
    });
    expect(errors(checked[0]!)).toEqual([
      expect.stringMatching(
        /^fixture\/README\.md:1 \(given\) TS2694 .* has no exported member 'ConsentStoree'/,
      ),
    ]);
  });

  it('marks only a comment-only object literal as an elided config', () => {
    const { checked } = run(`${fence}ts
import { defineConfig } from '@consentry/core';
defineConfig({ /* … */ });
defineConfig({ revision: 1 });
${fence}
`);
    expect(checked[0]!.diagnostics.map((d) => [d.line, d.elided])).toEqual([
      [3, true],
      [4, false],
    ]);
  });
});

describe('extract and classify', () => {
  const markdown = `# Title

## Vue part

${fence}vue
<!-- App.vue -->
<script setup lang="ts">
const a = 1;
</script>

<template><p>{{ a }}</p></template>
${fence}

${fence}html
<p>Hi</p>
<script type="module">
  import x from 'y';
</script>
${fence}

${fence}sh
npm test
${fence}
`;
  const blocks = extractBlocks('x.md', markdown);

  it('finds each block with its heading, index and fence line', () => {
    expect(blocks.map((b) => [b.index, b.line, b.lang, b.heading])).toEqual([
      [1, 5, 'vue', 'Vue part'],
      [2, 14, 'html', 'Vue part'],
      [3, 21, 'sh', 'Vue part'],
    ]);
  });

  it('takes the script of a Vue or HTML block with the README line of its first line', () => {
    expect(classify(blocks[0]!)).toEqual({
      kind: 'code',
      snippet: { code: 'const a = 1;', firstLine: 8, ext: 'ts', name: 'App.vue' },
    });
    expect(classify(blocks[1]!)).toEqual({
      kind: 'code',
      snippet: { code: "  import x from 'y';", firstLine: 17, ext: 'ts', name: null },
    });
    expect(classify(blocks[2]!)).toEqual({ kind: 'skip', reason: 'shell commands' });
  });

  it('refuses a language it has no rule for, and an unclosed fence', () => {
    expect(() => classify(extractBlocks('x.md', `${fence}json\n{}\n${fence}\n`)[0]!)).toThrow(
      /x\.md:1: no rule for ```json blocks/,
    );
    expect(() => extractBlocks('x.md', `${fence}ts\nconst a = 1;\n`)).toThrow(
      /x\.md:1: the code block is never closed/,
    );
  });
});
