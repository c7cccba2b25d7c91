import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { COMPILED_CONFIG, FIXTURES, OUT_DIR, packageDir } from './paths';
import type { Headless, PageKind, Subject } from './subjects';

export const PAGES_DIR = join(OUT_DIR, 'pages');

const FRAMEWORK_EXTERNALS: Record<PageKind, string[]> = {
  vanilla: [],
  react: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  vue: ['vue', '@vue/*'],
};

/** The same esbuild options for every library: minified ESM for the browser, production mode. */
function options(entry: string, extra: esbuild.BuildOptions = {}): esbuild.BuildOptions {
  return {
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
    ...extra,
    alias: { 'consentry-bench-compiled-config': COMPILED_CONFIG, ...extra.alias },
  };
}

/** Chunks of a split build: what a page loads at start and what it may load later. */
export interface Built {
  /** The entry chunk and every chunk it imports statically, plus dynamic chunks matched by `lazyLoaded`. */
  loaded: Uint8Array;
  /** Files (relative) that make up `loaded`. */
  loadedFiles: string[];
  /** The entry's static closure (what an application bundler would announce with modulepreload). */
  staticFiles: string[];
  /** Dynamic-import chunks that a page does not load at start (e.g. other languages). */
  lazyFiles: { file: string; bytes: number }[];
  /** Every output file, for writing a page. */
  files: { path: string; contents: Uint8Array }[];
}

/**
 * Bundles with code splitting, as an application bundler would: dynamic imports become chunks. The
 * "loaded" bytes are the entry's static closure plus the dynamic chunks whose inputs match `lazyLoaded`
 * (for Consentry, the English locale the page fetches at start).
 */
async function buildSplit(opts: esbuild.BuildOptions, lazyLoaded: RegExp[] = []): Promise<Built> {
  const result = await esbuild.build({
    ...opts,
    splitting: true,
    outdir: join(OUT_DIR, 'tmp'),
    metafile: true,
    entryNames: 'bundle',
    chunkNames: 'chunk-[hash]',
  });
  const outputs = result.metafile!.outputs;
  const byPath = new Map((result.outputFiles ?? []).map((f) => [f.path, f]));
  const rel = (p: string) => p.replace(/^.*\/tmp\//, '');
  const abs = (p: string) => join(process.cwd(), p);
  // Dynamic imports are entry points too: the entry is the output built from the given entry file.
  const wanted = resolve(String((opts.entryPoints as string[])[0]));
  const entry = Object.keys(outputs).find((o) => {
    const ep = outputs[o]!.entryPoint;
    return ep !== undefined && resolve(ep) === wanted && o.endsWith('.js');
  });
  if (!entry) throw new Error(`esbuild produced no entry for ${String(opts.entryPoints)}`);
  const closure = (followDynamic: boolean) => {
    const seen = new Set<string>();
    const visit = (o: string) => {
      if (seen.has(o)) return;
      seen.add(o);
      for (const imp of outputs[o]!.imports) {
        if (imp.external) continue;
        if (imp.kind === 'import-statement') visit(imp.path);
        else if (followDynamic && imp.kind === 'dynamic-import') {
          const inputs = Object.keys(outputs[imp.path]?.inputs ?? {});
          if (lazyLoaded.some((re) => inputs.some((i) => re.test(i)))) visit(imp.path);
        }
      }
    };
    visit(entry);
    return seen;
  };
  const seen = closure(true);
  const staticFiles = [...closure(false)].map(rel);
  const contents = (o: string) =>
    (byPath.get(abs(o)) ?? [...byPath.values()].find((f) => f.path.endsWith(rel(o))))!.contents;
  const loadedFiles = [...seen];
  const lazyFiles = Object.keys(outputs)
    .filter((o) => o.endsWith('.js') && !seen.has(o))
    .map((o) => ({ file: rel(o), bytes: outputs[o]!.bytes }));
  return {
    loaded: Buffer.concat(loadedFiles.map((o) => Buffer.from(contents(o)))),
    loadedFiles: loadedFiles.map(rel),
    staticFiles,
    lazyFiles,
    files: (result.outputFiles ?? []).map((f) => ({ path: rel(f.path), contents: f.contents })),
  };
}

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function sizes(bytes: Uint8Array | string): Sizes {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes) : Buffer.from(bytes);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/** JS of a setup as shipped: the usage bundled (frameworks external), or a script-tag library's files. */
export async function setupJs(
  s: Pick<Subject, 'usage' | 'scriptTag' | 'page' | 'lazyLoaded'>,
): Promise<Built> {
  if (s.scriptTag) {
    const dir = packageDir(s.scriptTag.pkg);
    const names = [...s.scriptTag.files, ...s.scriptTag.loaded];
    const parts = names.map((f) => readFileSync(join(dir, f), 'utf8'));
    const init = await esbuild.transform(readFileSync(s.scriptTag.init, 'utf8'), {
      minify: true,
      legalComments: 'none',
    });
    return {
      loaded: Buffer.from([...parts, init.code].join('\n')),
      loadedFiles: [...names, 'init (minified)'],
      staticFiles: [],
      lazyFiles: [],
      files: [],
    };
  }
  if (!s.usage) throw new Error('a subject needs a usage file or a script tag');
  return buildSplit(
    options(join(FIXTURES, 'usage', s.usage), { external: FRAMEWORK_EXTERNALS[s.page] }),
    s.lazyLoaded,
  );
}

/** The stylesheets minified with esbuild and concatenated. */
export async function setupCss(files: string[]): Promise<string> {
  const out: string[] = [];
  for (const file of files) {
    const r = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      minify: true,
      write: false,
      logLevel: 'silent',
      loader: { '.css': 'css', '.woff': 'empty', '.woff2': 'empty', '.svg': 'dataurl' },
    });
    out.push(r.outputFiles?.[0]?.text ?? '');
  }
  return out.join('\n');
}

