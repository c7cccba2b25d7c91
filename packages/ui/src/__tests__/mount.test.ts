import { type ConsentStore, createConsent, defineConfig, memoryStorage } from '@consentry/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyStyles, css } from '../css';
import { type ConsentUI, type ConsentUIOptions, type Locale, mountConsentUI } from '../index';
import ar from '../locales/ar';
import en, { placeholderLocale as enPlaceholder, policyLocale as enPolicy } from '../locales/en';
import fr from '../locales/fr';
import { LOCALE_KEYS, patternText } from '../mount';
import { testConfig, testStore, withOldLibraries } from './fixture';

/** A banner text as shown with the fixture's config: its one category that needs consent is Marketing. */
const said = (text: string, purposes = 'Marketing') => text.replace('{purposes}', purposes);
let ui: ConsentUI | undefined;
const mount = (store = testStore(), options: Parameters<typeof mountConsentUI>[1] = {}) => {
  ui = mountConsentUI(store, { locale: en, ...options });
  return store;
};
const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel);
const $$ = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)];
const banner = () => $('.cy-b')!;
const dialog = () => $('[role=dialog][aria-modal=true].cy-d')!;
const shown = (el: Element) => !el.closest('[hidden]');
const button = (scope: Element, name: string) =>
  [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === name)!;
/** A category's or a service's switch, found by its accessible name (the category or service title). */
const switchFor = (title: string) =>
  $$('.cy-d [role=switch]').find((b) => b.getAttribute('aria-label') === title)!;
const checked = (sw: Element) => sw.getAttribute('aria-checked');
const key = (key: string, shiftKey = false) =>
  document.activeElement!.dispatchEvent(
    new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }),
  );

beforeEach(() => {
  document.body.innerHTML =
    '<main><button id="outside">page</button><a href="#x" data-consent-open>Cookie settings</a></main>';
  document.documentElement.lang = '';
});
afterEach(() => {
  ui?.destroy();
  ui = undefined;
});

describe('rendering from the store snapshot', () => {
  it('shows a labelled, non-modal banner region with equal first-layer actions and the policy link', () => {
    mount();
    const b = banner();
    // A <section> with an accessible name is a region landmark; no role attribute needed.
    expect(b.tagName).toBe('SECTION');
    expect(b.hasAttribute('role')).toBe(false);
    expect(b.hasAttribute('aria-modal')).toBe(false);
    expect(b.getAttribute('aria-label')).toBe(en.title);
    expect(b.querySelector('h2')!.textContent).toBe(en.title);
    const names = [...b.querySelectorAll('button')].map((x) => [x.textContent, x.className]);
    expect(names).toEqual([
      [en.acceptAll, ''],
      [en.rejectAll, ''],
      [en.customise, ''],
    ]);
    expect(b.querySelector('a')!.getAttribute('href')).toBe('/cookies');
    expect(shown(b)).toBe(true);
    expect(shown(dialog())).toBe(false);
    expect(shown($('.cy-t')!)).toBe(false);
    // Non-modal: nothing on the page is made inert.
    expect($$('[inert]')).toEqual([]);
  });

  it('the dialog places Accept all and Reject all as the banner does; what opens it says it opens a dialog', async () => {
    mount();
    await ui!.ready;
    button(banner(), en.customise).click();
    const order = (el: Element) =>
      [...el.querySelectorAll('.cy-a button')].map((b) => b.getAttribute('data-a'));
    expect(order(banner())).toEqual(['acceptAll', 'rejectAll', 'openPreferences']);
    expect(order(dialog())).toEqual(['acceptAll', 'rejectAll', 'save']);
    expect($$('[data-a=openPreferences]').map((b) => b.getAttribute('aria-haspopup'))).toEqual([
      'dialog',
      'dialog',
    ]);
  });

  it('does not show the banner when a decision is stored, and shows the reopen trigger instead', () => {
    const storage = memoryStorage();
    createConsent(testConfig(), { storage }).acceptAll();
    mount(createConsent(testConfig(), { storage }));
    expect(shown(banner())).toBe(false);
    expect(shown($('.cy-t')!)).toBe(true);
  });

  it('a site with nothing optional (only required and exempt categories) shows no banner, only the trigger to its details', () => {
    const base = testConfig();
    const quiet = testConfig({
      categories: base.categories.filter((c) => c.id !== 'marketing') as never,
      services: [],
    });
    mount(createConsent(quiet, { storage: memoryStorage() }));
    expect(shown(banner())).toBe(false);
    $<HTMLButtonElement>('.cy-t')!.click();
    expect(shown(dialog())).toBe(true);
    expect($$('.cy-d h3').map((h) => h.textContent)).toEqual(['Necessary', 'Statistics']);
  });

  it('works on a page whose old scripts extend Object.prototype (json.js, MooTools)', () =>
    withOldLibraries(() => {
      mount();
      expect(shown(banner())).toBe(true);
      // Nothing inherited became an option check or an attribute.
      expect($$('.cy [tojsonstring], .cy *').filter((el) => el.hasAttribute('tojsonstring'))).toEqual([]);
      button(banner(), en.customise).click();
      expect(shown(dialog())).toBe(true);
    }));

  it('follows changes made through the store by other code', () => {
    const store = mount();
    store.openPreferences();
    expect(shown(dialog())).toBe(true);
    expect(shown(banner())).toBe(false);
    store.toggle('marketing', true);
    expect(switchFor('Marketing').getAttribute('aria-checked')).toBe('true');
    store.closePreferences();
    expect(shown(dialog())).toBe(false);
    expect(shown(banner())).toBe(true);
  });

  it('renders the necessary category on and locked with the reason, and the exemption reason', () => {
    mount().openPreferences();
    // Each category's switch is named like its heading.
    expect(
      $$('.cy-d .cy-c > .cy-h').map((x) => x.querySelector('[role=switch]')!.getAttribute('aria-label')),
    ).toEqual($$('.cy-d h3').map((x) => x.textContent));
    const necessary = switchFor('Necessary');
    expect(necessary.getAttribute('aria-checked')).toBe('true');
    expect(necessary.getAttribute('aria-disabled')).toBe('true');
    const reason = document.getElementById(necessary.getAttribute('aria-describedby')!)!.textContent;
    expect(reason).toContain(en.required);
    expect(necessary.parentElement!.textContent).toContain(en.alwaysOn);
    const stats = switchFor('Statistics');
    // Exempt: on before a decision, still switchable, and the visitor is told why.
    expect(stats.getAttribute('aria-checked')).toBe('true');
    expect(stats.hasAttribute('aria-disabled')).toBe(false);
    expect(document.getElementById(stats.getAttribute('aria-describedby')!)!.textContent).toBe(
      ` ${en.exempt}: Anonymised audience measurement.`,
    );
    expect(switchFor('Marketing').getAttribute('aria-checked')).toBe('false');
  });

  it('lists service and cookie details from the config in <details>', () => {
    mount().openPreferences();
    const details = $$('.cy-d details');
    expect(details.map((d) => d.querySelector('summary')!.textContent)).toEqual([
      'Session',
      'Matomo',
      'Google Analytics',
      'Ad network',
    ]);
    const ga = details[2]!;
    expect(ga.textContent).toContain(`${en.provider}: Google · ${en.thirdParty}`);
    expect(ga.querySelector('a')!.getAttribute('href')).toBe('https://policies.google.com/privacy');
    const items = [...ga.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      `_ga* · ${en.lifetime}: 395 days · ${en.purpose}: Tells visits apart.`,
      `_gid · ${en.lifetime}: ${en.session}`,
    ]);
    expect(ga.querySelector('ul')!.getAttribute('aria-label')).toBe(en.cookies);
    expect(details[0]!.textContent).toContain(en.firstParty);
  });

  it('lists a service’s storage keys beside its cookies, with the Web Storage type', () => {
    mount().openPreferences();
    const ads = $$('.cy-d details')[3]!;
    const lists = [...ads.querySelectorAll('ul')];
    expect(lists.map((l) => l.getAttribute('aria-label'))).toEqual([en.storage]);
    expect([...lists[0]!.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      `adco_id · localStorage · ${en.purpose}: Caps how often an ad is shown.`,
      'adco_s_* · sessionStorage',
    ]);
    expect(lists[0]!.querySelector('code')!.textContent).toBe('adco_id');
    // A service with cookies only shows no empty storage list.
    expect(
      [...$$('.cy-d details')[2]!.querySelectorAll('ul')].map((l) => l.getAttribute('aria-label')),
    ).toEqual([en.cookies]);
  });

  it("shows a cookie's domain when it is not host-only: two cookies of one name are told apart", () => {
    const base = testConfig();
    const config = testConfig({
      services: [
        ...base.services.map(({ id, provider, category, texts }) => ({ id, provider, category, texts })),
        {
          id: 'x',
          provider: 'X',
          category: 'marketing',
          texts: { en: { title: 'X' }, fr: { title: 'X' }, ar: { title: 'X' } },
          cookies: [{ name: 'wide', domain: '.example.com', lifetime: 30 }, { name: 'wide' }],
        },
      ],
    } as never);
    mount(testStore(config)).openPreferences();
    const x = $$('.cy-d details').find((d) => d.querySelector('summary')!.textContent === 'X')!;
    const items = [...x.querySelectorAll('li')];
    expect(items.map((li) => li.textContent)).toEqual([
      `wide · .example.com · ${en.lifetime}: 30 days`,
      'wide',
    ]);
    expect([...items[0]!.querySelectorAll('code')].map((c) => c.textContent)).toEqual([
      'wide',
      '.example.com',
    ]);
  });

  it('shows a plain-name pattern as the name with a wildcard where the name may go on, any other as written', () => {
    expect(patternText('^_ga_')).toBe('_ga_*');
    expect(patternText('^_ga_.*')).toBe('_ga_*');
    expect(patternText('^yt-remote-session-')).toBe('yt-remote-session-*');
    // Matomo's: an escaped dot is a dot.
    expect(patternText('^_pk_id\\.')).toBe('_pk_id.*');
    // Unanchored, it also matches `my_gadget`: it must not read as the exact name `_ga`.
    expect(patternText('_ga')).toBe('*_ga*');
    expect(patternText('_ga$')).toBe('*_ga');
    expect(patternText('^sid$')).toBe('sid');
    // Not a plain name: a class, an unescaped dot, an alternative, nothing after the anchor, `.+` (at least
    // one more character), a literal with flags (cookieTable writes `/^_hj/i`: it also matches `_HJ`).
    for (const source of ['^_ga_\\d+$', '^_ga.id', '^_ga|^_gid', '^', '^_ga_.+', '/^_hj/i'])
      expect(patternText(source)).toBe(source);
  });

  it('a category with no text of its own has no empty paragraph for its switch to point at', async () => {
    // The fixture's Marketing has no French description; Statistics says why it is exempt.
    const store = testStore();
    ui = mountConsentUI(store, { language: 'fr', locale: fr });
    await ui.ready;
    ui.openPreferences();
    const marketing = switchFor('Marketing');
    expect(marketing.hasAttribute('aria-describedby')).toBe(false);
    expect($$('.cy-d .cy-c > p').every((p) => p.textContent !== '')).toBe(true);
    expect(switchFor('Statistiques').getAttribute('aria-describedby')).toBeTruthy();
  });
});

