import { newContext } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarness, vectors, writePage } from './harness';

// Source: test-vectors/google-consent-mode-scenarios.json (see its meta.sources).
const data = vectors('google-consent-mode-scenarios.json');
const ARGS = data.meta.assertionNotes.match(/'(\[object Arguments\])'/)[1] as string;

const h = useHarness();

/** The dataLayer as [kind, entry] pairs, where kind is Object.prototype.toString of the entry. */
const layer = (page: Page) =>
  page.evaluate(() =>
    ((window as any).dataLayer as unknown[]).map((e) => [
      Object.prototype.toString.call(e),
      Object.prototype.toString.call(e) === '[object Arguments]' ? Array.from(e as ArrayLike<unknown>) : e,
    ]),
  ) as Promise<[string, any][]>;

describe('Google Consent Mode v2 in the page (headless Chromium)', () => {
  it('default first, as Arguments, before the page bootstrap; a decision updates before the tags it lets run', async () => {
    const context = await newContext(h.browser);
    const page = await context.newPage();
    await page.goto(h.url('www.consentry.test', '/fixtures/gating.html'));
    let entries = await layer(page);
    expect(entries[0]![0]).toBe(ARGS);
    expect(entries[0]![1].slice(0, 2)).toEqual(['consent', 'default']);
    expect(entries[0]![1][2]).toEqual({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'denied',
      security_storage: 'granted',
      wait_for_update: 500,
    });
    expect(entries[1]).toEqual(['[object Object]', { event: 'page-bootstrap' }]);

    await page.evaluate(() => (window as any).store.save({ analytics: true }));
    await page.waitForFunction(() => (window as any).dataLayer.some((e: any) => e.event === 'gated-tag'));
    entries = await layer(page);
    const update = entries.findIndex(([, e]) => Array.isArray(e) && e[1] === 'update');
    const tag = entries.findIndex(([, e]) => e.event === 'gated-tag');
    expect(update).toBeGreaterThan(0);
    expect(tag).toBeGreaterThan(update);
    expect(entries[update]![0]).toBe(ARGS);
    expect(entries[update]![1][2]).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied' });

    // returning-visitor-restore: one default then one update, never a second default.
    await page.reload();
    entries = await layer(page);
    const consent = entries.filter(([kind]) => kind === ARGS).map(([, e]) => e[1]);
    expect(consent).toEqual(['default', 'update']);
    expect(entries[1]![1][2]).toMatchObject({ analytics_storage: 'granted', ad_storage: 'denied' });
    // Every consent command the SDK pushed is an Arguments object (arguments-shape).
    expect(
      entries.filter(([, e]) => Array.isArray(e) && e[0] === 'consent').every(([kind]) => kind === ARGS),
    ).toBe(true);
    await context.close();
  });

  it("the SDK in a module script, after the page's gtag snippet: the default still comes before gtag('config')", async () => {
    const path = writePage(
      'gtag-first.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>gtag first</title>
<script src="/.out/consentry.js"></script><script src="/fixtures/site.js"></script>
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date()); gtag('config', 'G-TEST');</script>
<script type="module">window.store = Consentry.createConsent(siteConfig(), { integrations: [Consentry.consentMode({ adsDataRedaction: true })] });</script>
</head><body></body></html>`,
    );
    const context = await newContext(h.browser);
    const page = await context.newPage();
    await page.goto(h.url('www.consentry.test', path));
    await page.waitForFunction(() => (window as any).store);
    const commands = (await layer(page)).map(([kind, e]) =>
      kind !== ARGS ? kind : e[0] === 'js' ? 'js' : `${e[0]}:${e[1]}`,
    );
    // Each one as gtag pushes it (an Arguments object), the consent commands first.
    expect(commands).toEqual(['consent:default', 'set:ads_data_redaction', 'js', 'config:G-TEST']);
    await context.close();
  });
});
