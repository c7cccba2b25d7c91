import { newContext } from '@consentry/test-utils';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarness, vectors, writePage } from './harness';

const h = useHarness();
const cases = vectors('peer-issue-attack-and-edge-cases.json').cases as { id: string; input: any }[];
const vector = (id: string) => cases.find((c) => c.id === id)!;

/** Records every document.cookie assignment the page makes. */
function logCookieWrites() {
  const d = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie')!;
  (window as any).cookieWrites = [];
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    get() {
      return d.get!.call(this);
    },
    set(v: string) {
      (window as any).cookieWrites.push(v);
      d.set!.call(this, v);
    },
  });
}

async function open(host: string, init?: () => void): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(h.browser);
  await context.addInitScript(logCookieWrites);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await page.goto(h.url(host, '/fixtures/app.html'));
  return { context, page };
}

const names = async (context: BrowserContext) =>
  (await context.cookies()).map((c) => `${c.name}@${c.domain}${c.path}`).sort();
/**
 * Cookies added through the browser's cookie store reach the page's `document.cookie` asynchronously;
 * wait until the page sees them, as it would see cookies its own scripts set long before a withdrawal.
 */
const visible = (page: Page, cookieNames: string[]) =>
  page.waitForFunction(
    (ns) => ns.every((n) => document.cookie.split('; ').some((c) => c.startsWith(`${n}=`))),
    cookieNames,
  );
/** Deletions made in the page reach the browser's cookie store asynchronously too: poll it. */
const settled = (context: BrowserContext) => expect.poll(() => names(context), { timeout: 5000 });
const writes = (page: Page) => page.evaluate(() => (window as any).cookieWrites as string[]);

