// Every code sample of the READMEs compiles against the built packages (run after the build). One test
// per fenced block, named by README, heading and block number. Blocks that are not code (shell, HTML
// markup, an import map: classify() in extract.ts decides by language, and refuses one it has no rule for)
// are counted in the first test's name. What a sample may leave undeclared is in readmes.ts.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ReadmeCheck, where } from './check';
import { extractBlocks } from './extract';
import { READMES, REPO_ROOT } from './readmes';

for (const setup of READMES) {
  const markdown = readFileSync(new URL(setup.file, REPO_ROOT), 'utf8');
  const readme = new ReadmeCheck(setup, extractBlocks(setup.file, markdown));

  describe(setup.file, () => {
    beforeAll(() => readme.check());

    const notCode = new Map<string, number>();
    for (const entry of readme.entries)
      if ('skip' in entry) notCode.set(entry.skip, (notCode.get(entry.skip) ?? 0) + 1);
    const notCodeNote = [...notCode].map(([reason, n]) => `${n} × ${reason}`).join(', ');
    it(`the project around the samples compiles (given names, stand-in modules, options)${notCodeNote ? `; not code: ${notCodeNote}` : ''}`, () => {
      expect(readme.harness).toEqual([]);
    });

    for (const entry of readme.entries) {
      const { block } = entry;
      const id = `${block.heading || '(top)'} › block ${block.index} (${block.lang}, line ${block.line})`;
      if ('skip' in entry) continue;
      const c = entry.checked;
      const notes = [
        c.env === 'node' && 'with Node types',
        c.given.length && `given ${c.given.join(', ')}`,
        c.expectedErrorLines.length &&
          `${c.expectedErrorLines.length} line(s) marked "// type error" must fail`,
        c.elided && `expects the elided config to fail: ${c.elided}`,
      ].filter(Boolean);
      it(`${id}${notes.length ? ` (${notes.join('; ')})` : ''}`, () => {
        const marked = new Set(c.expectedErrorLines);
        const unexpected = c.diagnostics.filter(
          (d) => !(d.line !== null && marked.has(d.line)) && !(c.elided && d.elided),
        );
        const missing = c.expectedErrorLines.filter((line) => !c.diagnostics.some((d) => d.line === line));
        const elisionMissing = c.elided !== null && !c.diagnostics.some((d) => d.elided);
        expect(
          { unexpected: unexpected.map((d) => where(c, d)), missing, elisionMissing },
          `as compiled:\n${readme.source(c)}`,
        ).toEqual({ unexpected: [], missing: [], elisionMissing: false });
      });
    }
  });
}
