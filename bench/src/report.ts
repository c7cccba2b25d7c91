import type { Sizes } from './build';
import type { Summary } from './stats';

export interface SizeRow {
  id: string;
  name: string;
  kind: 'vanilla' | 'react' | 'vue' | 'headless';
  consentry: boolean;
  variant: boolean;
  js: Sizes;
  css: Sizes | null;
  files: string[];
  lazy: { file: string; bytes: number }[];
  note?: string;
}

export interface BrowserRow {
  id: string;
  name: string;
  page: 'vanilla' | 'react' | 'vue';
  consentry: boolean;
  variant: boolean;
  blank: boolean;
  banner: string;
  rounds: number;
  failed: number;
  bannerMs: Summary;
  scriptMs: Summary;
  taskMs: Summary;
  heap: Summary;
  longTasks: Summary;
  longTaskMs: Summary;
  cls: Summary;
  offHost: string[];
  requests: string[];
  note?: string;
}

export interface ThroughputRow {
  id: string;
  name: string;
  consentry: boolean;
  variant: boolean;
  full: boolean;
  checks: Summary | null;
  decisions: Summary | null;
  notifiedPerDecision: number | null;
  consistent: boolean | null;
  offHost: number;
  error?: string;
  note?: string;
}

export interface Results {
  generatedAt: string;
  durationS: number;
  machine: {
    nproc: number;
    cpu: string;
    memoryGiB: number;
    os: string;
    node: string;
    chromium: string;
    loadavgStart: number[];
    loadavgEnd: number[];
    nice: number;
  };
  settings: {
    rounds: number;
    roundsAsked: number;
    stoppedEarly: boolean;
    roundsSeconds: number;
    warmup: number;
    samples: number;
    windowMs: number;
    quick: boolean;
  };
  versions: Record<string, string>;
  missing: { id: string; reason: string }[];
  size: SizeRow[];
  browser: BrowserRow[];
  throughput: ThroughputRow[];
}

