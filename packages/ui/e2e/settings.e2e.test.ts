// The banner and the dialog as visitors meet them on other devices and with their own settings: short
// and narrow viewports (WCAG 1.4.10), their own text spacing (1.4.12) and text size (1.4.4), every
// bundled language, both themes' focus rings (2.4.13, 1.4.11), print, and touch; and on a site whose
// root font size is small (target size, 2.5.8).
import { formatViolations, runAxe } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open, reachable, SHOTS, settled, useBrowser } from './setup';

const ui = useBrowser();
const { newPage } = ui;

const openDialog = async (page: Page, details = true) => {
  await page.click('.cy-b [data-a="openPreferences"]');
  await page.waitForSelector('.cy-d', { state: 'visible' });
  if (details)
    await page.$$eval('.cy-d details', (ds) => {
      for (const d of ds) d.setAttribute('open', '');
    });
  await settled(page);
};
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png` });

/** What scrolls sideways: the document, and any element of `scope` wider inside than its box. */
const sideways = (page: Page, scope: string) =>
  page.$$eval(`${scope}, ${scope} *`, (els) => [
    ...(document.documentElement.scrollWidth > innerWidth ? ['document'] : []),
    ...els
      .filter((e) => e.checkVisibility() && e.scrollWidth > e.clientWidth + 0.5)
      .map((e) => `${e.tagName}: ${e.textContent!.slice(0, 30)}`),
  ]);

/** Height of the viewport that a non-modal banner leaves to the page. */
const pageInView = (page: Page) =>
  page.$eval('.cy-b', (b) => innerHeight - Math.min(b.getBoundingClientRect().height, innerHeight));

// A user stylesheet, as the text-spacing bookmarklets and extensions apply it (WCAG 1.4.12's values).
const TEXT_SPACING = `* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`;
// Text resized to 200 % without zoom (WCAG 1.4.4): everything sized in rem doubles, the viewport does not.
const TEXT_200 = 'html { font-size: 200% !important; }';

/**
 * Text of `scope` that is covered by something else (a switch, a button, other text) or cut off: each
 * line of text is scrolled into view in its scroll container and must be what the browser finds at the
 * start and the end of the line. Empty when every line can be read.
 */
const hiddenText = (page: Page, scope: string) =>
  page.$eval(scope, (root) => {
    const out = new Set<string>();
    const scroller = (el: Element) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        const y = getComputedStyle(e).overflowY;
        if ((y === 'auto' || y === 'scroll') && e.scrollHeight > e.clientHeight) return e;
      }
      return null;
    };
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement!;
      if (!n.textContent!.trim() || !el.checkVisibility()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const lines = range.getClientRects().length;
      for (let i = 0; i < lines; i++) {
        let r = range.getClientRects()[i]!;
        if (r.width < 1) continue;
        const sc = scroller(el);
        if (sc) {
          const s = sc.getBoundingClientRect();
          sc.scrollTop += r.top + r.height / 2 - (s.top + s.height / 2);
          r = range.getClientRects()[i]!;
        }
        const y = r.top + r.height / 2;
        for (const x of [r.left + 2, r.right - 2]) {
          const hit = document.elementFromPoint(x, y);
          // The text's own element, or one around it inside the scope (a gap between two inline boxes).
          const own = hit && (el.contains(hit) || (hit.contains(el) && hit !== root && root.contains(hit)));
          if (!own)
            out.add(
              `"${n.textContent!.trim().slice(0, 24)}" line ${i + 1} under ${hit?.className || hit?.tagName}`,
            );
        }
      }
    }
    return [...out];
  });

describe('reflow: 320 CSS px wide, 256 tall (WCAG 1.4.10)', () => {
  // 400 % zoom of a 1280×1024 window is a 320×256 layout; a phone held sideways is 640×360.
  const viewports = [
    { name: '400% zoom', viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 },
    { name: 'landscape phone', viewport: { width: 640, height: 360 }, deviceScaleFactor: 2, hasTouch: true },
  ].map(({ name, ...options }) => ({ name, options }));
  for (const pos of ['bar', 'box', 'center'])
    for (const lang of ['en', 'ar'])
      it.each(viewports)(
        `$name, ${pos} banner (${lang}): part of the page stays in view, every control is reachable, nothing scrolls sideways`,
        async ({ options }) => {
          const page = await newPage(options);
          await open(page, `${ui.servers.plain.url}/?lang=${lang}&pos=${pos}`);
          // At least 6rem (96 px) of the page: a focused line and its ring fit above the scroll padding.
          expect(await pageInView(page)).toBeGreaterThanOrEqual(96);
          expect(await reachable(page, '.cy-b')).toEqual([]);
          expect(await sideways(page, '.cy-b')).toEqual([]);
          await shot(page, `reflow-${options.viewport.width}x${options.viewport.height}-${pos}-${lang}`);
          await openDialog(page);
          expect(await reachable(page, '.cy-d')).toEqual([]);
          expect(await sideways(page, '.cy-d')).toEqual([]);
        },
      );

  it.each(['en', 'ar'])(
    '(%s) a modal banner may take the whole height, and scrolls to its last action',
    async (lang) => {
      const page = await newPage({ viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 });
      await open(page, `${ui.servers.plain.url}/?lang=${lang}&pos=center&modal`);
      expect(await reachable(page, '.cy-b')).toEqual([]);
      expect(await sideways(page, '.cy-b')).toEqual([]);
    },
  );

  it.each(['en', 'ar'])('(%s) a centred banner is centred, in either direction', async (lang) => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/?lang=${lang}&pos=center`);
    const gaps = await page.$eval('.cy-b', (b) => {
      const r = b.getBoundingClientRect();
      return [r.left, innerWidth - r.right, r.top, innerHeight - r.bottom].map(Math.round);
    });
    expect(Math.abs(gaps[0]! - gaps[1]!)).toBeLessThanOrEqual(1);
    expect(Math.abs(gaps[2]! - gaps[3]!)).toBeLessThanOrEqual(1);
    expect(Math.min(...gaps)).toBeGreaterThan(0);
  });
});

