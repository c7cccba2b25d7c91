import type { ConsentEffect } from '../machine/types';
import type { ConsentConfig, Service } from '../model/types';
import { integrationOptions } from '../store/options';
import type { ConsentIntegration } from '../store/store';

/**
 * Public suffixes of more than one label that sites commonly live under. A cookie can never be set on
 * a public suffix, and the issue forbids even trying, so the parent-domain walk stops above them.
 *
 * Why a list and no probe cookie: the only way a page can learn where the browser draws the line is to
 * write a throw-away cookie on each candidate and see whether it sticks. That is a write while
 * consent may be denied (the subdomain-autoclear vector says "no probe cookie written while consent is
 * denied"), and it would race with other tabs. The full Public Suffix List is ~200 KB; this list covers
 * the second-level registries and hosting platforms seen in practice. A site under a suffix missing
 * here passes it in `publicSuffixes`; until then the worst case is a deletion on that suffix, which
 * the browser refuses without effect.
 */
const MULTI_LABEL_SUFFIXES =
  'co.uk org.uk me.uk ltd.uk plc.uk net.uk sch.uk ac.uk gov.uk nhs.uk police.uk ' +
  'com.au net.au org.au edu.au gov.au asn.au id.au co.nz net.nz org.nz govt.nz ac.nz ' +
  'co.jp ne.jp or.jp ac.jp go.jp gr.jp co.kr or.kr ne.kr go.kr ' +
  'com.cn net.cn org.cn gov.cn com.hk org.hk com.tw org.tw com.sg org.sg com.my com.ph com.vn ' +
  'co.in net.in org.in firm.in gen.in ind.in co.id or.id co.th in.th com.pk ' +
  'com.br net.br org.br gov.br com.ar com.mx org.mx com.co com.pe com.uy com.ve com.ec ' +
  'co.za org.za co.il org.il co.ke com.ng com.eg com.sa com.tr org.tr gen.tr ' +
  'com.pl net.pl org.pl com.ua com.ru com.es com.pt com.gr com.cy ' +
  'github.io gitlab.io netlify.app vercel.app pages.dev workers.dev web.app firebaseapp.com ' +
  'herokuapp.com appspot.com blogspot.com azurewebsites.net cloudfront.net onrender.com fly.dev';

