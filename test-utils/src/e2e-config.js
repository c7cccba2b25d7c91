// The vitest `test` options every browser-test config shares (core, ui, vue, demo). Plain JavaScript:
// vitest loads its config files with Node, which does not run a workspace package's TypeScript.

/**
 * @param {string} name the project name vitest prints
 * @param {Record<string, unknown>} [more] options of this package's own (a globalSetup…)
 */
export const e2eTest = (name, more = {}) => ({
  name,
  include: ['e2e/**/*.e2e.test.ts'],
  environment: /** @type {const} */ ('node'),
  // expect.poll waits 1 s by default; a loaded 2-core CI machine needs longer for a page to react.
  expect: { poll: { timeout: 15_000, interval: 100 } },
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // One file at a time: each launches its own Chromium, and the machine has 2 cores.
  fileParallelism: false,
  ...more,
});
