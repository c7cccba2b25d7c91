import { newContext } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useHarness, vectors } from './harness';

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
});
