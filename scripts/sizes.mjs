#!/usr/bin/env node
// Size budgets of every package, measured by size-limit, and the README's table kept in sync with
// them (the way nanostores' test/size-synced does).
//   node scripts/sizes.mjs          measure every budget (fails when one is over), print the table
//   node scripts/sizes.mjs --write  also rewrite the table between the README's sizes markers
//   node scripts/sizes.mjs --check  fail when the README's table lists other budgets or limits
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const readme = join(root, 'README.md');
const START = '<!-- sizes:start -->';
const END = '<!-- sizes:end -->';
const mode = process.argv[2] ?? '';

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => ({
    dir: join(root, 'packages', dir),
    pkg: JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')),
  }))
  .filter(({ pkg }) => Array.isArray(pkg['size-limit']));

const fmt = (bytes) => (bytes >= 1000 ? `${(bytes / 1000).toFixed(2)} kB` : `${bytes} B`);
function table(rows) {
  return [
    '| package | entry | limit | measured |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) => `| \`${r.pkg}\` | ${r.name} | ${r.limit} | ${r.size === undefined ? '—' : fmt(r.size)} |`,
    ),
  ].join('\n');
}

const budgets = packages.flatMap(({ pkg }) =>
  pkg['size-limit'].map((c) => ({ pkg: pkg.name, name: c.name, limit: c.limit })),
);

if (mode === '--check') {
  const text = readFileSync(readme, 'utf8');
  const section = text.slice(text.indexOf(START) + START.length, text.indexOf(END));
  const listed = section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.split('|').map((c) => c.trim()))
    .map((c) => `${c[1].replace(/`/g, '')} / ${c[2]} / ${c[3]}`);
  const wanted = budgets.map((b) => `${b.pkg} / ${b.name} / ${b.limit}`);
  const missing = wanted.filter((w) => !listed.includes(w));
  const stale = listed.filter((l) => !wanted.includes(l));
  if (missing.length || stale.length) {
    console.error(
      'README size table is out of sync with the size-limit budgets. Run: node scripts/sizes.mjs --write',
    );
    for (const m of missing) console.error(`  missing: ${m}`);
    for (const s of stale) console.error(`  stale:   ${s}`);
    process.exit(1);
  }
  console.log(`README size table lists all ${wanted.length} budgets with their limits.`);
  process.exit(0);
}

const rows = [];
let over = 0;
for (const { dir, pkg } of packages) {
  let out;
  try {
    out = execFileSync('pnpm', ['exec', 'size-limit', '--json'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    // size-limit exits non-zero when a budget is exceeded but still prints the JSON.
    out = e.stdout;
  }
  const results = JSON.parse(out);
  for (const c of pkg['size-limit']) {
    const r = results.find((x) => x.name === c.name);
    if (!r?.passed) over++;
    rows.push({ pkg: pkg.name, name: c.name, limit: c.limit, size: r?.size });
  }
}
const md = table(rows);
console.log(md);
if (mode === '--write') {
  const text = readFileSync(readme, 'utf8');
  const next = `${text.slice(0, text.indexOf(START) + START.length)}\n${md}\n${text.slice(text.indexOf(END))}`;
  writeFileSync(readme, next);
  // Pad the table the way the repository's formatter does, so `pnpm lint` stays clean.
  execFileSync('pnpm', ['exec', 'biome', 'format', '--write', readme], { cwd: root, stdio: 'ignore' });
  console.log('README.md updated.');
}
if (over) {
  console.error(`${over} size budget(s) exceeded`);
  process.exit(1);
}