describe('actions call the store', () => {
  it('Accept all and Reject all decide from the first layer', () => {
    let store = mount();
    button(banner(), en.acceptAll).click();
    expect(store.getSnapshot().record!.action).toBe('accept-all');
    expect(store.has('marketing')).toBe(true);
    expect(shown(banner())).toBe(false);
    ui!.destroy();

    store = mount();
    button(banner(), en.rejectAll).click();
    expect(store.getSnapshot().record!.action).toBe('reject-all');
    expect(store.has('marketing')).toBe(false);
  });

  it('Customise, toggle, Save stores a custom decision; toggles are a draft until then', () => {
    const store = mount();
    button(banner(), en.customise).click();
    expect(store.getSnapshot().preferences).toBe(true);
    switchFor('Marketing').click();
    switchFor('Statistics').click();
    expect(switchFor('Marketing').getAttribute('aria-checked')).toBe('true');
    expect(store.getSnapshot().record).toBeNull();
    expect(store.has('marketing')).toBe(false);
    // The locked switch does nothing.
    switchFor('Necessary').click();
    expect(store.getSnapshot().draft!.necessary).toBe(true);
    button(dialog(), en.save).click();
    const record = store.getSnapshot().record!;
    expect(record.action).toBe('custom');
    expect(record.categories).toEqual(['necessary', 'marketing']);
    expect(shown(dialog())).toBe(false);
    expect(shown(banner())).toBe(false);
  });

  it('the close button and Escape close the dialog with no decision and return focus', () => {
    const store = mount();
    const customise = button(banner(), en.customise);
    customise.focus();
    customise.click();
    expect(dialog().contains(document.activeElement)).toBe(true);
    switchFor('Marketing').click();
    key('Escape');
    expect(store.getSnapshot()).toMatchObject({
      preferences: false,
      record: null,
      banner: true,
      draft: null,
    });
    expect(store.has('marketing')).toBe(false);
    expect(document.activeElement).toBe(customise);

    customise.click();
    $<HTMLButtonElement>('.cy-x')!.click();
    expect(store.getSnapshot()).toMatchObject({ preferences: false, record: null });
    expect($('.cy-x')!.getAttribute('aria-label')).toBe(en.close);
  });

  it('dialog and accept/reject in it decide too', () => {
    const store = mount();
    store.openPreferences();
    button(dialog(), en.rejectAll).click();
    expect(store.getSnapshot().record!.action).toBe('reject-all');
    store.openPreferences();
    button(dialog(), en.acceptAll).click();
    expect(store.getSnapshot().record!.action).toBe('accept-all');
  });

  it('reopens from the floating trigger and from any element matching reopenSelector', () => {
    const store = mount();
    store.rejectAll();
    const trigger = $<HTMLButtonElement>('.cy-t')!;
    expect(trigger.textContent).toBe(en.trigger);
    trigger.focus();
    trigger.click();
    expect(store.getSnapshot().preferences).toBe(true);
    key('Escape');
    expect(document.activeElement).toBe(trigger);

    const link = $<HTMLAnchorElement>('[data-consent-open]')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(store.getSnapshot().preferences).toBe(true);
  });

  it('custom reopenSelector and trigger: false', () => {
    document.body.insertAdjacentHTML('beforeend', '<button class="privacy">x</button>');
    const store = mount(testStore(), { reopenSelector: '.privacy', trigger: false });
    store.rejectAll();
    expect($('.cy-t')).toBeNull();
    $<HTMLButtonElement>('[data-consent-open]')!.click();
    expect(store.getSnapshot().preferences).toBe(false);
    $<HTMLButtonElement>('.privacy')!.click();
    expect(store.getSnapshot().preferences).toBe(true);
  });

  it.each([
    ['Accept all', false],
    ['Reject all', false],
    ['Accept all', true],
    ['Reject all', true],
  ])('%s on the banner (modal: %s) hands focus to the trigger, not to <body>', (name, modal) => {
    const store = mount(testStore(), { modal });
    const b = button(banner(), name);
    b.focus();
    b.click();
    expect(store.getSnapshot().record).not.toBeNull();
    expect(document.activeElement).toBe($('.cy-t'));
  });

  it('Escape on a modal banner hands focus to the trigger; focus on the page stays where it is', () => {
    const store = mount(testStore(), { modal: true });
    key('Escape');
    expect(store.getSnapshot()).toMatchObject({ banner: false, record: null });
    expect(document.activeElement).toBe($('.cy-t'));
    ui!.destroy();

    // A decision made elsewhere (another tab, the page's own button) does not pull focus into the UI.
    const other = mount();
    $<HTMLButtonElement>('#outside')!.focus();
    other.acceptAll();
    expect(document.activeElement).toBe($('#outside'));
  });

  it('after the dialog, focus goes back to its opener once; a later banner decision goes to the trigger', () => {
    const store = mount();
    const link = $<HTMLAnchorElement>('[data-consent-open]')!;
    link.focus();
    link.click();
    key('Escape');
    expect(document.activeElement).toBe(link);
    const accept = button(banner(), en.acceptAll);
    accept.focus();
    accept.click();
    expect(store.getSnapshot().record!.action).toBe('accept-all');
    expect(document.activeElement).toBe($('.cy-t'));
  });

  it('a [data-consent-open] click before the texts arrive opens the dialog once they do', async () => {
    ui = mountConsentUI(testStore(), { language: 'fr' });
    const link = $<HTMLAnchorElement>('[data-consent-open]')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await ui.ready;
    expect(shown(dialog())).toBe(true);
    expect($$('.cy-d h3').map((h) => h.textContent)).toEqual(['Nécessaires', 'Statistiques', 'Marketing']);
    expect(document.activeElement).toBe($('.cy-x'));
  });

  it('a settings click before the texts arrive, then focus elsewhere: no dialog takes that focus when they do', async () => {
    const store = testStore();
    ui = mountConsentUI(store, { language: 'fr' });
    const link = $<HTMLAnchorElement>('[data-consent-open]')!;
    link.focus();
    link.click();
    // The visitor went on while the texts loaded.
    const outside = $<HTMLButtonElement>('#outside')!;
    outside.focus();
    await ui.ready;
    expect(shown(dialog())).toBe(false);
    expect(store.getSnapshot().preferences).toBe(false);
    expect(shown(banner())).toBe(true);
    expect(document.activeElement).toBe(outside);
    // Asked again, now that the UI is drawn: the dialog opens at once.
    link.focus();
    link.click();
    expect(shown(dialog())).toBe(true);
    expect(document.activeElement).toBe($('.cy-x'));
  });

  // A page still being parsed: readyState 'loading' until DOMContentLoaded, as jsdom cannot stage it.
  const parsing = (run: (parsed: () => void) => Promise<void> | void) => {
    let readyState: DocumentReadyState = 'loading';
    Object.defineProperty(document, 'readyState', { configurable: true, get: () => readyState });
    const parsed = () => {
      readyState = 'interactive';
      document.dispatchEvent(new Event('DOMContentLoaded'));
    };
    return Promise.resolve(run(parsed)).finally(() => {
      // The document's own getter (on Document.prototype) again.
      delete (document as { readyState?: unknown }).readyState;
    });
  };

  it('set up early in a page still being parsed, it shows at once and moves to the end of <body> once parsed', () =>
    parsing(async (parsed) => {
      mount();
      expect(shown(banner())).toBe(true);
      document.body.append(Object.assign(document.createElement('footer'), { textContent: 'parsed later' }));
      parsed();
      await ui!.ready;
      expect(document.body.lastElementChild).toBe($('.cy'));
    }));

  it('set up before <body> exists (a script in <head>), it goes in once the page is parsed', () =>
    parsing(async (parsed) => {
      const body = document.body;
      body.remove();
      mount();
      document.documentElement.append(body);
      expect($('.cy')).toBeNull();
      parsed();
      await ui!.ready;
      expect(document.body.lastElementChild).toBe($('.cy'));
      expect(shown(banner())).toBe(true);
    }));

  it('not moved while the visitor is in it, and not brought back once destroyed', () =>
    parsing(async (parsed) => {
      mount();
      button(banner(), en.acceptAll).focus();
      document.body.append(document.createElement('footer'));
      parsed();
      expect(document.body.lastElementChild?.tagName).toBe('FOOTER');
      expect(document.activeElement?.textContent).toBe(en.acceptAll);
      ui!.destroy();
      document.dispatchEvent(new Event('DOMContentLoaded'));
      expect($('.cy')).toBeNull();
    }));

  it('openPreferences() on the handle opens the dialog', () => {
    const store = mount();
    ui!.openPreferences();
    expect(store.getSnapshot().preferences).toBe(true);
    expect(shown(dialog())).toBe(true);
  });
});

