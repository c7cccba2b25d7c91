import { formatViolations, runAxe } from '@consentry/test-utils';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open, SHOTS, useBrowser } from './setup';

// mountPlaceholders in Chromium: placeholder.html has two gated iframes (youtube; youtube and maps),
// gating loads them, the banner and the placeholders are mounted on one store. Served under
// `default-src 'self'` unless a test says otherwise: no inline style or script may be needed.
const ui = useBrowser();

const openPage = async (page: Page, query = '') => {
  await open(page, `${ui.servers.strict.url}/placeholder.html${query}`);
};
const box = (page: Page, iframe: string) => page.locator(`.cy-p:has(+ ${iframe})`);
const state = (page: Page) =>
  page.evaluate(() => {
    const s = (window as any).consent.store.getSnapshot();
    return { banner: s.banner, action: s.record?.action ?? null, granted: s.granted };
  });
const iframe = (page: Page, id: string) =>
  page.evaluate((id) => {
    const f = document.getElementById(id) as HTMLIFrameElement;
    return {
      visible: f.checkVisibility(),
      src: f.getAttribute('src'),
      state: f.getAttribute('data-consent-state'),
    };
  }, id);
const active = (page: Page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    return a?.id || `${a?.tagName.toLowerCase()}:${a?.textContent}`;
  });
// Where an element is on the page (not in the viewport, which a click may scroll).
const onPage = (page: Page, selector: string) =>
  page.$eval(selector, (e) => {
    const r = e.getBoundingClientRect();
    return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
  });
const problems = (page: Page) => page.evaluate(() => (window as any).__csp as string[]);
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

