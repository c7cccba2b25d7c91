// The UI on a site with its own stylesheet: the theme's custom properties as the README says to set
// them, and the global rules sites ship (a reset, text styles of the element the UI is mounted in),
// which must not change how the banner and the dialog look or work.
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

describe('a site’s global CSS', () => {
  // What sites ship: Tailwind's preflight (headings and lists unstyled, buttons transparent: up to 3.3
  // with `[type='button']`, as specific as a class), Eric Meyer's reset (`font: inherit` on headings and
  // code), `button { all: unset }` for icon buttons, focus rings taken off; and the text styles of the
  // element the UI is mounted in (`target`, or where a template puts <consentry-banner>), a footer's.
  // Bootstrap 5's reboot gives every enabled button a pointer, the locked switch of a required category too.
  const RESET = `*, ::before, ::after { box-sizing: content-box; border: 0 solid #e5e7eb; margin: 0; padding: 0 }
    h1, h2, h3, h4, h5, h6 { font-size: inherit; font-weight: inherit } h2, h3, code { font: inherit }
    ol, ul, menu { list-style: none } button { all: unset; cursor: pointer } :focus { outline: none }
    button, [type='button'] { background-color: transparent; background-image: none; text-transform: none }
    [type='button']:not(:disabled), button:not(:disabled) { cursor: pointer }
    footer { text-align: center; text-transform: uppercase; letter-spacing: 0.2em; word-spacing: 0.5em;
      white-space: nowrap; text-indent: 2em }`;
  const PROPS = [
    'font-weight',
    'font-size',
    'text-align',
    'text-transform',
    'text-indent',
    'letter-spacing',
    'word-spacing',
    'white-space',
    'list-style-type',
    'outline-style',
    'outline-width',
    'display',
    'background-color',
    'box-sizing',
    'cursor',
  ];
  /** What the visitor sees of the banner, the dialog and the trigger: each element's box and styles. */
  const looks = async (page: Page) => {
    const read = () =>
      page.$$eval(
        '.cy *',
        (els, props) =>
          els
            .filter((e) => e.checkVisibility())
            .map((e) => {
              const s = getComputedStyle(e);
              const r = e.getBoundingClientRect();
              const box = [r.left, r.top, r.width, r.height].map(Math.round).join(',');
              const knob = e.matches('[role="switch"]')
                ? getComputedStyle(e, '::before').insetInlineStart
                : '';
              const id = `${e.tagName} ${e.className || (e as HTMLElement).dataset.a || ''}`;
              return `${id}: ${box} ${knob} ${props.map((p) => s.getPropertyValue(p)).join(' ')}`;
            }),
        PROPS,
      );
    const banner = await read();
    // The keyboard's focus ring on Accept all.
    await page.focus('.cy-b [data-a="rejectAll"]');
    await page.keyboard.press('Shift+Tab');
    const focused = await read();
    await page.click('.cy-b [data-a="openPreferences"]');
    await page.$$eval('.cy-d details', (ds) => {
      for (const d of ds) d.setAttribute('open', '');
    });
    await settled(page);
    const dialog = await read();
    await page.keyboard.press('Escape');
    await page.click('.cy-b [data-a="rejectAll"]');
    await settled(page);
    const trigger = await read();
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    return { banner, focused, dialog, trigger, sideways };
  };
  const mountInFooter = (page: Page) =>
    page.evaluate(async () => {
      const { consent } = window as any;
      consent.ui.destroy();
      await consent.mountConsentUI(consent.store, {
        target: document.querySelector('footer'),
        theme: 'light',
      }).ready;
    });

  it.each([320, 1280])('a reset and a footer’s text styles change nothing, at %i px', async (width) => {
    const looksWith = async (css: string) => {
      const page = await newPage({ viewport: { width, height: 640 }, reducedMotion: 'reduce' });
      await open(page, `${ui.servers.plain.url}/?lang=en`);
      await addPageStyle(page, css, false);
      await mountInFooter(page);
      await settled(page);
      return looks(page);
    };
    const plain = await looksWith('');
    const reset = await looksWith(RESET);
    expect(plain.sideways).toBe(false);
    expect(plain.focused.join('\n')).toContain('solid 3px');
    // Element by element, so that a failure names what changed.
    for (const view of ['banner', 'focused', 'dialog', 'trigger'] as const)
      expect(
        reset[view].filter((l) => !plain[view].includes(l)),
        view,
      ).toEqual([]);
    expect(reset.sideways).toBe(false);
  });
});
