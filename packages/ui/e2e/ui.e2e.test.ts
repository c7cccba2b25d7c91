import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatViolations, runAxe } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import en from '../src/locales/en';
import fr from '../src/locales/fr';
import { codeReadsLeftToRight, open, reachable, SHOTS, settled, useBrowser } from './setup';

const ui = useBrowser();
const { newPage } = ui;

const state = (page: Page) =>
  page.evaluate(() => {
    const s = (window as any).consent.store.getSnapshot();
    return {
      banner: s.banner,
      preferences: s.preferences,
      action: s.record?.action ?? null,
      cookie: document.cookie,
    };
  });
const focused = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    return a
      ? (a.getAttribute('data-a') || a.id || a.tagName) + (a.textContent ? `:${a.textContent}` : '')
      : null;
  });
const openDialog = async (page: Page) => {
  await page.click('.cy-b [data-a="openPreferences"]');
  await page.waitForSelector('.cy-d', { state: 'visible' });
  // Expanded details are checked too (contrast, names of the cookie lists).
  await page.$$eval('.cy-d details', (ds) => {
    for (const d of ds) d.setAttribute('open', '');
  });
  await settled(page);
};
/** Whether every animation of the page settles (finishes or is cancelled) within 2 s. */
const animationsEnd = (page: Page) =>
  page.evaluate(() =>
    Promise.race([
      Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(resolve, 2000, false)),
    ]),
  );
