import { execFileSync } from 'node:child_process';
import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('..', import.meta.url));
const packages = fileURLToPath(new URL('../../../packages', import.meta.url));

function newest(path: string): number {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry !== 'node_modules') max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

/**
 * Builds the demo when its build is missing or older than its sources or the SDK packages' builds.
 * The build goes to a private directory that then replaces dist/ in one rename, so a demo server
 * already serving dist/ (another test run, `pnpm demo`) never sees it half-written.
 */
export default function setup() {
  const dist = join(app, 'dist');
  const built = Math.min(
    newest(join(dist, 'server/entry-server.js')),
    newest(join(dist, 'client/index.html')),
  );
  const sources = Math.max(
    ...[
      'src',
      'public',
      'index.html',
      'islands.html',
      'plain.html',
      'policy.html',
      'ssr-react.html',
      'ssr-vue.html',
      'vite.config.ts',
    ].map((p) => newest(join(app, p))),
    ...['core', 'ui', 'react', 'vue'].map((p) => newest(join(packages, p, 'dist'))),
  );
  if (built > 0 && built >= sources) return;

  console.log('[demo e2e] building the demo…');
  const fresh = join(app, `dist.building-${process.pid}`);
  const old = join(app, `dist.old-${process.pid}`);
  // vitest sets NODE_ENV=test, which Vite would honour and ship React's development build.
  const env = { ...process.env, NODE_ENV: 'production' };
  const vite = (...args: string[]) =>
    execFileSync('pnpm', ['exec', 'vite', 'build', ...args], { cwd: app, stdio: 'inherit', env });
  try {
    vite('--outDir', join(fresh, 'client'), '--emptyOutDir');
    vite('--ssr', 'src/ssr/entry-server.ts', '--outDir', join(fresh, 'server'), '--emptyOutDir');
    if (statSync(dist, { throwIfNoEntry: false })) renameSync(dist, old);
    renameSync(fresh, dist);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}
