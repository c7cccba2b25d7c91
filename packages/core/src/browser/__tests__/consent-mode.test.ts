import { describe, expect, it } from 'vitest';
import { ConsentConfigError, defineConfig } from '../../model/config';
import { memoryStorage } from '../../storage/web-storage';
import { createConsent } from '../../store/store';
import { consentMode, consentModeValues } from '../consent-mode';
import { vectors } from './vectors';

// Source: test-vectors/google-consent-mode-scenarios.json (derived from Google's consent mode guide
// and the peers' issues named in its meta.sources).
const data = vectors('google-consent-mode-scenarios.json');
const scenario = (id: string) => data.scenarios.find((s: { id: string }) => s.id === id);

const config = (jurisdiction: 'opt-in' | 'opt-out' = 'opt-in', revision = 2) =>
  defineConfig({
    revision,
    languages: ['en'],
    jurisdiction,
    categories: [
      { id: 'necessary', required: true, texts: { en: { title: 'Necessary' } } },
      { id: 'analytics', texts: { en: { title: 'Analytics' } } },
      { id: 'marketing', saleOrSharing: true, texts: { en: { title: 'Marketing' } } },
    ],
    consentMode: {
      ad_storage: 'marketing',
      ad_user_data: 'marketing',
      ad_personalization: 'marketing',
      analytics_storage: 'analytics',
    },
  });

type Target = { dataLayer?: unknown[] };
const entries = (t: Target) => (t.dataLayer ?? []).map((e) => Array.from(e as ArrayLike<unknown>));
const kinds = (t: Target) => entries(t).map((e) => `${e[0]}:${e[1]}`);

function boot(
  options: {
    storage?: ReturnType<typeof memoryStorage>;
    gpc?: boolean;
    jurisdiction?: 'opt-in' | 'opt-out';
    revision?: number;
    regions?: any;
  } = {},
) {
  const target: Target = {};
  const store = createConsent(config(options.jurisdiction, options.revision), {
    storage: options.storage ?? memoryStorage(),
    gpc: options.gpc,
    integrations: [consentMode({ waitForUpdate: 500, target, regions: options.regions })],
  });
  return { store, target };
}

/** A storage holding a decision with these category grants. */
function stored(choices: Record<string, boolean>, revision = 2) {
  const storage = memoryStorage();
  createConsent(config('opt-in', revision), { storage }).save(choices);
  return storage;
}

