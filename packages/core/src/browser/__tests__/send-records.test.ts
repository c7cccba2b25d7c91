import { describe, expect, it } from 'vitest';
import { sendRecords } from '../send-records';

describe('sendRecords: bad options fail at startup, naming the url', () => {
  it.each([
    ['no options', undefined],
    ['no url', {}],
    ['an empty url', { url: '' }],
    ['a number', { url: 42 }],
  ])('%s', (_, options) => {
    expect(() => sendRecords(options as never)).toThrow(
      /^sendRecords: invalid options\.url: expected an http\(s\) URL/,
    );
  });
});

describe('sendRecords: a mistyped onError fails at startup, naming it', () => {
  it.each([
    ['a string', 'console'],
    ['an object', { log: () => {} }],
  ])('%s', (_, onError) => {
    // Otherwise every failed delivery would end as an unhandled rejection.
    expect(() => sendRecords({ url: 'https://example.test/proof', onError } as never)).toThrow(
      /^sendRecords: invalid options\.onError: expected a function/,
    );
  });

  it('shows a string quoted, as a string', () => {
    expect(() => sendRecords({ url: 'https://example.test/proof', onError: 'log' } as never)).toThrow(
      'sendRecords: invalid options.onError: expected a function, got "log"',
    );
  });

  it('accepts a function or nothing', () => {
    expect(typeof sendRecords({ url: 'https://example.test/proof', onError: () => {} })).toBe('function');
    expect(typeof sendRecords({ url: 'https://example.test/proof' })).toBe('function');
  });
});