describe('a switch per service', () => {
  it('gives each service of an optional category a named switch inside its <details>, right after <summary>', () => {
    mount().openPreferences();
    const named = $$('.cy-d details [role=switch]');
    expect(named.map((b) => [b.getAttribute('aria-label'), b.getAttribute('value')])).toEqual([
      ['Matomo', 'matomo'],
      ['Google Analytics', 'ga'],
      ['Ad network', 'ads'],
    ]);
    for (const sw of named) {
      expect(sw.tagName).toBe('BUTTON');
      expect(sw.getAttribute('type')).toBe('button');
      // The first thing after the summary (so Tab goes summary, switch, then the links below), part of
      // the details' body: closed details keep it out of view and out of the accessibility tree.
      const summary = sw.previousElementSibling!;
      expect(summary.tagName).toBe('SUMMARY');
      expect(summary.textContent).toBe(sw.getAttribute('aria-label'));
      expect(sw.parentElement!.tagName).toBe('DETAILS');
      expect(sw.parentElement!.firstElementChild).toBe(summary);
      expect((sw.parentElement as HTMLDetailsElement).open).toBe(false);
    }
    // Nothing interactive in a summary.
    expect($$('.cy-d summary button, .cy-d summary a')).toEqual([]);
    // Outside the details, each category has exactly one switch: its own.
    expect(
      $$('.cy-d [role=switch]')
        .filter((b) => !b.closest('details'))
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Necessary', 'Statistics', 'Marketing']);
    // The required category's service has none: the category says it is always on.
    const session = $$('.cy-d details')[0]!;
    expect(session.querySelector('summary')!.textContent).toBe('Session');
    expect(session.querySelector('[role=switch]')).toBeNull();
  });

  it('follows the cascade: a category sets its services, a service keeps its own choice', () => {
    const store = mount();
    store.openPreferences();
    expect([checked(switchFor('Google Analytics')), checked(switchFor('Ad network'))]).toEqual([
      'false',
      'false',
    ]);
    switchFor('Marketing').click();
    expect([checked(switchFor('Google Analytics')), checked(switchFor('Ad network'))]).toEqual([
      'true',
      'true',
    ]);
    switchFor('Google Analytics').click();
    expect(checked(switchFor('Google Analytics'))).toBe('false');
    expect(checked(switchFor('Ad network'))).toBe('true');
    expect(checked(switchFor('Marketing'))).toBe('true');
    expect(store.getSnapshot().draft).toMatchObject({ marketing: true, ga: false, ads: true });
    // Still a draft: nothing is granted before Save.
    expect(store.has('ads')).toBe(false);
    // The category off turns every one of its services off again.
    switchFor('Marketing').click();
    expect([checked(switchFor('Google Analytics')), checked(switchFor('Ad network'))]).toEqual([
      'false',
      'false',
    ]);
    // A service on by itself, in a category that is off.
    switchFor('Ad network').click();
    expect(checked(switchFor('Ad network'))).toBe('true');
    expect(checked(switchFor('Marketing'))).toBe('false');
  });

  it('category on, one service off, Save: stored as an exception and read back on the next load', () => {
    const storage = memoryStorage();
    const store = mount(createConsent(testConfig(), { storage, gpc: false }));
    button(banner(), en.customise).click();
    switchFor('Marketing').click();
    switchFor('Google Analytics').click();
    button(dialog(), en.save).click();
    expect([store.has('marketing'), store.has('ga'), store.has('ads')]).toEqual([true, false, true]);
    const record = store.getSnapshot().record!;
    expect(record.action).toBe('custom');
    expect(record.categories).toContain('marketing');
    expect(record.services).toContain('ads');
    expect(record.services).not.toContain('ga');
    ui!.destroy();

    // A new page load on the same storage: the same grants, and the dialog shows them.
    const next = mount(createConsent(testConfig(), { storage, gpc: false }));
    expect([next.has('marketing'), next.has('ga'), next.has('ads')]).toEqual([true, false, true]);
    next.openPreferences();
    expect(checked(switchFor('Marketing'))).toBe('true');
    expect(checked(switchFor('Google Analytics'))).toBe('false');
    expect(checked(switchFor('Ad network'))).toBe('true');
  });

  it('an exempt category’s services are on before a decision and can be switched off like it', () => {
    const store = mount();
    store.openPreferences();
    const matomo = switchFor('Matomo');
    expect(checked(matomo)).toBe('true');
    expect(matomo.hasAttribute('aria-disabled')).toBe(false);
    matomo.click();
    // Its only service off, the category is off too (core: a category whose every service is refused).
    expect(checked(switchFor('Statistics'))).toBe('false');
    button(dialog(), en.save).click();
    expect([store.has('statistics'), store.has('matomo')]).toEqual([false, false]);
  });

  it('the locked switch of a required category changes nothing', () => {
    const store = mount();
    store.openPreferences();
    const before = store.getSnapshot();
    switchFor('Necessary').click();
    expect(store.getSnapshot()).toBe(before);
    expect(checked(switchFor('Necessary'))).toBe('true');
  });
});

describe('the preferences dialog is built as it first opens', () => {
  // What the dialog holds: its categories, their switches and aria-checked, and the cookie lifetimes.
  const contents = () =>
    $$('.cy-d [role=switch]').map((sw) => `${sw.getAttribute('aria-label')}=${checked(sw)}`);

  it('not with the banner: no category, no Intl formatting until then; built once, then kept', () => {
    const format = vi.spyOn(Number.prototype, 'toLocaleString');
    const store = mount();
    expect(shown(banner())).toBe(true);
    // The shell is there (hidden, named, with its actions); the categories are not.
    expect(dialog().getAttribute('aria-label')).toBe(en.preferences);
    expect($$('.cy-d .cy-c')).toEqual([]);
    expect(format).not.toHaveBeenCalled();
    store.openPreferences();
    expect($$('.cy-d h3').map((h) => h.textContent)).toEqual(['Necessary', 'Statistics', 'Marketing']);
    expect(format).toHaveBeenCalledWith('en', expect.objectContaining({ unit: 'day' }));
    expect(document.activeElement).toBe($('.cy-x'));
    const first = switchFor('Marketing');
    store.closePreferences();
    store.openPreferences();
    // The same elements: built once for the life of the UI.
    expect(switchFor('Marketing')).toBe(first);
    expect($$('.cy-d .cy-c')).toHaveLength(3);
    vi.restoreAllMocks();
  });

  it('its switches show the draft as it opens, whoever opened it and whatever the draft holds by then', () => {
    // A draft made before this UI exists (another UI or a framework island on the same store).
    const store = testStore();
    store.openPreferences();
    store.toggle('marketing', true);
    mount(store);
    expect(shown(dialog())).toBe(true);
    expect(contents()).toEqual([
      'Necessary=true',
      'Statistics=true',
      'Matomo=true',
      'Marketing=true',
      'Google Analytics=true',
      'Ad network=true',
    ]);
    // Closed without saving, the draft is gone: reopened, the switches show what is granted.
    store.closePreferences();
    store.openPreferences();
    expect(contents()).toContain('Marketing=false');
  });

  it('two UIs (two stores) each build their own when it opens', () => {
    mount();
    const first = ui!;
    const store = mount();
    expect($$('.cy-d .cy-c')).toEqual([]);
    store.openPreferences();
    store.toggle('statistics', false);
    const [a, b] = $$('.cy-d');
    expect(a!.querySelector('[role=switch]')).toBeNull();
    expect(
      [...b!.querySelectorAll('[role=switch]')].map((sw) => `${sw.getAttribute('value')}=${checked(sw)}`),
    ).toEqual([
      'necessary=true',
      'statistics=false',
      'matomo=false',
      'marketing=false',
      'ga=false',
      'ads=false',
    ]);
    first.destroy();
  });
});

describe('one UI per store', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a second mount on a store sets the first aside, and warns: one banner, one dialog', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = mount();
    const first = ui!;
    const target = document.createElement('div');
    document.body.append(target);
    mount(store, { target });
    const second = ui!;
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toMatch(
      /mountConsentUI: a second UI for this store hides the first until that one is destroyed: mount one per store/,
    );
    expect($$('.cy')).toEqual([target.firstElementChild]);
    store.openPreferences();
    expect($$('.cy-d').filter(shown)).toHaveLength(1);
    expect(document.activeElement).toBe(target.querySelector('.cy-x'));
    // The first one's owner destroying it later leaves the second in place, and in charge.
    first.destroy();
    expect($$('.cy')).toHaveLength(1);
    key('Escape');
    expect($$('[inert]')).toEqual([]);
    mount(store);
    expect(warn).toHaveBeenCalledTimes(2);
    expect($$('.cy')).toHaveLength(1);
    // Set aside, the second is drawn again only if the third goes first: its owner ends it here.
    second.destroy();
    expect($$('.cy')).toHaveLength(1);
  });

  it('the first comes back when the second is destroyed: the page is never left without a UI', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = mount();
    store.acceptAll();
    const first = ui!;
    const target = document.createElement('div');
    document.body.append(target);
    // An inline settings panel on one page of a single-page app, without the floating trigger.
    const second = mountConsentUI(store, { locale: en, target, trigger: false });
    expect($$('.cy')).toEqual([target.firstElementChild]);
    second.destroy();
    expect($$('.cy')).toHaveLength(1);
    expect($('.cy-t')).not.toBeNull();
    // The site's "Cookie settings" link opens the dialog again, once.
    $('[data-consent-open]')!.click();
    expect(store.getSnapshot().preferences).toBe(true);
    expect($$('.cy-d').filter(shown)).toHaveLength(1);
    first.destroy();
    expect($$('.cy')).toEqual([]);
    // Destroying twice, or a set-aside one, changes nothing else.
    second.destroy();
    expect($$('.cy')).toEqual([]);
  });

  it('mount, destroy, mount (React Strict Mode, <consentry-banner> reconnected) does not warn', () => {
    const warn = vi.spyOn(console, 'warn');
    const store = mount();
    ui!.destroy();
    mount(store);
    ui!.destroy();
    ui!.destroy();
    mount(store);
    expect($$('.cy')).toHaveLength(1);
    expect(warn).not.toHaveBeenCalled();
  });

  it('one store per UI: UIs of two stores are each left alone', () => {
    const warn = vi.spyOn(console, 'warn');
    mount();
    const first = ui!;
    mount();
    expect($$('.cy')).toHaveLength(2);
    expect(warn).not.toHaveBeenCalled();
    first.destroy();
  });
});