function html(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
${body}
</body>
</html>
`;
}

const CONTENT =
  '<main><h1>A page with a consent banner</h1><p>Some content, the same for every library.</p></main>';

function tarteaucitronVendor(dir: string) {
  cpSync(packageDir('tarteaucitronjs'), join(dir, 'vendor', 'tarteaucitron'), { recursive: true });
}

/** Writes pages/<id>/index.html (+ bundle.js, style.css) for the browser rounds; returns its path. */
export async function buildPage(s: Subject): Promise<string> {
  const dir = join(PAGES_DIR, s.id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const css = await setupCss(s.css());
  let head = css ? '<link rel="stylesheet" href="style.css">' : '';
  if (css) writeFileSync(join(dir, 'style.css'), css);
  if (s.scriptTag) {
    tarteaucitronVendor(dir);
    cpSync(s.scriptTag.init, join(dir, 'init.js'));
    // The README's order: the library's script tag, then the init script, at the end of the body.
    const scripts = s.scriptTag.files
      .map((f) => `<script src="vendor/tarteaucitron/${f}"></script>`)
      .join('\n');
    writeFileSync(
      join(dir, 'index.html'),
      html(s.name, '', `${CONTENT}\n${scripts}\n<script src="init.js"></script>`),
    );
    return `${s.id}/`;
  }
  const usage = join(FIXTURES, 'usage', s.usage!);
  const entry =
    s.page === 'vanilla' ? usage : join(FIXTURES, s.page === 'react' ? 'react-app.jsx' : 'vue-app.js');
  const built = await buildSplit(options(entry, { alias: { 'bench-usage': usage } }), s.lazyLoaded);
  for (const f of built.files) writeFileSync(join(dir, f.path), f.contents);
  // As application bundlers do (Vite, for one): announce the entry's static chunks so they load in
  // parallel instead of one after the other.
  for (const f of built.staticFiles.filter((f) => f !== 'bundle.js'))
    head += `\n<link rel="modulepreload" href="${f}">`;
  const body = s.page === 'vanilla' ? CONTENT : '<div id="root"></div>';
  writeFileSync(
    join(dir, 'index.html'),
    html(s.name, head, `${body}\n<script type="module" src="bundle.js"></script>`),
  );
  return `${s.id}/`;
}

/** A page running a headless part plus its hooks (window.__api) for the checks and decisions loops. */
export async function buildThroughputPage(h: Headless): Promise<string> {
  const dir = join(PAGES_DIR, `tp-${h.id}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (!h.hooks) throw new Error(`${h.id} has no hooks`);
  const hooks = join(FIXTURES, 'hooks', h.hooks);
  if (h.scriptTag) {
    tarteaucitronVendor(dir);
    cpSync(h.scriptTag.init, join(dir, 'init.js'));
    cpSync(hooks, join(dir, 'hooks.js'));
    const scripts = h.scriptTag.files
      .map((f) => `<script src="vendor/tarteaucitron/${f}"></script>`)
      .join('\n');
    writeFileSync(
      join(dir, 'index.html'),
      html(
        h.name,
        '',
        `${CONTENT}\n${scripts}\n<script src="init.js"></script>\n<script src="hooks.js"></script>`,
      ),
    );
  } else {
    const built = await buildSplit(options(hooks));
    for (const f of built.files) writeFileSync(join(dir, f.path), f.contents);
    writeFileSync(
      join(dir, 'index.html'),
      html(h.name, '', `${CONTENT}\n<script type="module" src="bundle.js"></script>`),
    );
  }
  return `tp-${h.id}/`;
}