// Targets of issue 7 (reported, never asserted).
export const TARGETS = {
  sizeRatio: 0.6,
  bannerOverBlankMs: 15,
  heapOverBlankBytes: 50_000,
  longTasks: 0,
  cls: 0,
  checksPerSecond: 200e6,
};

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const kb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 1000).toFixed(1)} kB` : '—');
const signedKb = (bytes: number) =>
  Number.isFinite(bytes) ? `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / 1000).toFixed(1)} kB` : '—';
const signedMs = (n: number) =>
  Number.isFinite(n) ? `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(1)} ms` : '—';
const rate = (n: number) => {
  if (!Number.isFinite(n)) return '—';
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e8 ? 0 : 1)}M/s`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k/s`;
  return `${n.toFixed(0)}/s`;
};
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '—';
const cls = (n: number) => (Number.isFinite(n) ? (n === 0 ? '0' : n.toFixed(4)) : '—');
const verdict = (pass: boolean | null) => (pass === null ? 'not measured' : pass ? '**pass**' : '**miss**');

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

const total = (r: SizeRow) => r.js.gzip + (r.css?.gzip ?? 0);

/** The smallest (or largest, for rates) among peers, with its name. */
function best<T>(
  rows: T[],
  value: (r: T) => number,
  higherIsBetter = false,
): { row: T; value: number } | null {
  let out: { row: T; value: number } | null = null;
  for (const r of rows) {
    const v = value(r);
    if (!Number.isFinite(v)) continue;
    if (!out || (higherIsBetter ? v > out.value : v < out.value)) out = { row: r, value: v };
  }
  return out;
}

interface HeadlineRow {
  metric: string;
  consentry: string;
  peer: string;
  ratio: string;
  target: string;
  result: string;
}

function headlineRows(r: Results): HeadlineRow[] {
  const rows: HeadlineRow[] = [];
  const na = (metric: string, target: string, why: string): HeadlineRow => ({
    metric,
    consentry: why,
    peer: '—',
    ratio: '—',
    target,
    result: 'not measured',
  });

  // Size: full vanilla setup (JS + CSS, gzip -9) against the smallest full vanilla peer.
  const cSize = r.size.find((s) => s.id === 'consentry');
  const pSize = best(
    r.size.filter((s) => s.kind === 'vanilla' && !s.consentry),
    total,
  );
  if (cSize && pSize) {
    rows.push({
      metric: 'Full vanilla setup, JS + CSS, gzip',
      consentry: kb(total(cSize)),
      peer: `${kb(pSize.value)} (${pSize.row.name})`,
      ratio: ratio(total(cSize), pSize.value),
      target: `≤ ${TARGETS.sizeRatio}× smallest full peer`,
      result: verdict(total(cSize) <= TARGETS.sizeRatio * pSize.value),
    });
  } else rows.push(na('Full vanilla setup, JS + CSS, gzip', `≤ ${TARGETS.sizeRatio}×`, 'not built'));

  const page = (kind: string) => r.browser.filter((b) => b.page === kind);
  const vanilla = page('vanilla');
  const blank = vanilla.find((b) => b.blank);
  const c = vanilla.find((b) => b.consentry && !b.variant);
  const peers = vanilla.filter((b) => !b.consentry && !b.blank);
  if (c && blank) {
    const pb = best(peers, (b) => b.bannerMs.median);
    const over = c.bannerMs.median - blank.bannerMs.median;
    rows.push({
      metric: 'Time to banner, vanilla page (median)',
      consentry: `${ms(c.bannerMs.median)} ms (blank ${ms(blank.bannerMs.median)} ms, ${signedMs(over)})`,
      peer: pb ? `${ms(pb.value)} ms (${pb.row.name})` : '—',
      ratio: pb ? ratio(c.bannerMs.median, pb.value) : '—',
      target: `≤ blank + ${TARGETS.bannerOverBlankMs} ms`,
      result: verdict(c.failed === 0 && over <= TARGETS.bannerOverBlankMs),
    });
    const heapOver = (b: BrowserRow) => b.heap.median - blank.heap.median;
    const ph = best(peers, heapOver);
    rows.push({
      metric: 'JS heap after GC over blank page (median)',
      consentry: signedKb(heapOver(c)),
      peer: ph ? `${signedKb(ph.value)} (${ph.row.name})` : '—',
      ratio: ph && ph.value > 0 ? ratio(heapOver(c), ph.value) : '—',
      target: `≤ +${TARGETS.heapOverBlankBytes / 1000} kB`,
      result: verdict(heapOver(c) <= TARGETS.heapOverBlankBytes),
    });
    const pl = best(peers, (b) => b.longTasks.median);
    rows.push({
      metric: 'Long tasks per load (median / p95)',
      consentry: `${c.longTasks.median} / ${c.longTasks.p95} (blank ${blank.longTasks.median} / ${blank.longTasks.p95})`,
      peer: pl ? `${pl.row.longTasks.median} / ${pl.row.longTasks.p95} (${pl.row.name})` : '—',
      ratio: '—',
      target: '0',
      result: verdict(c.longTasks.p95 === TARGETS.longTasks),
    });
    const pc = best(peers, (b) => b.cls.p95);
    rows.push({
      metric: 'Cumulative layout shift (median / p95)',
      consentry: `${cls(c.cls.median)} / ${cls(c.cls.p95)}`,
      peer: pc ? `${cls(pc.row.cls.median)} / ${cls(pc.value)} (${pc.row.name})` : '—',
      ratio: '—',
      target: '0',
      result: verdict(c.cls.p95 === TARGETS.cls),
    });
  } else {
    rows.push(
      na('Time to banner, vanilla page (median)', `≤ blank + ${TARGETS.bannerOverBlankMs} ms`, 'not built'),
    );
  }

  for (const kind of ['react', 'vue'] as const) {
    const rows_ = page(kind);
    const b = rows_.find((x) => x.blank);
    const cc = rows_.find((x) => x.consentry && !x.variant);
    const pp = best(
      rows_.filter((x) => !x.consentry && !x.blank),
      (x) => x.bannerMs.median,
    );
    if (cc && b) {
      rows.push({
        metric: `Time to banner, ${kind === 'react' ? 'React' : 'Vue'} page (median)`,
        consentry: `${ms(cc.bannerMs.median)} ms (blank ${ms(b.bannerMs.median)} ms, ${signedMs(cc.bannerMs.median - b.bannerMs.median)})`,
        peer: pp ? `${ms(pp.value)} ms (${pp.row.name})` : 'no peer installed',
        ratio: pp ? ratio(cc.bannerMs.median, pp.value) : '—',
        target: `≤ blank + ${TARGETS.bannerOverBlankMs} ms`,
        result: verdict(
          cc.failed === 0 && cc.bannerMs.median - b.bannerMs.median <= TARGETS.bannerOverBlankMs,
        ),
      });
    }
  }

  const ct = r.throughput.find((t) => t.consentry && !t.variant);
  const peersT = r.throughput.filter((t) => !t.consentry);
  if (ct?.checks) {
    const pt = best(peersT, (t) => t.checks?.median ?? Number.NaN, true);
    rows.push({
      metric: '`has()` checks per second (median)',
      consentry: rate(ct.checks.median),
      peer: pt ? `${rate(pt.value)} (${pt.row.name})` : '—',
      ratio: pt ? ratio(ct.checks.median, pt.value) : '—',
      target: `≥ ${rate(TARGETS.checksPerSecond)}`,
      result: verdict(ct.checks.median >= TARGETS.checksPerSecond),
    });
  } else
    rows.push(
      na('`has()` checks per second', `≥ ${rate(TARGETS.checksPerSecond)}`, ct?.error ?? 'not built'),
    );
  if (ct?.decisions) {
    const pd = best(peersT, (t) => t.decisions?.median ?? Number.NaN, true);
    rows.push({
      metric: 'Decisions per second, 10 subscribers (median)',
      consentry: rate(ct.decisions.median),
      peer: pd ? `${rate(pd.value)} (${pd.row.name})` : '—',
      ratio: pd ? ratio(ct.decisions.median, pd.value) : '—',
      target: 'none',
      result: '—',
    });
  }
  return rows;
}

export function headline(r: Results): string {
  const rows = headlineRows(r);
  return table(
    ['Metric', 'Consentry', 'Best peer', 'Ratio', 'Target', 'Result'],
    rows.map((x) => [x.metric, x.consentry, x.peer, x.ratio, x.target, x.result]),
  );
}

function sizeTable(rows: SizeRow[], withCss: boolean): string {
  const peers = rows.filter((s) => !s.consentry);
  const bestPeer = best(peers, withCss ? total : (s) => s.js.gzip);
  const head = ['Setup', 'JS raw', 'JS gzip', 'JS brotli'];
  if (withCss) head.push('CSS raw', 'CSS gzip', 'CSS brotli', 'JS + CSS gzip', 'JS + CSS brotli');
  head.push(bestPeer ? `vs smallest peer (${withCss ? 'JS + CSS' : 'JS'} gzip)` : 'vs smallest peer');
  return table(
    head,
    rows.map((s) => {
      const cells = [s.consentry ? `**${s.name}**` : s.name, int(s.js.raw), int(s.js.gzip), int(s.js.brotli)];
      if (withCss) {
        cells.push(
          s.css ? int(s.css.raw) : '—',
          s.css?.raw ? int(s.css.gzip) : '0',
          s.css?.raw ? int(s.css.brotli) : '0',
          int(total(s)),
          int(s.js.brotli + (s.css?.raw ? s.css.brotli : 0)),
        );
      }
      cells.push(s.consentry && bestPeer ? ratio(withCss ? total(s) : s.js.gzip, bestPeer.value) : '');
      return cells;
    }),
  );
}

function browserTable(rows: BrowserRow[]): string {
  const blank = rows.find((b) => b.blank);
  const peers = rows.filter((b) => !b.consentry && !b.blank);
  const bestBanner = best(peers, (b) => b.bannerMs.median);
  const bestScript = best(peers, (b) => b.scriptMs.median);
  const bestHeap = best(peers, (b) => b.heap.median);
  return table(
    [
      'Library',
      'Rounds (no banner)',
      'Time to banner median / p95 (ms)',
      'vs blank (median)',
      'Script median / p95 (ms)',
      'Main-thread tasks median (ms)',
      'Heap after GC median / p95',
      'Heap vs blank',
      'Long tasks median / p95 (total ms median)',
      'CLS median / p95',
      'Consentry ÷ best peer (banner, script, heap)',
    ],
    rows.map((b) => [
      b.consentry ? `**${b.name}**` : b.name,
      `${b.rounds} (${b.failed})`,
      `${ms(b.bannerMs.median)} / ${ms(b.bannerMs.p95)}`,
      blank && !b.blank ? signedMs(b.bannerMs.median - blank.bannerMs.median) : '',
      `${ms(b.scriptMs.median)} / ${ms(b.scriptMs.p95)}`,
      ms(b.taskMs.median),
      `${kb(b.heap.median)} / ${kb(b.heap.p95)}`,
      blank && !b.blank ? signedKb(b.heap.median - blank.heap.median) : '',
      `${b.longTasks.median} / ${b.longTasks.p95} (${ms(b.longTaskMs.median)})`,
      `${cls(b.cls.median)} / ${cls(b.cls.p95)}`,
      b.consentry && bestBanner
        ? `${ratio(b.bannerMs.median, bestBanner.value)}, ${ratio(b.scriptMs.median, bestScript?.value ?? Number.NaN)}, ${ratio(b.heap.median, bestHeap?.value ?? Number.NaN)}`
        : '',
    ]),
  );
}

function throughputTable(rows: ThroughputRow[]): string {
  const peers = rows.filter((t) => !t.consentry);
  const bc = best(peers, (t) => t.checks?.median ?? Number.NaN, true);
  const bd = best(peers, (t) => t.decisions?.median ?? Number.NaN, true);
  return table(
    [
      'Library (build)',
      'Checks/s median',
      'Checks/s slow tail (p5 of rates)',
      'Decisions/s median',
      'Decisions/s slow tail',
      'Subscriber calls per decision',
      'Consentry ÷ best peer (checks, decisions)',
      'Notes',
    ],
    rows.map((t) => [
      t.consentry ? `**${t.name}**` : t.name,
      t.checks ? rate(t.checks.median) : '—',
      t.checks ? rate(t.checks.p95) : '—',
      t.decisions ? rate(t.decisions.median) : '—',
      t.decisions ? rate(t.decisions.p95) : '—',
      t.notifiedPerDecision === null ? '—' : t.notifiedPerDecision.toFixed(2),
      t.consentry && (bc || bd)
        ? `${t.checks && bc ? ratio(t.checks.median, bc.value) : '—'}, ${t.decisions && bd ? ratio(t.decisions.median, bd.value) : '—'}`
        : '',
      [
        t.note,
        t.consistent === false ? 'last decision NOT reflected by check()' : '',
        t.error ? `error: ${t.error}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    ]),
  );
}