describe('modal behaviour', () => {
  it('makes the rest of the page inert while the dialog is open and restores it', () => {
    document.body.insertAdjacentHTML('beforeend', '<aside inert id="already"></aside>');
    const store = mount();
    store.openPreferences();
    const main = $('main')!;
    expect(main.hasAttribute('inert')).toBe(true);
    expect(banner().closest('[inert]')).not.toBeNull();
    expect(dialog().closest('[inert]')).toBeNull();
    store.closePreferences();
    expect(main.hasAttribute('inert')).toBe(false);
    // What the page made inert itself stays inert.
    expect($('#already')!.hasAttribute('inert')).toBe(true);
    expect($$('[inert]').map((e) => e.id)).toEqual(['already']);
  });

  it('traps Tab inside the dialog', () => {
    mount().openPreferences();
    const focusable = [...dialog().querySelectorAll<HTMLElement>('a[href],button,summary')];
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    expect(document.activeElement).toBe(first);
    key('Tab', true);
    expect(document.activeElement).toBe(last);
    key('Tab');
    expect(document.activeElement).toBe(first);
  });

  it('modal banner: a dialog that makes the page inert; Escape dismisses it with no decision', () => {
    const store = mount(testStore(), { modal: true });
    const b = banner();
    expect(b.getAttribute('role')).toBe('dialog');
    expect(b.getAttribute('aria-modal')).toBe('true');
    expect($('main')!.hasAttribute('inert')).toBe(true);
    expect(b.contains(document.activeElement)).toBe(true);
    key('Escape');
    expect(store.getSnapshot()).toMatchObject({ banner: false, record: null, status: 'undecided' });
    expect($('main')!.hasAttribute('inert')).toBe(false);
  });

  it('a destroyed store (no listeners) still lets its dialog close and the page come back', () => {
    const store = mount();
    store.openPreferences();
    store.destroy();
    $<HTMLButtonElement>('.cy-x')!.click();
    expect(shown(dialog())).toBe(false);
    expect($$('[inert]')).toEqual([]);
    store.openPreferences();
    ui!.destroy();
    mount(store);
    key('Escape');
    expect(shown(dialog())).toBe(false);
    expect($$('[inert]')).toEqual([]);
  });

  // (The same store mounted twice has one UI: see 'one UI per store'.)
  it('two stores: the newest open modal is operable, never both inert', () => {
    const first = mount();
    const firstUI = ui!;
    const second = mount();
    const [a, b] = $$('.cy');
    first.openPreferences();
    second.openPreferences();
    // The later dialog is on top and usable; everything else, the earlier UI included, is inert.
    expect(b!.querySelector('.cy-d')!.closest('[inert]')).toBeNull();
    expect(a!.closest('[inert]')).not.toBeNull();
    expect(document.activeElement).toBe(b!.querySelector('.cy-x'));
    key('Escape');
    expect(a!.querySelector('.cy-d')!.closest('[inert]')).toBeNull();
    a!.querySelector<HTMLButtonElement>('.cy-x')!.click();
    expect($$('[inert]')).toEqual([]);
    firstUI.destroy();
  });

  it('destroy removes the UI, its listeners and the inert attributes', () => {
    const store = mount();
    store.openPreferences();
    ui!.destroy();
    expect($('.cy')).toBeNull();
    expect($$('[inert]')).toEqual([]);
    store.closePreferences();
    $<HTMLAnchorElement>('[data-consent-open]')!.click();
    expect(store.getSnapshot().preferences).toBe(false);
  });

  it('destroy with the bar banner shown gives the page its scroll padding back, and a later resize keeps it', () => {
    const html = document.documentElement;
    mount();
    // jsdom lays nothing out: the banner's height is 0, the padding its 16 px margin.
    expect(html.style.scrollPaddingBottom).toBe('16px');
    ui!.destroy();
    expect(html.style.scrollPaddingBottom).toBe('');
    window.dispatchEvent(new Event('resize'));
    expect(html.style.scrollPaddingBottom).toBe('');
  });
});

