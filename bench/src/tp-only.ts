// Development helper: the checks/decisions loops for some setups only (ids as arguments).

import { measureThroughput, startHarness } from './browser';
import { buildThroughputPage } from './build';
import { headless } from './subjects';

const ids = process.argv.slice(2);
const h = await startHarness();
try {
  for (const x of headless.filter((x) => x.hooks && (!ids.length || ids.includes(x.id)))) {
    const t = await measureThroughput(h, await buildThroughputPage(x), 5, 100);
    const med = (a: number[] | null) => (a ? [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)] : null);
    process.stdout.write(`${x.id}: checks ${med(t.checks)} decisions ${med(t.decisions)} ${t.error ?? ''}\n`);
  }
} finally {
  await h.close();
}
