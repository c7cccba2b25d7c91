import { type ConsentStore, createConsent, gating, memoryStorage } from '@consentry/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ConsentPlaceholders, mountPlaceholders } from '../index';
import en, { placeholderLocale as enPlaceholder } from '../locales/en';
import { testConfig, testStore } from './fixture';

// Review report §2 (repro 06b): an embed whose markup has a src beside its data-src loaded before any
// decision, and a placeholder drawn over it said it was blocked. No placeholder claims that over an embed
// showing a document of its own; once gating unloads it, the placeholder comes.

let ui: ConsentPlaceholders | undefined;
let store: ConsentStore<any, any> | undefined;
const mount = (s: ConsentStore<any, any>) => {
  store = s;
  ui = mountPlaceholders(s, { locale: { ...enPlaceholder, trigger: en.trigger } });
  return s;
};
const $ = (sel: string) => document.querySelector<HTMLElement>(sel)!;
const boxes = () => [...document.querySelectorAll<HTMLElement>('.cy-p')];
// Store and page changes reach the placeholders (and gating) in a microtask; a timer's turn covers both.
const settle = () => new Promise((r) => setTimeout(r, 0));
const BOTH = (attrs: string) =>
  `<iframe id="f" title="Video" data-consent="ga" data-src="https://video.example/embed/1" ${attrs}></iframe>`;

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  ui?.destroy();
  store?.destroy();
  ui = store = undefined;
  vi.restoreAllMocks();
});

describe('no "blocked" placeholder over an embed that shows a document of its own', () => {
  it.each([
    ['an iframe with a src beside its data-src', BOTH('src="https://video.example/own"')],
    [
      'an image with a srcset',
      '<img id="f" alt="Map" data-consent="ga" data-src="https://maps.example/m.png" srcset="https://maps.example/own.png 1x">',
    ],
    [
      'a video with a poster',
      '<video id="f" data-consent="ga" data-src="https://media.example/c.mp4" poster="https://media.example/p.jpg"></video>',
    ],
    [
      'an object with data',
      '<object id="f" data-consent="ga" data-src="https://media.example/o" data="https://media.example/own"></object>',
    ],
  ])('placeholders alone (no gating): %s stays in view, with no box over it', async (_, html) => {
    document.body.innerHTML = `<main>${html}</main>`;
    mount(testStore());
    await settle();
    expect(boxes()).toEqual([]);
    expect($('#f').hasAttribute('data-cy-replaced')).toBe(false);
  });

  it('the box comes once the src is taken away (as gating does on withdrawal) and goes if one comes back', async () => {
    document.body.innerHTML = `<main>${BOTH('src="https://video.example/own"')}</main>`;
    mount(testStore());
    await settle();
    expect(boxes()).toEqual([]);
    $('#f').setAttribute('src', 'about:blank');
    await settle();
    expect(boxes()).toHaveLength(1);
    expect($('#f').hasAttribute('data-cy-replaced')).toBe(true);
    $('#f').setAttribute('src', 'https://video.example/own');
    await settle();
    expect(boxes()).toEqual([]);
    expect($('#f').hasAttribute('data-cy-replaced')).toBe(false);
  });

  it('with gating: the embed is unloaded, then the placeholder says it is blocked, truthfully', async () => {
    document.body.innerHTML = `<main>${BOTH('src="https://video.example/own"')}</main>`;
    const s = createConsent(testConfig(), { storage: memoryStorage(), integrations: [gating()] });
    mount(s);
    await settle();
    expect($('#f').getAttribute('src')).toBe('about:blank');
    expect(boxes()).toHaveLength(1);
    expect(boxes()[0]!.nextElementSibling).toBe($('#f'));
    // Allowed: gating loads its data-src, the box goes; withdrawn: unloaded, the box is back.
    boxes()[0]!.querySelector('button')!.click();
    await settle();
    expect($('#f').getAttribute('src')).toBe('https://video.example/embed/1');
    expect(boxes()).toEqual([]);
    s.withdraw(['ga']);
    await settle();
    expect($('#f').getAttribute('src')).toBe('about:blank');
    expect(boxes()).toHaveLength(1);
  });

  it('a correctly gated embed keeps its placeholder through grant, withdraw, re-grant, nothing said', async () => {
    document.body.innerHTML = `<main>${BOTH('')}</main>`;
    const s = createConsent(testConfig(), { storage: memoryStorage(), integrations: [gating()] });
    mount(s);
    await settle();
    expect(boxes()).toHaveLength(1);
    s.grant(['ga']);
    await settle();
    expect(boxes()).toEqual([]);
    s.withdraw(['ga']);
    await settle();
    expect(boxes()).toHaveLength(1);
    s.grant(['ga']);
    await settle();
    expect(boxes()).toEqual([]);
    expect(console.warn).not.toHaveBeenCalled();
  });
});
