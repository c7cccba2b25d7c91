import { type ConsentAction, encodeRecord } from '@consentry/core';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { config } from '../src/consent.config';
import {
  banner,
  context,
  cookies,
  dataLayer,
  dialog,
  localKeys,
  open,
  ranCounts,
  ready,
  serverHtml,
  settle,
  setupDemo,
  snapshot,
  standInRequests,
  uiButton,
} from './harness';

// A regulator's audit of the built demo (CNIL / ICO checks): what reaches the network, the cookies and
// the storage before and after each kind of decision, on every page, and what a damaged consent cookie
// can grant. Checks the other e2e files already make are not repeated here.
const demo = setupDemo();

const PAGES = [
  '/',
  '/plain.html',
  '/islands.html',
  '/script-tag.html',
  '/policy.html',
  '/ssr/react',
  '/ssr/vue',
];
const DAY = 86_400_000;
const OPTIONAL_TYPES = ['analytics_storage', 'ad_storage', 'ad_user_data', 'ad_personalization'];

/** What the switches of the preferences dialog are called (categories, and services in their <details>). */
const SWITCH = {
  statistics: 'Anonymised statistics',
  analytics: 'Analytics',
  marketing: 'Marketing (embedded content)',
  audience: 'Anonymised audience measurement (all pages)',
  stats: 'Visit analytics (all pages)',
  video: 'Embedded video player (islands, plain and SSR pages)',
} as const;
const SERVICES = new Set(['audience', 'stats', 'video']);

/**
 * Every request of a browser context, from its pages, their iframes and any worker: seen by a
 * context-wide route (before it leaves) and by the context's request event. Each as `METHOD url`.
 */
async function recordRequests(ctx: BrowserContext): Promise<string[]> {
  const seen: string[] = [];
  ctx.on('request', (r) => seen.push(`${r.method()} ${r.url()}`));
  await ctx.route('**/*', (route) => {
    seen.push(`${route.request().method()} ${route.request().url()}`);
    return route.fallback();
  });
  return seen;
}

/**
 * The requests that need consent: anything off the site's own origin (the video site is localhost),
 * the analytics script, the embed. The exempt audience counter and the site's own files do not.
 */
function gated(requests: readonly string[]): string[] {
  const site = new URL(demo.base).origin;
  return [
    ...new Set(
      requests.filter((line) => {
        const url = new URL(line.slice(line.indexOf(' ') + 1));
        if (url.protocol === 'data:' || url.protocol === 'about:') return false;
        return (
          url.origin !== site ||
          url.pathname === '/stand-ins/stats.js' ||
          url.pathname.startsWith('/stand-ins/embed')
        );
      }),
    ),
  ];
}

/** The stand-in third parties the server was asked for, by any host, except the exempt audience counter. */
const optionalFetched = (since: number) =>
  standInRequests(demo, since).filter((p) => !p.endsWith('/audience.js'));

const webStorage = (page: Page) =>
  page.evaluate(() => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
  }));

/** The Consent Mode commands in dataLayer, as [command, values]. */
async function consentCommands(page: Page): Promise<[string, Record<string, string>][]> {
  return (await dataLayer(page))
    .filter((e): e is unknown[] => Array.isArray(e) && e[0] === 'consent')
    .map((e) => [e[1] as string, e[2] as Record<string, string>]);
}

/** Optional Consent Mode types any command of the page granted. */
async function grantedTypes(page: Page): Promise<string[]> {
  return (await consentCommands(page)).flatMap(([, values]) =>
    OPTIONAL_TYPES.filter((t) => values[t] === 'granted'),
  );
}

/** The consent cookie(s) of the context, as `domain path value`. */
async function consentCookies(ctx: BrowserContext): Promise<string[]> {
  return (await ctx.cookies())
    .filter((c) => c.name === config.cookie.name)
    .map((c) => `${c.domain} ${c.path} ${c.value}`)
    .sort();
}

/** A cookie expiry (seconds) a day from now. */
const later = () => Math.round(Date.now() / 1000) + 86_400;

