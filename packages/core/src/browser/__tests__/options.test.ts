import { describe, expect, it } from 'vitest';
import { autoClear, consentMode, gating, multiTab, sendRecords } from '../../index';

// Every integration takes its options the same way: null is none, and a misspelt key or a value that
// is not an options object fails at the call, naming it, instead of being read as "no option".
const integrations = {
  gating: [gating, { attribute: 'data-consent' }, 'atribute'],
  consentMode: [consentMode, { waitForUpdate: 500 }, 'region'],
  multiTab: [multiTab, { channel: 'consent' }, 'chanel'],
  autoClear: [autoClear, { publicSuffixes: [] }, 'publicSuffix'],
  sendRecords: [sendRecords, { url: 'https://example.com/consent' }, 'onerror'],
} as const;

describe('integration options', () => {
  for (const [name, [factory, good, misspelt]] of Object.entries(integrations)) {
    const make = factory as (options?: unknown) => unknown;

    it(`${name}: a misspelt option throws, naming it`, () => {
      expect(make(good)).toBeTypeOf('function');
      expect(() => make({ ...good, [misspelt]: 1 })).toThrow(
        new TypeError(`${name}: unknown options.${misspelt}`),
      );
    });

    it(`${name}: options that are not an object throw`, () => {
      for (const wrong of ['data-x', 42, true])
        expect(() => make(wrong), String(wrong)).toThrow(new TypeError(`${name}: options must be an object`));
    });

    it(`${name}: only own keys count (a property an old library put on Object.prototype is no option)`, () => {
      (Object.prototype as Record<string, unknown>)[misspelt] = 1;
      try {
        expect(make(good)).toBeTypeOf('function');
      } finally {
        delete (Object.prototype as Record<string, unknown>)[misspelt];
      }
    });
  }

  it('null is no options, as undefined (sendRecords still needs its url)', () => {
    for (const make of [gating, consentMode, multiTab, autoClear]) expect(make(null)).toBeTypeOf('function');
    expect(() => sendRecords(null as never)).toThrow(
      /^sendRecords: invalid options\.url: expected an http\(s\) URL/,
    );
  });

  // Some options took null as their default and others threw on it (gating's onRevoke and
  // scriptTimeout, consentMode's adsDataRedaction, multiTab's channel, sendRecords' onError).
  it('a null option is its default, in every integration', () => {
    const nulls = {
      gating: { attribute: null, root: null, onRevoke: null, nonce: null, scriptTimeout: null },
      consentMode: { waitForUpdate: null, regions: null, adsDataRedaction: null, urlPassthrough: null },
      multiTab: { channel: null },
      autoClear: { publicSuffixes: null },
      sendRecords: { url: 'https://example.com/consent', onError: null },
    };
    for (const [name, options] of Object.entries(nulls)) {
      const make = integrations[name as keyof typeof integrations][0] as (options?: unknown) => unknown;
      expect(make(options), name).toBeTypeOf('function');
    }
    // A URL object is a URL too.
    expect(sendRecords({ url: new URL('https://example.com/consent') })).toBeTypeOf('function');
  });
});
