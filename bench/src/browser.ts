import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, newContext, serveStatic, type TestServer } from '@consentry/test-utils';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { PAGES_DIR } from './build';
import { FIXTURES } from './paths';

export interface Round {
  /** ms from navigation start until the banner element is visible; null when it never was. */
  bannerMs: number | null;
  /** CDP Performance.getMetrics ScriptDuration (ms): script compile + evaluation in the page's renderer. */
  scriptMs: number;
  /** CDP Performance.getMetrics TaskDuration (ms): all main-thread work. */
  taskMs: number;
  /** Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage (bytes). */
  heap: number;
  longTasks: number;
  longTaskMs: number;
  cls: number;
  /** Requests to anything but 127.0.0.1 (they are also blocked by a dead proxy). */
  offHost: string[];
  /** Paths the page requested (kept for the first round). */
  requests: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Settling time after the banner shows, so late long tasks, layout shifts and animations are seen. */
const SETTLE_MS = 300;
const BANNER_TIMEOUT_MS = 10_000;

export interface Harness {
  browser: Browser;
  server: TestServer;
  version: string;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server = await serveStatic(PAGES_DIR);
  // A dead proxy: anything not on loopback (which Chromium never proxies) fails instead of leaving the machine.
  const browser = await launchChromium({ args: ['--proxy-server=http://127.0.0.1:9'] });
  return {
    browser,
    server,
    version: browser.version(),
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

function probeSource(selector: string): string {
  return readFileSync(join(FIXTURES, 'probe', 'probe.js'), 'utf8').replace(
    '__SELECTOR__',
    JSON.stringify(selector),
  );
}

function metric(metrics: { name: string; value: number }[], name: string): number {
  return metrics.find((m) => m.name === name)?.value ?? Number.NaN;
}

function watchRequests(page: Page, baseUrl: string) {
  const offHost: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return;
    if (!LOOPBACK.has(url.hostname)) offHost.push(r.url());
    else requests.push(r.url().replace(baseUrl, ''));
  });
  return { offHost, requests };
}

async function settleHeap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize;
}

/** One round: a fresh browser context (an empty profile), one navigation, measurements, close. */
export async function measureRound(h: Harness, path: string, selector: string): Promise<Round> {
  const context = await newContext(h.browser, { viewport: { width: 1280, height: 800 } });
  try {
    await context.addInitScript({ content: probeSource(selector) });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const seen = watchRequests(page, h.server.url);
    await page.goto(`${h.server.url}/${path}`, { waitUntil: 'load' });
    const deadline = Date.now() + BANNER_TIMEOUT_MS;
    let bannerMs: number | null = null;
    while (Date.now() < deadline) {
      bannerMs = await page.evaluate(() => (window as any).__probe.bannerAt as number | null);
      if (bannerMs !== null) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const probe = await page.evaluate(() => {
      const p = (window as any).__probe;
      return { longTasks: p.longTasks as [number, number][], cls: p.cls as number };
    });
    const { metrics } = await cdp.send('Performance.getMetrics');
    const heap = await settleHeap(cdp);
    return {
      bannerMs,
      scriptMs: metric(metrics, 'ScriptDuration') * 1000,
      taskMs: metric(metrics, 'TaskDuration') * 1000,
      heap,
      longTasks: probe.longTasks.length,
      longTaskMs: probe.longTasks.reduce((sum, [, d]) => sum + d, 0),
      cls: probe.cls,
      offHost: seen.offHost,
      requests: seen.requests,
    };
  } finally {
    await context.close();
  }
}

export interface Throughput {
  checks: number[];
  decisions: number[] | null;
  /** Subscriber calls seen per decision (10 subscribers: 10 when every decision notifies each once). */
  notifiedPerDecision: number | null;
  /** Whether the last decision is what check() reports afterwards. */
  consistent: boolean | null;
  offHost: string[];
  error?: string;
}

/**
 * Checks per second and decisions per second (10 subscribers), in the page, by the same loop for
 * every library: `samples` windows of `windowMs` after one warm-up window.
 */
export async function measureThroughput(
  h: Harness,
  path: string,
  samples: number,
  windowMs: number,
): Promise<Throughput> {
  const context = await newContext(h.browser, { viewport: { width: 1280, height: 800 } });
  const pageErrors: string[] = [];
  try {
    const page = await context.newPage();
    const seen = watchRequests(page, h.server.url);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${h.server.url}/${path}`, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as any).__api !== undefined, null, {
      timeout: BANNER_TIMEOUT_MS,
    });
    const result = await page.evaluate(
      async ({ samples, windowMs }) => {
        const api = (window as any).__api;
        if (api.ready) await api.ready;
        const check: () => boolean = api.check;
        const checks: number[] = [];
        let sink = 0;
        for (let s = 0; s <= samples; s++) {
          let n = 0;
          const t0 = performance.now();
          let t = t0;
          do {
            for (let i = 0; i < 10_000; i++) if (check()) sink++;
            n += 10_000;
            t = performance.now();
          } while (t - t0 < windowMs);
          if (s > 0) checks.push(n / ((t - t0) / 1000));
        }
        (window as any).__sink = sink;
        if (!api.decide) return { checks, decisions: null, notifiedPerDecision: null, consistent: null };
        let notified = 0;
        for (let k = 0; k < 10; k++) api.subscribe(() => notified++);
        const decisions: number[] = [];
        let made = 0;
        let i = 0;
        for (let s = 0; s <= samples; s++) {
          let n = 0;
          const t0 = performance.now();
          let t = t0;
          do {
            const r = api.decide(i++);
            if (r && typeof r.then === 'function') await r;
            n++;
            t = performance.now();
          } while (t - t0 < windowMs);
          made += n;
          if (s > 0) decisions.push(n / ((t - t0) / 1000));
        }
        // Give libraries that notify asynchronously a chance to deliver before counting.
        await new Promise((r) => setTimeout(r, 50));
        const consistent = api.granted() === ((i - 1) % 2 === 0);
        return { checks, decisions, notifiedPerDecision: notified / made, consistent };
      },
      { samples, windowMs },
    );
    return {
      ...result,
      offHost: seen.offHost,
      ...(pageErrors.length ? { error: pageErrors.join('; ') } : {}),
    };
  } catch (error) {
    const detail = pageErrors.length ? ` (page errors: ${pageErrors.join('; ')})` : '';
    return {
      checks: [],
      decisions: null,
      notifiedPerDecision: null,
      consistent: null,
      offHost: [],
      error: `${String(error)}${detail}`,
    };
  } finally {
    await context.close();
  }
}
