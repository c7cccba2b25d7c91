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
});
