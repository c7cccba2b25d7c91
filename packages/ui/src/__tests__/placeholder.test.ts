import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ConsentPlaceholders, mountPlaceholders } from '../index';
import en, { placeholderLocale as enPlaceholder } from '../locales/en';
import { placeholderLocale as frPlaceholder } from '../locales/fr';
import { testConfig, testStore, withOldLibraries } from './fixture';

let ui: ConsentPlaceholders | undefined;
// The English texts passed in: the placeholders show synchronously (the bundled-language path is
// tested on its own below).
const mount = (store = testStore(), options: Parameters<typeof mountPlaceholders>[1] = {}) => {
  ui = mountPlaceholders(store, { locale: { ...enPlaceholder, trigger: en.trigger }, ...options });
  return store;
};
const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const $$ = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)];
const boxes = () => $$('.cy-p');
const buttons = (box: Element) => [...box.querySelectorAll('button')].map((b) => b.textContent);
// Store changes and page changes reach the placeholders in a microtask.
const tick = () => new Promise<void>((r) => queueMicrotask(r));
const embed = (ids: string, extra = '') =>
  `<iframe ${ids === '' ? 'data-consent' : `data-consent="${ids}"`} data-src="https://video.example/embed/1" title="Video" ${extra}></iframe>`;

beforeEach(() => {
  document.body.innerHTML = `<main><p>Before</p>${embed('ga', 'width="560" height="315"')}<p>After</p></main>`;
  document.documentElement.lang = '';
});
afterEach(() => {
  ui?.destroy();
  ui = undefined;
  vi.restoreAllMocks();
});