describe('right to left', () => {
  it.each([
    { lang: 'en', close: 'right', off: 'left', on: 'right' },
    { lang: 'ar', close: 'left', off: 'right', on: 'left' },
  ])(
    '($lang) the close button sits at the $close, a switch’s knob moves from the $off to the $on end when on',
    async ({ lang, close, off, on }) => {
      const page = await newPage({ viewport: { width: 320, height: 640 }, reducedMotion: 'reduce' });
      await open(page, `${ui.servers.plain.url}/?lang=${lang}`);
      await openDialog(page, false);
      const layout = () =>
        page.evaluate(() => {
          const side = (inner: DOMRect, outer: DOMRect) =>
            inner.left - outer.left < outer.right - inner.right ? 'left' : 'right';
          const head = document.querySelector('.cy-d > .cy-h')!.getBoundingClientRect();
          const sw = document.querySelector('.cy-d [role="switch"][value="marketing"]')!;
          // The knob is the switch's ::before: its box from the computed offsets.
          const s = getComputedStyle(sw, '::before');
          const r = sw.getBoundingClientRect();
          const start =
            s.left !== 'auto' ? Number.parseFloat(s.left) : r.width - Number.parseFloat(s.right) - 18;
          const knob = new DOMRect(r.left + start, r.top, 18, 18);
          return {
            close: side(document.querySelector('.cy-x')!.getBoundingClientRect(), head),
            knob: side(knob, r),
            checked: sw.getAttribute('aria-checked'),
          };
        });
      expect(await layout()).toEqual({ close, knob: off, checked: 'false' });
      await page.click('.cy-d [role="switch"][value="marketing"]');
      expect(await layout()).toEqual({ close, knob: on, checked: 'true' });
    },
  );
});

