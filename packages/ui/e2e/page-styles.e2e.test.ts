// The UI on a site with its own stylesheet: the theme's custom properties as the README says to set them.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { open, settled, useBrowser } from './setup';

const ui = useBrowser();
const { newPage } = ui;

/** A stylesheet of the page's own, before every other one or after them. */
const addPageStyle = (page: Page, css: string, first: boolean) =>
  page.evaluate(
    ([css, first]) => {
      const style = document.createElement('style');
      style.textContent = css;
      first ? document.head.prepend(style) : document.head.append(style);
    },
    [css, first] as const,
  );

describe('the theme’s custom properties, set on .cy by the site', () => {
  const THEME = `.cy {
    --consentry-bg: rgb(1, 2, 3); --consentry-fg: rgb(4, 5, 6); --consentry-accent: rgb(7, 8, 9);
    --consentry-on-accent: rgb(10, 11, 12); --consentry-border: rgb(13, 14, 15); --consentry-off: rgb(16, 17, 18);
    --consentry-focus: rgb(19, 20, 21); --consentry-radius: 3px; --consentry-font: Georgia, serif;
    --consentry-space: 29px; --consentry-z: 77; }`;
  // Each property and what it must change (README, Theming): [element, CSS property, pseudo-element].
  const USES: Record<string, [string, string, string?][]> = {
    'rgb(1, 2, 3)': [
      ['.cy-b', 'background-color'],
      ['.cy-d', 'background-color'],
      ['.cy-d [role="switch"][value="marketing"]', 'background-color', '::before'],
      ['.cy-t', 'background-color'],
    ],
    'rgb(4, 5, 6)': [
      ['.cy-b', 'color'],
      ['.cy-d', 'color'],
    ],
    'rgb(7, 8, 9)': [
      ['.cy-b [data-a="acceptAll"]', 'background-color'],
      ['.cy-d [role="switch"][value="statistics"]', 'background-color'],
    ],
    'rgb(10, 11, 12)': [['.cy-b [data-a="acceptAll"]', 'color']],
    'rgb(13, 14, 15)': [
      ['.cy-b', 'border-top-color'],
      ['.cy-s', 'border-top-color'],
      ['.cy-c + .cy-c', 'border-top-color'],
      ['.cy-t', 'border-top-color'],
    ],
    'rgb(16, 17, 18)': [['.cy-d [role="switch"][value="marketing"]', 'background-color']],
    'rgb(19, 20, 21)': [['.cy-d [data-a="save"]', 'outline-color']],
    '3px': [
      ['.cy-b [data-a="acceptAll"]', 'border-top-left-radius'],
      ['.cy-d', 'border-top-left-radius'],
    ],
    'Georgia, serif': [
      ['.cy-b p', 'font-family'],
      ['.cy-d h3', 'font-family'],
    ],
    '29px': [
      ['.cy-b', 'padding-top'],
      ['.cy-d > .cy-h', 'padding-left'],
      ['.cy-t', 'bottom'],
    ],
    '77': [
      ['.cy-b', 'z-index'],
      ['.cy-o', 'z-index'],
      ['.cy-t', 'z-index'],
    ],
  };
  /** Each use whose computed value is not the site's, with what it is instead. */
  const notThemed = (page: Page) =>
    page.evaluate((uses) => {
      const out: string[] = [];
      for (const [want, list] of Object.entries(uses))
        for (const [sel, prop, pseudo] of list) {
          const el = document.querySelector(sel)!;
          const got = getComputedStyle(el, pseudo).getPropertyValue(prop);
          if (got !== want) out.push(`${sel}${pseudo ?? ''} ${prop}: ${got}`);
        }
      return out;
    }, USES);
  /** Shows the banner, the open dialog (focus on Save, from the keyboard) and the trigger at once. */
  const showAll = async (page: Page) => {
    await page.click('.cy-b [data-a="openPreferences"]');
    await page.focus('.cy-d [data-a="save"]');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('.cy-b, .cy-t')) el.hidden = false;
    });
    await settled(page);
  };

  // A bundler puts the UI's stylesheet where the module importing it comes (often after the site's
  // own), applyStyles() adopts it after every stylesheet of the document: the site's `.cy` rule must
  // win either way, as its own, more specific rules always did.
  it.each([
    ['after the UI’s stylesheet', '/', false],
    ['before the UI’s stylesheet', '/', true],
    ['with the UI’s stylesheet adopted (applyStyles)', '/adopt.html', false],
  ])('%s, each changes what it is for', async (_, path, first) => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}${path}`);
    await addPageStyle(page, THEME, first);
    await showAll(page);
    expect(await notThemed(page)).toEqual([]);
  });

  // The dark palette is the UI's unless the site sets one for it: a light brand colour left in the dark
  // theme could fail contrast there (README, Theming). Sizes, font and layer are the site's in both.
  it('the dark theme keeps its own colours, and takes the site’s sizes and font', async () => {
    const page = await newPage();
    await open(page, `${ui.servers.plain.url}/?theme=dark`);
    await addPageStyle(page, THEME, false);
    await showAll(page);
    const wrong = await notThemed(page);
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong.filter((w) => !/color: rgb\(/.test(w))).toEqual([]);
    await addPageStyle(
      page,
      '.cy[data-theme="dark"] { --consentry-bg: rgb(1, 2, 3); --consentry-accent: rgb(7, 8, 9) }',
      false,
    );
    expect(await page.$eval('.cy-b', (e) => getComputedStyle(e).backgroundColor)).toBe('rgb(1, 2, 3)');
    expect(await page.$eval('.cy-b [data-a="acceptAll"]', (e) => getComputedStyle(e).backgroundColor)).toBe(
      'rgb(7, 8, 9)',
    );
  });
});