describe('a placeholder in the place of a blocked embed', () => {
  it('works on a page whose old scripts extend Object.prototype (json.js, MooTools)', () =>
    withOldLibraries(() => {
      mount();
      const [box] = boxes();
      expect(buttons(box!)).toEqual(['Allow Google Analytics', en.trigger]);
      // Nothing inherited became an attribute.
      expect([box!, ...box!.querySelectorAll('*')].filter((el) => el.hasAttribute('tojsonstring'))).toEqual(
        [],
      );
    }));

  it('names the service and its category, offers "Allow" for it and the settings, and hides the embed', () => {
    mount();
    const [box] = boxes();
    const iframe = $('iframe')!;
    // In the embed's place: right before it, the embed hidden by the stylesheet meanwhile.
    expect(box!.nextElementSibling).toBe(iframe);
    expect(iframe.hasAttribute('data-cy-replaced')).toBe(true);
    expect(box!.querySelector('p')!.textContent).toBe(
      'This content from Google Analytics (Marketing) is blocked: it may set cookies and will load only if you allow it.',
    );
    expect(buttons(box!)).toEqual(['Allow Google Analytics', 'Cookie settings']);
    for (const b of box!.querySelectorAll('button')) expect(b.type).toBe('button');
    // The embed's size, from its attributes here (jsdom draws nothing; a browser's drawn box comes first,
    // e2e); the height a minimum, on the inner box, so enlarged text is never cut off.
    expect(box!.style.width).toBe('560px');
    expect((box!.firstChild as HTMLElement).style.minHeight).toBe('315px');
    expect(box!.lang).toBe('en');
    expect(box!.dir).toBe('ltr');
    expect(box!.dataset.theme).toBe('auto');
  });

  it('"Allow" grants just its ids as a partial decision: the banner still asks; the embed shows and takes focus', async () => {
    const store = mount();
    const allow = boxes()[0]!.querySelector('button')!;
    allow.focus();
    allow.click();
    const s = store.getSnapshot();
    expect(s.granted.ga).toBe(true);
    expect(s.granted.ads).toBe(false);
    expect(s.granted.marketing).toBe(false);
    expect(s.record?.action).toBe('partial');
    expect(s.banner).toBe(true);
    expect(boxes()).toEqual([]);
    const iframe = $('iframe')!;
    expect(iframe.hasAttribute('data-cy-replaced')).toBe(false);
    // Not lost to <body> with the button that was pressed.
    expect(document.activeElement).toBe(iframe);
    await tick();
    expect(boxes()).toEqual([]);
  });

  it('comes back on withdrawal, and goes when the grant comes from elsewhere (the banner)', async () => {
    const store = mount();
    store.acceptAll();
    await tick();
    expect(boxes()).toEqual([]);
    expect($('iframe')!.hasAttribute('data-cy-replaced')).toBe(false);
    store.withdraw(['ga']);
    await tick();
    expect(boxes()).toHaveLength(1);
    expect(boxes()[0]!.nextElementSibling).toBe($('iframe'));
    expect($('iframe')!.hasAttribute('data-cy-replaced')).toBe(true);
  });

  it('"Cookie settings" opens the preferences and grants nothing', () => {
    const store = mount();
    const before = store.getSnapshot().granted;
    boxes()[0]!.querySelectorAll('button')[1]!.click();
    expect(store.getSnapshot().preferences).toBe(true);
    expect(store.getSnapshot().granted).toEqual(before);
    expect(store.getSnapshot().record).toBe(null);
  });

  it('names a category by its title, lists several ids as the language does, and "Allow" needs them all', () => {
    document.body.innerHTML = `<main>${embed('marketing')}${embed('ga ads')}</main>`;
    const store = mount();
    const [cat, two] = boxes();
    expect(cat!.querySelector('p')!.textContent).toMatch(/^This content from Marketing is blocked/);
    expect(buttons(cat!)[0]).toBe('Allow Marketing');
    expect(two!.querySelector('p')!.textContent).toMatch(
      /^This content from Google Analytics \(Marketing\) and Ad network \(Marketing\) is blocked/,
    );
    expect(buttons(two!)[0]).toBe('Allow Google Analytics and Ad network');
    two!.querySelector('button')!.click();
    expect(store.has('ga')).toBe(true);
    expect(store.has('ads')).toBe(true);
    expect(boxes()).toEqual([cat]);
  });

  it('none for an embed marked `!id`, which gating never loads (only scripts take `!`): no box promising it will', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = `<main>${embed('!marketing')}${embed('ga !ads')}</main>`;
    mount();
    expect(boxes()).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it('with an id the config lacks: no "Allow" (it would grant what never loads the embed), a warning naming it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = `<main>${embed('ga youtub')}${embed('')}</main>`;
    const store = mount();
    const [typo, empty] = boxes();
    expect(buttons(typo!)).toEqual(['Cookie settings']);
    expect(buttons(empty!)).toEqual(['Cookie settings']);
    expect(typo!.querySelector('p')!.textContent).toMatch(
      /^This content from Google Analytics \(Marketing\) and youtub is blocked/,
    );
    // An empty attribute: named by the embed's title, not "This content from  is blocked".
    expect(empty!.querySelector('p')!.textContent).toMatch(/^This content from Video is blocked/);
    // Once per id, from the embed that has it.
    expect(warn.mock.calls.map((c) => String(c[0]).split('lacks: ')[1])).toEqual(['"youtub"', '""']);
    typo!.click();
    expect(store.getSnapshot().record).toBe(null);
  });

  it('embeds added later get one; removed ones take theirs along; scripts, stylesheets, hidden elements and pixels get none', async () => {
    mount();
    const main = $('main')!;
    main.insertAdjacentHTML(
      'beforeend',
      `<section>${embed('ads', 'id="late"')}</section>` +
        '<script type="text/plain" data-consent="ga" data-src="/x.js"></script>' +
        '<link rel="stylesheet" data-consent="ads" data-src="https://fonts.example/css">' +
        `${embed('ads', 'id="hidden" hidden')}` +
        '<img data-consent="ads" data-src="https://ads.example/p.gif" width="1" height="1" alt="">',
    );
    await tick();
    expect(boxes()).toHaveLength(2);
    expect($('#late')!.previousElementSibling!.className).toBe('cy cy-p');
    expect($('#hidden')!.previousElementSibling!.className).not.toBe('cy cy-p');
    $('#late')!.remove();
    await tick();
    expect(boxes()).toHaveLength(1);
    // What the embed needs changed: a new placeholder says so.
    $('iframe')!.setAttribute('data-consent', 'ads');
    await tick();
    expect(buttons(boxes()[0]!)[0]).toBe('Allow Ad network');
    // No longer gated at all: no placeholder, and the embed is not left hidden.
    $('iframe')!.removeAttribute('data-consent');
    await tick();
    expect(boxes()).toEqual([]);
    expect($('iframe')!.hasAttribute('data-cy-replaced')).toBe(false);
  });

  it('a required or exempt id is granted already: no placeholder', () => {
    document.body.innerHTML = `<main>${embed('necessary')}${embed('matomo')}</main>`;
    mount();
    expect(boxes()).toEqual([]);
  });

  it('keeps to its root and its attribute (a second store on the page)', () => {
    document.body.innerHTML = `<div id="a">${embed('ga')}</div><div id="b"><iframe data-consent-b="ga" data-src="https://v.example/"></iframe></div>`;
    mount(testStore(), { root: $('#b')!, attribute: 'data-consent-b' });
    expect(boxes()).toHaveLength(1);
    expect($('#b')!.contains(boxes()[0]!)).toBe(true);
  });

  it('puts every text in as text, never HTML', () => {
    const payload = '<img src=x onerror="window.__xss=1">$&';
    const config = testConfig({
      ui: { en: { allow: `${payload} {name}`, blocked: `{name} ${payload}`, trigger: payload } },
      services: [
        {
          id: 'ga',
          provider: 'Google',
          category: 'marketing',
          texts: { en: { title: payload }, fr: { title: 'x' }, ar: { title: 'x' } },
        },
      ],
    });
    mount(testStore(config));
    const box = boxes()[0]!;
    expect(box.querySelector('img')).toBe(null);
    expect(box.querySelector('p')!.textContent).toBe(`${payload} (Marketing) ${payload}`);
    expect(buttons(box)).toEqual([`${payload} ${payload}`, payload]);
  });

  it('sizes a percentage as given, and takes nothing from an attribute that is no length', () => {
    document.body.innerHTML = `<main>${embed('ga', 'width="100%" height="calc(1px)"')}</main>`;
    mount();
    expect(boxes()[0]!.style.width).toBe('100%');
    expect((boxes()[0]!.firstChild as HTMLElement).style.minHeight).toBe('');
  });

  it('destroy removes the placeholders and shows the embeds', () => {
    const store = mount();
    ui!.destroy();
    expect(boxes()).toEqual([]);
    expect($('iframe')!.hasAttribute('data-cy-replaced')).toBe(false);
    store.withdraw();
  });
});