/** Figures that point at Consentry's hot spots, computed from this run (no hand-written numbers). */
function observations(r: Results): string {
  const lines: string[] = [];
  const core = r.throughput.find((t) => t.id === 'consentry-core');
  const memory = r.throughput.find((t) => t.id === 'consentry-core-memory');
  const noReadback = r.throughput.find((t) => t.id === 'consentry-core-cookie-no-readback');
  if (core?.decisions && memory?.decisions) {
    if (noReadback?.decisions) {
      lines.push(
        `- Decisions, cookie read-back: the same store writing the same cookie without reading \`document.cookie\` back made ${rate(noReadback.decisions.median)} (${ratio(noReadback.decisions.median, core.decisions.median)} the default's ${rate(core.decisions.median)}).`,
      );
    }
    lines.push(
      `- Decisions: ${rate(core.decisions.median)} with the default cookie storage against ${rate(memory.decisions.median)} with \`memoryStorage()\` (${ratio(memory.decisions.median, core.decisions.median)} faster): the store's own work is small; the cost is the cookie write, which \`cookieStorage.write\` follows with a read of \`document.cookie\` to check the cookie was kept (a synchronous round trip to the browser's cookie store in Chromium). Peers write their cookie without reading it back.`,
    );
  }
  const plainG = r.throughput.find((t) => t.id === 'grants-plain');
  const dictG = r.throughput.find((t) => t.id === 'grants-dictionary');
  if (core?.checks) {
    lines.push(
      `- Checks: \`has()\` ran at ${rate(core.checks.median)}${memory?.checks ? ` (${rate(memory.checks.median)} on the memory-storage store)` : ''}. It is one keyed read, \`state.granted[id] === true\`; the machine builds \`granted\` with \`Object.create(null)\`, which V8 keeps in dictionary mode.${plainG?.checks && dictG?.checks ? ` The same keyed read through a function, on a plain-object copy of the grants, ran at ${rate(plainG.checks.median)}; on a null-prototype copy at ${rate(dictG.checks.median)} (plain ÷ null-prototype: ${ratio(plainG.checks.median, dictG.checks.median)}).` : ''} On this shared machine the spread between runs is wide; compare medians of the same run only.`,
    );
  }
  const vb = r.browser.filter((b) => b.page === 'vanilla');
  const plain = vb.find((b) => b.id === 'consentry');
  const inline = vb.find((b) => b.id === 'consentry-inline-locale');
  const blank = vb.find((b) => b.blank);
  if (plain && inline && blank) {
    lines.push(
      `- Time to banner: ${ms(plain.bannerMs.median)} ms with the default \`mountConsentUI(store)\`, which fetches the English texts as a separate chunk after the bundle runs, against ${ms(inline.bannerMs.median)} ms when they are passed inline (\`{ locale: en }\`); the blank page took ${ms(blank.bannerMs.median)} ms. The extra request is ${signedMs(plain.bannerMs.median - inline.bannerMs.median)} of the gap.`,
    );
  }
  const cs = r.size.find((s) => s.id === 'consentry-core');
  const compiled = r.size.find((s) => s.id === 'consentry-core-compiled');
  const compiledFull = r.size.find((s) => s.id === 'consentry-compiled');
  const ccs = r.size.find((s) => s.id === 'cookieconsent-core');
  const full = r.size.find((s) => s.id === 'consentry');
  if (cs && full) {
    lines.push(
      `- Size: the headless part (\`defineConfig\` + \`createConsent\` + the config) is ${int(cs.js.gzip)} B gzip${ccs ? ` (cookieconsent's core build: ${int(ccs.js.gzip)} B)` : ''}; the full vanilla setup adds the UI for ${int(full.js.gzip - cs.js.gzip)} B of JS and ${int(full.css?.gzip ?? 0)} B of CSS.${compiled ? ` With the config validated at build time (the \`consentry-config\` command) the headless part is ${int(compiled.js.gzip)} B: the difference is \`defineConfig\`'s validation, which then never reaches the page.` : ''}${compiledFull ? ` The full vanilla setup built that way is ${int(compiledFull.js.gzip + (compiledFull.css?.gzip ?? 0))} B (JS + CSS gzip).` : ''}`,
    );
  }
  return lines.length ? lines.join('\n') : 'Not enough Consentry figures in this run.';
}

export function renderMarkdown(r: Results): string {
  const m = r.machine;
  const sizeOf = (kind: SizeRow['kind']) => r.size.filter((s) => s.kind === kind);
  const pageOf = (kind: BrowserRow['page']) => r.browser.filter((b) => b.page === kind);
  const offHost = r.browser.filter((b) => b.offHost.length);
  const out: string[] = [];
  out.push(`# Benchmarks

Consentry and its peers measured side by side in one run of \`pnpm bench\` (the \`bench/\` package).
Generated ${r.generatedAt} in ${r.durationS} s${r.settings.quick ? ' — **quick development run, not the full method**' : ''}; do not edit by hand, run \`pnpm bench\` again.
Machine-readable results: [bench/results.json](bench/results.json).

## Headline

${headline(r)}

Ratios are Consentry's figure divided by the best peer's figure measured in this run (lower is better
for sizes, times and heap; higher is better for rates). Targets come from issue 7 and are reported,
never asserted in tests.
`);
  if (r.missing.length) {
    out.push(
      `**Not measured in this run:**\n\n${r.missing.map((x) => `- \`${x.id}\`: ${x.reason}`).join('\n')}\n`,
    );
  }
  out.push(`## Machine

| | |
| --- | --- |
| CPU | ${m.cpu} |
| Cores (\`nproc\`) | ${m.nproc} |
| Memory | ${m.memoryGiB} GiB |
| OS | ${m.os} |
| Node | ${m.node} |
| Chromium | ${m.chromium} (Debian package, headless, driven by playwright-core) |
| Load average at start / end (1, 5, 15 min) | ${m.loadavgStart.join(', ')} / ${m.loadavgEnd.join(', ')} |
| Bench process priority (nice; Chromium inherits it) | ${m.nice} |

The machine has 2 shared cores; other work running at the same time (visible in the load average)
slows every library alike but widens the spread. Medians are the figures to compare; p95 shows the tail.

## Versions

${table(
  ['Package', 'Version'],
  Object.entries(r.versions).map(([k, v]) => [`\`${k}\``, v]),
)}

