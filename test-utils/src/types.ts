import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * A project that uses built packages as a site's would: the fixtures copied into a temporary folder
 * whose node_modules links each package by name (so their dist/ is found through package.json), then
 * compiled by TypeScript with the options given, without skipLibCheck. A fixture's @ts-expect-error
 * lines are wrong usages: no diagnostics means every right usage compiles and every wrong one fails.
 */
export function typesProject(fixtures: URL, packages: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), 'consentry-types-'));
  for (const [name, dir] of Object.entries(packages)) {
    const at = join(root, 'node_modules', name);
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(dir, at, 'dir');
  }
  cpSync(fileURLToPath(fixtures), root, { recursive: true });
  return {
    /** Each diagnostic of compiling `file`, as `file: first line of the message`. */
    compile(file: string, options: ts.CompilerOptions): string[] {
      const program = ts.createProgram([join(root, file)], {
        strict: true,
        noEmit: true,
        target: ts.ScriptTarget.ES2022,
        types: [],
        ...options,
      });
      return ts.getPreEmitDiagnostics(program).map((d) => {
        const text = ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0];
        return d.file ? `${d.file.fileName.split('/').pop()}: ${text}` : text!;
      });
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