describe('text is never HTML', () => {
  const payloads = [
    '<img src=x onerror=alert(1)>',
    '" onload=alert(document.domain) "',
    '<script>alert(1)</script>',
  ];
  it.each(payloads)('renders %s as text in every field', (p) => {
    const config = defineConfig({
      revision: 1,
      languages: ['en'],
      categories: [
        { id: 'necessary', required: true, texts: { en: { title: p, description: p } } },
        { id: 'stats', exempt: { reason: { en: p } }, texts: { en: { title: p, description: p } } },
      ],
      services: [
        {
          id: 'svc',
          provider: p,
          category: 'stats',
          texts: { en: { title: p, description: p } },
          cookies: [{ name: 'a', purpose: { en: p } }, { pattern: p.replace(/[()[\]]/g, '') }],
          storage: [{ key: p, purpose: { en: p } }],
        },
      ],
      ui: { en: Object.fromEntries(Object.keys(en).map((k) => [k, p])) },
    });
    mount(createConsent(config, { storage: memoryStorage() })).openPreferences();
    const root = $('.cy')!;
    expect(root.querySelectorAll('img,script,[onload],[onerror]')).toHaveLength(0);
    expect(root.textContent).toContain(p);
    expect(root.textContent!.split(p).length).toBeGreaterThan(10);
  });

  it('an own __proto__ key in a JSON locale pollutes nothing', () => {
    const locale = JSON.parse(
      `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted2":"yes"}},${JSON.stringify(en).slice(1)}`,
    );
    mount(testStore(), { locale });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted2).toBeUndefined();
    expect(banner().querySelector('h2')!.textContent).toBe(en.title);
  });
});

describe('language', () => {
  const langOf = () => $('.cy')!.getAttribute('lang');

  it('prefers the option, then <html lang>, then the browser, matched against config.languages', () => {
    mount(testStore(), { language: 'fr', locale: en });
    expect(langOf()).toBe('fr');
    ui!.destroy();
    document.documentElement.lang = 'ar-EG';
    mount(testStore(), { locale: ar });
    expect(langOf()).toBe('ar');
    expect($('.cy')!.getAttribute('dir')).toBe('rtl');
    ui!.destroy();
    // Undeclared languages fall through to the next source, then to the config's first language.
    mount(testStore(), { language: 'de' });
    expect(langOf()).toBe('ar');
    ui!.destroy();
    document.documentElement.lang = 'ja';
    mount(testStore(), { language: 'xx' });
    expect(['en', 'fr', 'ar']).toContain(langOf());
    expect(langOf()).toBe(
      navigator.languages.map((l) => l.split('-')[0]).find((l) => ['en', 'fr', 'ar'].includes(l!)) ?? 'en',
    );
  });

  it('config texts come in the active language; config.ui overrides bundled strings', async () => {
    const config = testConfig({ ui: { fr: { acceptAll: 'OK pour moi' } } });
    ui = mountConsentUI(testStore(config), { language: 'fr' });
    expect($('.cy')).toBeNull();
    await ui.ready;
    expect(langOf()).toBe('fr');
    expect($('.cy')!.getAttribute('dir')).toBe('ltr');
    expect(button(banner(), 'OK pour moi')).toBeDefined();
    expect(button(banner(), 'Tout refuser')).toBeDefined();
    expect(banner().querySelector('h2')!.textContent).toBe('Les cookies sur ce site');
    ui.openPreferences();
    expect($$('.cy-d h3').map((h) => h.textContent)).toEqual(['Nécessaires', 'Statistiques', 'Marketing']);
  });

  it('loads the Arabic chunk lazily and renders right to left', async () => {
    ui = mountConsentUI(testStore(), { language: 'ar-SA' });
    await ui.ready;
    expect($('.cy')!.getAttribute('dir')).toBe('rtl');
    expect(button(banner(), ar.acceptAll)).toBeDefined();
  });

  // mountConsentUI looks its language's chunk up without loadLocale's own-key guard: it relies on core
  // refusing such a language in the config.
  it.each(['constructor', '__proto__', 'toString'])('a config language "%s" is refused by core', (l) => {
    expect(() => testConfig({ languages: [l] })).toThrow(/languages\[0\]/);
  });

  describe('a language with no bundled texts', () => {
    // Japanese: declared by the site, not bundled by the UI.
    const jaConfig = (ui?: Record<string, string>) =>
      defineConfig({
        revision: 1,
        languages: ['ja'],
        categories: [{ id: 'necessary', required: true, texts: { ja: { title: '必須' } } }],
        ...(ui && { ui: { ja: ui } }),
      });
    const jaStore = (ui?: Record<string, string>) =>
      createConsent(jaConfig(ui), { storage: memoryStorage() });
    const mountReady = async (store: ConsentStore<any, any>, options: ConsentUIOptions = {}) => {
      ui?.destroy();
      ui = mountConsentUI(store, options);
      await ui.ready;
    };
    let warn: ReturnType<typeof vi.spyOn>;
    beforeEach(() => {
      warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    });
    afterEach(() => {
      warn.mockRestore();
      vi.unstubAllEnvs();
    });

    it('shows English, and warns once per store naming the language, the missing keys and the options', async () => {
      const store = jaStore();
      await mountReady(store);
      expect(langOf()).toBe('ja');
      expect(button(banner(), en.acceptAll)).toBeDefined();
      expect(warn).toHaveBeenCalledTimes(1);
      const message = String(warn.mock.calls[0]![0]);
      expect(message).toContain('"ja"');
      expect(message).toContain('config.ui.ja (missing: title, description, descriptionOptOut, acceptAll,');
      expect(message).toContain('`locale` option');
      // Mounted again for the same store (Strict Mode, a remounted element): no second warning.
      await mountReady(store);
      expect(warn).toHaveBeenCalledTimes(1);
      await mountReady(jaStore());
      expect(warn).toHaveBeenCalledTimes(2);
    });

    it('lists only the keys config.ui does not give, and is silent when it gives them all', async () => {
      await mountReady(jaStore({ title: 'クッキー', acceptAll: 'すべて許可' }));
      expect(warn).toHaveBeenCalledTimes(1);
      const message = String(warn.mock.calls[0]![0]);
      expect(message).toContain('(missing: description, descriptionOptOut, rejectAll,');
      expect(message).not.toMatch(/missing:.*\b(title|acceptAll)\b/);
      await mountReady(jaStore(Object.fromEntries(Object.keys(en).map((k) => [k, `ja ${k}`]))));
      expect(button(banner(), 'ja acceptAll')).toBeDefined();
      expect(warn).toHaveBeenCalledTimes(1);
    });

    it('no English `revised` before the site’s own texts: only the one config.ui gives', async () => {
      const complete = Object.fromEntries(LOCALE_KEYS.map((k) => [k, `ja ${k}`]));
      const returning = (ui: Record<string, string>) => {
        const storage = memoryStorage();
        createConsent(jaConfig(ui), { storage }).acceptAll();
        return createConsent(defineConfig({ ...jaConfig(ui), revision: 2 } as never), { storage });
      };
      // (No policyUrl in this config: the text, then the space before where its link would be.)
      await mountReady(returning(complete));
      expect(banner().querySelector('p')!.textContent).toBe('ja description ');
      await mountReady(returning({ ...complete, revised: 'ja revised' }));
      expect(banner().querySelector('p')!.textContent).toBe('ja revised ja description ');
      expect(warn).not.toHaveBeenCalled();
    });

    it('is silent with a complete locale passed in and for a bundled language', async () => {
      await mountReady(jaStore(), { locale: en });
      await mountReady(testStore(), { language: 'fr' });
      expect(warn).not.toHaveBeenCalled();
    });

    // A page without a bundler (an import map) has no `process`: reading process.env.NODE_ENV there threw
    // a ReferenceError, ui.ready rejected and nothing was drawn. The warning is not left to a build step.
    it('warns whatever NODE_ENV says, and needs no `process`', async () => {
      vi.stubEnv('NODE_ENV', 'production');
      await mountReady(jaStore());
      expect(warn).toHaveBeenCalledTimes(1);
      vi.stubGlobal('process', undefined);
      try {
        await mountReady(jaStore());
      } finally {
        vi.unstubAllGlobals();
      }
      expect(langOf()).toBe('ja');
      expect(button(banner(), en.acceptAll)).toBeDefined();
      expect(warn).toHaveBeenCalledTimes(2);
    });
  });

  it('destroy before the locale arrives mounts nothing', async () => {
    ui = mountConsentUI(testStore(), { language: 'fr' });
    ui.destroy();
    await ui.ready;
    expect($('.cy')).toBeNull();
  });
});