## Method

Every library is set up as its own README or quickstart shows, with three categories (necessary,
analytics, marketing) and English texts; the usage files are in \`bench/fixtures/usage/\`. The same
method applies to every library.

**Size.** Each usage file is bundled by esbuild ${r.versions.esbuild} (bundle, minify, ESM, browser
platform, target es2020, \`process.env.NODE_ENV = "production"\`, legal comments dropped, code
splitting on as an application bundler would). React, react-dom and Vue are external for the adapter
setups. The JS counted is what a page loads at start: the entry chunk, its static imports, and the
dynamic chunks it fetches at start (for Consentry's UI, the English locale; the other nine locales
are lazy chunks not counted). tarteaucitron is a script-tag library that loads its own services
file and language file: its JS is those files as published (already minified) plus the minified init
script, concatenated. Stylesheets are minified by esbuild and measured separately. Sizes are raw bytes,
gzip level 9 and brotli quality 11 (node:zlib). kB = 1000 bytes.

**Browser.** One headless Chromium, pages served by a static server on 127.0.0.1. Every round of
every library uses a fresh browser context (an empty profile: no cookie, no storage, no cache). Round 0
is a warm-up and is discarded; then ${r.settings.rounds} measured rounds${r.settings.stoppedEarly ? ` (**${r.settings.roundsAsked} were asked; the time budget stopped the rounds early on this busy machine**)` : ''}, ${r.settings.roundsSeconds} s in all; the order of
the libraries rotates by one each round. In each round:
- *Time to banner*: a probe injected before any page script (\`bench/fixtures/probe/probe.js\`) checks,
  after every DOM mutation batch and on every animation frame, whether the library's banner element is
  in the DOM with a non-zero box inside the viewport and is not hidden (display, visibility, opacity of
  it and its ancestors), and records \`performance.now()\` (0 = navigation start) the first time it is.
  The banner selector of each library is listed below. The blank page is the same HTML whose module
  script appends a plain banner \`<div>\`: the floor of loading a module script and showing a box.
- *Script evaluation*: CDP \`Performance.getMetrics\` \`ScriptDuration\` (compile + run of all scripts of
  the page, the probe included, which is the same for every page), read 300 ms after the banner shows;
  \`TaskDuration\` (all main-thread work) alongside.
- *JS heap*: CDP \`HeapProfiler.collectGarbage\`, then \`Runtime.getHeapUsage\` \`usedSize\`,
  compared with the blank page of the same kind.
- *Long tasks*: \`PerformanceObserver\` \`longtask\` entries (buffered) from navigation start to 300 ms
  after the banner shows.
- *CLS*: the sum of \`layout-shift\` entry values without \`hadRecentInput\` over the same span.
- Pages announce the entry's static chunks with \`<link rel="modulepreload">\`, as application
  bundlers do; chunks fetched by a dynamic import at run time (Consentry's locale) are not announced.
- The React and Vue pages render the same content with React ${r.versions.react} / Vue ${r.versions.vue}
  bundled into the page; their blank pages render a plain banner from a component.

**Checks and decisions.** In the browser, for every library, on its own page: ${r.settings.samples}
windows of ${r.settings.windowMs} ms after one warm-up window. *Checks*: a loop calling the library's
check for the analytics category after init (Consentry \`store.has('analytics')\`, cookieconsent
\`acceptedCategory('analytics')\`, klaro \`manager.getConsent('matomo')\`, c15t
\`consentStore.getState().has('measurement')\`, tarteaucitron \`tarteaucitron.state.benchanalytics\`,
react-cookie-consent \`getCookieConsentValue()\`), 10,000 calls between clock reads. *Decisions*: after
subscribing 10 listeners with the library's subscription API, a loop of decisions that alternately
grant and refuse analytics through the library's API (awaited when it returns a promise), each one
stored as the library stores it (its consent cookie, by default). The hooks are in
\`bench/fixtures/hooks/\`. Rates are decisions or checks per second per window; the slow tail is the
5th percentile of the window rates.

**Statistics.** Median and p95 (nearest rank) over the measured rounds or windows.

**Network.** Pages are served from 127.0.0.1 only; Chromium runs behind a dead proxy
(\`--proxy-server=127.0.0.1:9\`) so a request to any other host fails instead of leaving the machine,
and every such attempt is counted below. ${offHost.length ? '' : 'No library tried to reach another host in this run.'}
`);
  if (offHost.length) {
    out.push(
      `Requests to other hosts (blocked):\n\n${offHost.map((b) => `- ${b.name}: ${[...new Set(b.offHost)].slice(0, 5).join(', ')} (${b.offHost.length} in all rounds)`).join('\n')}\n`,
    );
  }
  out.push(`## Size

### Full setups on a plain page (UI + logic)

${sizeTable(sizeOf('vanilla'), true)}

### React setups (React and react-dom external)

${sizeTable(sizeOf('react'), true)}

### Vue setups (Vue external)

${sizeOf('vue').length ? sizeTable(sizeOf('vue'), true) : 'Not built in this run.'}

No Vue peer is among the installed peers, so the Vue figures stand alone.

### Headless parts alone (no UI, no CSS)

${sizeTable(sizeOf('headless'), false)}

Files counted per setup:

${r.size.map((s) => `- ${s.name}: ${s.files.join(', ')}${s.lazy.length ? `; lazy chunks not counted: ${s.lazy.length} (${int(s.lazy.reduce((a, l) => a + l.bytes, 0))} bytes raw)` : ''}`).join('\n')}

## Browser

### Plain pages

${browserTable(pageOf('vanilla'))}

### React pages

${pageOf('react').length ? browserTable(pageOf('react')) : 'Not run.'}

### Vue pages

${pageOf('vue').length ? browserTable(pageOf('vue')) : 'Not run.'}

Banner selectors and the requests each page made (warm-up round):

${r.browser.map((b) => `- ${b.name}: \`${b.banner}\` — ${b.requests.map((q) => `\`${q}\``).join(', ')}`).join('\n')}

## Checks and decisions

${throughputTable(r.throughput)}

## Consentry: where the time and bytes go in this run

${observations(r)}

## Notes on the peers

${[
  ...new Map(
    [...r.size, ...r.browser, ...r.throughput].filter((x) => x.note).map((x) => [x.name, x.note] as const),
  ).entries(),
]
  .map(([name, note]) => `- ${name}: ${note}`)
  .join('\n')}
- vanilla-cookieconsent: \`hideFromBots: false\` is set in its usage; by default it shows nothing to
  automated browsers (\`navigator.webdriver\`), which the bench's Chromium is.
- vanilla-cookieconsent core build (\`dist/core/cookieconsent-core.esm.js\`, 3.1.0): its \`run()\`
  throws \`Cannot set properties of undefined (setting 'le')\` in a browser (it writes to a UI state
  object that the core build does not create); its size is measured, its checks and decisions are
  measured on the full build, which has the same API.
- c15t / @c15t/react: offline mode (\`mode: 'offline'\`), the documented backend-less mode: consent stays
  in a cookie and localStorage, no request is made. In the checks-and-decisions page
  \`reloadOnConsentRevoked: false\` is set, otherwise refusing reloads the page.
- Consentry's banner fades in (\`@keyframes cy-in\`, 0.2 s from opacity 0), as cookieconsent's does
  (opacity transition); for every library the probe takes the first frame with a non-zero opacity.
- klaro: \`setup()\` renders on the window \`load\` event, so its time to banner includes waiting for it.
- react-cookie-consent has no categories (one accept/decline choice) and no store or subscription API:
  only its cookie read is measured for checks.
`);
  return out.join('\n');
}