describe('the visitor’s own text spacing (WCAG 1.4.12) and text size (WCAG 1.4.4)', () => {
  const cases = [
    { name: 'text spacing', css: TEXT_SPACING, width: 320, height: 640, lang: 'en' },
    { name: 'text spacing', css: TEXT_SPACING, width: 320, height: 640, lang: 'ar' },
    { name: 'text spacing', css: TEXT_SPACING, width: 320, height: 640, lang: 'de' },
    { name: 'text spacing', css: TEXT_SPACING, width: 1280, height: 720, lang: 'en' },
    { name: 'text 200%', css: TEXT_200, width: 1280, height: 720, lang: 'en' },
    { name: 'text 200%', css: TEXT_200, width: 1280, height: 720, lang: 'ar' },
    // A phone with its text enlarged: the dialog's heading and actions alone are taller than the screen.
    { name: 'text 200%', css: TEXT_200, width: 320, height: 640, lang: 'en' },
    { name: 'text 200%', css: TEXT_200, width: 640, height: 360, lang: 'de' },
  ];
  it.each(cases)(
    '$name, $width×$height ($lang): no text covered or cut off, every control reachable, nothing sideways',
    async ({ name, css, width, height, lang }) => {
      const page = await newPage({ viewport: { width, height } });
      await open(page, `${ui.servers.plain.url}/?lang=${lang}`);
      await page.addStyleTag({ content: css });
      await settled(page);
      expect(await pageInView(page)).toBeGreaterThan(0);
      expect(await hiddenText(page, '.cy-b')).toEqual([]);
      expect(await reachable(page, '.cy-b')).toEqual([]);
      expect(await sideways(page, '.cy-b')).toEqual([]);
      await openDialog(page);
      expect(await hiddenText(page, '.cy-d')).toEqual([]);
      expect(await reachable(page, '.cy-d')).toEqual([]);
      expect(await sideways(page, '.cy-d')).toEqual([]);
      await page.$eval('.cy-d [data-a="save"]', (e) => e.scrollIntoView({ block: 'nearest' }));
      await shot(page, `dialog-${name.replace(/\W+/g, '-')}-${width}x${height}-${lang}`);
    },
  );
});

