import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { formatViolations, launchChromium, newContext, runAxe } from '@consentry/test-utils';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type DemoServer, startDemoServer } from '../server/server';

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));

export interface Demo {
  browser: Browser;
  server: DemoServer;
  /** http://www.consentry.test:PORT — a named host, so the parent-domain cookie (.consentry.test) is real. */
  base: string;
  port: number;
}

/** One demo server (built site, free port) and one Chromium for a test file. */
export function setupDemo(): Demo {
  const demo = {} as Demo;
  beforeAll(async () => {
    demo.server = await startDemoServer({ port: 0 });
    demo.port = demo.server.port;
    demo.base = `http://www.consentry.test:${demo.port}`;
    demo.browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await demo.browser?.close();
    await demo.server?.close();
  });
  return demo;
}

export async function context(demo: Demo, options: { gpc?: boolean } = {}): Promise<BrowserContext> {
  const ctx = await newContext(demo.browser, { gpc: options.gpc, viewport: { width: 1280, height: 900 } });
  // Records whether a consent banner was ever on screen: checked on every frame before paint, and on
  // every DOM change, from before the page's first script.
  await ctx.addInitScript(() => {
    const w = window as unknown as { bannerSeen: boolean };
    w.bannerSeen = false;
    const check = () => {
      const b = document.querySelector('.cy-b');
      if (b && !b.closest('[hidden]') && b.getClientRects().length > 0) w.bannerSeen = true;
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
    const frame = () => {
      check();
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  return ctx;
}

export interface OpenPage {
  page: Page;
  /** Console errors and warnings, and page errors, seen so far: a demo page in normal use has none. */
  errors: string[];
}

/** Opens a demo page and waits until its store and UI are up. */
export async function open(ctx: BrowserContext, url: string): Promise<OpenPage> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    // Warnings too: the browser's own (a refused postMessage, a CSP report) are warnings.
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await ready(page);
  return { page, errors };
}

/**
 * The root of the banner and dialog. The embeds' placeholders (mountPlaceholders, on the plain pages) are
 * `.cy` elements too, for the UI's styles and theme, and one holds a "Cookie settings" button as the
 * banner's trigger does.
 */
export const UI_ROOT = '.cy:not(.cy-p)';

export async function ready(page: Page) {
  await page.waitForFunction(
    (root) => 'demoStore' in window && document.querySelector(root) !== null,
    UI_ROOT,
  );
}

/**
 * Waits until the page has fetched nothing for 500 ms: before asserting that something did NOT run,
 * anything that would have run has had its chance.
 */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
}

export interface Snapshot {
  status: string;
  banner: boolean;
  preferences: boolean;
  gpc: boolean;
  jurisdiction: string;
  granted: Record<string, boolean>;
  record: { action: string; revision: string; gpc: boolean; categories: string[] } | null;
}

export function snapshot(page: Page): Promise<Snapshot> {
  return page.evaluate(() => {
    const s = (window as any).demoStore.getSnapshot();
    return JSON.parse(JSON.stringify({ ...s, granted: { ...s.granted } }));
  });
}

/** How many times each gated thing ran on this page: `stats`, `audience`, `video:A`… */
export function ranCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const r of (window as any).demoRan ?? []) {
      const k = r.detail && r.id === 'video' ? `video:${r.detail}` : r.id;
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  });
}

export function dataLayer(page: Page): Promise<unknown[]> {
  return page.evaluate(() =>
    ((window as any).dataLayer ?? []).map((e: any) =>
      e && typeof e === 'object' && !Array.isArray(e) && 'length' in e ? Array.from(e) : e,
    ),
  );
}

/** Cookies of the browser context as `name@domain` (a leading dot = a domain cookie). */
export async function cookies(ctx: BrowserContext): Promise<string[]> {
  return (await ctx.cookies()).map((c) => `${c.name}@${c.domain}`).sort();
}

export function localKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).sort());
}

export const banner = (page: Page) => page.locator('.cy-b');
export const dialog = (page: Page) => page.getByRole('dialog', { name: 'Cookie preferences' });
export const uiButton = (page: Page, name: string) =>
  page.locator(UI_ROOT).getByRole('button', { name, exact: true });

/** Waits for running CSS animations (the UI fades its dialog in) so checks see the settled page. */
export async function animationsDone(page: Page) {
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Number.POSITIVE_INFINITY)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
}

export async function expectNoAxeViolations(page: Page, label: string) {
  // Mid-fade colours are not what a visitor reads; measure contrast once the UI has settled.
  await animationsDone(page);
  const violations = await runAxe(page);
  expect(violations, `${label}:\n${formatViolations(violations)}`).toEqual([]);
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await animationsDone(page);
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: options.fullPage ?? false });
}

/** The paths of stand-in resources the server was asked for (by any host). */
export function standInRequests(demo: Demo, since = 0): string[] {
  return demo.server.requests
    .slice(since)
    .filter((r) => r.path.startsWith('/stand-ins/') && !r.path.endsWith('.css'))
    .map((r) => `${r.host.replace(/:\d+$/, '')}${r.path}`);
}

/**
 * The HTML the server sends to this browser context for `path` (its cookies for www.consentry.test,
 * and Sec-GPC when asked), fetched from Node: what arrives before any script runs.
 */
export async function serverHtml(
  demo: Demo,
  ctx: BrowserContext,
  path: string,
  headers: Record<string, string> = {},
) {
  const jar = await ctx.cookies(`${demo.base}${path}`);
  const cookie = jar.map((c) => `${c.name}=${c.value}`).join('; ');
  return new Promise<string>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: demo.port,
        path,
        headers: { host: `www.consentry.test:${demo.port}`, cookie, ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}