describe('styles', () => {
  it('applyStyles adds a <style nonce> when given a nonce, and removes it', () => {
    const remove = applyStyles({ nonce: 'abc' });
    const style = $('head style')!;
    expect(style.getAttribute('nonce')).toBe('abc');
    expect(style.textContent).toBe(css);
    expect(css).toContain('.cy{');
    expect(css).not.toContain('/*');
    remove();
    expect($('head style')).toBeNull();
  });

  it('applies theme and position as data attributes', () => {
    mount(testStore(), { theme: 'dark', position: 'box' });
    expect($('.cy')!.dataset).toMatchObject({ theme: 'dark', pos: 'box' });
  });

  it('mounts into a given target', () => {
    const target = document.createElement('div');
    document.body.append(target);
    mount(testStore(), { target });
    expect(target.querySelector('.cy')).not.toBeNull();
  });
});

/** The banner's text before its policy link. */
const bannerText = () => banner().querySelector('p')!.firstChild!.textContent;

describe('the banner names the purposes it asks about', () => {
  it('lists the titles of the categories that need consent, as the language lists them; not the required or exempt ones', async () => {
    const base = testConfig();
    const config = testConfig({
      categories: [
        ...base.categories.map(({ id, required, exempt, texts }) => ({
          id,
          required,
          ...(exempt && { exempt: { reason: exempt.reason } }),
          texts,
        })),
        {
          id: 'analytics',
          texts: {
            en: { title: 'Analytics' },
            fr: { title: 'Mesure d’audience' },
            ar: { title: 'التحليلات' },
          },
        },
      ],
    } as never);
    mount(testStore(config));
    const text = () => banner().querySelector('p')!.textContent!;
    expect(text()).toContain('optional cookies for these purposes: Marketing and Analytics.');
    expect(text()).not.toMatch(/Necessary|Statistics|\{purposes\}/);
    ui!.destroy();
    ui = mountConsentUI(testStore(config), { language: 'fr', locale: fr });
    await ui.ready;
    expect(text()).toContain('pour ces finalités\u00a0: Marketing et Mesure d’audience.');
  });

  it('a site’s own text without {purposes} is shown as written; with it twice, both are filled in', () => {
    mount(testStore(testConfig({ ui: { en: { description: 'Our own words.' } } })));
    expect(banner().querySelector('p')!.textContent).toBe(`Our own words. ${en.policy}`);
    ui!.destroy();
    mount(testStore(testConfig({ ui: { en: { description: 'For {purposes}. Again: {purposes}.' } } })));
    expect(banner().querySelector('p')!.textContent).toBe(`For Marketing. Again: Marketing. ${en.policy}`);
  });

  it("a title with $ patterns is shown as written ($& and $' mean nothing here)", () => {
    const base = testConfig();
    const config = testConfig({
      categories: base.categories.map(({ id, required, exempt, texts }) => ({
        id,
        required,
        ...(exempt && { exempt: { reason: exempt.reason } }),
        texts: id === 'marketing' ? { ...texts, en: { title: "Ads $' and $&" } } : texts,
      })),
    } as never);
    mount(testStore(config));
    expect(banner().querySelector('p')!.textContent).toContain("for these purposes: Ads $' and $&. You can");
  });
});

