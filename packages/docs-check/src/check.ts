// Type-checks a README's samples with the TypeScript compiler API, against the built packages.
//
// Each checkable block becomes one module of a virtual project per README, `.readmes/<slug>/` inside
// this package (it exists only in the compiler host), so `@consentry/*`, react and vue resolve as in a
// site's project: through this package's node_modules and the packages' `exports` to their dist/*.d.ts.
// A block is `src/<the file its first line names>` (`// consent.ts`, `<!-- App.vue -->`) or
// `src/b<index>.ts(x)`, so a later block's `import … from './consent'` finds the sample it means.
// Every block is a module (`export {}` is appended): top-level names never leak between blocks.
//
// Names a sample uses without declaring or importing them come only from the README's `given` list
// (readmes.ts), injected as lines above the sample and named in the test's title. Diagnostics are
// reported at README lines; one in an injected line is reported as "(given)".
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { type Block, classify, type Snippet } from './extract';

export type Env = 'browser' | 'node';

/** A name samples of a README use without declaring it. */
export type Given =
  /** Declared at the top level of an earlier block of the same README (the nearest one): imported from it. */
  | { earlier: true }
  /** Source injected above the sample (an import or a `declare`); `node`: it needs Node's types. */
  | { code: string; node?: boolean };

export interface ReadmeSetup {
  /** Relative to the repository root. */
  file: string;
  /** Every entry is a reviewed decision: a comment beside it says why the README may leave it free. */
  given?: Record<string, Given>;
  /**
   * Files of the virtual project that samples import by a relative path ('./config'), keyed by their
   * path in it ('src/config.ts'). `{{name}}` in the text is the block that declares `name`.
   */
  modules?: Record<string, string>;
  /** Declaration files of the project (a framework's globals or modules), per environment or both. */
  ambient?: { text: string; env?: Env }[];
  /**
   * Headings whose samples leave the config out on purpose (`defineConfig({ /* … *\/ })`), with why: a
   * diagnostic on that comment-only object is expected there (at least one), and an error anywhere else.
   */
  elided?: Record<string, string>;
}

export interface Diagnostic {
  /** README line, or null for an injected (given) line. */
  line: number | null;
  text: string;
  /** Reported on a comment-only object literal, `{ /* … *\/ }`. */
  elided: boolean;
}

export interface CheckedBlock {
  block: Block;
  snippet: Snippet;
  env: Env;
  /** The given names injected, described for the test's title (`config ← block 2`). */
  given: string[];
  /** README lines the sample marks with `// type error`: each must have a diagnostic. */
  expectedErrorLines: number[];
  elided: string | null;
  /** Filled by check(). */
  diagnostics: Diagnostic[];
}

export type Entry = { block: Block; skip: string } | { block: Block; checked: CheckedBlock };

const PACKAGE_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
const posixPath = (p: string) => p.split('\\').join('/');