// The fixture imports `en` statically too, so esbuild puts it in a shared chunk; lazy ones are named.
const LOCALE_CHUNK = /^\/chunks\/(en|fr|de|es|it|nl|pt|pl|sv|ar)-/;
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png` });

describe('axe-core, WCAG 2.0/2.1/2.2 A and AA', () => {
  const cases = [
    { name: 'banner-light', query: 'theme=light', dialog: false },
    { name: 'banner-dark', query: 'theme=dark', dialog: false },
    { name: 'dialog-light', query: 'theme=light', dialog: true },
    { name: 'dialog-dark', query: 'theme=dark', dialog: true },
    { name: 'banner-ar', query: 'lang=ar', dialog: false },
    { name: 'dialog-ar', query: 'lang=ar&theme=dark', dialog: true },
    { name: 'box-light', query: 'pos=box', dialog: false },
    { name: 'center-modal-dark', query: 'pos=center&modal&theme=dark', dialog: false },
  ];
  it.each(cases)('$name has no violations', async ({ name, query, dialog }) => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/?${query}`);
    if (dialog) await openDialog(page);
    await shot(page, name);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  // Sites style <code> for their own pages: the demo's light background under the dark theme's light
  // text gave the dialog's cookie names 1.1:1; Bootstrap 4's pink is 3.9:1 on the light theme's white.
  it.each([
    ['dark', 'code { background: #f1efe9; padding: 0 .3em }'],
    ['light', 'code { color: #e83e8c }'],
  ])(
    '%s theme on a page that styles <code> (%s): the cookie names keep the UI’s colours',
    async (theme, css) => {
      const page = await newPage();
      await open(page, `${ui.servers.plain.url}/?theme=${theme}`);
      await page.addStyleTag({ content: css });
      await openDialog(page);
      const colours = await page.$eval('.cy-d code', (c) => {
        const s = getComputedStyle(c);
        return [s.color, s.backgroundColor, getComputedStyle(c.closest('.cy-d')!).color];
      });
      expect(colours[0]).toBe(colours[2]);
      expect(colours[1]).toBe('rgba(0, 0, 0, 0)');
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);
    },
  );

  it('auto theme follows prefers-color-scheme: dark, with no violations', async () => {
    const page = await newPage({ colorScheme: 'dark' });
    await open(page, `${ui.servers.plain.url}/?theme=auto`);
    const bg = await page.$eval('.cy-b', (el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(29, 30, 35)');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('Arabic is lang=ar dir=rtl, laid out right to left', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/?lang=ar`);
    const root = await page.$eval('.cy', (el) => [el.getAttribute('lang'), el.getAttribute('dir')]);
    expect(root).toEqual(['ar', 'rtl']);
    // The first action (Accept all) sits on the right in RTL.
    const [first, last] = await page.$$eval('.cy-b .cy-a button', (bs) => [
      bs[0]!.getBoundingClientRect().x,
      bs[2]!.getBoundingClientRect().x,
    ]);
    expect(first).toBeGreaterThan(last!);
  });

  it('Arabic: cookie and storage names still read left to right', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/?lang=ar`);
    await openDialog(page);
    const names = await codeReadsLeftToRight(page, '.cy-d');
    expect(names).toContainEqual(['_pk_id*', true]);
    expect(names).toContainEqual(['yt-remote-session-*', true]);
    expect(names.filter(([, ltr]) => !ltr)).toEqual([]);
  });
});

describe('first layer', () => {
  it('Accept all, Reject all and Customise have equal visual weight', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    const styles = await page.$$eval('.cy-b .cy-a button', (bs) =>
      bs.map((b) => {
        const s = getComputedStyle(b);
        const r = b.getBoundingClientRect();
        return [
          Math.round(r.width),
          Math.round(r.height),
          s.backgroundColor,
          s.color,
          s.fontSize,
          s.fontWeight,
          s.borderRadius,
        ].join('|');
      }),
    );
    expect(styles).toHaveLength(3);
    expect(new Set(styles).size).toBe(1);
  });

  it('every target is at least 24×24 CSS px', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    await openDialog(page);
    // A service's privacy policy link stands on a line of its own: not an inline link, so it counts.
    const small = await page.$$eval('.cy button, .cy summary, .cy details a', (els) =>
      els
        .filter((e) => !e.closest('[hidden]'))
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.width < 24 || r.height < 24),
    );
    expect(small).toEqual([]);
  });

  // Under the opt-out model (US-style) the optional categories are on before a decision: a banner asking
  // "with your consent, we would also use…" said the opposite of what the page did.
  it('under the opt-out model, says the optional cookies are in use until turned off; Reject all turns them off', async () => {
    const page = await newPage();
    const bannerText = () => page.$eval('.cy-b p', (p) => p.textContent);
    await open(page, `${ui.servers.plain.url}/?jurisdiction=opt-out`);
    expect(await page.evaluate(() => (window as any).consent.store.getSnapshot().granted.marketing)).toBe(
      true,
    );
    // Around the purposes, which are the fixture's category titles.
    const [before, after] = en.descriptionOptOut.split('{purposes}');
    expect(await bannerText()).toContain(before);
    expect(await bannerText()).toContain(after);
    expect(await bannerText()).not.toContain(en.description.split('{purposes}')[0]);
    await shot(page, 'banner-opt-out');
    await page.click('.cy-b [data-a="rejectAll"]');
    expect(await state(page)).toMatchObject({ banner: false, action: 'reject-all' });
    expect(await page.evaluate(() => (window as any).consent.store.getSnapshot().granted.marketing)).toBe(
      false,
    );
    const french = await newPage();
    await open(french, `${ui.servers.plain.url}/?jurisdiction=opt-out&lang=fr`);
    // The fixture's one category that needs consent is the purpose.
    const purposes = 'Marketing et contenus intégrés';
    expect(await french.$eval('.cy-b p', (p) => p.textContent)).toContain(
      fr.descriptionOptOut.replace('{purposes}', purposes),
    );
    // The opt-in model still asks.
    await open(french, `${ui.servers.plain.url}/?jurisdiction=opt-in&lang=fr`);
    expect(await french.$eval('.cy-b p', (p) => p.textContent)).toContain(
      fr.description.replace('{purposes}', purposes),
    );
  });

  // A partial locale used to draw an empty heading, nameless Reject all and Customise buttons and
  // aria-label="undefined" on the region.
  it('a partial locale: the missing texts are the bundled ones, every control and the region are named', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/?partial`);
    for (const name of ['Yes please', en.rejectAll, en.customise]) {
      expect(await page.getByRole('button', { name, exact: true }).isVisible()).toBe(true);
    }
    expect(await page.getByRole('region', { name: en.title, exact: true }).isVisible()).toBe(true);
    expect(await page.$eval('.cy', (el) => el.outerHTML.includes('undefined'))).toBe(false);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('loads only the active language chunk', async () => {
    const page = await newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await open(page, `${ui.servers.plain.url}/?lang=fr`);
    expect(await page.$eval('.cy-b h2', (h) => h.textContent)).toBe('Les cookies sur ce site');
    expect(requested.filter((p) => LOCALE_CHUNK.test(p))).toEqual([expect.stringMatching(/^\/chunks\/fr-/)]);
  });

  it('a locale passed directly needs no extra request', async () => {
    const page = await newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await open(page, `${ui.servers.plain.url}/?static`);
    expect(requested.filter((p) => LOCALE_CHUNK.test(p))).toEqual([]);
  });

  it('never shifts the page layout (CLS 0), before and after a decision', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    await page.click('.cy-b [data-a="acceptAll"]');
    await page.waitForSelector('.cy-t', { state: 'visible' });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).__cls)).toBe(0);
    expect(await page.$eval('.cy-b', (el) => getComputedStyle(el).position)).toBe('fixed');
  });

  it('respects prefers-reduced-motion', async () => {
    let page = await newPage({ reducedMotion: 'reduce' });
    await open(page, `${ui.servers.plain.url}/`);
    expect(await page.$eval('.cy-b', (el) => getComputedStyle(el).animationName)).toBe('none');
    await page.context().close();
    page = await newPage({ reducedMotion: 'no-preference' });
    await open(page, `${ui.servers.plain.url}/`);
    expect(await page.$eval('.cy-b', (el) => getComputedStyle(el).animationName)).toBe('cy-in');
  });

  it('the banner is fully opaque from the first frame it is drawn (its entrance is a rise, not a fade)', async () => {
    const page = await newPage({ reducedMotion: 'no-preference' });
    // Samples the banner's opacity on every frame from the moment it is in the page.
    await page.addInitScript(() => {
      const seen: number[] = [];
      (window as any).__opacity = seen;
      const frame = () => {
        const el = document.querySelector('.cy-b');
        if (el) seen.push(Number.parseFloat(getComputedStyle(el).opacity));
        if (seen.length < 10) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
    await open(page, `${ui.servers.plain.url}/`);
    await page.waitForFunction(() => (window as any).__opacity.length >= 10);
    expect(await page.evaluate(() => (window as any).__opacity)).toEqual(Array(10).fill(1));
  });
});

/**
 * Tabs through every link of links.html, the footer's "Cookie settings" last, and gives the ids of those
 * the banner covers when focused: in its rows (a bar, partly hidden counts), or `entirely` under it.
 */
async function coveredWhileTabbing(page: Page, entirely = false) {
  const hidden: string[] = [];
  for (let i = 0; i < 44; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate((entirely) => {
      const a = document.activeElement as HTMLElement;
      if (!a || a.closest('.cy')) return null;
      const r = a.getBoundingClientRect();
      const b = document.querySelector('.cy-b')!.getBoundingClientRect();
      const rows = r.bottom > b.top && r.top < b.bottom;
      return {
        id: a.id,
        covered:
          rows &&
          (!entirely || (r.top >= b.top && r.bottom <= b.bottom && r.left >= b.left && r.right <= b.right)),
      };
    }, entirely);
    if (where?.covered) hidden.push(where.id);
  }
  return hidden;
}

describe('keyboard only', () => {
  it.each([
    [1280, 720],
    [320, 640],
    // A landscape phone's height at 400 % zoom (1280×1024): the bar must not fill the viewport.
    [320, 256],
  ])(
    'focus never ends up behind the bar banner, down to the last link of the page (WCAG 2.4.11), %i×%ipx',
    async (width, height) => {
      const page = await newPage({ viewport: { width, height } });
      await open(page, `${ui.servers.plain.url}/links.html`);
      expect(await coveredWhileTabbing(page)).toEqual([]);
      // Once the banner is gone, the padding is the trigger's (below); without the UI, the page's own.
      await page.click('.cy-b [data-a="rejectAll"]');
      await page.evaluate(() => (window as any).consent.ui.destroy());
      expect(await page.evaluate(() => document.documentElement.style.scrollPaddingBottom)).toBe('');
    },
  );

  // A non-modal box in the middle of the viewport sat over 20 of the page's links at 1280×720: tabbed to,
  // they were entirely under it.
  it.each([
    [1280, 720],
    [320, 640],
  ])(
    'a centred banner waits in the corner while keyboard focus is on the page, and covers no link (WCAG 2.4.11), %i×%ipx',
    async (width, height) => {
      const page = await newPage({ viewport: { width, height } });
      await open(page, `${ui.servers.plain.url}/links.html?pos=center`);
      // Where the banner's box is: its centre against the viewport's.
      const centre = () =>
        page.evaluate(() => {
          const b = document.querySelector('.cy-b')!.getBoundingClientRect();
          return [
            Math.round((b.left + b.right - innerWidth) / 2),
            Math.round((b.top + b.bottom - innerHeight) / 2),
          ];
        });
      expect(await centre()).toEqual([0, 0]);
      expect(await coveredWhileTabbing(page, true)).toEqual([]);
      // In the corner: its bottom edge near the viewport's.
      expect(
        await page.evaluate(
          () => innerHeight - document.querySelector('.cy-b')!.getBoundingClientRect().bottom,
        ),
      ).toBeLessThan(40);
      // Focus back in it: in the middle again.
      await page.focus('.cy-b [data-a="acceptAll"]');
      expect(await centre()).toEqual([0, 0]);
      // Still the banner, asking: nothing was decided.
      expect(await page.evaluate(() => (window as any).consent.store.getSnapshot().status)).toBe('undecided');
    },
  );

  // The trigger is small but sits over the page's content: at 320×568 a link scrolled into view on focus
  // ended up 96 % under it.
  it.each([
    [320, 568],
    [1280, 720],
  ])(
    'after a decision, focus never ends up under the floating trigger, down to the last link (WCAG 2.4.12), %i×%ipx',
    async (width, height) => {
      const page = await newPage({ viewport: { width, height } });
      await open(page, `${ui.servers.plain.url}/links.html`);
      await page.click('.cy-b [data-a="acceptAll"]');
      await page.waitForSelector('.cy-t', { state: 'visible' });
      await page.focus('#skip');
      const covered: string[] = [];
      // Every link of the page in Tab order, the footer's "Cookie settings" last, then the trigger.
      for (let i = 0; i < 44; i++) {
        await page.keyboard.press('Tab');
        const where = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement;
          if (!a || a.closest('.cy')) return null;
          const r = a.getBoundingClientRect();
          const t = document.querySelector('.cy-t')!.getBoundingClientRect();
          const overlap =
            Math.max(0, Math.min(r.right, t.right) - Math.max(r.left, t.left)) *
            Math.max(0, Math.min(r.bottom, t.bottom) - Math.max(r.top, t.top));
          return { id: a.id, share: overlap / (r.width * r.height) };
        });
        if (where?.share) covered.push(`${where.id} ${Math.round(where.share * 100)} %`);
      }
      expect(covered).toEqual([]);
      const padding = await page.evaluate(() => [
        document.documentElement.style.scrollPaddingBottom,
        `${innerHeight - document.querySelector('.cy-t')!.getBoundingClientRect().top + 16}px`,
      ]);
      expect(padding[0]).toBe(padding[1]);
      // The dialog opened from the trigger is modal and hides it: the page, locked behind, keeps the
      // trigger's room (taken away, it got shorter and one scrolled to its end was pulled up).
      await page.click('.cy-t');
      await page.waitForSelector('.cy-d', { state: 'visible' });
      expect(await page.evaluate(() => document.documentElement.style.scrollPaddingBottom)).toBe(padding[1]);
      await page.keyboard.press('Escape');
      await page.waitForSelector('.cy-t', { state: 'visible' });
      expect(await page.evaluate(() => document.documentElement.style.scrollPaddingBottom)).toBe(padding[1]);
      await page.evaluate(() => (window as any).consent.ui.destroy());
      expect(await page.evaluate(() => document.documentElement.style.scrollPaddingBottom)).toBe('');
    },
  );

  it('two UIs whose triggers need different paddings: the larger while both show, the page’s own once both are destroyed, oldest first', async () => {
    const page = await newPage({ viewport: { width: 320, height: 568 } });
    await open(page, `${ui.servers.plain.url}/links.html`);
    await page.evaluate(() => {
      document.documentElement.style.scrollPaddingBottom = '8px';
    });
    await page.click('.cy-b [data-a="acceptAll"]');
    // A second UI (a second store's: one store has one UI) whose trigger the site put lower: the first
    // one's needs the larger padding.
    const padding = () => page.evaluate(() => document.documentElement.style.scrollPaddingBottom);
    const needed = (n: number) =>
      page.evaluate(
        (n) => `${innerHeight - document.querySelectorAll('.cy-t')[n]!.getBoundingClientRect().top + 16}px`,
        n,
      );
    await page.evaluate(async () => {
      const { newStore, mountConsentUI } = (window as any).consent;
      const target = document.createElement('div');
      target.id = 'second';
      document.body.append(target);
      const css = new CSSStyleSheet();
      css.replaceSync('#second .cy-t { inset-block-end: 0 }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, css];
      // It reads the decision just made from the cookie: no banner, its trigger.
      const second = mountConsentUI(newStore(), { target });
      (window as any).second = second;
      await second.ready;
    });
    await page.waitForSelector('#second .cy-t', { state: 'visible' });
    const [first, second] = [await needed(0), await needed(1)];
    expect(Number.parseFloat(first)).toBeGreaterThan(Number.parseFloat(second));
    expect(await padding()).toBe(first);
    // Each UI measures again on a resize: still the larger.
    await page.setViewportSize({ width: 320, height: 560 });
    const want = await needed(0);
    await page.waitForFunction((want) => document.documentElement.style.scrollPaddingBottom === want, want);
    await page.evaluate(() => (window as any).consent.ui.destroy());
    // The second UI's trigger is the only one left.
    expect(await padding()).toBe(await needed(0));
    await page.evaluate(() => (window as any).second.destroy());
    expect(await padding()).toBe('8px');
  });

  it('the scroll padding follows the banner when the viewport changes (a phone turned), so focus stays above it', async () => {
    const page = await newPage({ viewport: { width: 1280, height: 720 } });
    await open(page, `${ui.servers.plain.url}/links.html`);
    const padding = () =>
      page.evaluate(() => ({
        padding: document.documentElement.style.scrollPaddingBottom,
        banner: `${(document.querySelector('.cy-b') as HTMLElement).offsetHeight + 16}px`,
      }));
    const wide = await padding();
    expect(wide.padding).toBe(wide.banner);
    // Narrower: the banner's text wraps onto more lines and the bar grows; no store change happens.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.waitForFunction(
      () =>
        document.documentElement.style.scrollPaddingBottom ===
        `${(document.querySelector('.cy-b') as HTMLElement).offsetHeight + 16}px`,
    );
    const narrow = await padding();
    expect(Number.parseFloat(narrow.banner)).toBeGreaterThan(Number.parseFloat(wide.banner));
    // The page's last link, focused from the keyboard, is scrolled into view above the taller bar.
    await page.focus('#reopen');
    await page.keyboard.press('Shift+Tab');
    const covered = await page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return r.bottom > document.querySelector('.cy-b')!.getBoundingClientRect().top;
    });
    expect(covered).toBe(false);
  });

  it('Tab order on the banner, dialog focus trap, Escape with no decision, focus return, Save', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    // Non-modal banner: the page stays operable and nothing is trapped.
    await page.focus('#reopen');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('A:Cookie policy');
    await page.keyboard.press('Tab');
    await shot(page, 'banner-keyboard-focus');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('acceptAll:Accept all');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('rejectAll:Reject all');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('openPreferences:Customise');
    expect(await page.$$('[inert]')).toHaveLength(0);

    await page.keyboard.press('Enter');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    expect(await focused(page)).toBe('closePreferences:×');
    // The page behind is inert while the dialog is open.
    expect(await page.$eval('main', (m) => m.inert)).toBe(true);
    // Every control of the dialog in DOM order, as `focused` names them (links in closed <details> are not).
    const controls = await page.$$eval('.cy-d button, .cy-d summary, .cy-d a[href]', (els) =>
      els
        .filter((e) => e.checkVisibility())
        .map(
          (a) => (a.getAttribute('data-a') || a.id || a.tagName) + (a.textContent ? `:${a.textContent}` : ''),
        ),
    );
    expect(controls.length).toBeGreaterThan(8);
    const order: string[] = [];
    for (let i = 0; i < controls.length + 2; i++) {
      await page.keyboard.press('Tab');
      order.push((await focused(page))!);
    }
    // Tab walks the dialog in order and wraps from the last control (Save) to the first (close).
    expect(order).toEqual([...controls.slice(1), ...controls.slice(0, 3)]);
    expect(controls.at(-1)).toBe('save:Save choices');
    // …and Shift+Tab from the first control wraps to the last.
    await page.focus('.cy-x');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('save:Save choices');

    // Space flips a switch; Escape closes with no decision and focus goes back to Customise.
    await page.focus('.cy-d [role="switch"][value="marketing"]');
    await page.keyboard.press('Space');
    expect(await page.getAttribute('.cy-d [value="marketing"]', 'aria-checked')).toBe('true');
    await shot(page, 'dialog-keyboard-focus');
    await page.keyboard.press('Escape');
    expect(await state(page)).toMatchObject({ banner: true, preferences: false, action: null });
    expect((await state(page)).cookie).not.toContain('consentry=');
    expect(await focused(page)).toBe('openPreferences:Customise');
    expect(await page.$$('[inert]')).toHaveLength(0);

    // Reopen, the draft was discarded; switch on and Save.
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('.cy-d [value="marketing"]', 'aria-checked')).toBe('false');
    await page.focus('.cy-d [role="switch"][value="marketing"]');
    await page.keyboard.press('Enter');
    await page.focus('.cy-d [data-a="save"]');
    await page.keyboard.press('Enter');
    expect(await state(page)).toMatchObject({ banner: false, preferences: false, action: 'custom' });
    expect((await state(page)).cookie).toContain('consentry=');
    // The banner is gone; focus lands on the reopen trigger, which opens the dialog again.
    expect(await focused(page)).toBe('openPreferences:Cookie settings');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('.cy-d [value="marketing"]', 'aria-checked')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('openPreferences:Cookie settings');
  });

  it.each([
    { banner: 'bar', query: '', key: 'Enter', on: 'acceptAll', action: 'accept-all' },
    { banner: 'bar', query: '', key: 'Space', on: 'rejectAll', action: 'reject-all' },
    { banner: 'modal', query: '?modal&pos=center', key: 'Enter', on: 'rejectAll', action: 'reject-all' },
    { banner: 'modal', query: '?modal&pos=center', key: 'Escape', on: 'acceptAll', action: null },
  ])(
    '$banner banner: $key on $on leaves focus on the reopen trigger, not on <body>',
    async ({ query, key, on, action }) => {
      const page = await newPage();
      await open(page, `${ui.servers.plain.url}/${query}`);
      await page.focus(`.cy-b [data-a="${on}"]`);
      await page.keyboard.press(key);
      expect(await state(page)).toMatchObject({ banner: false, action });
      await page.waitForSelector('.cy-t', { state: 'visible' });
      expect(await focused(page)).toBe('openPreferences:Cookie settings');
      // The next Tab goes on from there, not from the top of the page.
      await page.keyboard.press('Enter');
      await page.waitForSelector('.cy-d', { state: 'visible' });
      expect(await focused(page)).toBe('closePreferences:×');
    },
  );

  it('a [data-consent-open] click while the language chunk is still loading opens the dialog once it is drawn', async () => {
    const page = await newPage();
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(/\/chunks\/fr-/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${ui.servers.plain.url}/?lang=fr`);
    await page.waitForFunction(() => 'consent' in window);
    expect(await page.$$('.cy')).toHaveLength(0);
    await page.focus('#reopen');
    await page.keyboard.press('Enter');
    release();
    await page.waitForSelector('html[data-ready]');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    expect(await focused(page)).toBe('closePreferences:×');
    await page.keyboard.press('Escape');
    expect(await state(page)).toMatchObject({ banner: true, preferences: false, action: null });
    expect(await focused(page)).toBe('reopen:Cookie settings');
  });

  it('a click on the backdrop keeps Escape working: no decision, focus back', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    await page.focus('.cy-b [data-a="openPreferences"]');
    await page.keyboard.press('Enter');
    await page.mouse.click(5, 5);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('cy-o');
    await page.keyboard.press('Escape');
    expect(await state(page)).toMatchObject({ banner: true, preferences: false, action: null });
    expect(await focused(page)).toBe('openPreferences:Customise');
  });

  it('the site’s own [data-consent-open] link reopens the dialog and gets focus back', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    await page.click('.cy-b [data-a="rejectAll"]');
    await page.focus('#reopen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('reopen:Cookie settings');
    expect((await state(page)).action).toBe('reject-all');
  });

  it('the dialog’s categories are built as it first opens, then kept; the trap and the switches know them', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    const built = () => page.$$eval('.cy-d .cy-c', (cs) => cs.length);
    // The page loads with the banner and the dialog's shell, none of its categories.
    expect(await built()).toBe(0);
    await page.focus('#reopen');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    expect(await built()).toBe(3);
    expect(await focused(page)).toBe('closePreferences:×');
    // Tab trapping finds the controls added as it opened: Shift+Tab from the first wraps to the last.
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('save:Save choices');
    // Built with the draft: the exempt category on, the optional one off.
    expect(await page.getAttribute('.cy-d [value="statistics"]', 'aria-checked')).toBe('true');
    expect(await page.getAttribute('.cy-d [value="marketing"]', 'aria-checked')).toBe('false');
    await page.click('.cy-d [role="switch"][value="marketing"]');
    expect(await page.getAttribute('.cy-d [value="marketing"]', 'aria-checked')).toBe('true');
    await page.$eval('.cy-d .cy-c', (c) => c.setAttribute('data-seen', ''));
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('reopen:Cookie settings');
    // Reopened from the banner: the same elements, not a second set, showing the new draft (Escape
    // discarded the last one).
    await page.click('.cy-b [data-a="openPreferences"]');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    expect(await built()).toBe(3);
    expect(await page.$$('.cy-d .cy-c[data-seen]')).toHaveLength(1);
    expect(await page.getAttribute('.cy-d [value="marketing"]', 'aria-checked')).toBe('false');
  });

  it('modal banner: focus starts inside, Tab is trapped, the page is inert, Escape is no decision', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/?modal&pos=center`);
    expect(await page.getAttribute('.cy-b', 'role')).toBe('dialog');
    expect(await page.getAttribute('.cy-b', 'aria-modal')).toBe('true');
    // The banner itself takes focus: no choice is preselected.
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('cy-b');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('A:Cookie policy');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('A:Cookie policy');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('openPreferences:Customise');
    expect(await page.$eval('main', (m) => m.inert)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await state(page)).toMatchObject({ banner: false, action: null });
    expect(await page.$eval('main', (m) => m.inert)).toBe(false);
  });

  // A modal mounted where it is not rendered (a target hidden by the page's CSS on phones, <head>, a
  // hidden element) made the page inert with nothing on screen to answer: the page was dead.
  it('a modal that is not rendered makes nothing inert', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    const inert = () => page.$eval('main', (m) => m.inert);
    for (const target of ['hidden', 'display-none', 'head']) {
      await page.evaluate((target) => {
        const { consent } = window as any;
        consent.ui.destroy();
        const el =
          target === 'head' ? document.head : document.body.appendChild(document.createElement('footer'));
        if (target === 'hidden') el.hidden = true;
        if (target === 'display-none') el.style.display = 'none';
        consent.ui = consent.mountConsentUI(consent.store, { modal: true, target: el });
        return consent.ui.ready;
      }, target);
      expect(await page.locator('.cy-b').count(), target).toBe(1);
      expect(await inert(), target).toBe(false);
      await page.evaluate(() => (window as any).consent.store.openPreferences());
      expect(await inert(), target).toBe(false);
      await page.evaluate(() => (window as any).consent.store.closePreferences());
    }
  });
});