const bannerSeen = (page: Page) => page.evaluate(() => (window as any).bannerSeen as boolean);

/** Opens the dialog's details of a service (its switch is hidden until then). */
async function switchFor(page: Page, id: keyof typeof SWITCH) {
  const d = dialog(page);
  if (SERVICES.has(id)) {
    const details = d.locator('details', { has: page.locator('summary', { hasText: SWITCH[id] }) });
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  }
  return d.getByRole('switch', { name: SWITCH[id], exact: true });
}

/** Sets switches in the open dialog (in order: a category first, then a service of it). */
async function setSwitches(page: Page, choices: [keyof typeof SWITCH, boolean][]) {
  for (const [id, on] of choices) {
    const sw = await switchFor(page, id);
    if ((await sw.getAttribute('aria-checked')) !== String(on)) await sw.click();
    await expect.poll(() => sw.getAttribute('aria-checked')).toBe(String(on));
  }
}

/** An encoded record of the demo's config, as the SDK would store it (valid checksum). */
function record(options: {
  action: ConsentAction;
  categories: string[];
  time?: number;
  expires?: number;
  revision?: string;
  id?: string;
}): string {
  const time = options.time ?? Date.now() - 60_000;
  const categories = ['necessary', ...options.categories];
  return encodeRecord(
    {
      id: options.id ?? `audit-${options.action}-${time.toString(36)}`,
      time,
      action: options.action,
      revision: options.revision ?? config.revision,
      expires: options.expires ?? time + 100 * DAY,
      categories,
      services: config.services.filter((s) => categories.includes(s.category)).map((s) => s.id),
      gpc: false,
    } as never,
    config,
  );
}
const ALL = ['statistics', 'analytics', 'marketing'];

