import { existsSync } from 'node:fs';
import {
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  chromium,
  type LaunchOptions,
  type Page,
} from 'playwright-core';

/** Debian's chromium, or CHROMIUM_PATH. `playwright install` cannot download browsers here. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p) => p && existsSync(p));
  if (!found)
    throw new Error('Chromium not found: install Debian\'s "chromium" package or set CHROMIUM_PATH');
  return found;
}

/**
 * Host names the browser tests use, all mapped to 127.0.0.1 so cookie-domain cases (parent domain,
 * third party) are real: www.consentry.test, shop.example.co.uk, embed.other.test…
 */
export const HOST_RESOLVER_RULES = 'MAP *.test 127.0.0.1, MAP *.co.uk 127.0.0.1, MAP *.example 127.0.0.1';

/**
 * Headless Chromium with the flags this closed network needs (without the background-networking
 * flags it keeps trying to reach Google's hosts). Playwright gives each launch a fresh temporary profile.
 */
export async function launchChromium(options: LaunchOptions & { args?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    ...options,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--disable-default-apps',
      '--disable-extensions',
      `--host-resolver-rules=${HOST_RESOLVER_RULES}`,
      ...(options.args ?? []),
    ],
  });
}

/** A fresh context; `gpc: true` makes navigator.globalPrivacyControl true and sends Sec-GPC: 1. */
export async function newContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] & { gpc?: boolean } = {},
): Promise<BrowserContext> {
  const { gpc, ...rest } = options;
  const context = await browser.newContext(rest);
  if (gpc) {
    await context.setExtraHTTPHeaders({ 'Sec-GPC': '1' });
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
        get: () => true,
        configurable: true,
      });
    });
  }
  return context;
}

/** A page in a fresh context that keeps what the page said: its console messages and uncaught errors. */
export async function watchedPage(
  browser: Browser,
): Promise<{ page: Page; console: ConsoleMessage[]; errors: string[] }> {
  const page = await (await newContext(browser)).newPage();
  const console: ConsoleMessage[] = [];
  const errors: string[] = [];
  page.on('console', (m) => console.push(m));
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, console, errors };
}