describe('texts and options', () => {
  it('loads the bundled texts of the page’s language when not given, with config.ui over them', async () => {
    document.documentElement.lang = 'fr';
    const config = testConfig({ ui: { fr: { allow: 'Activer {name}' } } });
    ui = mountPlaceholders(testStore(config));
    expect(boxes()).toEqual([]);
    await ui.ready;
    const box = boxes()[0]!;
    expect(box.lang).toBe('fr');
    expect(box.querySelector('p')!.textContent).toBe(
      frPlaceholder.blocked.replace('{name}', 'Google Analytics (Marketing)'),
    );
    expect(buttons(box)).toEqual(['Activer Google Analytics', 'Gérer les cookies']);
  });

  it('right to left in Arabic', async () => {
    ui = mountPlaceholders(testStore(), { language: 'ar', theme: 'dark' });
    await ui.ready;
    expect(boxes()[0]!.dir).toBe('rtl');
    expect(boxes()[0]!.dataset.theme).toBe('dark');
  });

  it('a locale lacking a text waits for the bundled ones, and never shows "undefined"', async () => {
    ui = mountPlaceholders(testStore(), { locale: { allow: 'Let {name} in' } });
    expect(boxes()).toEqual([]);
    await ui.ready;
    expect(buttons(boxes()[0]!)).toEqual(['Let Google Analytics in', en.trigger]);
    expect(boxes()[0]!.textContent).not.toContain('undefined');
  });

  it('an empty text in the locale option is the bundled one', async () => {
    ui = mountPlaceholders(testStore(), { locale: { ...enPlaceholder, allow: '', trigger: en.trigger } });
    await ui.ready;
    expect(buttons(boxes()[0]!)).toEqual(['Allow Google Analytics', en.trigger]);
  });

  it('looks inside a shadow root given as root', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = embed('ads');
    mount(testStore(), { root: shadow });
    expect(shadow.querySelectorAll('.cy-p')).toHaveLength(1);
    // The document's own embed is outside that root.
    expect(boxes()).toEqual([]);
  });

  it('destroyed before the texts arrive, it shows nothing', async () => {
    ui = mountPlaceholders(testStore());
    const { ready } = ui;
    ui.destroy();
    await ready;
    expect(boxes()).toEqual([]);
  });

  it('null options are the defaults, as undefined ones', async () => {
    ui = mountPlaceholders(testStore(), null);
    await ui.ready;
    expect(boxes()).toHaveLength(1);
  });

  it('a misspelt option throws a TypeError naming it and the known ones', () => {
    expect(() => mountPlaceholders(testStore(), { attribut: 'data-cookie' } as never)).toThrow(
      new TypeError(
        'mountPlaceholders: unknown options.attribut: expected one of attribute, root, language, locale, theme',
      ),
    );
    expect(boxes()).toEqual([]);
  });

  it('a config where the store goes throws a TypeError saying a store is expected', () => {
    expect(() => mountPlaceholders(testConfig() as never)).toThrow(
      new TypeError('mountPlaceholders: expected a store from createConsent(config), got a config'),
    );
    expect(boxes()).toEqual([]);
  });

  it.each([
    [{ attribute: 'consent' }, 'options.attribute'],
    [{ root: '#main' }, 'options.root'],
    [{ language: 2 }, 'options.language'],
    [{ locale: 'en' }, 'options.locale'],
    [{ theme: 'blue' }, 'options.theme'],
  ])('a mistyped option throws a TypeError naming it: %j', (options, name) => {
    expect(() => mountPlaceholders(testStore(), options as never)).toThrow(TypeError);
    expect(() => mountPlaceholders(testStore(), options as never)).toThrow(name);
    expect(boxes()).toEqual([]);
  });
});

