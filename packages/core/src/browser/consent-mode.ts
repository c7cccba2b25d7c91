import type { ConsentEffect } from '../machine/types';
import { ConsentConfigError, show } from '../model/config';
import type { ConsentConfig, ConsentModeType } from '../model/types';
import { integrationOptions } from '../store/options';
import type { ConsentIntegration } from '../store/store';

export type ConsentModeValue = 'granted' | 'denied';
export type ConsentModeValues = Partial<Record<ConsentModeType, ConsentModeValue>>;

export interface ConsentModeRegionDefault {
  /** ISO 3166-1 alpha-2 or ISO 3166-2 codes: `US`, `US-CA`, `ES`. (`EU` and `UK` are not codes.) */
  region: readonly string[];
  /** `true` grants every mapped type, `false` denies them; or the types this region grants by default. */
  granted: boolean | readonly ConsentModeType[];
}

export interface ConsentModeOptions {
  /** How long Google's tags wait for an `update` before firing with the defaults (ms). Default 500. */
  waitForUpdate?: number;
  /** Defaults for visitors in some regions, pushed before the global default. */
  regions?: readonly ConsentModeRegionDefault[];
  /** Name of the dataLayer array on `target`. Default `dataLayer`. */
  dataLayerName?: string;
  /** The object holding the dataLayer. Default `window`; without one (a server) the integration is inert. */
  target?: Record<string, unknown>;
  /**
   * `gtag('set', 'ads_data_redaction', true)`: while `ad_storage` is denied, Google's ad tags also drop
   * ad click identifiers from their requests. Default off.
   */
  adsDataRedaction?: boolean;
  /**
   * `gtag('set', 'url_passthrough', true)`: while storage is denied, ad click and analytics parameters
   * travel in the links of the site instead of cookies. Default off.
   */
  urlPassthrough?: boolean;
}

const REGION = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
// ISO 3166-1 reserves these but they are not country codes Google's tag understands.
const NOT_REGIONS = new Set(['EU', 'UK']);
const TYPES: readonly ConsentModeType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];

/** The Consent Mode value of every type the config maps, from the effective grants. */
export function consentModeValues(
  config: ConsentConfig,
  granted: Readonly<Record<string, boolean>>,
): ConsentModeValues {
  const out: ConsentModeValues = {};
  const map = config.consentMode ?? {};
  for (const type of TYPES) {
    const category = map[type];
    if (category !== undefined) out[type] = granted[category] === true ? 'granted' : 'denied';
  }
  return out;
}

// An option of this function, not a field of the config (whose `consentMode` is the type map): a
// TypeError in the store's shape, as for an unknown option.
const fail = (field: string, message: string): never => {
  throw new TypeError(`consentMode: invalid options.${field}: ${message}`);
};

function checkOptions(options: ConsentModeOptions) {
  const wait = options.waitForUpdate ?? 500;
  if (!Number.isInteger(wait) || wait < 0 || wait > 60_000)
    fail('waitForUpdate', `expected whole ms from 0 to 60000, got ${show(wait)}`);
  const name = options.dataLayerName ?? 'dataLayer';
  if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name))
    fail('dataLayerName', `expected a JavaScript identifier, got ${show(name)}`);
  const list = options.regions ?? [];
  if (!Array.isArray(list)) fail('regions', 'expected an array');
  const { target } = options;
  // A string here would leave the tags without any default: they would act as if granted.
  if (target != null && typeof target !== 'object') fail('target', 'expected an object');
  const regions = (list as readonly ConsentModeRegionDefault[]).map((r, i) => {
    const field = `regions[${i}]`;
    if (!r || !Array.isArray(r.region) || r.region.length === 0)
      fail(`${field}.region`, 'expected a non-empty array');
    r.region.forEach((code, j) => {
      if (typeof code !== 'string' || !REGION.test(code) || NOT_REGIONS.has(code))
        fail(`${field}.region[${j}]`, `expected a code such as "ES" or "US-CA", got ${show(code)}`);
    });
    const { granted } = r;
    if (typeof granted !== 'boolean' && !(Array.isArray(granted) && granted.every((t) => TYPES.includes(t))))
      fail(`${field}.granted`, `expected a boolean or a list of Consent Mode types (${TYPES.join(', ')})`);
    // The types this region grants by default.
    return { region: [...r.region], granted: granted === true ? TYPES : granted || [] };
  });
  const settings: [string, true][] = [];
  for (const [key, setting] of [
    ['adsDataRedaction', 'ads_data_redaction'],
    ['urlPassthrough', 'url_passthrough'],
  ] as const) {
    const v = options[key];
    if (v !== undefined && typeof v !== 'boolean') fail(key, `expected a boolean, got ${show(v)}`);
    if (v) settings.push([setting, true]);
  }
  return { wait, name, regions, settings };
}

