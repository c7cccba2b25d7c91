import { describe, expect, it } from 'vitest';
import { gating } from '../gating';

describe('gating: a mistyped option fails at creation, naming it', () => {
  it.each([
    ['attribute', { attribute: 'consent' }],
    // A selector string or `window` is the usual slip: neither is a Node.
    ['root', { root: '#app' }],
    ['root', { root: { nodeType: 1 } }],
    ['onRevoke', { onRevoke: 'reload' }],
    // A number taken for the page's nonce had every gated script of the page refused, silently.
    ['nonce', { nonce: 123 }],
    ['nonce', { nonce: ['N0nce'] }],
    // NaN or a string would make the timeout 0: later scripts would run before earlier ones. (null is
    // the default, as for every option: see options.test.ts.)
    ['scriptTimeout', { scriptTimeout: Number.NaN }],
    ['scriptTimeout', { scriptTimeout: '500' }],
    ['scriptTimeout', { scriptTimeout: -1 }],
    // setTimeout runs anything from 2^31 ms on at once.
    ['scriptTimeout', { scriptTimeout: Number.POSITIVE_INFINITY }],
    ['scriptTimeout', { scriptTimeout: 2 ** 31 }],
  ])('%s: %o', (name, options) => {
    expect(() => gating(options as never)).toThrow(
      new RegExp(`^gating\\(\\{ ${name} \\}\\): expected .+, got `),
    );
  });

  it('accepts the defaults and well-typed options (no DOM needed to create it)', () => {
    expect(typeof gating()).toBe('function');
    expect(
      typeof gating({
        attribute: 'data-x',
        scriptTimeout: 0,
        onRevoke: () => {},
        nonce: 'n',
        root: undefined,
      }),
    ).toBe('function');
    // A template's "no nonce".
    expect(typeof gating({ nonce: null as never })).toBe('function');
  });
});
