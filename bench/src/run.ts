/**
 * `pnpm bench`: Consentry and its peers side by side, in one run. Writes ../BENCHMARKS.md and
 * results.json, prints the headline table. Options: --rounds N (measured browser rounds, default 15),
 * --samples N (throughput windows, default 15), --budget S (seconds the browser rounds may take, default
 * 420: rounds stop early, and say so, rather than let the run pass 10 minutes on a busy machine),
 * --quick (3 rounds, 3 samples: for development only), --report-only (rewrite BENCHMARKS.md from
 * results.json without measuring).
 */
import { execFileSync, execSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, getPriority, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { measureRound, measureThroughput, type Round, startHarness } from './browser';
import { buildPage, buildThroughputPage, setupCss, setupJs, sizes } from './build';
import { BENCH_DIR, COMPILED_CONFIG, FIXTURES, OUT_DIR, packageVersion, ROOT_DIR } from './paths';
import {
  type BrowserRow,
  headline,
  type Results,
  renderMarkdown,
  type SizeRow,
  type ThroughputRow,
} from './report';
import { summarize, summarizeRate } from './stats';
import { headless, subjects } from './subjects';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > -1 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const quick = process.argv.includes('--quick');
const ROUNDS = arg('rounds', quick ? 3 : 15);
const SAMPLES = arg('samples', quick ? 3 : 15);
const WINDOW_MS = 100;
const BUDGET_S = arg('budget', 420);

function log(msg: string) {
  process.stdout.write(`${msg}\n`);
}

function machine() {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  };
  return {
    nproc: Number(sh('nproc')),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${sh('uname -s')} ${release()}`,
    node: process.version,
    loadavgStart: loadavg().map((l) => Number(l.toFixed(2))),
    /** Scheduling priority (nice) of the bench process; Chromium inherits it. */
    nice: getPriority(),
  };
}

function writeReport(results: Results) {
  writeFileSync(join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT_DIR, 'BENCHMARKS.md'), renderMarkdown(results));
  // The repository's formatter (biome) also formats Markdown tables and JSON: leave the files as it would.
  try {
    execSync('pnpm exec biome format --write BENCHMARKS.md bench/results.json', {
      cwd: ROOT_DIR,
      stdio: 'ignore',
    });
  } catch {
    log('(biome format failed; BENCHMARKS.md and results.json are left unformatted)');
  }
}

async function main() {
  if (process.argv.includes('--report-only')) {
    const results = JSON.parse(readFileSync(join(BENCH_DIR, 'results.json'), 'utf8')) as Results;
    writeReport(results);
    log(headline(results));
    return;
  }
  const started = Date.now();
  const m = machine();
  if (m.loadavgStart[0]! > m.nproc) {
    log(
      `note: load average ${m.loadavgStart[0]} on ${m.nproc} cores: timings will be slower and wider than on an idle machine`,
    );
  }
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  // The build step of a production site: the config validated once, written as a plain module.
  const cli = join(ROOT_DIR, 'packages', 'core', 'dist', 'cli', 'consentry-config.js');
  log(
    execFileSync(process.execPath, [cli, join(FIXTURES, 'usage', 'consentry-config.js'), COMPILED_CONFIG], {
      encoding: 'utf8',
    }).trim(),
  );

  const missing: { id: string; reason: string }[] = [];
  const available = subjects.filter((s) => {
    const reason = s.missing?.() ?? null;
    if (reason) missing.push({ id: s.id, reason });
    return !reason;
  });
  const availableHeadless = headless.filter((h) => {
    const reason = h.missing?.() ?? null;
    if (reason) missing.push({ id: h.id, reason });
    return !reason;
  });
  for (const x of missing) log(`missing: ${x.id}: ${x.reason}`);

  // 1. Sizes.
  log('sizes…');
  const size: SizeRow[] = [];
  for (const s of available.filter((s) => !s.blank)) {
    const built = await setupJs(s);
    const js = sizes(built.loaded);
    const css = sizes(await setupCss(s.css()));
    size.push({
      id: s.id,
      name: s.name,
      kind: s.page,
      consentry: s.consentry,
      variant: !!s.variant,
      js,
      css,
      files: built.loadedFiles,
      lazy: built.lazyFiles,
      note: s.note,
    });
  }
  for (const h of availableHeadless.filter((h) => h.usage || (h.scriptTag && !h.full))) {
    const built = await setupJs({
      usage: h.usage,
      scriptTag: h.scriptTag,
      page: 'vanilla',
      lazyLoaded: h.lazyLoaded,
    });
    size.push({
      id: h.id,
      name: h.name,
      kind: 'headless',
      consentry: h.consentry,
      variant: !!h.variant,
      js: sizes(built.loaded),
      css: null,
      files: built.loadedFiles,
      lazy: built.lazyFiles,
      note: h.note,
    });
  }

  // 2. Browser rounds.
  log('pages…');
  const paths = new Map<string, string>();
  for (const s of available) paths.set(s.id, await buildPage(s));
  const tpPaths = new Map<string, string>();
  for (const h of availableHeadless.filter((h) => h.hooks)) tpPaths.set(h.id, await buildThroughputPage(h));

  const harness = await startHarness();
  const chromium = harness.version;
  const throughput: ThroughputRow[] = [];
  const rounds = new Map<string, Round[]>(available.map((s) => [s.id, []]));
  const firstRequests = new Map<string, string[]>();
  const offHost = new Map<string, string[]>();
  const roundsStarted = Date.now();
  let roundsDone = 0;
  let stoppedEarly = false;
  try {
    // Round 0 is the warm-up (discarded). Each round rotates the order so no library always goes first.
    for (let r = 0; r <= ROUNDS; r++) {
      const elapsed = (Date.now() - roundsStarted) / 1000;
      // Stop before a round that would likely end past the budget (rounds take about the same time).
      if (r > 1 && elapsed + elapsed / r > BUDGET_S) {
        stoppedEarly = true;
        log(`time budget: stopping after ${roundsDone} measured rounds (${Math.round(elapsed)} s)`);
        break;
      }
      const order = available.map((_, i) => available[(i + r) % available.length]!);
      for (const s of order) {
        const round = await measureRound(harness, paths.get(s.id)!, s.banner);
        if (round.offHost.length) offHost.set(s.id, [...(offHost.get(s.id) ?? []), ...round.offHost]);
        if (r === 0) firstRequests.set(s.id, round.requests);
        else rounds.get(s.id)!.push(round);
      }
      if (r > 0) roundsDone = r;
      log(`round ${r}${r === 0 ? ' (warm-up)' : ''}/${ROUNDS} done`);
    }

    // 3. Checks and decisions.
    log('checks and decisions…');
    for (const h of availableHeadless.filter((h) => h.hooks)) {
      const t = await measureThroughput(harness, tpPaths.get(h.id)!, SAMPLES, WINDOW_MS);
      throughput.push({
        id: h.id,
        name: h.name,
        consentry: h.consentry,
        variant: !!h.variant,
        full: !!h.full,
        checks: t.checks.length ? summarizeRate(t.checks) : null,
        decisions: t.decisions ? summarizeRate(t.decisions) : null,
        notifiedPerDecision: t.notifiedPerDecision,
        consistent: t.consistent,
        offHost: t.offHost.length,
        error: t.error,
        note: h.note,
      });
    }
  } finally {
    await harness.close();
  }

  const browser: BrowserRow[] = available.map((s) => {
    const rs = rounds.get(s.id)!;
    const ok = rs.filter((r) => r.bannerMs !== null);
    return {
      id: s.id,
      name: s.name,
      page: s.page,
      consentry: s.consentry,
      variant: !!s.variant,
      blank: !!s.blank,
      banner: s.banner,
      rounds: rs.length,
      failed: rs.length - ok.length,
      bannerMs: summarize(ok.map((r) => r.bannerMs!)),
      scriptMs: summarize(rs.map((r) => r.scriptMs)),
      taskMs: summarize(rs.map((r) => r.taskMs)),
      heap: summarize(rs.map((r) => r.heap)),
      longTasks: summarize(rs.map((r) => r.longTasks)),
      longTaskMs: summarize(rs.map((r) => r.longTaskMs)),
      cls: summarize(rs.map((r) => r.cls)),
      offHost: offHost.get(s.id) ?? [],
      requests: firstRequests.get(s.id) ?? [],
      note: s.note,
    };
  });

  const versions: Record<string, string> = {};
  for (const name of [
    ...new Set([
      ...subjects.flatMap((s) => s.packages),
      ...headless.flatMap((h) => h.packages),
      'esbuild',
      'playwright-core',
    ]),
  ]) {
    versions[name] = packageVersion(name);
  }

  const results: Results = {
    generatedAt: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: { ...m, chromium, loadavgEnd: loadavg().map((l) => Number(l.toFixed(2))) },
    settings: {
      rounds: roundsDone,
      roundsAsked: ROUNDS,
      stoppedEarly,
      roundsSeconds: Math.round((Date.now() - roundsStarted) / 1000),
      warmup: 1,
      samples: SAMPLES,
      windowMs: WINDOW_MS,
      quick,
    },
    versions,
    missing,
    size,
    browser,
    throughput,
  };
  writeFileSync(join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(ROOT_DIR, 'BENCHMARKS.md'), renderMarkdown(results));
  // The repository's formatter (biome) also formats Markdown tables and JSON: leave the files as it would.
  try {
    execSync('pnpm exec biome format --write BENCHMARKS.md bench/results.json', {
      cwd: ROOT_DIR,
      stdio: 'ignore',
    });
  } catch {
    log('(biome format failed; BENCHMARKS.md and results.json are left unformatted)');
  }
  log('');
  log(headline(results));
  log(`\nwrote BENCHMARKS.md and bench/results.json in ${results.durationS} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