describe('a switch per service', () => {
  const sw = (label: string) => `.cy-d [role="switch"][aria-label="${label}"]`;
  const checks = (page: Page) =>
    page.$$eval('.cy-d [role="switch"]', (els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('value'), e.getAttribute('aria-checked')])),
    );
  const grants = (page: Page) =>
    page.evaluate(() => {
      const { store } = (window as any).consent;
      const value = /(?:^|; )consentry=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      return {
        has: ['marketing', 'youtube', 'vimeo'].map((id) => store.has(id)),
        // The record's grants field: optional categories, then only the service exceptions to them.
        stored: value.split('.')[6],
      };
    });

  it('category on, one of its services off, Save: stored as an exception, the same after a reload', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    await openDialog(page);
    expect(await checks(page)).toMatchObject({ marketing: 'false', youtube: 'false', vimeo: 'false' });
    await page.click('.cy-d [role="switch"][value="marketing"]');
    // The category cascades to its services' switches.
    expect(await checks(page)).toMatchObject({ marketing: 'true', youtube: 'true', vimeo: 'true' });
    await page.click(sw('YouTube videos'));
    expect(await checks(page)).toMatchObject({ marketing: 'true', youtube: 'false', vimeo: 'true' });
    // In view: the switched-off service, its cookies and storage keys, and the service after it.
    await page.$eval(sw('YouTube videos'), (e) => e.scrollIntoView({ block: 'start' }));
    await shot(page, 'dialog-service-off');
    await page.click('.cy-d [data-a="save"]');
    expect(await grants(page)).toEqual({
      has: [true, false, true],
      stored: 'statistics!marketing!-youtube',
    });

    await page.reload();
    await page.waitForSelector('html[data-ready]');
    expect(await grants(page)).toEqual({
      has: [true, false, true],
      stored: 'statistics!marketing!-youtube',
    });
    await page.click('.cy-t');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    expect(await checks(page)).toMatchObject({ marketing: 'true', youtube: 'false', vimeo: 'true' });
  });

  it('keyboard only: Enter on a service’s summary shows its switch next in Tab order, Space and Enter flip it, Save keeps it', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    await page.focus('.cy-b [data-a="openPreferences"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    // What a screen reader would announce for the focused control: its tag and accessible name.
    const current = () =>
      page.evaluate(() => {
        const a = document.activeElement!;
        return `${a.tagName}:${a.getAttribute('aria-label') ?? a.textContent}`;
      });
    // Tab to a control by that name, as a keyboard user would walk the dialog.
    const tabTo = async (name: string) => {
      for (let i = 0; i < 30 && (await current()) !== name; i++) await page.keyboard.press('Tab');
      expect(await current()).toBe(name);
    };
    await tabTo('SUMMARY:Matomo analytics');
    // Collapsed, the service has no switch to reach: Tab goes on to the next category.
    await page.keyboard.press('Tab');
    expect(await current()).toBe('BUTTON:Marketing and embeds');
    await page.keyboard.press('Shift+Tab');
    // Enter expands the service; its switch comes right after the summary, before the details' links.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await current()).toBe('BUTTON:Matomo analytics');
    await page.keyboard.press('Space');
    // Its category's only service off: the category with it (core: a category whose every service is refused).
    expect(await checks(page)).toMatchObject({ statistics: 'false', matomo: 'false' });
    await tabTo('SUMMARY:YouTube videos');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await current()).toBe('BUTTON:YouTube videos');
    await page.keyboard.press('Tab');
    expect(await current()).toBe('A:Privacy policy');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    expect(await checks(page)).toMatchObject({ marketing: 'false', youtube: 'true', vimeo: 'false' });
    await page.keyboard.press('Enter');
    expect(await checks(page)).toMatchObject({ youtube: 'false' });
    await page.keyboard.press('Enter');
    expect(await checks(page)).toMatchObject({ youtube: 'true' });
    await shot(page, 'dialog-service-keyboard-focus');
    // The focus ring is drawn around the focused service switch.
    expect(await page.$eval(sw('YouTube videos'), (e) => getComputedStyle(e).outlineStyle)).toBe('solid');
    for (let i = 0; i < 30 && (await focused(page)) !== 'save:Save choices'; i++)
      await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => (window as any).consent.store.getSnapshot().record.services)).toEqual([
      'session',
      'youtube',
    ]);
    expect((await grants(page)).stored).toBe('youtube');
  });

  it('a category flipped by its name cascades to collapsed services, and every animation still ends', async () => {
    const page = await newPage({ reducedMotion: 'no-preference' });
    await open(page, `${ui.servers.plain.url}/`);
    await page.click('.cy-b [data-a="openPreferences"]');
    const marketing = page.locator('.cy-d').getByRole('switch', { name: 'Marketing' });
    await marketing.click();
    // The role lookup reads the computed style of every switch, the collapsed ones too.
    expect(await marketing.getAttribute('aria-checked')).toBe('true');
    expect(await checks(page)).toMatchObject({ youtube: 'true', vimeo: 'true', mail: 'true' });
    // A knob transition started inside closed details (content the browser skips) would never advance
    // and its `finished` would never settle: a page or a test waiting for the UI to be still would hang.
    expect(await animationsEnd(page)).toBe(true);
    // The knobs that can be seen still slide: the category's, and a service's once it is expanded.
    await page.click('.cy-d summary:has-text("YouTube videos")');
    const durations = await page.$$eval('.cy-d [role="switch"]', (els) =>
      Object.fromEntries(
        els.map((e) => [e.getAttribute('value'), getComputedStyle(e, '::before').transitionDuration]),
      ),
    );
    expect(durations).toMatchObject({ marketing: '0.15s', youtube: '0.15s', vimeo: '0s', mail: '0s' });
  });

  // Playwright's getByRole matches a name as a case-insensitive substring unless told `exact`; the
  // browser's own accessibility tree (what a screen reader reads) is checked beside it.
  it.each([
    { lang: 'en', word: 'Marketing', category: 'Marketing and embeds', service: 'Marketing e-mail tracking' },
    { lang: 'ar', word: 'التسويق', category: 'التسويق والمحتوى المضمّن', service: 'تتبع رسائل التسويق' },
  ])(
    '($lang) a switch looked up by a category’s word is the category’s while its services are collapsed',
    async ({ lang, word, category, service }) => {
      const page = await newPage();
      await open(page, `${ui.servers.plain.url}/?lang=${lang}`);
      await page.click('.cy-b [data-a="openPreferences"]');
      await page.waitForSelector('.cy-d', { state: 'visible' });
      const dialog = page.locator('.cy-d');
      const values = (name: string, exact = false) =>
        dialog
          .getByRole('switch', { name, exact })
          .evaluateAll((els) => els.map((e) => e.getAttribute('value')));
      const cdp = await page.context().newCDPSession(page);
      const axSwitches = async () => {
        const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
          nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
        };
        return nodes
          .filter((n) => !n.ignored && n.role?.value === 'switch')
          .map((n) => n.name?.value)
          .filter((n) => n?.includes(word));
      };

      // Every category found by a word of its title and by its full title, and only it.
      const titles = await page.$$eval('.cy-d .cy-c > .cy-h h3', (hs) => hs.map((h) => h.textContent!));
      expect(titles).toHaveLength(3);
      for (const title of titles) {
        expect(await values(title)).toHaveLength(1);
        expect(await values(title.split(' ').at(-1)!)).toHaveLength(1);
      }
      expect(await values(word)).toEqual(['marketing']);
      expect(await values(word.toLowerCase())).toEqual(['marketing']);
      expect(await axSwitches()).toEqual([category]);
      // Strict mode: one match, so a click goes through (and cascades to the hidden service switches).
      await dialog.getByRole('switch', { name: word }).click();
      expect(await page.getAttribute('.cy-d [value="mail"]', 'aria-checked')).toBe('true');

      // Expanded, the service's switch is there too, and its exact title finds it alone.
      await dialog.locator('summary', { hasText: service }).click();
      await settled(page);
      expect(await values(word)).toEqual(['marketing', 'mail']);
      expect(await values(service, true)).toEqual(['mail']);
      expect(await values(category, true)).toEqual(['marketing']);
      expect(await axSwitches()).toEqual([category, service]);
      await dialog.getByRole('switch', { name: service, exact: true }).click();
      expect(await page.getAttribute('.cy-d [value="mail"]', 'aria-checked')).toBe('false');
      expect(await page.getAttribute('.cy-d [value="marketing"]', 'aria-checked')).toBe('true');
      await shot(page, `dialog-service-expanded-${lang}`);
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      // Collapsed again, it is gone again.
      await dialog.locator('summary', { hasText: service }).click();
      expect(await values(word)).toEqual(['marketing']);
      expect(await axSwitches()).toEqual([category]);
    },
  );

  it.each(['en', 'ar'])(
    '(%s) each service switch of open details sits at the summary line’s inline end, centred on it',
    async (lang) => {
      const page = await newPage({ viewport: { width: 320, height: 640 } });
      await open(page, `${ui.servers.plain.url}/?lang=${lang}`);
      await openDialog(page);
      const rows = await page.$$eval('.cy-d details', (ds) =>
        ds
          .filter((d) => d.querySelector('[role="switch"]'))
          .map((d) => {
            const summary = d.querySelector('summary')!;
            const s = summary.getBoundingClientRect();
            const b = d.querySelector('[role="switch"]')!.getBoundingClientRect();
            const c = d.closest('.cy-c')!.querySelector('.cy-h [role="switch"]')!.getBoundingClientRect();
            // The middle of the summary's first line: a title that wraps (the dialog is narrower while
            // the page's scrollbar gutter is kept) has the switch beside its first line.
            const { paddingTop, lineHeight } = getComputedStyle(summary);
            const line = s.top + Number.parseFloat(paddingTop) + Number.parseFloat(lineHeight) / 2;
            return {
              centred: Math.abs(line - (b.top + b.height / 2)) <= 1.5,
              // Same inline edge as its category's switch, on the other side of the summary.
              aligned: Math.abs(b.left - c.left) <= 0.5,
              side: b.left > s.left ? 'right' : 'left',
            };
          }),
      );
      const side = lang === 'ar' ? 'left' : 'right';
      expect(rows).toEqual(Array(4).fill({ centred: true, aligned: true, side }));
      await page.$eval('.cy-d [value="youtube"]', (e) => e.scrollIntoView({ block: 'center' }));
      await shot(page, `dialog-services-320px-${lang}`);
    },
  );
  it.each(['fr', 'en', 'ar'])(
    '(%s) at 320 px no word of a category name breaks mid-word, and its switch keeps the inline end',
    async (lang) => {
      const page = await newPage({ viewport: { width: 320, height: 640 } });
      await open(page, `${ui.servers.plain.url}/?lang=${lang}`);
      await openDialog(page);
      const rows = await page.$$eval(
        '.cy-d .cy-c > .cy-h',
        (heads, rtl) =>
          heads.map((head) => {
            const title = head.querySelector('h3')!;
            const text = title.firstChild as Text;
            const range = document.createRange();
            const broken: string[] = [];
            let at = 0;
            // A word on more than one line box was broken inside.
            for (const word of text.data.split(' ')) {
              range.setStart(text, at);
              range.setEnd(text, at + word.length);
              if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1)
                broken.push(word);
              at += word.length + 1;
            }
            const sw = head.querySelector('[role="switch"]')!.getBoundingClientRect();
            const box = head.getBoundingClientRect();
            return {
              title: text.data,
              broken,
              end: Math.abs(rtl ? sw.left - box.left : sw.right - box.right) <= 1,
              inside: box.width <= head.parentElement!.getBoundingClientRect().width + 0.5,
            };
          }),
        lang === 'ar',
      );
      expect(rows.length).toBe(3);
      for (const row of rows) expect(row, row.title).toMatchObject({ broken: [], end: true, inside: true });
      await shot(page, `dialog-categories-320px-${lang}`);
    },
  );
});