describe('before any decision, on every page', () => {
  for (const path of PAGES) {
    test(`${path}: no request that needs consent (iframes, preloads, workers included), only necessary and exempt cookies, no storage, Consent Mode default first`, async () => {
      const ctx = await context(demo);
      const requests = await recordRequests(ctx);
      const since = demo.server.requests.length;
      const { page, errors } = await open(ctx, `${demo.base}${path}`);
      await expect.poll(() => banner(page).isVisible()).toBe(true);
      await settle(page);

      expect(gated(requests)).toEqual([]);
      expect(optionalFetched(since)).toEqual([]);
      // No proof of consent without a decision.
      expect(requests.filter((r) => r.startsWith('POST '))).toEqual([]);
      // Every frame shows this site's documents or nothing: no third-party frame was even opened.
      const site = new URL(demo.base).origin;
      expect(
        page.frames().filter((f) => f.url() !== 'about:blank' && new URL(f.url()).origin !== site),
      ).toEqual([]);
      // No hint that makes the browser connect to a gated origin ahead of time.
      const hints = await page.evaluate(() =>
        Array.from(
          document.querySelectorAll<HTMLLinkElement>(
            'link[rel~="preload"],link[rel~="modulepreload"],link[rel~="prefetch"],link[rel~="preconnect"],link[rel~="dns-prefetch"],link[rel~="prerender"]',
          ),
        ).map((l) => l.href),
      );
      expect(hints.filter((h) => new URL(h).origin !== site || h.includes('/stand-ins/'))).toEqual([]);
      // No worker either (on this plain-http site the browser offers no service worker at all).
      expect(ctx.serviceWorkers()).toEqual([]);
      expect(
        await page.evaluate(async () =>
          'serviceWorker' in navigator ? (await navigator.serviceWorker.getRegistrations()).length : 0,
        ),
      ).toBe(0);

      // The platform's CSRF cookie (necessary) and the exempt, anonymised audience session cookie: nothing else.
      expect(await cookies(ctx)).toEqual(['_au_ses@www.consentry.test', 'csrftoken@www.consentry.test']);
      expect(await webStorage(page)).toEqual({ local: [], session: [] });

      // Google Consent Mode: the default, denying every optional type, is the first dataLayer entry.
      const layer = await dataLayer(page);
      expect(layer[0]).toEqual([
        'consent',
        'default',
        expect.objectContaining(Object.fromEntries(OPTIONAL_TYPES.map((t) => [t, 'denied']))),
      ]);
      expect(await grantedTypes(page)).toEqual([]);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});

describe('dismissing is no decision', () => {
  test('closing the preferences (✕ and Escape) after switching everything on, and Escape on the banner, on every page: nothing runs or is stored, the banner is back on each next page', async () => {
    const ctx = await context(demo);
    const requests = await recordRequests(ctx);
    const since = demo.server.requests.length;
    const proofs = demo.server.proofs.length;
    const page = await ctx.newPage();
    for (const path of PAGES) {
      await page.goto(`${demo.base}${path}`);
      await ready(page);
      await expect.poll(() => banner(page).isVisible(), { message: path }).toBe(true);

      for (const close of ['✕', 'Escape'] as const) {
        await uiButton(page, 'Customise').click();
        await expect.poll(() => dialog(page).isVisible()).toBe(true);
        await setSwitches(page, [
          ['analytics', true],
          ['marketing', true],
        ]);
        if (close === '✕') await dialog(page).getByRole('button', { name: 'Close' }).click();
        else await page.keyboard.press('Escape');
        await expect.poll(() => dialog(page).isVisible(), { message: `${path} ${close}` }).toBe(false);
        expect(await snapshot(page), `${path} ${close}`).toMatchObject({
          status: 'undecided',
          record: null,
          banner: true,
          granted: { analytics: false, marketing: false, stats: false, video: false },
        });
      }
      // Escape with the focus in the (non-modal) banner does not decide either.
      await banner(page).getByRole('button').first().focus();
      await page.keyboard.press('Escape');
      await settle(page);
      expect(await snapshot(page)).toMatchObject({ status: 'undecided', record: null });
      expect(await ranCounts(page), path).toEqual({ audience: 1 });
    }
    expect(gated(requests)).toEqual([]);
    expect(optionalFetched(since)).toEqual([]);
    expect(demo.server.proofs.length).toBe(proofs);
    expect(await consentCookies(ctx)).toEqual([]);
    expect(await webStorage(page)).toEqual({ local: [], session: [] });
    await ctx.close();
  });
});

describe('reject all, then every page', () => {
  test('nothing optional ever loads, the refusal is the same record on every page (never re-stored), no banner at any moment', async () => {
    const ctx = await context(demo);
    const requests = await recordRequests(ctx);
    const { page } = await open(ctx, `${demo.base}/`);
    await uiButton(page, 'Reject all').click();
    await expect.poll(() => consentCookies(ctx)).toHaveLength(1);
    const stored = await consentCookies(ctx);
    const decision = (await snapshot(page)).record!;
    expect(decision.action).toBe('reject-all');
    const since = demo.server.requests.length;
    const proofs = demo.server.proofs.length;
    const before = requests.length;

    for (const path of [...PAGES, '/plain.html?lang=fr', '/ssr/vue?lang=en']) {
      await page.goto(`${demo.base}${path}`);
      await ready(page);
      await settle(page);
      expect(await bannerSeen(page), path).toBe(false);
      expect((await snapshot(page)).record, path).toEqual(decision);
      expect(await ranCounts(page), path).toEqual({});
      expect(await grantedTypes(page), path).toEqual([]);
    }
    expect(gated(requests.slice(before))).toEqual([]);
    // Not even the exempt counter: rejecting all covers it.
    expect(standInRequests(demo, since)).toEqual([]);
    expect(demo.server.proofs.length).toBe(proofs);
    expect(await consentCookies(ctx)).toEqual(stored);
    expect((await cookies(ctx)).filter((c) => !/^(csrftoken|django_language)@/.test(c))).toEqual([
      'consentry@www.consentry.test',
    ]);
    expect(await webStorage(page)).toEqual({ local: [], session: [] });
    await ctx.close();
  });
});

describe('accept, then withdraw', () => {
  test('from the policy page’s own button, keeping statistics: the analytics cookies go (host, parent domain, this page’s path), Consent Mode denied, and no later page loads them again', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/`);
    await uiButton(page, 'Accept all').click();
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, stats: 1 });
    await page.goto(`${demo.base}/policy.html`);
    await ready(page);
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, stats: 1 });
    // As a tracker may: copies of its cookies scoped to this page's path, host-only and on the parent domain.
    await ctx.addCookies([
      { name: '_sa_id', value: 'p1', domain: 'www.consentry.test', path: '/policy.html', expires: later() },
      { name: '_sa_sess', value: 'p2', domain: '.consentry.test', path: '/policy.html' },
    ]);
    const analytics = async () =>
      (await ctx.cookies())
        .filter((c) => c.name.startsWith('_sa_'))
        .map((c) => `${c.name}@${c.domain}${c.path}`);
    expect((await analytics()).sort()).toEqual([
      '_sa_id@.consentry.test/',
      '_sa_id@www.consentry.test/',
      '_sa_id@www.consentry.test/policy.html',
      '_sa_sess@.consentry.test/policy.html',
      '_sa_sess@www.consentry.test/',
    ]);
    expect(await localKeys(page)).toContain('sa_events');

    await page.locator('main').getByRole('button', { name: 'Change my cookie choices' }).click();
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    await setSwitches(page, [
      ['analytics', false],
      ['marketing', false],
    ]);
    await uiButton(page, 'Save choices').click();
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    await expect.poll(analytics).toEqual([]);
    expect(await localKeys(page)).not.toContain('sa_events');
    const [command, values] = (await consentCommands(page)).at(-1)!;
    expect(command).toBe('update');
    expect(values).toMatchObject(Object.fromEntries(OPTIONAL_TYPES.map((t) => [t, 'denied'])));
    const decision = (await snapshot(page)).record!;
    expect(decision.action).toBe('custom');
    expect(decision.categories).toEqual(['necessary', 'statistics']);

    const since = demo.server.requests.length;
    for (const path of PAGES) {
      await page.goto(`${demo.base}${path}`);
      await ready(page);
      await settle(page);
      expect(await bannerSeen(page), path).toBe(false);
      // The exempt statistics were kept; nothing else runs.
      expect(await ranCounts(page), path).toEqual({ audience: 1 });
      expect(await grantedTypes(page), path).toEqual([]);
    }
    expect(optionalFetched(since)).toEqual([]);
    expect(await analytics()).toEqual([]);
    // And the server, which renders the SSR pages from the cookie, agrees: no player in its HTML.
    for (const kind of ['react', 'vue'])
      expect(await serverHtml(demo, ctx, `/ssr/${kind}`)).not.toContain('<iframe');
    await ctx.close();
  });

  test('from a server-rendered page’s dialog: the cookies on the paths above this page go too, the player unmounts, and the server stops rendering it', async () => {
    const ctx = await context(demo);
    const { page } = await open(ctx, `${demo.base}/ssr/vue`);
    await uiButton(page, 'Accept all').click();
    await expect.poll(() => ranCounts(page)).toMatchObject({ stats: 1, 'video:S': 1 });
    await ctx.addCookies([
      { name: '_sa_id', value: 's1', domain: 'www.consentry.test', path: '/ssr', expires: later() },
      { name: '_sa_id', value: 's2', domain: '.consentry.test', path: '/ssr/', expires: later() },
      { name: '_sa_sess', value: 's3', domain: '.consentry.test', path: '/ssr/vue' },
    ]);
    expect(await serverHtml(demo, ctx, '/ssr/vue')).toContain('<iframe');

    await page.locator('[data-ssr]').getByRole('button', { name: 'Cookie preferences' }).click();
    await expect.poll(() => dialog(page).isVisible()).toBe(true);
    await uiButton(page, 'Reject all').click();
    await expect
      .poll(async () => (await ctx.cookies()).filter((c) => /^_(sa|au)_/.test(c.name)).map((c) => c.name))
      .toEqual([]);
    await expect.poll(() => page.locator('iframe[data-gate]').count()).toBe(0);
    expect(await serverHtml(demo, ctx, '/ssr/vue')).not.toContain('<iframe');

    const since = demo.server.requests.length;
    await page.reload();
    await ready(page);
    await settle(page);
    expect(await bannerSeen(page)).toBe(false);
    expect(await ranCounts(page)).toEqual({});
    expect(standInRequests(demo, since)).toEqual([]);
    await ctx.close();
  });
});

describe('a returning visitor with a damaged consent cookie', () => {
  const now = Date.now();
  const accepted = record({ action: 'accept-all', categories: ALL });
  const rejected = record({ action: 'reject-all', categories: [] });
  // A reject-all record whose granted ids were edited to all optional categories, checksum left as it was.
  const edited = rejected
    .split('.')
    .map((field, i) => (i === 6 ? ALL.join('!') : field))
    .join('.');
  const CASES: {
    name: string;
    host?: string;
    parent?: string;
    /** Whether it still holds a decision (then: no banner, and nothing more than every copy grants). */
    decided: boolean;
  }[] = [
    { name: 'tampered (a refusal edited into acceptance)', host: edited, decided: false },
    { name: 'truncated', host: accepted.slice(0, -4), decided: false },
    {
      name: 'expired',
      host: record({ action: 'accept-all', categories: ALL, time: now - 391 * DAY, expires: now - DAY }),
      decided: false,
    },
    {
      name: 'future-dated',
      host: record({ action: 'accept-all', categories: ALL, time: now + 3 * DAY, expires: now + 300 * DAY }),
      decided: false,
    },
    {
      name: 'of another policy revision',
      host: record({ action: 'accept-all', categories: ALL, revision: '2' }),
      decided: false,
    },
    {
      name: 'duplicated: accept-all on the host, reject-all on the parent domain',
      host: accepted,
      parent: rejected,
      decided: true,
    },
    {
      name: 'duplicated: reject-all on the host, accept-all on the parent domain',
      host: rejected,
      parent: accepted,
      decided: true,
    },
  ];

  for (const c of CASES) {
    test(`${c.name}: never more consent than given${c.decided ? '' : ', and the banner asks again'}, in the browser and on the server`, async () => {
      const ctx = await context(demo);
      const requests = await recordRequests(ctx);
      const site = { domain: 'www.consentry.test', path: '/' };
      const parent = { domain: '.consentry.test', path: '/' };
      await ctx.addCookies([
        ...(c.host ? [{ name: config.cookie.name, value: c.host, ...site }] : []),
        ...(c.parent ? [{ name: config.cookie.name, value: c.parent, ...parent }] : []),
        // What the analytics script left when the visitor had accepted.
        { name: '_sa_id', value: 'old', ...site, expires: later() },
        { name: '_sa_id', value: 'old', ...parent, expires: later() },
      ]);

      // The server renders from the same cookie header: no player, banner markup left to the client.
      for (const kind of ['react', 'vue']) {
        const html = await serverHtml(demo, ctx, `/ssr/${kind}`);
        expect(html, kind).not.toContain('<iframe');
        expect(html).toContain(c.decided ? 'Welcome back' : 'No decision in your consent cookie yet');
      }
      const since = demo.server.requests.length;
      for (const path of ['/plain.html', '/ssr/react']) {
        const { page, errors } = await open(ctx, `${demo.base}${path}`);
        await settle(page);
        const s = await snapshot(page);
        expect(s.status, path).toBe(c.decided ? 'decided' : 'undecided');
        expect(await banner(page).isVisible(), path).toBe(!c.decided);
        expect(s.granted, path).toMatchObject({
          analytics: false,
          marketing: false,
          stats: false,
          video: false,
        });
        // Undecided: only the exempt statistics, by default. A decision with a refusal in it: not even them.
        expect(await ranCounts(page), path).toEqual(c.decided ? {} : { audience: 1 });
        expect(await grantedTypes(page), path).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      }
      expect(gated(requests)).toEqual([]);
      expect(optionalFetched(since)).toEqual([]);
      // Whatever copy allowed them, the page load cleared the analytics cookies: nothing now grants them.
      expect((await cookies(ctx)).filter((k) => k.startsWith('_sa_'))).toEqual([]);
      await ctx.close();
    });
  }
});

describe('granularity: a service is obeyed apart from its category', () => {
  // A category whose every service is refused is refused: on, it still granted Consent Mode's
  // analytics_storage.
  test('analytics switched on with its one service refused: analytics is refused too, and the analytics script never loads, on this page, after a reload or on another page', async () => {
    const ctx = await context(demo);
    const requests = await recordRequests(ctx);
    const since = demo.server.requests.length;
    const { page } = await open(ctx, `${demo.base}/plain.html`);
    await uiButton(page, 'Customise').click();
    await setSwitches(page, [
      ['analytics', true],
      ['stats', false],
    ]);
    await uiButton(page, 'Save choices').click();
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    const granted = (await snapshot(page)).granted;
    expect(granted).toMatchObject({ analytics: false, stats: false, marketing: false, video: false });
    expect(await grantedTypes(page)).toEqual([]);
    await settle(page);
    expect(await ranCounts(page)).toEqual({ audience: 1 });

    for (const path of ['/plain.html', '/islands.html', '/script-tag.html', '/ssr/react']) {
      await page.goto(`${demo.base}${path}`);
      await ready(page);
      await settle(page);
      // Exactly the choices made, after every load.
      expect((await snapshot(page)).granted, path).toEqual(granted);
      expect(await ranCounts(page), path).toEqual({ audience: 1 });
    }
    expect(gated(requests)).toEqual([]);
    expect(optionalFetched(since)).toEqual([]);
    expect((await cookies(ctx)).filter((c) => c.startsWith('_sa_'))).toEqual([]);
    expect(await localKeys(page)).toEqual([]);
    await ctx.close();
  });

  test('only the video player allowed (marketing off): every page loads the player and nothing else optional; a reload gives the same choices', async () => {
    const ctx = await context(demo);
    const requests = await recordRequests(ctx);
    const { page } = await open(ctx, `${demo.base}/islands.html`);
    await uiButton(page, 'Customise').click();
    await setSwitches(page, [
      ['statistics', false],
      ['video', true],
    ]);
    await uiButton(page, 'Save choices').click();
    await expect.poll(() => dialog(page).isVisible()).toBe(false);
    const granted = (await snapshot(page)).granted;
    expect(granted).toMatchObject({
      statistics: false,
      audience: false,
      analytics: false,
      stats: false,
      marketing: false,
      video: true,
    });
    // The exempt counter ran before the decision, as on any first visit; the players after it.
    await expect.poll(() => ranCounts(page)).toEqual({ audience: 1, 'video:A': 1, 'video:B': 1 });
    const since = demo.server.requests.length;
    const before = requests.length;

    const EMBEDS: Record<string, string[]> = {
      '/islands.html': ['A', 'B'],
      '/plain.html': ['C'],
      '/script-tag.html': ['T'],
      '/ssr/react': ['S'],
      '/ssr/vue': ['S'],
    };
    for (const [path, embeds] of Object.entries(EMBEDS)) {
      await page.goto(`${demo.base}${path}`);
      await ready(page);
      expect((await snapshot(page)).granted, path).toEqual(granted);
      await expect
        .poll(() => ranCounts(page), { message: path })
        .toEqual(Object.fromEntries(embeds.map((v) => [`video:${v}`, 1])));
      await settle(page);
      expect(await ranCounts(page), path).toEqual(Object.fromEntries(embeds.map((v) => [`video:${v}`, 1])));
      // Consent Mode maps categories: marketing stays denied for Google's tags.
      expect(await grantedTypes(page), path).toEqual([]);
    }
    // The player's site and nothing else: no analytics, and not the refused audience counter either.
    expect(gated(requests.slice(before)).filter((r) => !r.includes('//localhost:'))).toEqual([]);
    expect(standInRequests(demo, since).filter((p) => !p.startsWith('localhost/stand-ins/embed'))).toEqual(
      [],
    );
    expect((await cookies(ctx)).filter((c) => c.includes('consentry.test'))).toEqual([
      'consentry@www.consentry.test',
      'csrftoken@www.consentry.test',
    ]);
    await ctx.close();
  });
});
