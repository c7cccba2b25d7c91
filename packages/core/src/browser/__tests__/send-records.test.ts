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
      /sendRecords\(\{ url \}\): expected an http\(s\) URL/,
    );
  });
});