function suffixSet(extra: readonly string[] = []): Set<string> {
  const set = new Set(MULTI_LABEL_SUFFIXES.split(' '));
  for (const s of extra) if (typeof s === 'string' && s) set.add(s.toLowerCase().replace(/^\./, ''));
  return set;
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The registrable domain of a host ("eTLD+1"): `shop.example.co.uk` → `example.co.uk`,
 * `www.consentry.test` → `consentry.test`. Null for an IP address, a single-label host (`localhost`)
 * or a host that is itself a public suffix: there is no parent domain to clear on.
 */
export function registrableDomain(host: string, publicSuffixes?: readonly string[]): string | null {
  if (typeof host !== 'string') return null;
  const h = host.toLowerCase().replace(/\.$/, '');
  // An IPv6 literal ([::1]) has a colon; an empty host, one label.
  if (h.includes(':') || IPV4.test(h)) return null;
  const labels = h.split('.');
  if (labels.length < 2 || labels.includes('')) return null;
  const suffixes = suffixSet(publicSuffixes);
  // The longest listed suffix the host ends with decides (the walk ends on it); otherwise the TLD.
  let suffixLabels = 1;
  for (let i = labels.length; i--; ) {
    if (suffixes.has(labels.slice(i).join('.'))) suffixLabels = labels.length - i;
  }
  if (labels.length <= suffixLabels) return null;
  return labels.slice(labels.length - suffixLabels - 1).join('.');
}

/**
 * Every `Domain` a cookie visible to this host can have been set on: the host itself and each parent
 * down to the registrable domain, never the public suffix. Longest first.
 */
export function cookieDomains(host: string, publicSuffixes?: readonly string[]): string[] {
  const root = registrableDomain(host, publicSuffixes);
  if (root === null) return [];
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const rootLabels = root.split('.').length;
  const out: string[] = [];
  for (let i = 0; i + rootLabels <= labels.length; i++) out.push(labels.slice(i).join('.'));
  return out;
}

/**
 * The paths a cookie visible at `pathname` can have: `/`, each directory prefix and the path itself,
 * each also with a trailing slash (`Path=/blog/` is another cookie than `Path=/blog`, and a script
 * may set either).
 */
export function cookiePaths(pathname: string): string[] {
  const out = ['/'];
  if (typeof pathname !== 'string' || !pathname.startsWith('/')) return out;
  const parts = pathname.split('/').filter(Boolean).slice(0, 16);
  let p = '';
  for (const part of parts) {
    p += `/${part}`;
    out.push(p, `${p}/`);
  }
  return out;
}

/** Cookie names in a `document.cookie` string. */
export function cookieNames(cookieString: string): string[] {
  const out: string[] = [];
  for (const part of String(cookieString).split(';')) {
    const eq = part.indexOf('=');
    const name = (eq === -1 ? '' : part.slice(0, eq)).trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

export interface ClearPlanInput {
  config: ConsentConfig;
  /** Service ids whose cookies and keys go. */
  services: readonly string[];
  /** `location.hostname`. */
  host: string;
  /** `location.pathname`. */
  pathname: string;
  /** `document.cookie` as read now. */
  cookies: string;
  /** Add `Secure` (an https page), so Secure cookies can be overwritten. */
  secure?: boolean;
  publicSuffixes?: readonly string[];
}

/** Whether a declaration (an exact name, else its pattern) covers `name`. */
function covers(decl: { pattern: RegExp | null }, exact: string | null, name: string): boolean {
  if (exact !== null) return exact === name;
  // defineConfig drops the g and y flags, so test() keeps no lastIndex between names.
  return decl.pattern!.test(name);
}

function matching(
  decl: { pattern: RegExp | null },
  exact: string | null,
  names: readonly string[],
): string[] {
  return exact !== null ? [exact] : names.filter((n) => covers(decl, null, n));
}

/**
 * The `document.cookie` assignments that delete the cookies of `services`: each exact name and each
 * visible name a pattern matches, on the host (host-only and `Domain=host`) and every parent domain
 * above the public suffix (a declared domain is always one of those when it is reachable at all: a
 * page cannot touch cookies of a domain outside its own chain), on `/`, the declared path and the
 * current path's prefixes, and over https once more as Partitioned. An exact name this page cannot see
 * is on none of its paths, so only its declared path is tried. Names are compared as strings and
 * patterns are the config's RegExp, so a name such as `_ga.*` is literal. The consent cookie itself is never deleted: it holds the refusal. Nor is a cookie that a service
 * still granted claims too (a necessary one above all): a broad pattern such as `^_` of a withdrawn
 * service must not log the visitor out, while a granted service's broad pattern does not shield a
 * name the withdrawn service declares exactly.
 */
export function planCookieDeletions(input: ClearPlanInput): string[] {
  const { config } = input;
  const names = cookieNames(input.cookies);
  const domains = cookieDomains(input.host, input.publicSuffixes);
  const out = new Set<string>();
  // Max-Age=0 deletes in every browser this code runs in (an Expires date was for IE).
  const tail = `; Max-Age=0${input.secure ? '; Secure' : ''}`;
  const kept = servicesOf(config, input.services, false);
  const here = cookiePaths(input.pathname);
  for (const service of servicesOf(config, input.services)) {
    for (const decl of service.cookies) {
      const paths = new Set([...cookiePaths(decl.path), ...here]);
      for (const name of matching(decl, decl.name, names)) {
        // A name declared exactly is kept only for the same exact name (a granted service's broad pattern
        // must not shield it); one matched by pattern for any claim (breaking a granted service is worse).
        if (
          name === config.cookie.name ||
          kept.some((k) => k.cookies.some((d) => (decl.pattern ? covers(d, d.name, name) : d.name === name)))
        )
          continue;
        for (const path of paths) {
          // A cookie on one of this page's paths would be visible here: a name that is not lives on
          // another path, which only its declared one can reach. (Every page load clears: keep it short.)
          if (here.includes(path) && !names.includes(name)) continue;
          out.add(`${name}=; Path=${path}${tail}`);
          for (const d of domains) out.add(`${name}=; Path=${path}; Domain=${d}${tail}`);
        }
      }
    }
  }
  // A Partitioned (CHIPS) cookie lives apart from the unpartitioned one of the same name: only a
  // deletion that says Partitioned reaches it, and only over https.
  return input.secure ? [...out, ...[...out].map((a) => `${a}; Partitioned`)] : [...out];
}

/** The config's services listed in `ids` (or, with `listed` false, the others). */
function servicesOf(config: ConsentConfig, ids: readonly string[], listed = true): Service[] {
  const wanted = new Set(ids);
  return config.services.filter((s) => wanted.has(s.id) === listed);
}

/**
 * Removes the declared Web Storage keys of `services`, except keys a service not listed (still
 * granted) declares too; returns the removed keys.
 */
export function clearStorageKeys(
  config: ConsentConfig,
  services: readonly string[],
  storages: { local?: () => Storage; session?: () => Storage },
): string[] {
  const removed: string[] = [];
  let failure: unknown = null;
  const kept = servicesOf(config, services, false);
  for (const service of servicesOf(config, services)) {
    for (const decl of service.storage) {
      try {
        const get = decl.type === 'session' ? storages.session : storages.local;
        if (!get) continue;
        const storage = get();
        const keys: string[] = [];
        for (let i = 0; i < storage.length; i++) {
          const k = storage.key(i);
          if (k !== null) keys.push(k);
        }
        for (const k of matching(decl, decl.key, keys)) {
          // As for cookies: an exact key only for the same exact key, a pattern match for any claim.
          if (
            kept.some((s) =>
              s.storage.some(
                (d) => d.type === decl.type && (decl.pattern ? covers(d, d.key, k) : d.key === k),
              ),
            )
          )
            continue;
          storage.removeItem(k);
          removed.push(`${decl.type}:${k}`);
        }
      } catch (error) {
        // Storage disabled or throwing: clear everything else first, then report.
        failure ??= error;
      }
    }
  }
  if (failure !== null) throw failure;
  return removed;
}

export interface AutoClearOptions {
  /** Extra multi-label public suffixes your site lives under (e.g. a hosting platform not listed). */
  publicSuffixes?: readonly string[];
}

/**
 * Cookie auto-clear: on every CLEAR effect (refusal, withdrawal, a discarded record, a decision from
 * another tab) deletes the declared cookies and Web Storage keys of the services that are not granted,
 * keeping any that a granted service declares too. Touches `document` only when an effect arrives.
 */
export function autoClear(options?: AutoClearOptions | null): ConsentIntegration {
  const publicSuffixes = integrationOptions('autoClear', options, 'publicSuffixes').publicSuffixes ?? [];
  // A string would be read letter by letter, anything else would fail every clearing: say so now.
  if (!Array.isArray(publicSuffixes) || publicSuffixes.some((x) => typeof x !== 'string'))
    throw new TypeError('autoClear({ publicSuffixes }): expected an array of domain suffixes');
  return (ctx) => ({
    effect(effect: ConsentEffect) {
      if (effect.type !== 'CLEAR' || typeof document === 'undefined') return;
      let failure: unknown = null;
      try {
        const loc = document.location;
        for (const assignment of planCookieDeletions({
          config: ctx.config,
          services: effect.services,
          host: loc.hostname,
          pathname: loc.pathname,
          cookies: document.cookie,
          secure: loc.protocol === 'https:',
          publicSuffixes,
        })) {
          // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API cannot delete by Domain in every browser.
          document.cookie = assignment;
        }
      } catch (error) {
        failure = error;
      }
      try {
        clearStorageKeys(ctx.config, effect.services, {
          local: () => window.localStorage,
          session: () => window.sessionStorage,
        });
      } catch (error) {
        failure ??= error;
      }
      if (failure !== null) throw failure;
    },
  });
}