describe('placeholders for gated embeds', () => {
  it('before consent: one in each embed’s place and size, naming the service, the embed not loaded', async () => {
    const page = await ui.newPage();
    await openPage(page);
    const yt = box(page, '#yt');
    expect(await yt.locator('p').textContent()).toBe(
      'This content from YouTube (Marketing) is blocked: it may set cookies and will load only if you allow it.',
    );
    // Its buttons, by their accessible names.
    expect(await yt.getByRole('button', { name: 'Allow YouTube', exact: true }).isVisible()).toBe(true);
    expect(await yt.getByRole('button', { name: 'Cookie settings' }).isVisible()).toBe(true);
    expect(await box(page, '#two').getByRole('button').first().textContent()).toBe(
      'Allow YouTube and Google Maps',
    );
    // The embed's size as drawn: its width and height attributes and an iframe's 2 px border.
    expect(await yt.boundingBox()).toMatchObject({ width: 564, height: 319 });
    expect(await box(page, '#two').boundingBox()).toMatchObject({ width: 404, height: 304 });
    expect(await iframe(page, 'yt')).toEqual({ visible: false, src: null, state: null });
    // The banner asks as usual; nothing a strict CSP blocks was needed.
    expect((await state(page)).banner).toBe(true);
    expect(await problems(page)).toEqual([]);
    await shot(page, 'placeholder-light');
  });

  it('"Allow" loads just that embed as a partial decision: the banner still asks, the page does not move', async () => {
    const page = await ui.newPage();
    await openPage(page);
    const after = await page.locator('#after').boundingBox();
    await box(page, '#yt').getByRole('button', { name: 'Allow YouTube' }).click();
    await expect.poll(() => iframe(page, 'yt')).toMatchObject({ visible: true, state: 'loaded' });
    expect((await iframe(page, 'yt')).src).toMatch(/\/embed\.html\?v=yt$/);
    expect(await box(page, '#yt').count()).toBe(0);
    expect(await state(page)).toMatchObject({
      banner: true,
      action: 'partial',
      granted: { youtube: true, maps: false, marketing: false },
    });
    expect(await page.locator('.cy-b').isVisible()).toBe(true);
    // The second embed needs maps too: still blocked.
    expect(await box(page, '#two').isVisible()).toBe(true);
    expect(await page.locator('#after').boundingBox()).toEqual(after);
    // Focus went to the embed that took the button's place, not to <body>.
    expect(await active(page)).toBe('yt');
    expect(await problems(page)).toEqual([]);
  });

  it('keyboard only: Tab to "Allow", Enter; focus is visible on the button and lands on the loaded embed', async () => {
    const page = await ui.newPage();
    await openPage(page);
    const allow = box(page, '#two').getByRole('button', { name: 'Allow YouTube and Google Maps' });
    for (let i = 0; i < 30 && !(await allow.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await allow.evaluate((b) => b === document.activeElement)).toBe(true);
    // A visible focus ring: 3 px, in the UI's focus colour.
    expect(await allow.evaluate((b) => getComputedStyle(b).outlineStyle)).toBe('solid');
    expect(await allow.evaluate((b) => getComputedStyle(b).outlineWidth)).toBe('3px');
    await page.keyboard.press('Enter');
    await expect.poll(() => iframe(page, 'two')).toMatchObject({ visible: true, state: 'loaded' });
    expect(await active(page)).toBe('two');
    // Both ids were granted, so the first embed loaded too (its placeholder left focus alone).
    expect(await iframe(page, 'yt')).toMatchObject({ visible: true, state: 'loaded' });
    expect((await state(page)).granted).toMatchObject({ youtube: true, maps: true });
  });

  it('withdrawn through the preferences: the embed unloads and the placeholder comes back', async () => {
    const page = await ui.newPage();
    await openPage(page);
    await box(page, '#yt').getByRole('button', { name: 'Allow YouTube' }).click();
    await expect.poll(() => iframe(page, 'yt')).toMatchObject({ state: 'loaded' });
    // From the placeholder that is left, as a visitor would; the service's switch is in its details.
    await box(page, '#two').getByRole('button', { name: 'Cookie settings' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('summary', { hasText: 'YouTube' }).click();
    const sw = dialog.getByRole('switch', { name: 'YouTube' });
    expect(await sw.getAttribute('aria-checked')).toBe('true');
    await sw.click();
    await dialog.getByRole('button', { name: 'Save choices' }).click();
    await expect.poll(() => box(page, '#yt').isVisible()).toBe(true);
    expect(await iframe(page, 'yt')).toMatchObject({ visible: false, src: 'about:blank', state: 'blocked' });
    expect((await state(page)).granted.youtube).toBe(false);
    // The dialog gave focus back to the button that opened it, whose placeholder is still there.
    expect(await active(page)).toBe('button:Cookie settings');
  });

  it('granted from the preferences it opened: focus goes to the embed that replaced the placeholder', async () => {
    const page = await ui.newPage();
    await openPage(page);
    await box(page, '#yt').getByRole('button', { name: 'Cookie settings' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Accept all' }).click();
    await expect.poll(() => iframe(page, 'yt')).toMatchObject({ visible: true, state: 'loaded' });
    expect(await active(page)).toBe('yt');
  });

  it('an embed the page’s CSS makes a block (width 100 %, margins): the placeholder takes its box, nothing moves', async () => {
    const page = await ui.newPage();
    await openPage(page);
    const placeholder = await onPage(page, '.cy-p:has(+ #block)');
    const end = await onPage(page, '#end');
    await box(page, '#block').getByRole('button', { name: 'Allow Google Maps' }).click();
    await expect.poll(() => iframe(page, 'block')).toMatchObject({ visible: true, state: 'loaded' });
    expect(await onPage(page, '#block')).toEqual(placeholder);
    expect(await onPage(page, '#end')).toEqual(end);
  });

  it('the window resized: the placeholder of an embed sized by the page’s CSS follows it, as the embed would, with no error', async () => {
    const page = await ui.newPage();
    // Errors on the window, which sites' error monitors collect (a ResizeObserver loop is one).
    await page.addInitScript(() => {
      const errors: string[] = [];
      (window as any).__errors = errors;
      addEventListener('error', (e) => errors.push(e.message));
    });
    // Opened narrow (a phone held upright), then widened (turned): the embed's `width: 100%` grows, and
    // its height with it (aspect-ratio 16/9).
    await page.setViewportSize({ width: 520, height: 720 });
    await openPage(page);
    await page.evaluate(() =>
      document
        .getElementById('end')!
        .insertAdjacentHTML(
          'beforebegin',
          '<iframe id="video" class="sixteen-nine" title="Video" data-consent="maps" data-src="/embed.html?v=169"></iframe>',
        ),
    );
    const sizeOf = (sel: string) =>
      page.$eval(sel, (e) => [
        Math.round(e.getBoundingClientRect().width),
        Math.round(e.getBoundingClientRect().height),
      ]);
    const placeholder = '.cy-p:has(+ #video)';
    await expect.poll(() => page.locator(placeholder).count()).toBe(1);
    const narrow = await sizeOf(placeholder);
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(() => sizeOf(placeholder)).not.toEqual(narrow);
    const wide = await sizeOf(placeholder);
    expect(wide[0]).toBeGreaterThan(narrow[0]! + 400);
    expect(wide[1]).toBe(Math.round((wide[0]! * 9) / 16));
    await page.setViewportSize({ width: 520, height: 720 });
    await expect.poll(() => sizeOf(placeholder)).toEqual(narrow);
    await page.setViewportSize({ width: 1280, height: 720 });
    await expect.poll(() => sizeOf(placeholder)).toEqual(wide);
    // Allowed at this size: the embed is drawn exactly where its placeholder was.
    const before = await onPage(page, placeholder);
    await box(page, '#video').getByRole('button', { name: 'Allow Google Maps' }).click();
    await expect.poll(() => iframe(page, 'video')).toMatchObject({ visible: true, state: 'loaded' });
    expect(await onPage(page, '#video')).toEqual(before);
    expect(await page.evaluate(() => (window as any).__errors ?? [])).toEqual([]);
  });

  it('a floated embed and one absolutely positioned in a responsive wrapper: each placeholder is where its embed will be, nothing moves once allowed', async () => {
    const page = await ui.newPage();
    await openPage(page);
    await page.evaluate(() => {
      const section = document.createElement('section');
      section.innerHTML =
        '<iframe id="float" class="alignright" title="Map beside the text" data-consent="maps" data-src="/embed.html?v=float" width="300" height="240"></iframe>' +
        `<p id="wrap">${'Text that wraps around the map. '.repeat(30)}</p>` +
        '<div class="ratio"><iframe id="abs" title="Map in a wrapper" data-consent="maps" data-src="/embed.html?v=abs"></iframe></div>' +
        '<p id="under">Under the wrapper.</p>';
      document.getElementById('end')!.after(section);
    });
    await expect.poll(() => page.locator('.cy-p:has(+ #float), .cy-p:has(+ #abs)').count()).toBe(2);
    const before = {
      float: await onPage(page, '.cy-p:has(+ #float)'),
      abs: await onPage(page, '.cy-p:has(+ #abs)'),
      wrap: await onPage(page, '#wrap'),
      under: await onPage(page, '#under'),
    };
    // The text wraps beside the floated placeholder (it went under it, which sat on the left), and the
    // wrapper's placeholder covers its padding (it came after it, pushing what follows down).
    await box(page, '#float').getByRole('button', { name: 'Allow Google Maps' }).click();
    await expect.poll(() => iframe(page, 'abs')).toMatchObject({ visible: true, state: 'loaded' });
    expect({
      float: await onPage(page, '#float'),
      abs: await onPage(page, '#abs'),
      wrap: await onPage(page, '#wrap'),
      under: await onPage(page, '#under'),
    }).toEqual(before);
  });

  it('embeds sharing a flex row: each placeholder takes its embed’s share, before and after a resize, nothing moves once allowed', async () => {
    const page = await ui.newPage({ viewport: { width: 700, height: 800 } });
    // Short texts: long ones kept the boxes wide enough to hide the fault.
    await openPage(page, '?short');
    await page.evaluate(() => {
      const row = document.createElement('div');
      row.id = 'row';
      // A class, not a style attribute: the page's CSP refuses those.
      row.className = 'flexrow';
      row.innerHTML = [1, 2, 3]
        .map(
          (i) =>
            `<iframe id="r${i}" title="Map ${i}" data-consent="maps" data-src="/embed.html?v=r${i}" height="260"></iframe>`,
        )
        .join('');
      document.getElementById('end')!.after(row);
    });
    await expect.poll(() => page.locator('#row .cy-p').count()).toBe(3);
    const widths = () =>
      page.$$eval('#row > :not([data-cy-replaced])', (els) =>
        els.map((e) => Math.round(e.getBoundingClientRect().width)),
      );
    // Each embed's share of the row (two 8 px gaps), what each placeholder must take.
    const share = () =>
      page.$eval('#row', (row) => {
        const w = Math.round((row.clientWidth - 16) / 3);
        return [w, w, w];
      });
    // Measured again by the ResizeObserver as the row is first drawn with them, and after a resize: the
    // placeholders took room in the row beside their own embeds, which were measured at a part of their
    // share (201 and 119 px for shares of 228 and 328).
    await expect.poll(widths).toEqual(await share());
    await page.setViewportSize({ width: 1000, height: 800 });
    await expect.poll(widths).toEqual(await share());
    const wider = await widths();
    const before = await onPage(page, '#row');
    await box(page, '#r1').getByRole('button', { name: 'Allow' }).click();
    await expect.poll(() => iframe(page, 'r3')).toMatchObject({ visible: true, state: 'loaded' });
    expect(await widths()).toEqual(wider);
    expect(await onPage(page, '#row')).toEqual(before);
  });

  it('an image with its alt text: the placeholder takes the size of its attributes, not of the alt text drawn in its place', async () => {
    const page = await ui.newPage();
    await openPage(page);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.innerHTML =
        '<img id="img" data-consent="maps" data-src="/map.png" alt="Map of the shop" width="600" height="400">';
      document.getElementById('end')!.after(p);
    });
    await expect.poll(() => box(page, '#img').count()).toBe(1);
    // It was as wide as the alt text drawn in the image's place, its own text wrapped into a column
    // many times as tall.
    expect(await onPage(page, '.cy-p:has(+ #img)')).toMatchObject({ width: 600, height: 400 });
  });

  it('an embed in a tab panel shown later: its placeholder takes the size the page’s CSS gives the embed, nothing moves once allowed', async () => {
    const page = await ui.newPage();
    await openPage(page);
    // A closed tab panel: the embed is not drawn when its placeholder comes (it has no width or height
    // attributes to go by), then the visitor opens the tab.
    await page.evaluate(() => {
      const panel = document.createElement('div');
      panel.id = 'panel';
      panel.hidden = true;
      panel.innerHTML =
        '<iframe id="tab" class="wide" title="Map in a tab" data-consent="maps" data-src="/embed.html?v=tab"></iframe><p id="below">Below the map.</p>';
      document.getElementById('end')!.after(panel);
    });
    await expect.poll(() => box(page, '#tab').count()).toBe(1);
    await page.evaluate(() => {
      document.getElementById('panel')!.hidden = false;
    });
    // As wide as the main column, as the embed will be (without a second measure it kept its text's
    // width, 696 px).
    const main = await onPage(page, '#main');
    await expect.poll(async () => (await onPage(page, '.cy-p:has(+ #tab)')).width).toBe(main.width);
    const placeholder = await onPage(page, '.cy-p:has(+ #tab)');
    const below = await onPage(page, '#below');
    await box(page, '#tab').getByRole('button', { name: 'Allow Google Maps' }).click();
    await expect.poll(() => iframe(page, 'tab')).toMatchObject({ visible: true, state: 'loaded' });
    expect(await onPage(page, '#tab')).toEqual(placeholder);
    expect(await onPage(page, '#below')).toEqual(below);
  });

  it('an infinite scroll adding embeds: the placeholders already on the page are not measured again', async () => {
    const page = await ui.newPage();
    await openPage(page);
    const card = (i: number) =>
      `<article><iframe id="feed${i}" title="Map ${i}" data-consent="maps" data-src="/embed.html?v=${i}" width="300" height="200"></iframe></article>`;
    await page.evaluate(
      (html) => {
        const feed = document.createElement('section');
        feed.id = 'feed';
        feed.innerHTML = html;
        document.getElementById('end')!.after(feed);
      },
      Array.from({ length: 20 }, (_, i) => card(i)).join(''),
    );
    await expect.poll(() => page.locator('#feed .cy-p').count()).toBe(20);
    // Each measure shows the embed for a moment: its data-cy-replaced goes and comes back.
    await page.evaluate(() => {
      const w = window as unknown as { __measured: number };
      w.__measured = 0;
      new MutationObserver((records) => {
        // Taken off (old value ''), not put on (old value null).
        w.__measured += records.filter((r) => r.oldValue !== null).length;
      }).observe(document.getElementById('feed')!, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-cy-replaced'],
        attributeOldValue: true,
      });
    });
    const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r))));
    for (let i = 20; i < 25; i++) {
      await page.evaluate(
        (html) => document.getElementById('feed')!.insertAdjacentHTML('beforeend', html),
        card(i),
      );
      await frame();
      await frame();
    }
    expect(await page.locator('#feed .cy-p').count()).toBe(25);
    // The five new ones, each once (placed, then seen by the ResizeObserver as its card is first drawn);
    // every placeholder on the page was measured again at each new embed (115 measures in all).
    expect(
      await page.evaluate(() => (window as unknown as { __measured: number }).__measured),
    ).toBeLessThanOrEqual(10);
  });

  // Videos, not iframes: each iframe's own document is laid out too, which the count would include.
  it('50 embeds added at once are measured together: a few layouts of the page, not one per embed', async () => {
    const page = await ui.newPage();
    await openPage(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const layouts = async () =>
      (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'LayoutCount')!.value;
    const before = await layouts();
    await page.evaluate(async () => {
      const feed = document.createElement('section');
      feed.id = 'feed';
      feed.innerHTML = Array.from(
        { length: 50 },
        (_, i) =>
          `<article><video title="Clip ${i}" data-consent="maps" data-src="/clip${i}.mp4" width="300" height="200"></video></article>`,
      ).join('');
      document.getElementById('end')!.after(feed);
      // Placed, then measured again by the ResizeObserver as their containers are first drawn.
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50))));
    });
    expect(await page.locator('#feed .cy-p').count()).toBe(50);
    // Each measure read the page's layout after the previous placeholder changed it: 105 layouts.
    expect((await layouts()) - before).toBeLessThanOrEqual(10);
    // Each measured from its own embed: its width, and its height at least (the text may need more).
    const sizes = await page.$$eval('#feed .cy-p', (boxes) =>
      boxes.map((b) => [b.getBoundingClientRect().width, b.getBoundingClientRect().height >= 200]),
    );
    expect(new Set(sizes.map(String))).toEqual(new Set(['300,true']));
  });

  it('an embed added later gets a placeholder, and loads once allowed', async () => {
    const page = await ui.newPage();
    await openPage(page);
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.id = 'late';
      f.title = 'A map';
      f.dataset.consent = 'maps';
      f.dataset.src = '/embed.html?v=late';
      f.width = '300';
      f.height = '200';
      document.getElementById('end')!.after(f);
    });
    const late = box(page, '#late');
    await expect.poll(() => late.isVisible()).toBe(true);
    expect(await late.locator('p').textContent()).toMatch(
      /^This content from Google Maps \(Functional\) is blocked/,
    );
    await late.getByRole('button', { name: 'Allow Google Maps' }).click();
    await expect.poll(() => iframe(page, 'late')).toMatchObject({ visible: true, state: 'loaded' });
    expect(await late.count()).toBe(0);
  });

  it('an embed added with a src beside its data-src (it loads at once): gating unloads it, then the placeholder says blocked, truthfully', async () => {
    const page = await ui.newPage();
    await openPage(page);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.id = 'own';
      f.title = 'A map';
      f.dataset.consent = 'maps';
      // From another site (another host name of the test server): a same-origin src is the site's own.
      f.src = new URL('/embed.html?v=own', location.href.replace('//127.0.0.1', '//localhost')).href;
      f.dataset.src = '/embed.html?v=own-data';
      f.width = '300';
      f.height = '200';
      document.getElementById('end')!.after(f);
    });
    const own = box(page, '#own');
    await expect.poll(() => own.isVisible()).toBe(true);
    // Never "blocked" over a document that is in the iframe: by the time the box shows, it is gone.
    expect(await iframe(page, 'own')).toEqual({ visible: false, src: 'about:blank', state: 'blocked' });
    expect(
      await page.evaluate(
        () => (document.getElementById('own') as HTMLIFrameElement).contentDocument?.location.href,
      ),
    ).toBe('about:blank');
    expect(warnings).toEqual([
      expect.stringMatching(/^\[consentry\] data-consent on an element that loaded before consent/),
    ]);
    await own.getByRole('button', { name: 'Allow Google Maps' }).click();
    await expect.poll(() => iframe(page, 'own')).toMatchObject({ visible: true, state: 'loaded' });
    expect((await iframe(page, 'own')).src).toMatch(/\/embed\.html\?v=own-data$/);
    expect(warnings).toHaveLength(1);
  });

  it.each(['light', 'dark'])('axe-core finds no WCAG 2.2 A/AA violation (%s theme)', async (theme) => {
    const page = await ui.newPage({ colorScheme: theme as 'light' | 'dark' });
    await openPage(page, `?theme=${theme}`);
    await shot(page, `placeholder-${theme}-axe`);
    const violations = await runAxe(page);
    expect(violations, formatViolations(violations)).toEqual([]);
  });

  it('at 320 px and with text at 200 %: nothing cut off, nothing wider than the screen', async () => {
    const page = await ui.newPage({ viewport: { width: 320, height: 640 } });
    await openPage(page);
    // WCAG 1.4.4: text enlarged to 200 % (the UI's rem follows the root font size).
    await page.evaluate(() => document.documentElement.style.setProperty('font-size', '200%'));
    await shot(page, 'placeholder-320-200');
    const boxes = await page.$$eval('.cy-p', (ps) =>
      ps.map((p) => {
        const r = p.getBoundingClientRect();
        const kids = [...p.querySelectorAll('p, button')].map((k) => k.getBoundingClientRect());
        return {
          inside: r.left >= 0 && r.right <= innerWidth,
          // Every line of text and every button within the box: it grew instead of clipping.
          contained: kids.every((k) => k.top >= r.top && k.bottom <= r.bottom && k.right <= r.right + 0.5),
          overflow: p.scrollWidth > p.clientWidth,
        };
      }),
    );
    expect(boxes).toEqual(Array(3).fill({ inside: true, contained: true, overflow: false }));
  });

  it('in forced colours, the box and its buttons keep their edges', async () => {
    const page = await ui.newPage();
    await page.emulateMedia({ forcedColors: 'active' });
    await openPage(page, '?theme=dark');
    await shot(page, 'placeholder-forced-colors');
    const edges = await page.$$eval(
      '#main > .cy-p:first-of-type > div, #main > .cy-p:first-of-type button',
      (els) => els.map((e) => getComputedStyle(e).borderTopStyle),
    );
    expect(edges).toEqual(['solid', 'solid', 'solid']);
  });

  it('in French, from the page’s language', async () => {
    const page = await ui.newPage();
    await openPage(page, '?lang=fr');
    const yt = box(page, '#yt');
    expect(await yt.getAttribute('lang')).toBe('fr');
    expect(await yt.getByRole('button').allTextContents()).toEqual([
      'Autoriser YouTube',
      'Gérer les cookies',
    ]);
  });
});
