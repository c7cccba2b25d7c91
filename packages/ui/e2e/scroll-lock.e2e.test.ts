// The scroll lock of an open modal (the dialog, a modal banner) and the page's scrollbar: the page
// behind must neither scroll nor move sideways, whether it has a scrollbar or not.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open, settled, useBrowser } from './setup';

// Playwright starts headless Chromium with --hide-scrollbars: a scrollbar takes no room there, though
// `scrollbar-gutter: stable` still reserves 15 px, which no visitor's browser does. Without the flag
// Chromium draws classic 15 px scrollbars, as desktop browsers on Windows and Linux do.
const ui = useBrowser({ ignoreDefaultArgs: ['--hide-scrollbars'] });
const { newPage } = ui;

describe('the page behind a modal does not move sideways', () => {
  // A gutter that the page did not have moves its content as much as a scrollbar that goes away.
  // Measured: a full-width block's width, and the x of a centred box (a site's centred column).
  const layout = (page: Page) =>
    page.evaluate(() => {
      let box = document.getElementById('centred');
      if (!box) {
        box = document.createElement('div');
        box.id = 'centred';
        box.style.cssText = 'width:200px;height:1px;margin:0 auto';
        document.querySelector('main')!.prepend(box);
      }
      return {
        width: document.querySelector('main')!.getBoundingClientRect().width,
        centred: box.getBoundingClientRect().x,
      };
    });
  /** The width of the classic scrollbar the page shows, in CSS px (a gutter without one counts 0). */
  const scrollbar = (page: Page) => page.evaluate(() => innerWidth - document.documentElement.clientWidth);
  const LONG = 'main::after{content:"";display:block;height:3000px}';

  it.each([
    // [what, the page's own style, the scrollbar it shows before the dialog opens]
    ['a short page', '', 0],
    ['a long page', LONG, 15],
    ['a short page that always shows its scrollbar', 'html{overflow-y:scroll}', 15],
    ['a long page that never scrolls', `${LONG} html{overflow:hidden}`, 0],
    ['a long page locked by the site itself', `${LONG} body{overflow:hidden}`, 0],
    ['a short page keeping gutters on both edges', 'html{scrollbar-gutter:stable both-edges}', 0],
    ['a long page keeping its gutter', `${LONG} html{scrollbar-gutter:stable}`, 15],
    ['a long page keeping gutters on both edges', `${LONG} html{scrollbar-gutter:stable both-edges}`, 15],
    // <body>'s overflow applies to the viewport only while <html>'s is visible: the lock's on <html>
    // gave <body> a scrollbar of its own, and the page narrowed by its width.
    ['a short page whose <body> always shows its scrollbar', 'body{overflow-y:scroll}', 15],
    ['a long page whose <body> always shows its scrollbar', `${LONG} body{overflow-y:scroll}`, 15],
  ])('%s: the dialog opens and closes without moving it', async (_, css, bar) => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    if (css) await page.addStyleTag({ content: css });
    expect(await scrollbar(page)).toBe(bar);
    const before = await layout(page);
    await page.click('.cy-b [data-a="openPreferences"]');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    await settled(page);
    expect(await layout(page)).toEqual(before);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.cy-d', { state: 'hidden' });
    expect(await layout(page)).toEqual(before);
  });

  it.each([
    ['a short page', '/', 0],
    ['a long page', '/links.html', 15],
  ])('%s: a modal banner shows and goes without moving it', async (_, path, bar) => {
    const page = await newPage();
    // Open from the first frame: the page as it is once the banner is gone is the reference.
    await open(page, `${ui.servers.plain.url}${path}?modal&pos=center`);
    const shown = await layout(page);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.cy-b', { state: 'hidden' });
    expect(await scrollbar(page)).toBe(bar);
    expect(await layout(page)).toEqual(shown);
  });

  it.each([
    ['overflow-y: auto', 'body{overflow-y:auto}'],
    // The usual guard against sideways scrolling; its overflow-y computes to auto.
    ['overflow-x: hidden', 'body{overflow-x:hidden}'],
  ])(
    'a long page scrolled through a viewport-tall <body> (%s) stays where it was scrolled to, and still does not scroll',
    async (_, css) => {
      const page = await newPage();
      await open(page, `${ui.servers.plain.url}/`);
      // A common reset: both 100 % tall, <body> given the page's overflow (which the viewport takes).
      await page.addStyleTag({ content: `${LONG} html,body{height:100%} ${css}` });
      expect(await scrollbar(page)).toBe(15);
      // Measured once before scrolling: the box it adds moves the content (scroll anchoring follows).
      await layout(page);
      await page.evaluate(() => scrollTo(0, 500));
      const before = await layout(page);
      await page.click('.cy-b [data-a="openPreferences"]');
      await page.waitForSelector('.cy-d', { state: 'visible' });
      await settled(page);
      const scrolled = () => page.evaluate(() => [scrollY, document.body.scrollTop]);
      expect(await scrolled()).toEqual([500, 0]);
      expect(await layout(page)).toEqual(before);
      await page.mouse.move(20, 20);
      await page.mouse.wheel(0, 600);
      await page.waitForTimeout(300);
      expect(await scrolled()).toEqual([500, 0]);
      await page.keyboard.press('Escape');
      await page.waitForSelector('.cy-d', { state: 'hidden' });
      expect(await scrolled()).toEqual([500, 0]);
      expect(await layout(page)).toEqual(before);
    },
  );

  it.each([
    ['the banner’s Customise', '.cy-b [data-a="openPreferences"]'],
    ['the trigger, once decided', '.cy-t'],
  ])(
    'a long page scrolled to its end stays at its end as the dialog opens from %s and closes',
    async (_, opener) => {
      const page = await newPage();
      await open(page, `${ui.servers.plain.url}/`);
      await page.addStyleTag({ content: LONG });
      if (opener === '.cy-t') await page.click('.cy-b [data-a="rejectAll"]');
      const end = () =>
        page.evaluate(() => {
          scrollTo(0, document.documentElement.scrollHeight);
          return scrollY;
        });
      const bottom = await end();
      const at = () => page.evaluate(() => [scrollY, document.documentElement.scrollHeight - innerHeight]);
      await page.click(opener);
      await page.waitForSelector('.cy-d', { state: 'visible' });
      await settled(page);
      // The room the banner (or the trigger) took at the page's end is kept while it is hidden.
      expect(await at()).toEqual([bottom, bottom]);
      await page.keyboard.press('Escape');
      await page.waitForSelector('.cy-d', { state: 'hidden' });
      await settled(page);
      expect(await at()).toEqual([bottom, bottom]);
    },
  );

  it('an app shell that scrolls inside <body> keeps its scroll position and its width', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    // <html> does not scroll (its overflow is not visible): <body> is the page's scroll container.
    await page.addStyleTag({
      content: `${LONG} html{height:100%;overflow:hidden} body{box-sizing:border-box;height:100%;overflow-y:auto}`,
    });
    await layout(page);
    await page.evaluate(() => document.body.scrollTo(0, 500));
    const before = await layout(page);
    await page.click('.cy-b [data-a="openPreferences"]');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    await settled(page);
    expect(await page.evaluate(() => document.body.scrollTop)).toBe(500);
    expect(await layout(page)).toEqual(before);
    await page.keyboard.press('Escape');
    await page.waitForSelector('.cy-d', { state: 'hidden' });
    expect(await page.evaluate(() => document.body.scrollTop)).toBe(500);
    expect(await layout(page)).toEqual(before);
  });

  it('a page that grew after the UI was mounted keeps its scrollbar’s width while the dialog is open', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/`);
    expect(await scrollbar(page)).toBe(0);
    await page.addStyleTag({ content: LONG });
    expect(await scrollbar(page)).toBe(15);
    const before = await layout(page);
    await page.click('.cy-b [data-a="openPreferences"]');
    await page.waitForSelector('.cy-d', { state: 'visible' });
    expect(await layout(page)).toEqual(before);
    // Still locked: a wheel over the backdrop leaves the page where it was.
    await page.mouse.move(20, 20);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => scrollY)).toBe(0);
  });
});