describe('Google Consent Mode v2 (google-consent-mode-scenarios.json)', () => {
  it('first-visit-eea-default-first: one default, all denied, with wait_for_update, as an Arguments object', () => {
    const { target } = boot();
    const expected = structuredClone(scenario('first-visit-eea-default-first').expect.dataLayerPrefix);
    expected[0][2].wait_for_update = 500;
    expect(entries(target)).toEqual(expected);
    expect(Object.prototype.toString.call(target.dataLayer![0])).toBe(
      scenario('first-visit-eea-default-first').expect.entryType,
    );
  });

  it('the default is in the dataLayer before anything the page pushes after createConsent', () => {
    const target: Target = { dataLayer: [] };
    createConsent(config(), { storage: memoryStorage(), integrations: [consentMode({ target })] });
    target.dataLayer!.push(['js', new Date()]);
    expect(kinds(target)[0]).toBe('consent:default');
  });

  it("a page's gtag snippet that ran first: until gtag.js takes over push, the default (and sets) go before its config", () => {
    // The SDK in a module script runs after every classic script, the gtag snippet included.
    function gtag(..._args: unknown[]) {
      // biome-ignore lint/complexity/noArguments: gtag's own definition.
      target.dataLayer!.push(arguments);
    }
    const target: Target = { dataLayer: [] };
    gtag('js', 'now');
    gtag('config', 'G-TEST');
    createConsent(config(), {
      storage: memoryStorage(),
      integrations: [
        consentMode({ target, adsDataRedaction: true, regions: [{ region: ['US'], granted: true }] }),
      ],
    });
    expect(kinds(target)).toEqual([
      'consent:default',
      'consent:default',
      'set:ads_data_redaction',
      'js:now',
      'config:G-TEST',
    ]);
    expect(entries(target)[0]![2]).toMatchObject({ region: ['US'] });
    // gtag.js has loaded (it replaces push and has read the queue): nothing can go before what it read.
    const loaded: Target = { dataLayer: [['config', 'G-TEST']] };
    const read: unknown[] = [];
    Object.defineProperty(loaded.dataLayer!, 'push', { value: (e: unknown) => read.push(e) });
    createConsent(config(), { storage: memoryStorage(), integrations: [consentMode({ target: loaded })] });
    expect(loaded.dataLayer).toHaveLength(1);
    expect(read.map((e) => Array.from(e as ArrayLike<unknown>).slice(0, 2))).toEqual([
      ['consent', 'default'],
    ]);
  });

  it('mistyped regions or target fail at creation, naming the option', () => {
    // A string target would leave Google's tags with no default at all: they would act as granted.
    expect(() => consentMode({ target: 'window' as never })).toThrow(
      'consentMode: invalid options.target: expected an object',
    );
    expect(() => consentMode({ regions: 'US' as never })).toThrow(/^consentMode: invalid options\.regions:/);
    expect(() => consentMode({ regions: { region: ['US'], granted: true } as never })).toThrow(TypeError);
    expect(() => consentMode({ target: null as never })).not.toThrow();
  });

  it('accept-all: appends one update with every type granted; one default in all', () => {
    const { store, target } = boot();
    store.acceptAll();
    const s = scenario('accept-all');
    expect(entries(target).slice(1)).toEqual(s.expect.appends);
    expect(kinds(target).filter((k) => k === 'consent:default')).toHaveLength(s.expect.defaultCount);
  });

  it('reject-all: an explicit denied update is still pushed', () => {
    const { store, target } = boot();
    store.rejectAll();
    expect(entries(target).slice(1)).toEqual(scenario('reject-all').expect.appends);
  });

  it('returning-visitor-restore: one default (all denied) then one update, never a second default', () => {
    const s = scenario('returning-visitor-restore');
    const { target } = boot({ storage: stored(s.given.storedConsent) });
    const e = entries(target);
    expect(kinds(target)).toEqual(['consent:default', 'consent:update']);
    expect(Object.values(e[0]![2] as object).filter((v) => v === 'granted')).toEqual([]);
    expect(e[1]).toEqual(s.expect.sequence[1]);
  });

  it('a returning visitor who refused everything also gets one update, so tags stop waiting', () => {
    const { target } = boot({ storage: stored({ analytics: false, marketing: false }) });
    expect(kinds(target)).toEqual(['consent:default', 'consent:update']);
  });

  it('withdrawal: one update denying the ad types', () => {
    const s = scenario('withdrawal');
    const { store, target } = boot({ storage: stored(s.given.storedConsent) });
    const before = entries(target).length;
    store.withdraw(['marketing']);
    const appended = entries(target).slice(before);
    expect(appended).toHaveLength(1);
    expect(appended[0]).toMatchObject(s.expect.appends[0]);
    expect((appended[0]![2] as Record<string, string>).analytics_storage).toBe('granted');
  });

  it('each change gets exactly one update; a change that does not touch a mapped type gets none', () => {
    const { store, target } = boot();
    store.save({ analytics: true });
    store.save({ analytics: true, marketing: true });
    store.openPreferences();
    store.toggle('marketing', false);
    store.closePreferences();
    expect(kinds(target)).toEqual(['consent:default', 'consent:update', 'consent:update']);
  });

  it('legacy-v1-consent: a record from an older revision never grants the v2 types', () => {
    const { store, target } = boot({ storage: stored({ analytics: true, marketing: true }, 1), revision: 2 });
    expect(store.getSnapshot().banner).toBe(true);
    expect(kinds(target)).toEqual(['consent:default']);
    expect(consentModeValues(store.config, store.getSnapshot().granted).ad_user_data).toBe('denied');
  });

  it('region-scoped-defaults: a region default then the global one', () => {
    const s = scenario('region-scoped-defaults');
    const [us] = s.given.config.defaults;
    const { target } = boot({ regions: [{ region: us.region, granted: us.all === 'granted' }] });
    const e = entries(target);
    expect(e).toHaveLength(2);
    expect(e[0]).toEqual(s.expect.entries[0]);
    expect(e[1]).toMatchObject(s.expect.entries[1]);
  });

  it('refuses region codes that are not ISO 3166 (the scenario note: "EU" is not valid)', () => {
    expect(() => consentMode({ regions: [{ region: ['EU'], granted: true }] })).toThrow(TypeError);
    expect(() => consentMode({ regions: [{ region: ['us'], granted: true }] })).toThrow(
      'consentMode: invalid options.regions[0].region[0]: expected a code such as "ES" or "US-CA", got "us"',
    );
    expect(() => consentMode({ regions: [{ region: ['US-CA', 'ES'], granted: ['nope' as never] }] })).toThrow(
      /granted/,
    );
    expect(() => consentMode({ waitForUpdate: -1 })).toThrow(/waitForUpdate/);
    expect(() =>
      consentMode({ regions: [{ region: ['US-CA', 'ES'], granted: ['analytics_storage'] }] }),
    ).not.toThrow();
  });

  it('ads_data_redaction and url_passthrough: set right after the default, before any update', () => {
    const target: Target = {};
    const store = createConsent(config(), {
      storage: memoryStorage(),
      integrations: [consentMode({ target, adsDataRedaction: true, urlPassthrough: true })],
    });
    store.acceptAll();
    expect(kinds(target)).toEqual([
      'consent:default',
      'set:ads_data_redaction',
      'set:url_passthrough',
      'consent:update',
    ]);
    expect(entries(target).slice(1, 3)).toEqual([
      ['set', 'ads_data_redaction', true],
      ['set', 'url_passthrough', true],
    ]);
    expect(Object.prototype.toString.call(target.dataLayer![1])).toBe('[object Arguments]');
    // Off (the default) or false: no set command at all.
    const quiet: Target = {};
    createConsent(config(), {
      storage: memoryStorage(),
      integrations: [consentMode({ target: quiet, adsDataRedaction: false })],
    });
    expect(kinds(quiet)).toEqual(['consent:default']);
    expect(() => consentMode({ urlPassthrough: 'yes' as never })).toThrow(/options\.urlPassthrough/);
    expect(() => consentMode({ adsDataRedaction: 1 as never })).toThrow(TypeError);
  });

  it("an option's error is a TypeError in the store's shape, naming the option, with a string quoted", () => {
    // Not a ConsentConfigError at `consentMode.x`: that names the config's type map, not this option.
    const error = (options: object) => {
      try {
        consentMode(options as never);
      } catch (e) {
        return [(e as Error).constructor, (e as Error).message];
      }
    };
    expect(error({ waitForUpdate: '500' })).toEqual([
      TypeError,
      'consentMode: invalid options.waitForUpdate: expected whole ms from 0 to 60000, got "500"',
    ]);
    // "expected a boolean, got true" would contradict itself: the string is shown as one.
    expect(error({ adsDataRedaction: 'true' })).toEqual([
      TypeError,
      'consentMode: invalid options.adsDataRedaction: expected a boolean, got "true"',
    ]);
    expect(error({ urlPassthrough: 'false' })?.[1]).toBe(
      'consentMode: invalid options.urlPassthrough: expected a boolean, got "false"',
    );
    expect(error({ dataLayerName: 'data layer' })?.[1]).toBe(
      'consentMode: invalid options.dataLayerName: expected a JavaScript identifier, got "data layer"',
    );
    // The same prefix and class as an unknown option.
    expect(error({ waitForUpdte: 500 })).toEqual([TypeError, 'consentMode: unknown options.waitForUpdte']);
  });

  it('a config without a consentMode map is reported, not silently ignored', () => {
    const errors: unknown[] = [];
    const plain = defineConfig({
      revision: 1,
      languages: ['en'],
      categories: [{ id: 'necessary', required: true, texts: { en: { title: 'N' } } }],
    });
    createConsent(plain, {
      storage: memoryStorage(),
      integrations: [consentMode({ target: {} })],
      onError: (e) => errors.push(e),
    });
    expect(errors).toEqual([expect.any(ConsentConfigError)]);
  });

  it('gpc-on-us: ad types denied under opt-out with GPC, no record written; an explicit choice then wins', () => {
    const s = scenario('gpc-on-us');
    expect(s.given['navigator.globalPrivacyControl']).toBe(true);
    const storage = memoryStorage();
    const { store, target } = boot({
      storage,
      gpc: true,
      jurisdiction: 'opt-out',
      regions: [{ region: ['US'], granted: true }],
    });
    // Opt-out: analytics is on by default; GPC opts out of the sale/sharing (ad) types.
    const last = entries(target).at(-1)!;
    expect(last.slice(0, 2)).toEqual(['consent', 'update']);
    expect(last[2]).toEqual({
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      analytics_storage: 'granted',
    });
    expect(storage.read()).toEqual([]);
    store.save({ marketing: true });
    expect((entries(target).at(-1)![2] as Record<string, string>).ad_storage).toBe('granted');
    expect(store.getSnapshot().record?.gpc).toBe(true);
  });

  it('arguments-shape: every push is an Arguments object', () => {
    const { store, target } = boot({ regions: [{ region: ['US'], granted: true }] });
    store.acceptAll();
    store.withdraw();
    expect(target.dataLayer!.length).toBe(4);
    for (const entry of target.dataLayer!) {
      expect(Object.prototype.toString.call(entry)).toBe(
        scenario('arguments-shape').expect['Object.prototype.toString.call(entry)'],
      );
    }
  });
});
