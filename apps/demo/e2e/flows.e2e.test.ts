import { describe, expect, test } from 'vitest';
import {
  banner,
  context,
  cookies,
  dataLayer,
  dialog,
  expectNoAxeViolations,
  localKeys,
  open,
  ranCounts,
  ready,
  screenshot,
  settle,
  setupDemo,
  snapshot,
  standInRequests,
  uiButton,
} from './harness';

const demo = setupDemo();
const plain = () => `${demo.base}/plain.html`;

// Cookies the demo sets without consent: the server's csrftoken (necessary, from the seed policy) and
// the exempt anonymised-audience cookie. Anything else before a decision would be a failure.
const NECESSARY = ['csrftoken@www.consentry.test'];
const EXEMPT = ['_au_ses@www.consentry.test'];
const CONSENT = ['consentry@www.consentry.test'];
const ANALYTICS = ['_sa_id@.consentry.test', '_sa_id@www.consentry.test', '_sa_sess@www.consentry.test'];

describe('consent flows on the plain page (core + ui + HTML-gated scripts)', () => {
  test('fresh visit: banner shown, nothing optional ran or was fetched, Consent Mode default denies all optional types', async () => {
    const ctx = await context(demo);
    const since = demo.server.requests.length;
    const { page, errors } = await open(ctx, plain());
    await expect.poll(() => banner(page).isVisible()).toBe(true);
    await screenshot(page, '01-fresh-visit-banner');

    await settle(page);
    const s = await snapshot(page);
    expect(s.status).toBe('undecided');
    expect(s.granted).toMatchObject({
      necessary: true,
      statistics: true,
      analytics: false,
      marketing: false,
      stats: false,
      video: false,
    });
    // Only the exempt audience counter ran: no analytics script, no embed.
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1 });
    await expect.poll(() => cookies(ctx)).toEqual([...EXEMPT, ...NECESSARY].sort());
    expect(await localKeys(page)).toEqual([]);
    // The gated analytics script and the embed were never requested, from any host.
    expect(standInRequests(demo, since)).toEqual(['www.consentry.test/stand-ins/audience.js']);
    expect(await page.locator('iframe[data-consent]').getAttribute('src')).toBeNull();

    const layer = await dataLayer(page);
    expect(layer[0]).toEqual([
      'consent',
      'default',
      expect.objectContaining({
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        analytics_storage: 'denied',
        functionality_storage: 'granted',
        security_storage: 'granted',
      }),
    ]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('reject all: nothing optional runs, only the consent cookie and necessary ones exist; reload keeps it', async () => {
    const ctx = await context(demo);
    const since = demo.server.requests.length;
    const { page } = await open(ctx, plain());
    await uiButton(page, 'Reject all').click();
    await expect.poll(() => banner(page).isVisible()).toBe(false);

    const s = await snapshot(page);
    expect(s.record?.action).toBe('reject-all');
    expect(s.granted).toMatchObject({
      necessary: true,
      statistics: false,
      analytics: false,
      marketing: false,
    });
    // Rejecting covers the exempt statistics too: its cookie is cleared.
    await expect.poll(() => cookies(ctx)).toEqual([...CONSENT, ...NECESSARY].sort());
    expect(await dataLayer(page)).toContainEqual([
      'consent',
      'update',
      expect.objectContaining({ analytics_storage: 'denied', ad_storage: 'denied' }),
    ]);
    await screenshot(page, '02-rejected');
    await expectNoAxeViolations(page, 'plain page after rejecting all');

    await page.reload();
    await ready(page);
    await settle(page);
    expect(await page.evaluate(() => (window as any).bannerSeen)).toBe(false);
    expect((await snapshot(page)).record?.action).toBe('reject-all');
    expect(await ranCounts(page)).toEqual({});
    expect(await cookies(ctx)).toEqual([...CONSENT, ...NECESSARY].sort());
    expect(standInRequests(demo, since)).toEqual(['www.consentry.test/stand-ins/audience.js']);
    await ctx.close();
  });

  test('accept all: gated scripts and the embed run once each; reload keeps it with no banner flash', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, plain());
    await uiButton(page, 'Accept all').click();
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, stats: 1, 'video:C': 1 });
    await expect
      .poll(() => cookies(ctx))
      .toEqual(expect.arrayContaining([...CONSENT, ...NECESSARY, ...EXEMPT, ...ANALYTICS]));
    // The embed's own cookie, set from localhost inside the iframe: a third-party (partitioned) cookie.
    await expect
      .poll(async () => (await ctx.cookies()).some((c) => c.name === 'vid_uid' && c.domain === 'localhost'))
      .toBe(true);
    expect(await localKeys(page)).toContain('sa_events');
    const layer = await dataLayer(page);
    const update = layer.findIndex((e) => Array.isArray(e) && e[1] === 'update');
    const pageview = layer.findIndex((e) => (e as { event?: string })?.event === 'stats_pageview');
    expect(layer[update]).toEqual([
      'consent',
      'update',
      expect.objectContaining({ analytics_storage: 'granted', ad_storage: 'granted' }),
    ]);
    // The update reaches dataLayer before the tag it lets run.
    expect(update).toBeGreaterThan(0);
    expect(pageview).toBeGreaterThan(update);
    await screenshot(page, '03-accepted');

    await page.reload();
    await ready(page);
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, stats: 1, 'video:C': 1 });
    expect(await page.evaluate(() => (window as any).bannerSeen)).toBe(false);
    expect(await banner(page).isVisible()).toBe(false);
    // A returning visitor: Consent Mode default, then the stored grants at once.
    expect((await dataLayer(page)).slice(0, 2)).toEqual([
      ['consent', 'default', expect.objectContaining({ analytics_storage: 'denied' })],
      ['consent', 'update', expect.objectContaining({ analytics_storage: 'granted' })],
    ]);
    await ctx.close();
  });

  test('proof of consent: each decision reaches the server once, as the stored record, and the panel shows it kept', async () => {
    const ctx = await context(demo);
    const { page, errors } = await open(ctx, plain());
    const before = demo.server.proofs.length;
    await uiButton(page, 'Reject all').click();
    await expect.poll(() => demo.server.proofs.length).toBe(before + 1);
    await page.evaluate(() => (window as any).demoStore.acceptAll());
    await expect.poll(() => demo.server.proofs.length).toBe(before + 2);
    const [rejected, accepted] = demo.server.proofs.slice(before);
    expect(rejected!.record).toMatchObject({ action: 'reject-all', categories: ['necessary'] });
    expect(accepted!.record).toMatchObject({ action: 'accept-all' });
    // What the server kept is the decision in force in the browser, to the id.
    expect((await snapshot(page)).record).toEqual(accepted!.record);
    await expect
      .poll(() => page.locator('#panel-proofs').textContent())
      .toMatch(/reject-all .*kept at[\s\S]*accept-all .*kept at/);
    // A reload sends nothing: no new decision.
    await page.reload();
    await ready(page);
    await settle(page);
    expect(demo.server.proofs.length).toBe(before + 2);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  // A landing page's query can carry ad click ids or an e-mail address: none of it goes with the proof.
  test("proof of consent: the beacon carries the demo's own query only (revision, jurisdiction), not the landing page's", async () => {
    const ctx = await context(demo);
    const { page, errors } = await open(
      ctx,
      `${demo.base}/plain.html?gclid=abc123&email=jane.doe%40example.com&revision=2&jurisdiction=eu`,
    );
    const before = demo.server.requests.length;
    await uiButton(page, 'Reject all').click();
    await expect
      .poll(() => demo.server.requests.slice(before).filter((r) => r.method === 'POST'))
      .toEqual([
        expect.objectContaining({ method: 'POST', path: '/api/consent?revision=2&jurisdiction=eu' }),
      ]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('proof of consent: the server refuses a body that is not a valid record of its config', async () => {
    const post = (body: string) =>
      fetch(`http://127.0.0.1:${demo.port}/api/consent`, { method: 'POST', body }).then((r) => r.status);
    const before = demo.server.proofs.length;
    expect(await post('')).toBe(400);
    expect(await post('1.abcdefgh.1.0.1.2.analytics..zzz')).toBe(400);
    expect(await post('x'.repeat(10_000))).toBe(400);
    expect(demo.server.proofs.length).toBe(before);
  });

  test('customise: toggling without saving stores nothing; saving analytics only grants only analytics', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, plain());
    await uiButton(page, 'Customise').click();
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    await dialog(page).getByRole('switch', { name: 'Analytics' }).click();
    await expect(
      dialog(page).getByRole('switch', { name: 'Analytics' }).getAttribute('aria-checked'),
    ).resolves.toBe('true');
    await screenshot(page, '04-customise-draft');
    await settle(page);
    expect(await ranCounts(page)).toEqual({ audience: 1 });

    await page.reload();
    await ready(page);
    await settle(page);
    expect(await banner(page).isVisible()).toBe(true);
    expect((await snapshot(page)).granted.analytics).toBe(false);
    expect(await cookies(ctx)).toEqual([...EXEMPT, ...NECESSARY].sort());

    await uiButton(page, 'Customise').click();
    await dialog(page).getByRole('switch', { name: 'Analytics' }).click();
    await uiButton(page, 'Save choices').click();
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    const s = await snapshot(page);
    expect(s.record?.action).toBe('custom');
    // Analytics on, marketing still off; the exempt statistics keep their default (on).
    expect(s.granted).toMatchObject({
      analytics: true,
      stats: true,
      marketing: false,
      video: false,
      statistics: true,
    });
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, stats: 1 });
    expect(await page.locator('iframe[data-consent]').getAttribute('src')).toBeNull();
    expect((await cookies(ctx)).filter((c) => c.startsWith('vid_'))).toEqual([]);
    await ctx.close();
  });

  test('withdraw from the reopened dialog: analytics cookies go on host and parent domain, the embed unloads', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, plain());
    await uiButton(page, 'Accept all').click();
    await expect.poll(() => cookies(ctx)).toEqual(expect.arrayContaining(ANALYTICS));
    await expect.poll(() => page.locator('iframe[data-consent]').getAttribute('src')).toContain('embed.html');

    await page.getByRole('button', { name: 'Change my choices' }).click();
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    await dialog(page).getByRole('switch', { name: 'Analytics' }).click();
    await dialog(page).getByRole('switch', { name: 'Marketing (embedded content)' }).click();
    await screenshot(page, '05-withdraw-dialog');
    await uiButton(page, 'Save choices').click();

    const firstParty = async () => (await cookies(ctx)).filter((c) => c.includes('consentry.test'));
    await expect.poll(firstParty).toEqual([...CONSENT, ...NECESSARY, ...EXEMPT].sort());
    // The embed's own cookie lives on its site (localhost): no page can delete another site's
    // cookies. Withdrawing unloads the embed, so it cannot read or renew it here any more.
    expect(await cookies(ctx)).toContain('vid_uid@localhost');
    expect(await localKeys(page)).not.toContain('sa_events');
    // Gating unloads the iframe (about:blank): the player is gone.
    await expect.poll(() => page.locator('iframe[data-consent]').getAttribute('src')).toBe('about:blank');
    expect(await page.locator('iframe[data-consent]').isVisible()).toBe(false);
    // Its placeholder (mountPlaceholders) is back in its place.
    expect(await page.locator('.cy-p:has(+ iframe[data-consent])').isVisible()).toBe(true);
    // The page is told that the analytics script had run (its code cannot be unrun) and the embed went.
    await expect
      .poll(() => page.locator('#panel-ran').textContent())
      .toMatch(/withdrawn: .*analytics.*1 script\(s\) had run, 1 embed\(s\) unloaded/);
    const s = await snapshot(page);
    expect(s.granted).toMatchObject({ analytics: false, marketing: false, statistics: true });
    // The tool's own opt-out call (data-consent="!stats") ran once, after the withdrawal was decided.
    await expect.poll(() => ranCounts(page)).toMatchObject({ stats: 1, 'stats-opt-out': 1 });
    const layer = await dataLayer(page);
    expect(layer.findIndex((e) => (e as { event?: string })?.event === 'stats_opt_out')).toBeGreaterThan(
      layer.findLastIndex((e) => Array.isArray(e) && e[1] === 'update'),
    );
    await screenshot(page, '06-withdrawn');
    // Not again on the next page: nothing is withdrawn there.
    await page.reload();
    await ready(page);
    await settle(page);
    expect(await ranCounts(page)).toEqual({ audience: 1 });
    await ctx.close();
  });

  // A tab kept open for months (or a laptop asleep past the expiry): the decision lapses in the page as
  // it would on a reload. Kept, the next click on an embed's "Allow" renewed every lapsed grant.
  test('a page left open past the decision’s expiry: the banner asks again, analytics cookies go, the embed unloads', async () => {
    const ctx = await context(demo);
    await ctx.clock.install();
    const { page, errors } = await open(ctx, plain());
    await uiButton(page, 'Accept all').click();
    await expect.poll(() => cookies(ctx)).toEqual(expect.arrayContaining(ANALYTICS));
    await expect.poll(() => page.locator('iframe[data-consent]').getAttribute('src')).toContain('embed.html');
    const { expires } = await page.evaluate(() => (window as any).demoStore.getSnapshot().record);

    // The computer wakes 14 months later (past the 13-month cap): the store's next look at the clock.
    await page.clock.fastForward(425 * 86_400_000);
    await expect.poll(() => banner(page).isVisible()).toBe(true);
    expect(await page.evaluate(() => Date.now())).toBeGreaterThan(expires);
    const s = await snapshot(page);
    expect(s).toMatchObject({ status: 'undecided', record: null });
    expect(s.granted).toMatchObject({ analytics: false, marketing: false, statistics: true });
    await expect.poll(() => page.locator('iframe[data-consent]').getAttribute('src')).toBe('about:blank');
    const firstParty = async () => (await cookies(ctx)).filter((c) => c.includes('consentry.test'));
    await expect.poll(firstParty).toEqual([...CONSENT, ...NECESSARY, ...EXEMPT].sort());
    // The page is told the decision ran out, not that the visitor withdrew it (consentry:revoke's
    // `expired`): a page that reloads on withdrawal leaves this one alone.
    await expect.poll(() => page.locator('#panel-ran').textContent()).toMatch(/expired: .*analytics/);

    // The embed's "Allow" now decides only the embed; the banner still asks about the rest. (Its proof
    // is answered here: the demo server, on the real clock, would refuse a record dated 14 months ahead.)
    await ctx.route('**/api/consent*', (route) => route.fulfill({ status: 204 }));
    await page.locator('.cy-p [data-a="grant"]').click();
    expect((await snapshot(page)).record).toMatchObject({ action: 'partial' });
    expect((await snapshot(page)).granted).toMatchObject({ analytics: false, video: true });
    expect(await banner(page).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  test('a new policy revision: the banner comes back and optional categories are off until decided', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, plain());
    // The banner says why it asks again only to a visitor who had decided under the older revision.
    const changed = 'Our cookie policy has changed since your last choice, so we are asking you again.';
    expect(await banner(page).textContent()).not.toContain(changed);
    await uiButton(page, 'Accept all').click();
    await expect.poll(() => cookies(ctx)).toEqual(expect.arrayContaining(ANALYTICS));

    await page.goto(`${demo.base}/plain.html?revision=2`);
    await ready(page);
    await settle(page);
    expect(await banner(page).isVisible()).toBe(true);
    expect(await banner(page).textContent()).toContain(changed);
    const s = await snapshot(page);
    expect(s.status).toBe('undecided');
    expect(s.granted).toMatchObject({ analytics: false, marketing: false });
    expect(await ranCounts(page)).toEqual({ audience: 1 });
    expect(await page.locator('#panel-log').textContent()).toContain(
      'accept-all under revision 1 (no longer counts)',
    );
    await screenshot(page, '07-new-revision');
    await expectNoAxeViolations(page, 'plain page under a new revision');

    await uiButton(page, 'Accept all').click();
    expect((await snapshot(page)).record?.revision).toBe('2');
    await ctx.close();
  });

  test('a new policy revision: the cookies the old decision allowed are deleted', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, plain());
    await uiButton(page, 'Accept all').click();
    await expect.poll(() => cookies(ctx)).toEqual(expect.arrayContaining(ANALYTICS));
    await page.goto(`${demo.base}/plain.html?revision=2`);
    await ready(page);
    // The old decision granted analytics and no longer counts: nothing grants those cookies now.
    await expect.poll(async () => (await cookies(ctx)).filter((c) => c.startsWith('_sa_'))).toEqual([]);
    await ctx.close();
  });
});