// A Node or Next.js server module: such a sample is checked with Node's types.
const SERVER_IMPORT = /\bfrom\s+['"](?:node:|next['"/])/;
const TYPE_ERROR_MARK = /\/\/\s*type error\b/;
const ELISION = /^\{\s*\/\*[\s\S]*\*\/\s*\}$/;

interface Names {
  /** Declared anywhere in the block, at any depth, imports and parameters included. */
  local: Set<string>;
  /** Declared at the top level by const/let/var/function/class (what a later block may take). */
  declared: Set<string>;
  exported: Set<string>;
  /** Identifiers in a place where they name a value or type (not a property, key or attribute). */
  used: Set<string>;
}

function bindingNames(name: ts.BindingName, into: Set<string>) {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(el.name, into);
}

// An identifier that names a member, key or attribute, not something in scope.
function memberName(node: ts.Identifier): boolean {
  const p = node.parent;
  if (ts.isPropertyAccessExpression(p)) return p.name === node;
  if (ts.isQualifiedName(p)) return p.right === node;
  if (ts.isBindingElement(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p))
    return p.propertyName === node;
  return (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertySignature(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isMethodSignature(p) ||
      ts.isJsxAttribute(p)) &&
    p.name === node
  );
}

// A node that declares the identifier as its name: a binding in scope somewhere in the block.
function declares(p: ts.Node, node: ts.Identifier): boolean {
  return (
    (ts.isVariableDeclaration(p) ||
      ts.isParameter(p) ||
      ts.isBindingElement(p) ||
      ts.isFunctionDeclaration(p) ||
      ts.isFunctionExpression(p) ||
      ts.isClassDeclaration(p) ||
      ts.isClassExpression(p) ||
      ts.isInterfaceDeclaration(p) ||
      ts.isTypeAliasDeclaration(p) ||
      ts.isEnumDeclaration(p) ||
      ts.isTypeParameterDeclaration(p) ||
      ts.isImportClause(p) ||
      ts.isNamespaceImport(p) ||
      ts.isImportSpecifier(p) ||
      ts.isImportEqualsDeclaration(p)) &&
    p.name === node
  );
}

function names(code: string, ext: 'ts' | 'tsx'): Names {
  const kind = ext === 'ts' ? ts.ScriptKind.TS : ts.ScriptKind.TSX;
  const sf = ts.createSourceFile(`x.${ext}`, code, ts.ScriptTarget.ES2022, true, kind);
  const n: Names = { local: new Set(), declared: new Set(), exported: new Set(), used: new Set() };
  const modifier = (s: ts.Statement, kind: ts.SyntaxKind) =>
    ts.canHaveModifiers(s) && !!ts.getModifiers(s)?.some((m) => m.kind === kind);
  for (const s of sf.statements) {
    const here = new Set<string>();
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bindingNames(d.name, here);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) here.add(s.name.text);
    else if (ts.isExportDeclaration(s) && s.exportClause && ts.isNamedExports(s.exportClause))
      for (const el of s.exportClause.elements) n.exported.add(el.name.text);
    for (const name of here) {
      n.declared.add(name);
      if (modifier(s, ts.SyntaxKind.ExportKeyword) && !modifier(s, ts.SyntaxKind.DefaultKeyword))
        n.exported.add(name);
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      const p = node.parent;
      if (ts.isShorthandPropertyAssignment(p))
        n.used.add(node.text); // `{ store }` reads store
      else if (memberName(node)) {
        // `x.name`, `{ name: … }`, `name={…}`: not a name in scope
      } else if (declares(p, node)) n.local.add(node.text);
      else n.used.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return n;
}

/** The virtual path of a block, relative to the README's project root. */
function blockPath(b: Block, s: Snippet): string {
  if (!s.name) return `src/b${b.index}.${s.ext}`;
  if (s.name.endsWith('.vue')) return `src/${s.name}.setup.ts`; // not `App.vue.ts`: './App.vue' would find it
  return `src/${s.name.replace(/\.([cm]?)js(x?)$/, '.$1ts$2')}`;
}
const specifier = (path: string) => `~/${path.replace(/\.[cm]?tsx?$/, '')}`;

export class ReadmeCheck {
  readonly entries: Entry[];
  readonly root: string;
  /** Diagnostics of the project's own files (modules, ambient declarations) and of the options. */
  harness: string[] = [];
  private readonly files = new Map<string, string>();
  private readonly paths = new Map<CheckedBlock, string>();
  private readonly preambleLines = new Map<CheckedBlock, number>();

  constructor(
    readonly setup: ReadmeSetup,
    blocks: Block[],
  ) {
    const slug =
      setup.file === 'README.md' ? 'root' : setup.file.replace(/\/README\.md$/, '').replaceAll('/', '-');
    this.root = posixPath(`${PACKAGE_DIR}/.readmes/${slug}`);
    this.entries = blocks.map((block) => {
      const c = classify(block);
      if (c.kind === 'skip') return { block, skip: c.reason };
      return {
        block,
        checked: {
          block,
          snippet: c.snippet,
          env: 'browser',
          given: [],
          expectedErrorLines: c.snippet.code
            .split('\n')
            .flatMap((l, i) => (TYPE_ERROR_MARK.test(l) ? [c.snippet.firstLine + i] : [])),
          elided: setup.elided?.[block.heading] ?? null,
          diagnostics: [],
        },
      };
    });
    this.build();
  }

  private get checked(): CheckedBlock[] {
    return this.entries.flatMap((e) => ('checked' in e ? [e.checked] : []));
  }

  private build() {
    const blocks = this.checked;
    const all = blocks.map((c) => names(c.snippet.code, c.snippet.ext));
    const exports = blocks.map(() => new Set<string>());
    for (const c of blocks) {
      const path = blockPath(c.block, c.snippet);
      if ([...this.paths.values()].includes(path))
        throw new Error(`${c.block.file}: two samples are ${path}`);
      this.paths.set(c, path);
    }
    // The nearest block before the k-th declaring `name` (for a module: the first), marked to export it.
    const earlier = (name: string, k: number, what: string): CheckedBlock => {
      const order = k < 0 ? blocks.map((_, j) => j) : blocks.map((_, j) => k - 1 - j).filter((j) => j >= 0);
      for (const j of order)
        if (all[j]!.declared.has(name)) {
          if (!all[j]!.exported.has(name)) exports[j]!.add(name);
          return blocks[j]!;
        }
      throw new Error(
        `${this.setup.file}: ${what} takes \`${name}\` from an earlier sample, and none declares it`,
      );
    };
    const from = (c: CheckedBlock) => specifier(this.paths.get(c)!);

    for (const [path, text] of Object.entries(this.setup.modules ?? {}))
      this.files.set(
        `${this.root}/${path}`,
        text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => from(earlier(name, -1, path))),
      );

    blocks.forEach((c, k) => {
      const preamble: string[] = [];
      let node = SERVER_IMPORT.test(c.snippet.code);
      for (const [name, given] of Object.entries(this.setup.given ?? {})) {
        if (!all[k]!.used.has(name) || all[k]!.local.has(name)) continue;
        if ('earlier' in given) {
          const source = earlier(name, k, `block ${c.block.index}`);
          preamble.push(`import { ${name} } from '${from(source)}';`);
          c.given.push(`${name} ← block ${source.block.index}`);
        } else {
          preamble.push(given.code);
          c.given.push(name);
          node ||= given.node === true;
        }
      }
      c.env = node ? 'node' : 'browser';
      const head = preamble.length ? `${preamble.join('\n')}\n` : '';
      this.preambleLines.set(c, head.split('\n').length - 1);
      this.files.set(`${this.root}/${this.paths.get(c)}`, `${head}${c.snippet.code}\nexport {};\n`);
    });
    blocks.forEach((c, k) => {
      if (exports[k]!.size) {
        const file = `${this.root}/${this.paths.get(c)}`;
        this.files.set(file, `${this.files.get(file)}export { ${[...exports[k]!].join(', ')} };\n`);
      }
    });
    (this.setup.ambient ?? []).forEach((a, i) => {
      this.files.set(`${this.root}/ambient-${i}.${a.env ?? 'any'}.d.ts`, a.text);
    });
  }

  /** The text of a block as compiled (given lines, sample, appended exports): for failure messages. */
  source(c: CheckedBlock): string {
    return this.files.get(`${this.root}/${this.paths.get(c)}`)!;
  }

  /** Compiles the README's project, one program per environment, and fills in the diagnostics. */
  check() {
    for (const env of ['browser', 'node'] as const) {
      const blocks = this.checked.filter((c) => c.env === env);
      if (!blocks.length) continue;
      const ambient = [...this.files.keys()].filter(
        (f) => f.endsWith(`.${env}.d.ts`) || f.endsWith('.any.d.ts'),
      );
      const modules = [...this.files.keys()].filter(
        (f) => !f.endsWith('.d.ts') && !this.checked.some((c) => `${this.root}/${this.paths.get(c)}` === f),
      );
      const program = this.program(env, [
        ...blocks.map((c) => `${this.root}/${this.paths.get(c)}`),
        ...ambient,
        ...modules,
      ]);
      for (const c of blocks) c.diagnostics = this.diagnostics(program, c);
      this.harness.push(
        ...[...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map(
          (d) => `${env}: ${format(d)}`,
        ),
        ...[...ambient, ...modules].flatMap((f) =>
          ts.getPreEmitDiagnostics(program, program.getSourceFile(f)).map((d) => `${env}: ${format(d)}`),
        ),
      );
    }
  }

  private program(env: Env, rootNames: string[]): ts.Program {
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      // As Vite's templates set it: a type must be imported as one.
      verbatimModuleSyntax: true,
      jsx: ts.JsxEmit.ReactJSX,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      // Server samples get Node's types (the root's @types/node); browser ones none.
      types: env === 'node' ? ['node'] : [],
      skipLibCheck: true,
      // A given name an injected line imports from the README's project: `~/src/b2`.
      paths: { '~/*': [`${this.root}/*`] },
    };
    const host = ts.createCompilerHost(options, true);
    const real = host.getSourceFile.bind(host);
    host.getCurrentDirectory = () => PACKAGE_DIR;
    host.fileExists = (f) => this.files.has(posixPath(f)) || ts.sys.fileExists(f);
    host.readFile = (f) => this.files.get(posixPath(f)) ?? ts.sys.readFile(f);
    host.directoryExists = (d) =>
      posixPath(d).startsWith(`${this.root}/`) || posixPath(d) === this.root || ts.sys.directoryExists(d);
    host.getSourceFile = (f, version, onError, create) => {
      const text = this.files.get(posixPath(f));
      if (text !== undefined) return ts.createSourceFile(f, text, version, true);
      const key = `${f}|${typeof version === 'object' ? `${version.languageVersion}|${version.impliedNodeFormat}` : version}`;
      let sf = libraries.get(key);
      if (!sf) {
        sf = real(f, version, onError, create);
        if (sf) libraries.set(key, sf);
      }
      return sf;
    };
    return ts.createProgram({ rootNames, options, host });
  }

  private diagnostics(program: ts.Program, c: CheckedBlock): Diagnostic[] {
    const sf = program.getSourceFile(`${this.root}/${this.paths.get(c)}`)!;
    const head = this.preambleLines.get(c)!;
    return [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)].map((d) => {
      const at = sf.getLineAndCharacterOfPosition(d.start ?? 0).line;
      const span = d.start === undefined ? '' : sf.text.slice(d.start, d.start + (d.length ?? 0));
      return {
        line: at < head ? null : c.snippet.firstLine + at - head,
        text: `TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n  ')}`,
        elided: ELISION.test(span),
      };
    });
  }
}

// Parsed (and bound) declaration files, shared by every program: dom, react and vue once per run.
const libraries = new Map<string, ts.SourceFile>();

function format(d: ts.Diagnostic): string {
  const text = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (!d.file) return `TS${d.code} ${text}`;
  const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
  return `${posixPath(relative(PACKAGE_DIR, d.file.fileName))}:${line + 1} TS${d.code} ${text}`;
}

/** `file:line message` for a block's diagnostic. */
export function where(c: CheckedBlock, d: Diagnostic): string {
  return `${c.block.file}:${d.line ?? `${c.block.line} (given)`} ${d.text}`;
}