describe('cookie auto-clear (headless Chromium, hosts mapped to 127.0.0.1)', () => {
  it('deletes a _ga-like cookie on the parent domain and its host-only copy, on every declared path, and the storage keys', async () => {
    const host = 'www.consentry.test';
    const { context, page } = await open(host);
    await page.evaluate(() => (window as any).store.acceptAll());
    const url = h.url(host, '/');
    await context.addCookies([
      { name: '_ga', value: 'GA1.2.parent', domain: '.consentry.test', path: '/' },
      { name: '_ga', value: 'GA1.2.host', url },
      { name: '_ga_XYZ', value: '1', domain: '.www.consentry.test', path: '/' },
      { name: '_gid', value: '1', domain: host, path: '/fixtures' },
      { name: '_gpath', value: '1', domain: host, path: '/blog' },
      { name: 'keep', value: '1', url },
    ]);
    await page.evaluate(() => {
      localStorage.setItem('ga_ls', '1');
      localStorage.setItem('other', '1');
      sessionStorage.setItem('ga_s_1', '1');
      sessionStorage.setItem('ga_x', '1');
    });
    // Both _ga copies are there before (the parent-domain one and the host-only one).
    expect((await names(context)).filter((n) => n.startsWith('_ga@'))).toEqual([
      '_ga@.consentry.test/',
      '_ga@www.consentry.test/',
    ]);

    await visible(page, ['_ga', '_ga_XYZ', '_gid', 'keep']);
    await page.evaluate(() => (window as any).store.withdraw(['analytics']));

    await settled(context).toEqual(['consentry@www.consentry.test/', 'keep@www.consentry.test/']);
    expect(await page.evaluate(() => [localStorage.getItem('ga_ls'), localStorage.getItem('other')])).toEqual(
      [null, '1'],
    );
    expect(
      await page.evaluate(() => [sessionStorage.getItem('ga_s_1'), sessionStorage.getItem('ga_x')]),
    ).toEqual([null, '1']);
    // Never a write on the public suffix ("test").
    expect((await writes(page)).filter((w) => /domain=\.?test(;|$)/i.test(w))).toEqual([]);
    await context.close();
  });

  it('public-suffix-root-domain: on shop.example.co.uk clears .example.co.uk and host-only, never Domain=co.uk', async () => {
    const { input } = vector('public-suffix-root-domain');
    const host = input.hostname as string;
    const { context, page } = await open(host);
    await page.evaluate(() => (window as any).store.acceptAll());
    await context.addCookies([
      { name: '_ga', value: 'parent', domain: '.example.co.uk', path: '/' },
      { name: '_ga', value: 'host', url: h.url(host, '/') },
    ]);
    // The browser itself refuses co.uk: the same must hold for anything we would write.
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noDocumentCookie: checking what the browser itself refuses.
      document.cookie = 'probe=1; Domain=co.uk; Path=/';
    });
    expect(await page.evaluate(() => document.cookie)).not.toContain('probe=');
    const before = (await writes(page)).length;

    await visible(page, ['_ga']);
    await page.evaluate(() => (window as any).store.withdraw());

    await settled(context).toEqual([`consentry@${host}/`]);
    const ours = (await writes(page)).slice(before);
    expect(ours.some((w) => /domain=example\.co\.uk/i.test(w))).toBe(true);
    expect(ours.some((w) => !/domain=/i.test(w) && w.startsWith('_ga='))).toBe(true);
    expect(ours.filter((w) => /domain=\.?co\.uk(;|$)/i.test(w) || /domain=\.?uk(;|$)/i.test(w))).toEqual([]);
    await context.close();
  });

  it('subdomain-autoclear: _fbp and a _ga-like cookie on the parent domain and its host-only copy are gone; no probe cookie is written', async () => {
    // The vector's my-site.example.com, on a host name this browser maps to 127.0.0.1.
    const { input } = vector('subdomain-autoclear');
    const host = String(input.site).replace(/\.com$/, '.test');
    const parent = String(input.thirdPartyCookie.domain).replace(/\.com$/, '.test');
    const { context, page } = await open(host);
    await page.evaluate(() => (window as any).store.acceptAll());
    await context.addCookies([
      { name: input.thirdPartyCookie.name, value: 'fb.1', domain: parent, path: input.thirdPartyCookie.path },
      // The issue's own check: a _ga-like cookie on .example.test and a host-only copy.
      { name: '_ga', value: 'GA1.2.parent', domain: '.example.test', path: '/' },
      { name: '_ga', value: 'GA1.2.host', url: h.url(host, '/') },
    ]);
    expect((await names(context)).filter((n) => n.startsWith('_ga@'))).toEqual([
      '_ga@.example.test/',
      `_ga@${host}/`,
    ]);
    const before = (await writes(page)).length;

    await visible(page, ['_fbp', '_ga']);
    await page.evaluate(() => (window as any).store.withdraw());

    await settled(context).toEqual([`consentry@${host}/`]);
    const ours = (await writes(page)).slice(before);
    for (const d of [null, host, 'example.test']) {
      expect(ours).toContain(d ? `_fbp=; Path=/; Domain=${d}; Max-Age=0` : '_fbp=; Path=/; Max-Age=0');
    }
    // Every write is either the consent cookie or a deletion: nothing probes while consent is denied.
    expect(ours.filter((w) => !w.startsWith('consentry=') && !/Max-Age=0/.test(w))).toEqual([]);
    await context.close();
  });

  it('cookie-name-regex-metachars: literal names stay literal', async () => {
    const { input } = vector('cookie-name-regex-metachars');
    const host = 'www.consentry.test';
    const { context, page } = await open(host);
    await page.evaluate(() => (window as any).store.acceptAll());
    const url = h.url(host, '/');
    // '_ga.*' and '^_hj' are declared as exact names in the fixture config; 'a+b(' is not a cookie name
    // the config accepts (see the unit tests). Look-alikes a regex would also match must survive.
    const literal = (input.cookieNames as string[]).filter((n) => n !== 'a+b(');
    await context.addCookies(
      [...literal, '_gaX', '_ga.XYZ', '_hjFoo', 'x^_hj'].map((name) => ({ name, value: '1', url })),
    );
    await visible(page, [...literal, '_gaX', '_ga.XYZ', '_hjFoo', 'x^_hj']);
    await page.evaluate(() => (window as any).store.withdraw(['marketing']));
    await expect
      .poll(async () => (await context.cookies()).map((c) => c.name).sort(), { timeout: 5000 })
      .toEqual(['_ga.XYZ', '_gaX', '_hjFoo', 'consentry', 'x^_hj']);
    await context.close();
  });

  it('on a.b.localhost under /.out/: what a gated script set on the parent domain and on non-root paths is gone; necessary cookies stay', async () => {
    // Chromium resolves *.localhost to loopback itself: a real multi-label host without any mapping.
    const path = writePage(
      'gated-cookies.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cookies</title>
<script src="/.out/consentry.js"></script>
<script>
const C = Consentry;
window.store = C.createConsent(C.defineConfig({ revision: 1, languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
    { id: 'analytics', texts: { en: { title: 'Analytics' } } },
  ],
  services: [
    { id: 'session', provider: 'Site', category: 'necessary', texts: { en: { title: 'Session' } },
      cookies: [{ name: '_sess' }, { pattern: '^_csrf' }] },
    { id: 'stats', provider: 'Stats', category: 'analytics', texts: { en: { title: 'Stats' } },
      // Broader than it should be: it also covers the site's _sess.
      cookies: [{ pattern: '^_s' }, { name: 'trail' }] },
  ] }), { integrations: [C.gating(), C.autoClear()] });
</script></head><body>
<script type="text/plain" data-consent="stats">
document.cookie = '_st_host=1; path=/';
document.cookie = '_st_parent=1; domain=b.localhost; path=/';
document.cookie = '_st_mid=1; domain=.a.b.localhost; path=/';
document.cookie = '_st_dir=1';
document.cookie = '_st_slash=1; path=/.out/';
document.cookie = 'trail=1; domain=b.localhost; path=/.out/';
window.cookiesSet = true;
</script>
</body></html>`,
    );
    const host = 'a.b.localhost';
    const context = await newContext(h.browser);
    const page = await context.newPage();
    await page.goto(h.url(host, path));
    await page.evaluate(() => {
      // biome-ignore lint/suspicious/noDocumentCookie: the site's own necessary cookies.
      document.cookie = '_sess=1; path=/';
      // biome-ignore lint/suspicious/noDocumentCookie: the site's own necessary cookies.
      document.cookie = '_csrf_st=1; path=/';
      (window as any).store.acceptAll();
    });
    await page.waitForFunction(() => (window as any).cookiesSet);
    expect(await names(context)).toEqual([
      '_csrf_st@a.b.localhost/',
      '_sess@a.b.localhost/',
      '_st_dir@a.b.localhost/.out',
      '_st_host@a.b.localhost/',
      '_st_mid@.a.b.localhost/',
      '_st_parent@.b.localhost/',
      '_st_slash@a.b.localhost/.out/',
      'consentry@a.b.localhost/',
      'trail@.b.localhost/.out/',
    ]);
    await page.evaluate(() => (window as any).store.withdraw());
    await settled(context).toEqual([
      '_csrf_st@a.b.localhost/',
      '_sess@a.b.localhost/',
      'consentry@a.b.localhost/',
    ]);
    await context.close();
  });

  it('storage that throws does not stop the cookie deletions, and the store keeps working', async () => {
    const host = 'www.consentry.test';
    const { context, page } = await open(host, () => {
      for (const key of ['localStorage', 'sessionStorage']) {
        Object.defineProperty(window, key, {
          configurable: true,
          get() {
            throw new DOMException('The operation is insecure.', 'SecurityError');
          },
        });
      }
    });
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.evaluate(() => (window as any).store.acceptAll());
    await context.addCookies([{ name: '_ga', value: '1', domain: '.consentry.test', path: '/' }]);
    await visible(page, ['_ga']);
    await page.evaluate(() => (window as any).store.rejectAll());
    await expect
      .poll(async () => (await names(context)).filter((n) => n.startsWith('_ga')), { timeout: 5000 })
      .toEqual([]);
    expect(await page.evaluate(() => (window as any).store.getSnapshot().record.action)).toBe('reject-all');
    expect(errors.some((e) => e.includes('SecurityError') || e.includes('insecure'))).toBe(true);
    await context.close();
  });
});