describe('XSS payloads in every text field run nothing', () => {
  const vectors = JSON.parse(
    readFileSync(
      fileURLToPath(new URL('../../../test-vectors/peer-issue-attack-and-edge-cases.json', import.meta.url)),
      'utf8',
    ),
  ) as { cases: { id: string; input: Record<string, unknown> }[] };
  // Payloads quoted by test-vectors/peer-issue-attack-and-edge-cases.json (tarteaucitron #823, #1184,
  // PR #1413; klaro text.jsx), plus variants that would set a flag instead of opening an alert.
  const quoted = vectors.cases
    .filter((c) => c.id.startsWith('xss-'))
    .flatMap((c) => Object.values(c.input).filter((v): v is string => typeof v === 'string'));
  const payloads = [
    ...quoted,
    '<img src=x onerror="window.__xss=1">',
    '<script>window.__xss=2</script>',
    '"><svg onload="window.__xss=3">',
    '\'><iframe srcdoc="<script>parent.__xss=4</script>"></iframe>',
    '<a href="javascript:window.__xss=5">x</a>',
    '{{constructor.constructor("window.__xss=6")()}}',
  ];

  it('quotes every payload from the vector file', () => {
    expect(quoted).toHaveLength(4);
    expect(quoted).toContain('<img src=x onerror=alert(1)>');
  });

  it.each(['en', 'ar'])(
    'banner and open dialog (%s): no dialog, no injected element, no flag',
    async (lang) => {
      const page = await newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.addInitScript((p) => Object.assign(window, { __payloads: p }), payloads);
      await open(page, `${ui.servers.plain.url}/?lang=${lang}`);
      await openDialog(page);
      await page.waitForTimeout(300);
      const result = await page.evaluate(() => ({
        flag: (window as any).__xss,
        injected: document.querySelectorAll(
          '.cy img, .cy script, .cy svg, .cy iframe, .cy [onerror], .cy [onload], .cy [srcdoc]',
        ).length,
        links: [...document.querySelectorAll('.cy a')].map((a) => a.getAttribute('href')),
        text: document.querySelector('.cy')!.textContent,
      }));
      expect(dialogs).toEqual([]);
      expect(result.flag).toBeUndefined();
      expect(result.injected).toBe(0);
      expect(
        result.links.every((h) => h === '/cookie-policy' || h === 'https://policies.google.com/privacy'),
      ).toBe(true);
      for (const p of payloads) expect(result.text).toContain(p);
      // Hovering everything and toggling every <details> runs nothing either.
      await page.$$eval('.cy *', (els) => {
        for (const e of els) e.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      });
      for (const summary of await page.$$('.cy-d summary')) await summary.click();
      expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    },
  );
});