/**
 * Google Consent Mode v2. When the store starts, pushes the `default` command (every mapped type
 * from the state before storage is read, so optional types are denied) with `wait_for_update`, after
 * any region defaults: before anything else the SDK controls can reach the dataLayer, and before
 * what the page queued earlier (a gtag snippet that ran first) while gtag.js has not loaded. Then one
 * `update` per decision, per change of mapped grants (another tab, a discarded record), and one for a
 * returning visitor. `adsDataRedaction` and `urlPassthrough` add their `set` commands right after
 * the default. Entries are `arguments` objects exactly as `gtag()` pushes them: Google's tag
 * silently ignores an Array. A mistyped option throws a TypeError naming it.
 *
 * List it before `gating()` so a decision's `update` precedes the tags that decision lets run.
 */
export function consentMode(opts?: ConsentModeOptions | null): ConsentIntegration {
  const options = integrationOptions(
    'consentMode',
    opts,
    'waitForUpdate regions dataLayerName target adsDataRedaction urlPassthrough',
  );
  const { wait, name, regions, settings } = checkOptions(options);
  return (ctx) => {
    const { config, store } = ctx;
    if (!config.consentMode || Object.keys(config.consentMode).length === 0) {
      throw new ConsentConfigError('consentMode', 'needed by consentMode()');
    }
    // Without a window (server rendering) there is no tag to tell, and no global to touch.
    const maybe =
      options.target ??
      (typeof window === 'undefined' ? null : (window as unknown as Record<string, unknown>));
    if (!maybe) return;
    const target = maybe;
    // gtag's own definition: push the arguments object itself.
    function gtag(..._args: unknown[]) {
      let layer = target[name] as unknown[] | undefined;
      if (!Array.isArray(layer)) target[name] = layer = [];
      // biome-ignore lint/complexity/noArguments: Google's tag reads only Arguments objects.
      layer.push(arguments);
    }
    // The page's gtag snippet may have run first (the SDK in a module script runs after every classic
    // one): its `config` would then precede our default and fire with no consent state. Until gtag.js
    // or GTM loads and takes over `push`, the dataLayer is only a queue they will read in order, so
    // our commands go to its front. Once taken over, pushing is all that is left.
    const layer = target[name] as unknown[] | undefined;
    const queued = layer?.push === [].push ? layer!.length : 0;
    const types = Object.keys(config.consentMode) as ConsentModeType[];
    for (const r of regions) {
      const values: Record<string, unknown> = {};
      for (const t of types) {
        values[t] = r.granted.includes(t) ? 'granted' : 'denied';
      }
      values.region = r.region;
      gtag('consent', 'default', values);
    }
    let last = consentModeValues(config, store.getSnapshot().granted);
    gtag('consent', 'default', { ...last, wait_for_update: wait });
    // Right after the default, as Google's guide places them: before any tag reads them.
    for (const [key, value] of settings) gtag('set', key, value);
    if (queued) layer!.unshift(...layer!.splice(queued));
    let updates = 0;
    let started = false;

    const push = (values: ConsentModeValues) => {
      last = values;
      updates++;
      gtag('consent', 'update', { ...values });
    };
    const same = (a: ConsentModeValues, b: ConsentModeValues) => types.every((t) => a[t] === b[t]);

    const unsubscribe = store.subscribe(() => {
      const state = store.getSnapshot();
      if (started || state.status === 'pending') return;
      started = true;
      // A returning visitor gets one update even when it repeats the defaults (tags stop waiting);
      // with GPC on, one update overrides any region default that granted sale/sharing types.
      if (updates === 0 && (state.status === 'decided' || (state.gpc && regions.length > 0))) {
        push(consentModeValues(config, state.granted));
      }
    });

    return {
      effect(effect: ConsentEffect) {
        const values = consentModeValues(config, store.getSnapshot().granted);
        // Every decision gets exactly one update, even a refusal that changes nothing.
        if (effect.type === 'STORE') push(values);
        else if (effect.type === 'APPLY' && !same(values, last)) push(values);
      },
      destroy: unsubscribe,
    };
  };
}
