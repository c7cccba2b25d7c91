import { newContext } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeRecord, defineConfig } from '../src/index';
import { useHarness, writePage } from './harness';

const HOST = 'www.consentry.test';
const h = useHarness();

// The same config as e2e/fixtures/site.js, so the server side decodes what the page encoded.
const siteConfig = defineConfig({
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
    { id: 'analytics', texts: { en: { title: 'Analytics' } } },
    { id: 'marketing', saleOrSharing: true, texts: { en: { title: 'Marketing' } } },
  ],
  services: [],
});

async function page(name: string, options: string): Promise<Page> {
  const path = writePage(
    name,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>proof</title>
<script src="/.out/consentry.js"></script><script src="/fixtures/site.js"></script>
<script>window.warnings=[];window.store=Consentry.createConsent(siteConfig(),{integrations:[Consentry.sendRecords(${options}),Consentry.multiTab()]});</script>
</head><body></body></html>`,
  );
  const context = await newContext(h.browser);
  const p = await context.newPage();
  p.on('console', (m) => {
    if (m.type() === 'warning') void p.evaluate((t) => (window as any).warnings.push(t), m.text());
  });
  await p.goto(h.url(HOST, path));
  return p;
}

const proofsAfter = async (count: number) => {
  for (let i = 0; i < 200 && h.proofs.length < count; i++) await new Promise((r) => setTimeout(r, 20));
  return h.proofs;
};

describe('sendRecords: each decision goes to the server as proof of consent (headless Chromium)', () => {
  it('sends each decision made on this page once, as the stored record, which the server decodes', async () => {
    h.proofs.length = 0;
    const p = await page('proof.html', "{ url: '/proof' }");
    // Reading the page sends nothing: no decision was made.
    await p.waitForTimeout(200);
    expect(h.proofs).toHaveLength(0);

    await p.evaluate(() => (window as any).store.save({ analytics: true }));
    await p.evaluate(() => (window as any).store.withdraw());
    const proofs = await proofsAfter(2);
    expect(proofs).toHaveLength(2);
    expect(proofs[0]!.type).toMatch(/^text\/plain/);
    const records = await p.evaluate(() =>
      (window as any).store
        .log()
        .filter((e: { type: string }) => e.type === 'SAVE' || e.type === 'WITHDRAW')
        .map((e: { id: string }) => e.id),
    );
    const decoded = proofs.map((x) => decodeRecord(x.body, siteConfig));
    expect(decoded.map((r) => r?.id)).toEqual(records);
    expect(decoded[0]).toMatchObject({ action: 'custom', categories: ['necessary', 'analytics'] });
    expect(decoded[1]).toMatchObject({ action: 'withdraw', categories: ['necessary'] });
    // The body is exactly the consent cookie's value.
    const cookie = await p.evaluate(() => document.cookie.match(/consentry=([^;]+)/)?.[1]);
    expect(proofs[1]!.body).toBe(cookie);

    // A decision that reaches another tab is not sent a second time by that tab.
    const other = await p.context().newPage();
    await other.goto(p.url());
    await p.evaluate(() => (window as any).store.acceptAll());
    await other.waitForFunction(() => (window as any).store.getSnapshot().record?.action === 'accept-all');
    await other.waitForTimeout(200);
    expect(h.proofs).toHaveLength(3);
    await p.context().close();
  });

  it('reports a server that refuses, and refuses a URL that is not http(s)', async () => {
    h.proofs.length = 0;
    // sendBeacon is not answered, so make the page fall back to fetch, whose answer can be read.
    const p = await page('proof-500.html', "{ url: '/proof?status=500' }");
    await p.evaluate(() => {
      Object.defineProperty(navigator, 'sendBeacon', { value: () => false });
      (window as any).store.acceptAll();
    });
    await p.waitForFunction(() => (window as any).warnings.length > 0);
    expect(await p.evaluate(() => (window as any).warnings[0])).toMatch(/answered 500/);
    expect(h.proofs).toHaveLength(1);

    const error = await p.evaluate(() => {
      try {
        (window as any).Consentry.sendRecords({ url: 'javascript:alert(1)' });
        return null;
      } catch (e) {
        return String(e);
      }
    });
    expect(error).toMatch(/TypeError: sendRecords: invalid options\.url: expected an http\(s\) URL/);
    await p.context().close();
  });
});
