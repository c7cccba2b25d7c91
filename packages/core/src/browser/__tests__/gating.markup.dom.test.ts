// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from 'vitest';
import { defineConfig } from '../../model/config';
import { memoryStorage } from '../../storage/web-storage';
import { type ConsentStore, createConsent } from '../../store/store';
import { type GatingOptions, gating } from '../gating';

// Markup the browser runs or loads as it parses, before any decision (review report §2): gating cannot
// hold it back, but says so once per element, and unloads what it manages (a data-src) until granted.

const config = defineConfig({
  revision: 1,
  languages: ['en'],
  categories: [
    { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
    { id: 'analytics', texts: { en: { title: 'Analytics' } } },
    { id: 'marketing', texts: { en: { title: 'Marketing' } } },
  ],
  services: [
    { id: 'youtube', provider: 'Google', category: 'marketing', texts: { en: { title: 'YouTube' } } },
  ],
});

const SCRIPT =
  /^\[consentry\] data-consent on a script that ran before consent: make it type="text\/plain":$/;
const ELEMENT =
  /^\[consentry\] data-consent on an element that loaded before consent: give its URL as data-src only:$/;

let warn: MockInstance<typeof console.warn>;
let store: ConsentStore<any, any> | undefined;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  (document as any).ran = [];
});
afterEach(() => {
  store?.destroy();
  store = undefined;
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

// Gating scans in a microtask after createConsent and after each decision, and drains its queue in
// 8 ms slices, each resumed by a timer: a few timers' turns let every slice run (jsdom runs scripts slowly).
// (Gated scripts run in jsdom's own window, not the test's global: they report through `document`.)
const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};
async function start(html: string, options?: GatingOptions, before?: (s: ConsentStore<any, any>) => void) {
  document.body.innerHTML = html;
  store = createConsent(config, { storage: memoryStorage(), integrations: [gating(options)] });
  before?.(store);
  await settle();
  return store;
}
async function act(fn: () => void) {
  fn();
  await settle();
}
const $ = <T extends Element = HTMLElement>(sel: string) => document.querySelector<T>(sel)!;
/** Each warning as [message, the element it names]. */
const warnings = () => warn.mock.calls.map((c) => [c[0], c[1]]);

describe('gating: markup the browser loaded before consent is said once per element', () => {
  it.each([
    [
      'a script with no type',
      '<script id="x" data-consent="analytics" src="https://t.example/no-type.js"></script>',
      SCRIPT,
    ],
    [
      'a script of type text/javascript',
      '<script id="x" type="text/javascript" data-consent="marketing" src="https://t.example/js.js"></script>',
      SCRIPT,
    ],
    ['an inline module', '<script id="x" type="module" data-consent="analytics">void 0</script>', SCRIPT],
    [
      'an iframe with src, not data-src',
      '<iframe id="x" data-consent="youtube" src="https://yt.example/e"></iframe>',
      ELEMENT,
    ],
    ['an img with src', '<img id="x" data-consent="marketing" src="https://ads.example/p.gif">', ELEMENT],
    [
      'an img with srcset only',
      '<img id="x" data-consent="marketing" srcset="https://ads.example/p.gif 1x">',
      ELEMENT,
    ],
    [
      'a stylesheet with href',
      '<link id="x" rel="stylesheet" data-consent="marketing" href="https://fonts.example/a.css">',
      ELEMENT,
    ],
    [
      'a video with a poster',
      '<video id="x" data-consent="youtube" poster="https://media.example/p.jpg"></video>',
      ELEMENT,
    ],
    [
      'an object with data',
      '<object id="x" data-consent="youtube" data="https://media.example/o"></object>',
      ELEMENT,
    ],
  ])('%s: warned once, through every decision after', async (_, html, message) => {
    await start(html);
    expect(store!.has('analytics')).toBe(false);
    expect(warnings()).toEqual([[expect.stringMatching(message), $('#x')]]);
    // Nothing gating can do brings a second warning: a refusal, a grant, a withdrawal, a grant again.
    await act(() => store!.rejectAll());
    await act(() => store!.acceptAll());
    await act(() => store!.withdraw(['analytics', 'marketing']));
    await act(() => store!.acceptAll());
    expect(warnings()).toHaveLength(1);
  });

  it('with another attribute, the warning names it, and data-consent is left to its own store', async () => {
    await start(
      '<script id="x" data-cy="analytics"></script><iframe id="y" data-cy="youtube" src="https://yt.example/e"></iframe>' +
        '<iframe data-consent="youtube" src="https://yt.example/other"></iframe>',
      { attribute: 'data-cy' },
    );
    expect(warnings()).toEqual([
      [expect.stringMatching(/^\[consentry\] data-cy on a script that ran before consent/), $('#x')],
      [expect.stringMatching(/^\[consentry\] data-cy on an element that loaded before consent/), $('#y')],
    ]);
  });

  it('elements added later are said too, once each', async () => {
    await start('<p>page</p>');
    await act(() => {
      const s = document.createElement('script');
      s.setAttribute('data-consent', 'analytics');
      s.text = "document.ran.push('late-no-type')";
      const div = document.createElement('div');
      div.innerHTML = '<img id="late-img" data-consent="marketing" src="https://ads.example/late.gif">';
      document.body.append(s, div);
    });
    expect((document as any).ran).toEqual(['late-no-type']);
    expect(warnings()).toEqual([
      [expect.stringMatching(SCRIPT), $('script')],
      [expect.stringMatching(ELEMENT), $('#late-img')],
    ]);
    // The page changes what it needs: the same element is not said again.
    await act(() => $('#late-img').setAttribute('data-consent', 'analytics'));
    expect(warnings()).toHaveLength(2);
  });
});

// A site's own stand-in until consent is no third party: a data: image, a same-origin placeholder page,
// a first-party poster. Unloaded and named, the page lost its own placeholder.
describe("gating: a site's own stand-in (data:, same origin) is left in place and not named", () => {
  it.each([
    [
      'a data: image',
      '<img id="x" alt="" data-consent="marketing" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="https://ads.example/p.gif">',
      'src',
    ],
    [
      'a same-origin placeholder page',
      '<iframe id="x" title="v" data-consent="youtube" src="/placeholder.html" data-src="https://yt.example/e"></iframe>',
      'src',
    ],
    [
      'a first-party poster',
      '<video id="x" data-consent="youtube" poster="/poster.jpg" data-src="https://media.example/c.mp4"></video>',
      'poster',
    ],
    ['an unmanaged same-origin image', '<img id="x" alt="" data-consent="marketing" src="/logo.png">', 'src'],
  ])('%s', async (_, html, attribute) => {
    await start(html);
    const before = $('#x').getAttribute(attribute);
    await act(() => store!.rejectAll());
    expect($('#x').getAttribute(attribute)).toBe(before);
    expect(warnings()).toEqual([]);
  });
});

describe('gating: an element it manages (data-src) that carries a live URL of its own is unloaded until granted', () => {
  const BOTH =
    '<iframe id="f" title="v" data-consent="youtube" src="https://yt.example/both" data-src="https://yt.example/data"></iframe>';

  it('an iframe with src and data-src: about:blank before any decision, data-src on grant, said once', async () => {
    await start(BOTH);
    const f = $<HTMLIFrameElement>('#f');
    expect(f.getAttribute('src')).toBe('about:blank');
    expect(f.getAttribute('data-consent-state')).toBe('blocked');
    expect(warnings()).toEqual([[expect.stringMatching(ELEMENT), f]]);
    await act(() => store!.grant(['youtube']));
    expect(f.getAttribute('src')).toBe('https://yt.example/data');
    expect(f.getAttribute('data-consent-state')).toBe('loaded');
    await act(() => store!.withdraw(['youtube']));
    expect(f.getAttribute('src')).toBe('about:blank');
    await act(() => store!.grant(['youtube']));
    expect(f.getAttribute('src')).toBe('https://yt.example/data');
    expect(warnings()).toHaveLength(1);
  });

  it('rejectAll keeps it unloaded', async () => {
    await start(BOTH);
    await act(() => store!.rejectAll());
    expect($('#f').getAttribute('src')).toBe('about:blank');
  });

  it('an image with src, srcset and a poster-less data-src: every live candidate taken away', async () => {
    await start(
      '<img id="i" alt="" data-consent="marketing" src="https://ads.example/p.gif" srcset="https://ads.example/p2.gif 2x" data-src="https://ads.example/d.gif">',
    );
    const i = $('#i');
    expect([i.getAttribute('src'), i.getAttribute('srcset')]).toEqual([null, null]);
    expect(warnings()).toEqual([[expect.stringMatching(ELEMENT), i]]);
  });

  it('one added later is unloaded and said too', async () => {
    await start('<p>page</p>');
    await act(() => document.body.insertAdjacentHTML('beforeend', BOTH));
    expect($('#f').getAttribute('src')).toBe('about:blank');
    expect(warnings()).toHaveLength(1);
  });

  it('already granted (a returning visitor): it loads its data-src, nothing said', async () => {
    await start(BOTH, undefined, (s) => s.acceptAll());
    expect($('#f').getAttribute('src')).toBe('https://yt.example/data');
    expect(warnings()).toEqual([]);
  });

  it('a snapshot of a granted page (prerendered with its state and src) is unloaded and said', async () => {
    await start(
      '<iframe id="f" data-consent="youtube" data-consent-state="loaded" src="https://yt.example/data" data-src="https://yt.example/data"></iframe>',
    );
    expect($('#f').getAttribute('src')).toBe('about:blank');
    expect(warnings()).toHaveLength(1);
  });

  it('a `!id` iframe (which never loads) with a src of its own is unloaded', async () => {
    await start(
      '<iframe id="f" data-consent="!analytics" src="https://yt.example/x" data-src="https://yt.example/y"></iframe>',
    );
    expect($('#f').getAttribute('src')).toBe('about:blank');
  });
});

describe('gating: what gating ran or loaded itself is never said', () => {
  const CORRECT = `
<script type="text/plain" data-consent="analytics">document.ran.push('inline')</script>
<script type="text/plain" data-consent="!analytics">document.ran.push('opt-out')</script>
<script type="text/plain" data-consent="analytics" data-type="module">void 0</script>
<iframe id="f" title="v" data-consent="youtube" data-src="https://yt.example/e"></iframe>
<img id="i" alt="" data-consent="marketing" data-src="https://ads.example/p.gif" data-srcset="https://ads.example/p2.gif 2x">
<video id="v" data-consent="youtube" data-src="https://media.example/c.mp4" data-poster="https://media.example/p.jpg"></video>
<link id="l" rel="stylesheet" data-consent="marketing" data-src="https://fonts.example/a.css">`;

  it('a correctly gated page: nothing said after grant, withdraw, re-grant; each element loads and unloads', async () => {
    await start(CORRECT);
    await act(() => store!.acceptAll());
    expect((document as any).ran).toEqual(['inline']);
    expect($('#f').getAttribute('src')).toBe('https://yt.example/e');
    expect($('#i').getAttribute('srcset')).toBe('https://ads.example/p2.gif 2x');
    expect($('#v').getAttribute('poster')).toBe('https://media.example/p.jpg');
    expect($('#l').getAttribute('href')).toBe('https://fonts.example/a.css');
    // The `!id` script runs on this withdrawal: gating's own script, not the markup's.
    await act(() => store!.withdraw(['analytics', 'marketing']));
    expect((document as any).ran).toEqual(['inline', 'opt-out']);
    expect($('#f').getAttribute('src')).toBe('about:blank');
    expect($('#i').getAttribute('src')).toBeNull();
    await act(() => store!.acceptAll());
    await act(() => store!.rejectAll());
    await act(() => store!.acceptAll());
    expect($('#f').getAttribute('src')).toBe('https://yt.example/e');
    expect(warnings()).toEqual([]);
  });

  it('a loaded embed whose data-src the page points at something not granted is unloaded, not said', async () => {
    await start(CORRECT);
    await act(() => store!.acceptAll());
    await act(() => store!.withdraw(['analytics']));
    // The page now asks analytics for the video: gating's own URL goes, quietly.
    await act(() => $('#f').setAttribute('data-consent', 'analytics'));
    expect($('#f').getAttribute('src')).toBe('about:blank');
    await act(() => {
      $('#i').setAttribute('data-consent', 'analytics');
      $('#i').setAttribute('data-src', 'https://ads.example/other.gif');
    });
    expect($('#i').getAttribute('src')).toBeNull();
    expect(warnings()).toEqual([]);
  });

  it('an embed that loses its data-src after gating loaded it is not said', async () => {
    await start(CORRECT, undefined, (s) => s.acceptAll());
    await act(() => $('#f').removeAttribute('data-src'));
    await act(() => store!.withdraw(['marketing']));
    expect(warnings()).toEqual([]);
  });
});