describe('mounted twice on one page', () => {
  it('two instances over one embed each keep their placeholder before it, and the page settles (they moved each other for ever)', async () => {
    const store = testStore();
    const locale = { ...enPlaceholder, trigger: en.trigger };
    const a = mountPlaceholders(store, { locale });
    const b = mountPlaceholders(store, { locale });
    let moves = 0;
    const watch = new MutationObserver((records) => {
      moves += records.length;
    });
    watch.observe(document.body, { childList: true, subtree: true });
    try {
      for (let i = 0; i < 20; i++) await tick();
      expect(moves).toBe(0);
      const iframe = $('iframe')!;
      expect(boxes()).toHaveLength(2);
      expect(boxes()[1]!.nextElementSibling).toBe(iframe);
      // Granted, both go; withdrawn, both come back in front of the embed.
      store.acceptAll();
      for (let i = 0; i < 5; i++) await tick();
      expect(boxes()).toEqual([]);
      store.withdraw(['ga']);
      for (let i = 0; i < 5; i++) await tick();
      expect(boxes()).toHaveLength(2);
      moves = 0;
      for (let i = 0; i < 20; i++) await tick();
      expect(moves).toBe(0);
    } finally {
      watch.disconnect();
      a.destroy();
      b.destroy();
    }
  });
});