describe('the banner under the opt-out model', () => {
  // The test config's categories as input again, with `extra` on Marketing.
  const withMarketing = (extra: object) =>
    testConfig().categories.map((c) => ({
      id: c.id,
      required: c.required,
      exempt: c.exempt ?? undefined,
      texts: c.texts,
      ...(c.id === 'marketing' && extra),
    }));
  const optOutStore = (config = testConfig(), gpc = false) =>
    createConsent(config, { storage: memoryStorage(), gpc, jurisdiction: 'opt-out' });

  it('says the optional cookies are in use until turned off, instead of asking for consent', () => {
    const store = mount(optOutStore());
    // Before any decision, Marketing is on: the banner must not ask for what is already in use.
    expect(store.getSnapshot().granted).toMatchObject({ marketing: true });
    expect(bannerText()).toBe(said(en.descriptionOptOut));
    ui!.destroy();
    mount(testStore());
    expect(bannerText()).toBe(said(en.description));
  });

  it('keeps the opt-in text when nothing that needs consent is on before a decision', () => {
    // Every optional category off by default: opt-out in name, nothing in use.
    const off = testConfig({ jurisdiction: 'opt-out', categories: withMarketing({ default: false }) });
    mount(optOutStore(off));
    expect(bannerText()).toBe(said(en.description));
    ui!.destroy();
    // GPC turned off the only optional category that was on (it sells or shares data).
    const sold = testConfig({ categories: withMarketing({ saleOrSharing: true }) });
    mount(optOutStore(sold, true));
    expect(bannerText()).toBe(said(en.description));
    ui!.destroy();
    mount(optOutStore(sold, false));
    expect(bannerText()).toBe(said(en.descriptionOptOut));
  });

  // "…optional cookies for these purposes: Analytics and Marketing. The optional ones are on unless you turn
  // them off" was false for Marketing once GPC (or its `default: false`) kept it off.
  it('names only the purposes that are on: not one a GPC signal or `default: false` keeps off', () => {
    const categories = [
      ...withMarketing({ saleOrSharing: true }),
      {
        id: 'analytics',
        texts: { en: { title: 'Analytics' }, fr: { title: 'Mesure' }, ar: { title: 'تحليل' } },
      },
    ];
    const config = testConfig({ categories });
    mount(optOutStore(config, true));
    expect(bannerText()).toBe(said(en.descriptionOptOut, 'Analytics'));
    ui!.destroy();
    mount(optOutStore(config, false));
    expect(bannerText()).toBe(said(en.descriptionOptOut, 'Marketing and Analytics'));
    ui!.destroy();
    const off = testConfig({ categories: [...withMarketing({ default: false }), categories.at(-1)!] });
    mount(optOutStore(off));
    expect(bannerText()).toBe(said(en.descriptionOptOut, 'Analytics'));
    ui!.destroy();
    // Under opt-in the banner asks about every purpose.
    mount(createConsent(config, { storage: memoryStorage(), gpc: true }));
    expect(bannerText()).toBe(said(en.description, 'Marketing and Analytics'));
  });

  it('under opt-in, an embed placeholder grant made first leaves the banner asking, in the opt-in words', () => {
    const store = mount(testStore());
    store.grant(['marketing']);
    expect(store.getSnapshot().granted).toMatchObject({ marketing: true });
    expect(shown(banner())).toBe(true);
    expect(bannerText()).toBe(said(en.description));
  });

  it('comes in the bundled language, and config.ui overrides it like any text', async () => {
    ui = mountConsentUI(optOutStore(), { language: 'fr' });
    await ui.ready;
    expect(bannerText()).toBe(said(fr.descriptionOptOut));
    ui.destroy();
    const config = testConfig({ ui: { en: { descriptionOptOut: 'Our own opt-out words.' } } });
    mount(optOutStore(config));
    expect(bannerText()).toBe('Our own opt-out words.');
  });
});

describe('a decision made under an older revision of the config', () => {
  const paragraph = () => banner().querySelector('p')!.textContent;
  // A visitor's decision stored under revision 1, then the store a later page load makes.
  const returning = (config = testConfig({ revision: 2 }), now?: () => number) => {
    const storage = memoryStorage();
    createConsent(testConfig(), { storage }).acceptAll();
    return createConsent(config, { storage, now });
  };

  it('asks again and says why before the banner text; a first visit or an expired decision gets no notice', () => {
    const store = mount(returning());
    expect(store.getSnapshot().status).toBe('undecided');
    expect(shown(banner())).toBe(true);
    expect(paragraph()).toBe(`${en.revised} ${said(en.description)} ${en.policy}`);
    ui!.destroy();
    mount(testStore());
    expect(paragraph()).toBe(`${said(en.description)} ${en.policy}`);
    ui!.destroy();
    // Same revision, kept past its lifetime: asked again as usual, nothing changed to tell of.
    mount(returning(testConfig(), () => Date.now() + 400 * 864e5));
    expect(shown(banner())).toBe(true);
    expect(paragraph()).toBe(`${said(en.description)} ${en.policy}`);
  });

  it('goes with the banner once the visitor decides again', () => {
    const store = mount(returning());
    button(banner(), en.rejectAll).click();
    expect(store.getSnapshot().status).toBe('decided');
    expect(shown(banner())).toBe(false);
  });

  it('comes in the bundled language, config.ui overrides it, and a locale without it shows none', async () => {
    ui = mountConsentUI(returning(), { language: 'fr' });
    await ui.ready;
    expect(paragraph()).toMatch(new RegExp(`^${fr.revised} `));
    ui.destroy();
    mount(returning(testConfig({ revision: 2, ui: { en: { revised: 'We changed things.' } } })));
    expect(paragraph()).toMatch(/^We changed things\. /);
    ui!.destroy();
    const { revised: _, ...withoutIt } = en;
    mount(returning(), { locale: withoutIt });
    expect(paragraph()).toBe(`${said(en.description)} ${en.policy}`);
  });
});

describe('texts missing from the locale option', () => {
  /** Every accessible name and text of the UI: none empty, none "undefined". */
  const blanks = () => {
    const root = $('.cy')!;
    const named = [...root.querySelectorAll<HTMLElement>('button, section, [role=dialog], a, ul, h2, h3')];
    return [
      ...named
        .filter((el) => !(el.getAttribute('aria-label') ?? el.textContent)?.trim())
        .map((el) => el.outerHTML),
      ...(root.outerHTML.includes('undefined') ? ['"undefined" in the markup'] : []),
    ];
  };

  it('come from the bundled texts of the language, never blank (a partial locale drew empty buttons)', async () => {
    ui = mountConsentUI(testStore(), { locale: { acceptAll: 'Yes' } as Locale });
    await ui.ready;
    ui.openPreferences();
    const b = banner();
    expect(b.getAttribute('aria-label')).toBe(en.title);
    expect(b.querySelector('h2')!.textContent).toBe(en.title);
    expect([...b.querySelectorAll('button')].map((x) => x.textContent)).toEqual([
      'Yes',
      en.rejectAll,
      en.customise,
    ]);
    expect(bannerText()).toBe(said(en.description));
    expect(blanks()).toEqual([]);
  });

  it('in the language in force; an empty or non-string text counts as missing', async () => {
    const partial = { acceptAll: 'Oui', rejectAll: '', title: 5 } as unknown as Locale;
    ui = mountConsentUI(testStore(), { language: 'fr', locale: partial });
    await ui.ready;
    ui.openPreferences();
    expect([...banner().querySelectorAll('button')].map((x) => x.textContent)).toEqual([
      'Oui',
      fr.rejectAll,
      fr.customise,
    ]);
    expect(banner().querySelector('h2')!.textContent).toBe(fr.title);
    expect($('.cy-x')!.getAttribute('aria-label')).toBe(fr.close);
    expect(blanks()).toEqual([]);
  });

  it('config.ui over a partial locale: the config, then the locale, then the bundled texts', async () => {
    const config = testConfig({ ui: { en: { rejectAll: 'No thanks' } } });
    ui = mountConsentUI(testStore(config), { locale: { acceptAll: 'Yes', rejectAll: 'No' } as Locale });
    await ui.ready;
    expect([...banner().querySelectorAll('button')].map((x) => x.textContent)).toEqual([
      'Yes',
      'No thanks',
      en.customise,
    ]);
    expect(blanks()).toEqual([]);
  });

  it('a complete locale still renders at once, with no request', () => {
    mount(testStore(), { locale: { ...en, acceptAll: 'Yes' } });
    expect(button(banner(), 'Yes')).toBeDefined();
    expect(blanks()).toEqual([]);
  });
});