describe('strict CSP', () => {
  const run = async (url: string) => {
    const page = await newPage();
    await open(page, url);
    await openDialog(page);
    await page.keyboard.press('Escape');
    await page.click('.cy-b [data-a="acceptAll"]');
    await page.waitForTimeout(200);
    return {
      violations: (await page.evaluate(() => (window as any).__csp)) as string[],
      position: await page.$eval('.cy-t', (el) => getComputedStyle(el).position),
    };
  };

  it('default-src self with the stylesheet linked: 0 violations, styles applied', async () => {
    expect(await run(`${ui.servers.strict.url}/`)).toEqual({ violations: [], position: 'fixed' });
  });

  it('default-src self with applyStyles() (adopted stylesheet): 0 violations, styles applied', async () => {
    expect(await run(`${ui.servers.strict.url}/adopt.html`)).toEqual({ violations: [], position: 'fixed' });
  });

  it("style-src 'nonce-…' with applyStyles({ nonce }): 0 violations, styles applied", async () => {
    expect(await run(`${ui.servers.nonce.url}/nonce.html`)).toEqual({ violations: [], position: 'fixed' });
  });

  it('control: the same listener does report a blocked inline <style>', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.strict.url}/inline.html`);
    expect(await page.evaluate(() => (window as any).__csp)).toEqual([
      expect.stringMatching(/^style-src-elem inline/),
    ]);
  });
});

describe('small screens and zoom', () => {
  const sizes = [
    { name: '320px', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
    // 200 % zoom of a 1280×720 window: the layout sees 640×360 CSS px at 2 device pixels each.
    { name: 'zoom-200', viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 },
  ];
  for (const lang of ['en', 'ar']) {
    it.each(sizes)(
      `$name (${lang}): banner and dialog controls are visible and reachable, no horizontal scroll`,
      async ({ name, viewport, deviceScaleFactor }) => {
        const page = await newPage({ viewport, deviceScaleFactor });
        await open(page, `${ui.servers.plain.url}/?lang=${lang}`);
        await shot(page, `banner-${name}-${lang}`);
        expect(await reachable(page, '.cy-b')).toEqual([]);
        await openDialog(page);
        await shot(page, `dialog-${name}-${lang}`);
        expect(await reachable(page, '.cy-d')).toEqual([]);
        const overflow = await page.$eval('.cy-d', (d) => d.scrollWidth - d.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        const violations = await runAxe(page);
        expect(violations, formatViolations(violations)).toEqual([]);
      },
    );
  }
});

describe('long words', () => {
  // Words wider than the line (German compounds from config.ui) break inside their box.
  const overflows = (page: Page, scope: string) =>
    page.$$eval(`${scope}, ${scope} h2, ${scope} button`, (els) =>
      els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent!.slice(0, 30)),
    );
  const boxes = (page: Page, scope: string) =>
    page.$$eval(`${scope} .cy-a button`, (bs) =>
      bs.map((b) => {
        const r = b.getBoundingClientRect();
        return `${Math.round(r.width)}×${Math.round(r.height)}`;
      }),
    );
  it.each([320, 480, 800])(
    'at %i px nothing overflows sideways, and the actions keep one size when a label wraps',
    async (width) => {
      const page = await newPage({ viewport: { width, height: 640 } });
      await open(page, `${ui.servers.plain.url}/?long`);
      expect(await page.$eval('.cy-b h2', (h) => h.textContent)).toBe(
        'Datenschutzeinstellungsübersichtsseite',
      );
      expect(await overflows(page, '.cy-b')).toEqual([]);
      expect(new Set(await boxes(page, '.cy-b')).size).toBe(1);
      await openDialog(page);
      expect(await overflows(page, '.cy-d')).toEqual([]);
      expect(new Set(await boxes(page, '.cy-d')).size).toBe(1);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - innerWidth),
      ).toBeLessThanOrEqual(0);
      await shot(page, `dialog-long-words-${width}px`);
    },
  );
});

describe('forced colors (Windows high contrast)', () => {
  it('buttons and the dialog keep visible edges, an off switch its knob, a focused control its ring', async () => {
    const page = await newPage({ forcedColors: 'active' });
    await open(page, `${ui.servers.plain.url}/`);
    const edges = (selector: string, pseudo?: string) =>
      page.$$eval(
        selector,
        (els, pseudo) =>
          els.map((e) => {
            const s = getComputedStyle(e, pseudo);
            return `${s.borderTopStyle} ${s.borderTopWidth} ${s.borderBottomStyle} ${s.borderBottomWidth}`;
          }),
        pseudo,
      );
    expect(new Set(await edges('.cy-b .cy-a button'))).toEqual(new Set(['solid 1px solid 1px']));
    await openDialog(page);
    expect(new Set(await edges('.cy-d, .cy-d .cy-a button, .cy-x'))).toEqual(
      new Set(['solid 1px solid 1px']),
    );
    // Backgrounds are forced to Canvas: the knob of a switch that is off shows as its ring alone.
    expect(await page.getAttribute('.cy-d [value="marketing"]', 'aria-checked')).toBe('false');
    expect(await edges('.cy-d [value="marketing"]', '::before')).toEqual(['solid 1px solid 1px']);
    await page.focus('.cy-d [value="marketing"]');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.$eval('.cy-d [value="marketing"]', (e) => getComputedStyle(e).outlineStyle)).toBe(
      'solid',
    );
    await shot(page, 'dialog-forced-colors');
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });
});

describe('<consentry-banner> custom element', () => {
  it('mounts from attributes and a store property, passes axe, decides, and unmounts when removed', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.strict.url}/element.html`);
    const root = await page.$eval('consentry-banner .cy', (el) => [
      el.getAttribute('lang'),
      (el as HTMLElement).dataset.theme,
      (el as HTMLElement).dataset.pos,
    ]);
    expect(root).toEqual(['fr', 'dark', 'box']);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.click('consentry-banner [data-a="rejectAll"]');
    expect(await state(page)).toMatchObject({ banner: false, action: 'reject-all' });
    await shot(page, 'element-after-decision');
    await page.evaluate(() => (window as any).consent.el.remove());
    expect(await page.$$('.cy')).toHaveLength(0);
    expect(await page.evaluate(() => (window as any).__csp)).toEqual([]);
  });
});
