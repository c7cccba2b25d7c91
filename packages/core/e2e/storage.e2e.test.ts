import { newContext } from '@consentry/test-utils';
import { describe, expect, it } from 'vitest';
import { useHarness } from './harness';

const h = useHarness();

const consentCookies = async (context: import('playwright-core').BrowserContext) =>
  (await context.cookies())
    .filter((c) => c.name === 'consentry')
    .map((c) => c.domain)
    .sort();

describe('the consent cookie (headless Chromium, hosts mapped to 127.0.0.1)', () => {
  it('a new decision removes a stale copy on a parent domain, so it is still in force after a reload', async () => {
    const context = await newContext(h.browser);
    const page = await context.newPage();
    const app = h.url('www.consentry.test', '/fixtures/app.html');
    await page.goto(app);
    // A refusal stored on the parent domain, as another subdomain (or an older config with a domain)
    // would have left it: the page's own (host-only) copy is moved there.
    await page.evaluate(() => (window as any).store.rejectAll());
    const [own] = (await context.cookies()).filter((c) => c.name === 'consentry');
    await context.clearCookies();
    await context.addCookies([{ ...own!, domain: '.consentry.test' }]);
    await expect.poll(() => consentCookies(context)).toEqual(['.consentry.test']);
    await page.reload();
    expect(await page.evaluate(() => (window as any).store.getSnapshot().record?.action)).toBe('reject-all');

    // The visitor changes their mind on this subdomain.
    await page.evaluate(() => (window as any).store.acceptAll());
    await expect.poll(() => consentCookies(context)).toEqual(['www.consentry.test']);
    await page.reload();
    expect(
      await page.evaluate(() => {
        const s = (window as any).store;
        return {
          action: s.getSnapshot().record?.action,
          analytics: s.has('analytics'),
          banner: s.getSnapshot().banner,
        };
      }),
    ).toEqual({ action: 'accept-all', analytics: true, banner: false });
    await context.close();
  });

  // A site that changed its config's cookie path or domain leaves the old copy in visitors' browsers.
  // Read beside the new one it outvoted every later decision (both copies must grant a thing), silently,
  // until it expired: up to 13 months.
  it.each([
    ['a deeper path (an older config with path "/fixtures/")', { path: '/fixtures/' }],
    ['Domain=www.consentry.test (an older config naming the host)', { domain: 'www.consentry.test' }],
  ])(
    'a new decision removes a stale copy on %s, so it is still in force after a reload',
    async (_, where) => {
      const context = await newContext(h.browser);
      const page = await context.newPage();
      await page.goto(h.url('www.consentry.test', '/fixtures/app.html'));
      await page.evaluate(() => (window as any).store.rejectAll());
      const [own] = (await context.cookies()).filter((c) => c.name === 'consentry');
      await context.clearCookies();
      const { domain = own!.domain, path = own!.path } = where as { domain?: string; path?: string };
      await context.addCookies([{ ...own!, domain, path }]);
      await page.reload();
      expect(await page.evaluate(() => (window as any).store.getSnapshot().record?.action)).toBe(
        'reject-all',
      );

      await page.evaluate(() => (window as any).store.acceptAll());
      await expect
        .poll(async () => (await context.cookies()).filter((c) => c.name === 'consentry').length)
        .toBe(1);
      await page.reload();
      expect(
        await page.evaluate(() => {
          const s = (window as any).store;
          return { action: s.getSnapshot().record?.action, analytics: s.has('analytics') };
        }),
      ).toEqual({ action: 'accept-all', analytics: true });
      await context.close();
    },
  );

  it('on an https page the consent cookie is Secure without any config; on http it is not', async () => {
    const context = await newContext(h.browser);
    // The harness speaks http: https://www.consentry.test/ is answered from it, so the page's origin (and
    // what the browser decides about Secure) is really https.
    await context.route('https://www.consentry.test/**', async (route) => {
      const { pathname, search } = new URL(route.request().url());
      // Fetched from Node, where only 127.0.0.1 resolves.
      const url = h.url('127.0.0.1', pathname + search);
      await route.fulfill({ response: await route.fetch({ url }) });
    });
    const page = await context.newPage();
    const secureOf = async (url: string) => {
      await context.clearCookies();
      await page.goto(url);
      await page.evaluate(() => (window as any).store.rejectAll());
      const cookies = (await context.cookies()).filter((c) => c.name === 'consentry');
      return cookies.map((c) => c.secure);
    };
    expect(await secureOf('https://www.consentry.test/fixtures/app.html')).toEqual([true]);
    // Still read back after a reload: a Secure write the browser refused would show the banner again.
    await page.reload();
    expect(await page.evaluate(() => (window as any).store.getSnapshot().banner)).toBe(false);
    expect(await secureOf(h.url('www.consentry.test', '/fixtures/app.html'))).toEqual([false]);
    await context.close();
  });
});