describe('options are checked', () => {
  const bad: [keyof ConsentUIOptions, unknown, string][] = [
    ['language', 5, 'expected string, got number'],
    ['locale', 'fr', 'expected object, got "fr"'],
    ['theme', 'blue', `expected 'light' | 'dark' | 'auto', got "blue"`],
    ['position', 'top', `expected 'bar' | 'box' | 'center', got "top"`],
    ['modal', 'true', 'expected boolean, got "true"'],
    ['target', '#main', 'expected Element, got "#main"'],
    ['trigger', 0, 'expected boolean, got number'],
    ['reopenSelector', '.open,', 'expected CSS selector, got ".open,"'],
    ['reopenSelector', 1, 'expected CSS selector, got number'],
  ];
  it.each(bad)('options.%s = %j throws a TypeError naming it', (name, value, expected) => {
    const store = testStore();
    expect(() => mountConsentUI(store, { locale: en, [name]: value })).toThrow(
      new TypeError(`mountConsentUI: invalid options.${name}: ${expected}`),
    );
    // Nothing was mounted or left listening.
    expect($('.cy')).toBeNull();
    $<HTMLAnchorElement>('[data-consent-open]')!.click();
    expect(store.getSnapshot().preferences).toBe(false);
  });

  it('valid values and null (the default) mount', () => {
    const target = document.createElement('div');
    document.body.append(target);
    mount(testStore(), {
      language: 'fr',
      theme: 'dark',
      position: 'center',
      modal: false,
      target,
      trigger: true,
      reopenSelector: '.open, [data-x]',
    });
    expect(target.querySelector('.cy')).not.toBeNull();
    ui!.destroy();
    const nulls = { theme: null, position: null, target: null, modal: null } as unknown as ConsentUIOptions;
    mount(testStore(), nulls);
    expect($('.cy')!.dataset).toMatchObject({ theme: 'auto', pos: 'bar' });
  });
});

describe('config.ui takes every text of the UI, and nothing else', () => {
  it('every key of Locale, PolicyLocale and PlaceholderLocale is taken by defineConfig, a misspelt one refused', () => {
    const all = { ...en, ...enPolicy, ...enPlaceholder, dir: 'ltr', colon: ': ' } as Record<string, string>;
    // Every optional key is there too, so the list below is the whole of the three types.
    expect(Object.keys(all).sort()).toEqual(
      [
        ...LOCALE_KEYS,
        'revised',
        'dir',
        'colon',
        'service',
        'optIn',
        'optOut',
        'pattern',
        'domain',
        'thisSite',
        'consentPurpose',
        'consentLifetime',
        'gpc',
        'none',
        'blocked',
        'allow',
      ].sort(),
    );
    const warn = vi.spyOn(console, 'warn');
    mount(testStore(testConfig({ ui: { en: all, fr: { blocked: '{name} bloqué' } } })));
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    // A text nobody would read (the bundled title would show, and nothing would say why).
    expect(() => testConfig({ ui: { en: { titel: 'Cookies?' } } })).toThrow(/at ui\.en\.titel: unknown key/);
  });
});

describe('the arguments are checked', () => {
  it('null options are the defaults, as undefined ones', async () => {
    ui = mountConsentUI(testStore(), null);
    await ui.ready;
    expect($('.cy')!.dataset).toMatchObject({ theme: 'auto', pos: 'bar' });
  });

  it('a misspelt option throws a TypeError naming it and the known ones; nothing is mounted', () => {
    const store = testStore();
    expect(() => mountConsentUI(store, { locale: en, positon: 'box' } as ConsentUIOptions)).toThrow(
      new TypeError(
        'mountConsentUI: unknown options.positon: expected one of language, locale, theme, position, modal, ' +
          'target, trigger, reopenSelector',
      ),
    );
    expect($('.cy')).toBeNull();
    $<HTMLAnchorElement>('[data-consent-open]')!.click();
    expect(store.getSnapshot().preferences).toBe(false);
  });

  it('own keys only: what an options object inherits is not an option', () => {
    mount(testStore(), Object.assign(Object.create({ positon: 'box' }), { position: 'box' }));
    expect($('.cy')!.dataset.pos).toBe('box');
  });

  it('a config, nothing or null where the store goes throws a TypeError saying a store is expected', () => {
    const expected = (got: string) =>
      new TypeError(`mountConsentUI: expected a store from createConsent(config), got ${got}`);
    expect(() => mountConsentUI(testConfig() as never)).toThrow(expected('a config'));
    expect(() => (mountConsentUI as (...a: unknown[]) => ConsentUI)()).toThrow(expected('undefined'));
    expect(() => mountConsentUI(null as never, { locale: en })).toThrow(expected('null'));
    expect($('.cy')).toBeNull();
  });
});

describe('scroll padding for the trigger (WCAG 2.4.12)', () => {
  const html = document.documentElement;
  // jsdom lays nothing out: the trigger is put 60 px tall at the viewport's bottom edge, 16 px above it.
  const placeTrigger = () =>
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      return this.classList.contains('cy-t')
        ? new DOMRect(16, innerHeight - 76, 150, 60)
        : new DOMRect(0, 0, 0, 0);
    });
  afterEach(() => {
    vi.restoreAllMocks();
    html.style.scrollPaddingBottom = '';
  });

  it('is its height, its margin and 16 px while it shows; the page’s own value comes back after', () => {
    placeTrigger();
    html.style.scrollPaddingBottom = '3rem';
    const store = mount();
    // The banner's (0 px tall in jsdom) while it shows.
    expect(html.style.scrollPaddingBottom).toBe('16px');
    store.acceptAll();
    expect(shown($('.cy-t')!)).toBe(true);
    expect(html.style.scrollPaddingBottom).toBe('92px');
    expect($('.cy')!.style.paddingBottom).toBe('92px');
    // The dialog is modal and hides the trigger: the page, locked behind it, keeps the trigger's room
    // (taken away, the page got shorter and one scrolled to its end was pulled up).
    store.openPreferences();
    expect(html.style.scrollPaddingBottom).toBe('92px');
    expect($('.cy')!.style.paddingBottom).toBe('92px');
    store.closePreferences();
    expect(html.style.scrollPaddingBottom).toBe('92px');
    ui!.destroy();
    expect(html.style.scrollPaddingBottom).toBe('3rem');
  });

  it('none without a trigger, or with one a site moved to the top', () => {
    placeTrigger();
    const store = mount(testStore(), { trigger: false });
    store.rejectAll();
    expect(html.style.scrollPaddingBottom).toBe('');
    ui!.destroy();
    vi.restoreAllMocks();
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(16, 16, 150, 60));
    mount(store);
    expect(shown($('.cy-t')!)).toBe(true);
    expect(html.style.scrollPaddingBottom).toBe('');
  });

  it('two UIs (two stores), destroyed in either order, leave the page’s value', () => {
    placeTrigger();
    html.style.scrollPaddingBottom = '8px';
    for (const order of [
      [0, 1],
      [1, 0],
    ]) {
      const stores = [testStore(), testStore()];
      const uis = stores.map((store) => mountConsentUI(store, { locale: en }));
      for (const store of stores) store.acceptAll();
      expect(html.style.scrollPaddingBottom).toBe('92px');
      for (const i of order) uis[i]!.destroy();
      expect(html.style.scrollPaddingBottom).toBe('8px');
    }
  });
});

describe('the separator between a label and its value', () => {
  it('follows the locale: French puts a no-break space before the colon', async () => {
    ui = mountConsentUI(testStore(), { language: 'fr' });
    await ui.ready;
    ui.openPreferences();
    const details = $$('.cy-d details');
    expect(details[2]!.textContent).toContain(`${fr.provider}\u00a0: Google · ${fr.thirdParty}`);
    expect([...details[2]!.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      `_ga* · ${fr.lifetime}\u00a0: 395\u00a0jours · ${fr.purpose}\u00a0: Distingue les visites.`,
      `_gid · ${fr.lifetime}\u00a0: ${fr.session}`,
    ]);
    const stats = switchFor('Statistiques');
    expect(document.getElementById(stats.getAttribute('aria-describedby')!)!.textContent).toBe(
      ` ${fr.exempt}\u00a0: Mesure anonyme.`,
    );
    // No colon without its space before it.
    expect($('.cy')!.textContent).not.toMatch(/[^\u00a0]:/);
  });

  it('config.ui can set it', () => {
    mount(testStore(testConfig({ ui: { en: { colon: ' — ' } } }))).openPreferences();
    expect($$('.cy-d details')[2]!.textContent).toContain(`${en.provider} — Google`);
  });
});
