import { newContext } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarness, writePage } from './harness';

const h = useHarness();

// The CSP the README recommends. 'strict-dynamic' trusts any script a trusted script creates, and
// gating creates the scripts it runs: unless gating checks the nonce itself, markup injected into the
// page (a comment rendered unescaped, which the CSP was trusted to make inert) runs through it.
const CSP = "script-src 'nonce-N0nce' 'strict-dynamic'; object-src 'none'; base-uri 'none'";

interface Setup {
  /** Where the site's scripts that create the store are: in the head, or after the page's content. */
  at: 'head' | 'end';
  /** By the nonced classic script as it runs (document.currentScript is set), or at DOMContentLoaded
   * (it is not, as in a module). */
  start: 'now' | 'DOMContentLoaded';
  /** Whether gating is given the nonce (its `nonce` option). */
  option: boolean;
}

// The comment holds what an attacker injected: a plain script (the CSP blocks it), gated scripts
// without a nonce or with a made-up one, for necessary (granted before any decision) and analytics.
// After it, the site's own nonced gated scripts and a gated iframe.
function page(name: string, { at, start, option }: Setup, withNonces = true) {
  const create = `window.store=Consentry.createConsent(config,{integrations:[Consentry.gating({scriptTimeout:600000${option ? ",nonce:'N0nce'" : ''}})]});`;
  const site = `<script nonce="N0nce">window.ran=[];</script>
<script nonce="N0nce" src="/.out/consentry.js"></script>
<script nonce="N0nce">
const config=Consentry.defineConfig({revision:1,languages:['en'],
  categories:[{id:'necessary',required:true,texts:{en:{title:'N'}}},{id:'analytics',texts:{en:{title:'A'}}}],
  services:[{id:'widget',provider:'W',category:'analytics',texts:{en:{title:'W'}},scripts:['/fixtures/ext.js?id=lib']}]});
${start === 'now' ? create : `document.addEventListener('DOMContentLoaded',()=>{${create}});`}
</script>`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Nonces</title>
${at === 'head' ? site : ''}
</head><body>
<div class="comment"><p>Nice post!</p>
<script>window.injectedPlain=true</script>
<script type="text/plain" data-consent="necessary">window.ran.push('injected-necessary')</script>
<script type="text/plain" data-consent="necessary" src="/fixtures/ext.js?id=injected-necessary-src"></script>
<script type="text/plain" data-consent="analytics">window.ran.push('injected-analytics')</script>
<script type="text/plain" data-consent="analytics" src="/fixtures/ext.js?id=injected-analytics-src"></script>
<script type="text/plain" data-consent="analytics" nonce="guess">window.ran.push('injected-guess')</script>
</div>
<script type="text/plain" data-consent="necessary" nonce="N0nce">window.ran.push('necessary')</script>
<script type="text/plain" data-consent="analytics" nonce="N0nce">window.ran.push('inline')</script>
<script type="text/plain" data-consent="analytics" nonce="N0nce" src="/fixtures/ext.js?id=ext"></script>
<iframe id="embed" title="embed" data-consent="analytics" data-src="/fixtures/embed.html"></iframe>
${at === 'end' ? site : ''}
</body></html>`;
  return writePage(name, withNonces ? html : html.replace(/ nonce="\w+"/g, ''));
}

async function open(path: string, csp: string | null): Promise<Page> {
  const context = await newContext(h.browser);
  // The harness serves generated pages without headers: the route adds the CSP to the page's response,
  // as a server would. Every request goes through it: a page answered by the route counts as public,
  // and Chromium would refuse it scripts from the loopback server (Private Network Access). Fetched
  // with the server's own address: only Chromium maps the .test host names to 127.0.0.1.
  if (csp) {
    await context.route('**/*', async (route) => {
      const { pathname, search } = new URL(route.request().url());
      const response = await fetch(h.server.url + pathname + search);
      const headers = Object.fromEntries(response.headers);
      if (pathname.endsWith('.html')) headers['content-security-policy'] = csp;
      await route.fulfill({
        status: response.status,
        headers,
        body: Buffer.from(await response.arrayBuffer()),
      });
    });
  }
  const p = await context.newPage();
  const said: string[] = [];
  warnings.set(p, said);
  p.on('console', (m) => {
    if (m.type() === 'warning') said.push(m.text());
  });
  await p.goto(h.url('www.consentry.test', path));
  await p.waitForFunction(() => (window as any).store);
  return p;
}

/** The console warnings of each page opened. */
const warnings = new Map<Page, string[]>();
const ran = (p: Page) => p.evaluate(() => (window as any).ran as string[]);
const fetched = (part: string) => h.server.requests.filter((r) => r.url.includes(part)).length;
const states = (p: Page) =>
  p.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLScriptElement>('script[data-consent]'), (s) =>
      [s.getAttribute('data-consent-state'), s.src.replace(location.origin, '') || s.text].join(' '),
    ),
  );

describe("gating on a page with a nonce-based CSP and 'strict-dynamic' (headless Chromium)", () => {
  // How gating finds the page's nonce: the first script with one (the site's, in the head); the
  // script creating the store, when the injected markup comes first in the page (its made-up nonce
  // must not count); the option.
  it.each<[string, Setup]>([
    ['created in the head at DOMContentLoaded', { at: 'head', start: 'DOMContentLoaded', option: false }],
    ['created by a script after the content', { at: 'end', start: 'now', option: false }],
    [
      'given the nonce, created after the content at DOMContentLoaded',
      { at: 'end', start: 'DOMContentLoaded', option: true },
    ],
  ])(
    'store %s: injected gated scripts without the page nonce never run; nonced ones and the config scripts do',
    async (_, setup) => {
      const before = fetched('injected');
      const p = await open(page(`nonce-${setup.at}-${setup.start}-${setup.option}.html`, setup), CSP);
      await p.waitForFunction(() => (window as any).ran.includes('necessary'));
      // Necessary is granted before any decision: only the site's nonced necessary script ran.
      expect(await ran(p)).toEqual(['necessary']);

      await p.evaluate(() => (window as any).store.acceptAll());
      await p.waitForFunction(() => (window as any).ran.includes('ext'));
      await p.waitForFunction(() => document.getElementById('embed')!.getAttribute('src') !== null);
      expect(await ran(p)).toEqual(['necessary', 'lib', 'inline', 'ext']);

      // Markup injected after the decision (a comment loaded later) does not run either; a gated script
      // the page's own code adds with the nonce does.
      await p.evaluate(() => {
        document.body.insertAdjacentHTML(
          'beforeend',
          `<script type="text/plain" data-consent="analytics">window.ran.push('late-injected')</script>
<script type="text/plain" data-consent="analytics" src="/fixtures/ext.js?id=late-injected-src"></script>`,
        );
        const s = document.createElement('script');
        s.type = 'text/plain';
        s.setAttribute('data-consent', 'analytics');
        s.nonce = 'N0nce';
        s.text = "window.ran.push('late-nonced')";
        document.body.append(s);
      });
      await p.waitForFunction(() => (window as any).ran.includes('late-nonced'));
      expect(await ran(p)).toEqual(['necessary', 'lib', 'inline', 'ext', 'late-nonced']);

      // Each refused script is marked error (and held back nothing: the scripts after it ran); the
      // injected URLs were never fetched.
      expect(await states(p)).toEqual([
        'ran /fixtures/ext.js?id=lib',
        "error window.ran.push('injected-necessary')",
        'error /fixtures/ext.js?id=injected-necessary-src',
        "error window.ran.push('injected-analytics')",
        'error /fixtures/ext.js?id=injected-analytics-src',
        "error window.ran.push('injected-guess')",
        "ran window.ran.push('necessary')",
        "ran window.ran.push('inline')",
        'ran /fixtures/ext.js?id=ext',
        "error window.ran.push('late-injected')",
        'error /fixtures/ext.js?id=late-injected-src',
        "ran window.ran.push('late-nonced')",
      ]);
      expect(fetched('injected')).toBe(before);
      // And each refusal is said on the console, for a site whose CSP does not enforce its nonces yet.
      const said = warnings.get(p)!;
      expect(said).toHaveLength(7);
      expect(
        said.every((w) => w.startsWith("[consentry] gated script without the page's nonce, not run:")),
      ).toBe(true);
      // The CSP is in force: it blocked the plain injected script.
      expect(await p.evaluate(() => (window as any).injectedPlain)).toBeUndefined();
      await p.context().close();
    },
  );

  // Without 'strict-dynamic' a created script runs only with the nonce: the config's library got none
  // unless the option was given, and the page's inline init() that calls it ran without it.
  it("under a CSP of nonces alone, the config's scripts get the page nonce gating found", async () => {
    const setup: Setup = { at: 'head', start: 'now', option: false };
    const p = await open(page('nonce-only.html', setup), "script-src 'nonce-N0nce'; object-src 'none'");
    await p.evaluate(() => (window as any).store.acceptAll());
    await p.waitForFunction(() => (window as any).ran.includes('ext'));
    expect(await ran(p)).toEqual(['necessary', 'lib', 'inline', 'ext']);
    expect(
      await p.evaluate(() => document.querySelector<HTMLScriptElement>('script[src$="id=lib"]')!.nonce),
    ).toBe('N0nce');
    await p.context().close();
  });

  it('without nonces or CSP, every gated script runs as before: necessary at once, the rest on consent', async () => {
    const p = await open(page('no-nonce.html', { at: 'head', start: 'now', option: false }, false), null);
    await p.waitForFunction(() => (window as any).ran.includes('necessary'));
    expect(await p.evaluate(() => (window as any).injectedPlain)).toBe(true);
    expect(await ran(p)).toEqual(['injected-necessary', 'injected-necessary-src', 'necessary']);
    await p.evaluate(() => (window as any).store.acceptAll());
    await p.waitForFunction(() => (window as any).ran.includes('ext'));
    expect(await ran(p)).toEqual([
      'injected-necessary',
      'injected-necessary-src',
      'necessary',
      'lib',
      'injected-analytics',
      'injected-analytics-src',
      'injected-guess',
      'inline',
      'ext',
    ]);
    expect((await states(p)).every((s) => s.startsWith('ran '))).toBe(true);
    expect(warnings.get(p)).toEqual([]);
    await p.context().close();
  });
});