describe('every bundled language at 320 px', () => {
  it.each(['en', 'fr', 'de', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'ar'])(
    '%s: banner, dialog and trigger fit, every control reachable, no axe violation',
    async (lang) => {
      const page = await newPage({ viewport: { width: 320, height: 640 } });
      await open(page, `${ui.servers.plain.url}/?lang=${lang}`);
      expect(await page.$eval('.cy', (el) => el.getAttribute('lang'))).toBe(lang);
      expect(await sideways(page, '.cy-b')).toEqual([]);
      expect(await reachable(page, '.cy-b')).toEqual([]);
      await shot(page, `banner-320px-locale-${lang}`);
      await openDialog(page);
      expect(await sideways(page, '.cy-d')).toEqual([]);
      expect(await reachable(page, '.cy-d')).toEqual([]);
      expect(await hiddenText(page, '.cy-d')).toEqual([]);
      await shot(page, `dialog-320px-locale-${lang}`);
      const violations = await runAxe(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.click('.cy-b [data-a="rejectAll"]');
      await page.waitForSelector('.cy-t', { state: 'visible' });
      expect(await sideways(page, '.cy')).toEqual([]);
      expect(await reachable(page, '.cy')).toEqual([]);
    },
  );
});

describe('focus visible on every control (WCAG 2.4.13, 1.4.11)', () => {
  // 2.4.13's measure: the pixels that change by at least 3:1 between the unfocused and the focused
  // state cover at least the area of a 2 px thick perimeter of the control. Screenshots of both
  // states are compared in a blank page of the same browser (a canvas decodes them).
  const changed = async (before: Buffer, after: Buffer) => {
    const blank = await newPage();
    const count = await blank.evaluate(
      async ([a, b]) => {
        const pixels = async (png: string) => {
          const img = new Image();
          img.src = `data:image/png;base64,${png}`;
          await img.decode();
          const c = new OffscreenCanvas(img.width, img.height);
          const g = c.getContext('2d')!;
          g.drawImage(img, 0, 0);
          return g.getImageData(0, 0, img.width, img.height).data;
        };
        const lum = (d: Uint8ClampedArray, i: number) => {
          const ch = (c: number) => {
            const v = c / 255;
            return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * ch(d[i]!) + 0.7152 * ch(d[i + 1]!) + 0.0722 * ch(d[i + 2]!);
        };
        const [p, q] = [await pixels(a!), await pixels(b!)];
        let n = 0;
        for (let i = 0; i < p.length; i += 4) {
          const [x, y] = [lum(p, i), lum(q, i)];
          if ((Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05) >= 3) n++;
        }
        return n;
      },
      [before.toString('base64'), after.toString('base64')],
    );
    await blank.close();
    return count;
  };

  const measure = async (page: Page, selector: string) => {
    const results: string[] = [];
    const controls = await page.$$(selector);
    for (const control of controls) {
      if (!(await control.evaluate((e) => e.checkVisibility() && !e.closest('[hidden]')))) continue;
      await control.evaluate((e) => {
        (document.activeElement as HTMLElement | null)?.blur();
        e.scrollIntoView({ block: 'center' });
      });
      const box = (await control.boundingBox())!;
      const m = 10;
      const clip = { x: box.x - m, y: box.y - m, width: box.width + 2 * m, height: box.height + 2 * m };
      const before = await page.screenshot({ clip });
      await control.focus();
      expect(await control.evaluate((e) => e.matches(':focus-visible'))).toBe(true);
      const after = await page.screenshot({ clip });
      const n = await changed(before, after);
      const needed = Math.round(4 * (box.width + box.height) - 16);
      if (n < needed)
        results.push(
          `${await control.evaluate((e) => e.getAttribute('aria-label') ?? e.textContent)}: ${n} of ${needed} px`,
        );
    }
    return { count: controls.length, results };
  };

  it.each(['light', 'dark'])('%s theme: banner, dialog and the trigger on the page', async (theme) => {
    const page = await newPage({ reducedMotion: 'reduce' });
    await open(page, `${ui.servers.plain.url}/?theme=${theme}`);
    // A key first: focus from script then shows a ring as it does after Tab.
    await page.keyboard.press('Tab');
    const banner = await measure(page, '.cy-b a[href], .cy-b button');
    expect(banner.results).toEqual([]);
    expect(banner.count).toBe(4);
    await openDialog(page);
    await page.keyboard.press('Tab');
    const dialog = await measure(page, '.cy-d a[href], .cy-d button, .cy-d summary');
    expect(dialog.results).toEqual([]);
    expect(dialog.count).toBeGreaterThan(15);
    await page.keyboard.press('Escape');
    await page.click('.cy-b [data-a="rejectAll"]');
    await page.keyboard.press('Tab');
    // The trigger sits on the page (here a light one), outside the UI's own background.
    const trigger = await measure(page, '.cy-t');
    expect(trigger.results).toEqual([]);
    expect(trigger.count).toBe(1);
    await shot(page, `trigger-focus-${theme}`);
  });
});

describe('a site with a small root font size (html { font-size: 62.5% }, 1rem = 10 px)', () => {
  /**
   * Every visible target of the UI (buttons, switches, summaries, a service's policy link on its own
   * line: the banner's policy link is inline in its text, which 2.5.8 exempts) with its box, and the
   * font size of every visible text.
   */
  const measure = (page: Page) =>
    page.$eval('.cy', (root) => {
      const px = (n: number) => Math.round(n * 100) / 100;
      const targets = [...root.querySelectorAll('button, summary, details a')]
        .filter((e) => e.checkVisibility())
        .map((e) => {
          const r = e.getBoundingClientRect();
          return {
            name: e.getAttribute('aria-label') || e.textContent,
            width: px(r.width),
            height: px(r.height),
          };
        });
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const fonts: string[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (n.textContent!.trim() && n.parentElement!.checkVisibility())
          fonts.push(`${n.textContent!.trim().slice(0, 20)}: ${getComputedStyle(n.parentElement!).fontSize}`);
      return { targets, fonts };
    });
  /** The banner, the dialog with every service open, and the trigger after a decision, measured in turn. */
  const everyView = async (page: Page) => {
    const banner = await measure(page);
    await openDialog(page);
    const dialog = await measure(page);
    await page.click('.cy-d [data-a="rejectAll"]');
    await page.waitForSelector('.cy-t', { state: 'visible' });
    const trigger = await measure(page);
    return { banner, dialog, trigger };
  };

  it.each(['bar', 'box', 'center'])(
    '%s: every target stays at least 24×24 CSS px, and every box and font size is as at a 16 px root',
    async (pos) => {
      const at16 = await newPage({ viewport: { width: 1280, height: 720 } });
      await open(at16, `${ui.servers.plain.url}/?pos=${pos}`);
      const expected = await everyView(at16);
      const small = await newPage({ viewport: { width: 1280, height: 720 } });
      await open(small, `${ui.servers.plain.url}/?pos=${pos}`);
      await small.addStyleTag({ content: 'html { font-size: 62.5%; }' });
      await settled(small);
      expect(await small.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('10px');
      const views = await everyView(small);
      for (const [view, { targets }] of Object.entries(views)) {
        expect(targets.length, view).toBeGreaterThan(0);
        expect(
          targets.filter((t) => t.width < 24 || t.height < 24),
          view,
        ).toEqual([]);
      }
      // Switches, summaries and a service's links are there, measured.
      expect(views.dialog.targets.length).toBeGreaterThan(15);
      expect(views).toEqual(expected);
    },
  );
});

describe('print', () => {
  it('neither the banner, the dialog nor the trigger is printed over the page', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.cy-b', (e) => e.checkVisibility())).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await openDialog(page);
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.cy-d', (e) => e.checkVisibility())).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.click('.cy-x');
    await page.click('.cy-b [data-a="acceptAll"]');
    await page.emulateMedia({ media: 'print' });
    expect(await page.$eval('.cy-t', (e) => e.checkVisibility())).toBe(false);
    // The page itself still prints.
    expect(await page.$eval('main', (e) => e.checkVisibility())).toBe(true);
  });
});

describe('touch, and the page behind a modal', () => {
  const phone = {
    viewport: { width: 390, height: 664 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
  };
  /** A finger dragged from (x, y) by dy, in steps, as a real swipe arrives. */
  const swipe = async (page: Page, x: number, y: number, dy: number) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
    for (let i = 1; i <= 10; i++)
      await cdp.send('Input.dispatchTouchEvent', {
        type: 'touchMove',
        touchPoints: [{ x, y: y + (dy * i) / 10 }],
      });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
    // A swipe flings on after the finger lifts: wait until nothing scrolls any more.
    await page.evaluate(async () => {
      const at = () =>
        [window.scrollY, ...[...document.querySelectorAll('.cy *')].map((e) => e.scrollTop)].join();
      for (let last = ''; last !== at(); ) {
        last = at();
        await new Promise((r) => setTimeout(r, 250));
      }
    });
  };
  const pageScroll = (page: Page) => page.evaluate(() => Math.round(window.scrollY));

  it('swipes over the dialog, past the end of its list and over the backdrop leave the page where it was', async () => {
    const page = await newPage(phone);
    await open(page, `${ui.servers.plain.url}/links.html`);
    // Control: the same swipe scrolls the page while no modal is open.
    await swipe(page, 200, 150, -200);
    const start = await pageScroll(page);
    expect(start).toBeGreaterThan(50);
    await page.tap('.cy-b [data-a="openPreferences"]');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    await settled(page);
    expect(await pageScroll(page)).toBe(start);
    const { top, left } = await page.$eval('.cy-d', (d) => d.getBoundingClientRect());
    await swipe(page, 200, top + 30, -200); // the dialog's heading
    await swipe(page, left / 2, 300, -200); // the backdrop beside it
    expect(await pageScroll(page)).toBe(start);
    await page.$$eval('.cy-d details', (ds) => {
      for (const d of ds) d.setAttribute('open', '');
    });
    // The list scrolls to its end, and no further: the page behind stays.
    for (let i = 0; i < 6; i++) await swipe(page, 200, 400, -300);
    expect(await page.$eval('.cy-s', (s) => s.scrollHeight - s.clientHeight - s.scrollTop)).toBeLessThan(2);
    expect(await pageScroll(page)).toBe(start);
    // Closed, the page scrolls again from where it was.
    await page.tap('.cy-x');
    await page.waitForSelector('.cy-d', { state: 'hidden' });
    expect(await pageScroll(page)).toBe(start);
    await swipe(page, 200, 150, -150);
    expect(await pageScroll(page)).toBeGreaterThan(start);
  });

  it('a tap outside the dialog is no decision: the dialog stays open and focus stays in the UI', async () => {
    const page = await newPage(phone);
    await open(page, `${ui.servers.plain.url}/`);
    await page.tap('.cy-b [data-a="openPreferences"]');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    const { left } = await page.$eval('.cy-d', (d) => d.getBoundingClientRect());
    await page.touchscreen.tap(left / 2, 300);
    const s = await page.evaluate(() => {
      const snap = (window as any).consent.store.getSnapshot();
      return {
        preferences: snap.preferences,
        record: snap.record,
        inUI: !!document.activeElement?.closest('.cy'),
      };
    });
    expect(s).toEqual({ preferences: true, record: null, inUI: true });
  });

  it('a wheel over a modal banner’s backdrop does not scroll the inert page', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/links.html?modal&pos=center`);
    await page.mouse.move(20, 20);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(300);
    expect(await pageScroll(page)).toBe(0);
    // Once the visitor decides, the page scrolls again.
    await page.click('.cy-b [data-a="rejectAll"]');
    await page.mouse.wheel(0, 600);
    await expect.poll(() => pageScroll(page)).toBeGreaterThan(0);
  });
});
