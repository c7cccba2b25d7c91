import type { ConsentAction, ConsentRecord } from '../machine/types';
import type { ConsentConfig } from '../model/types';

/**
 * The stored record, version 1: ten `.`-separated fields, every character a cookie-octet, so the
 * value goes into a cookie without encoding:
 *
 *   1.<id>.<time>.<action>.<revision>.<expires>.<categories>.<services>.<flags>.<checksum>
 *
 * Times are base-36 milliseconds. Categories lists the granted optional categories (`!`-joined).
 * Services holds only the exceptions to the categories: `+id` granted although its category is not,
 * `-id` refused although its category is granted; when that list would be long it becomes
 * `#<hash>:<bits>`, one bit per service in id order, tied to a hash of the service ids so that a
 * changed service list reads as no decision rather than as someone else's grants. The checksum
 * (FNV-1a) catches truncation and edits; it is not a signature.
 */
export const RECORD_VERSION = '1';
/** Larger stored values are not ours: browsers cap a cookie (name, value, attributes) at 4096 bytes. */
export const MAX_RECORD_LENGTH = 4096;

const ACTIONS: Record<string, ConsentAction> = { a: 'accept-all', r: 'reject-all', c: 'custom', w: 'withdraw' };
const ACTION_CODES: Record<ConsentAction, string> = { 'accept-all': 'a', 'reject-all': 'r', custom: 'c', withdraw: 'w' };
const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const TIME = /^[0-9a-z]{1,11}$/;
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
// Past this many characters, service exceptions are stored as a bitmask instead of names.
const MAX_NAMED_EXCEPTIONS = 240;

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function sortedServiceIds(config: ConsentConfig): string[] {
  return config.services.map((s) => s.id as string).sort();
}

/** Encodes a record for storage. */
export function encodeRecord(record: ConsentRecord, config: ConsentConfig): string {
  const cats = new Set(record.categories);
  const svcs = new Set(record.services);
  const optional = config.categories.filter((c) => !c.required && cats.has(c.id)).map((c) => c.id);
  const exceptions: string[] = [];
  for (const s of config.services) {
    const byCategory = cats.has(s.category);
    if (svcs.has(s.id) !== byCategory) exceptions.push((byCategory ? '-' : '+') + s.id);
  }
  let services = exceptions.join('!');
  if (services.length > MAX_NAMED_EXCEPTIONS) {
    const ids = sortedServiceIds(config);
    let bits = '';
    for (let i = 0; i < ids.length; i += 6) {
      let n = 0;
      for (let j = 0; j < 6; j++) if (svcs.has(ids[i + j]!)) n |= 1 << j;
      bits += B64[n];
    }
    services = `#${hash(ids.join('!'))}:${bits}`;
  }
  const body = [
    RECORD_VERSION,
    record.id,
    record.time.toString(36),
    ACTION_CODES[record.action],
    record.revision,
    record.expires.toString(36),
    optional.join('!'),
    services,
    record.gpc ? 'g' : '',
  ].join('.');
  return `${body}.${hash(body)}`;
}

/**
 * Decodes a stored value. Never throws: anything malformed, truncated, edited, oversized or from an
 * unknown version without a migration reads as null ("no decision"). Ids the config does not know
 * are dropped, so a record can never grant more than the config declares.
 */
export function decodeRecord(
  value: unknown,
  config: ConsentConfig,
  migrate?: (value: string, version: string) => string | null,
): ConsentRecord | null {
  try {
    if (typeof value !== 'string' || value.length > MAX_RECORD_LENGTH) return null;
    const version = value.slice(0, value.indexOf('.'));
    if (version !== RECORD_VERSION) {
      const migrated = migrate ? migrate(value, version) : null;
      return typeof migrated === 'string' && migrated.startsWith(`${RECORD_VERSION}.`)
        ? decodeRecord(migrated, config)
        : null;
    }
    const parts = value.split('.');
    if (parts.length !== 10) return null;
    const [, id, time, action, revision, expires, categories, services, flags, sum] = parts as [string, ...string[]] as string[];
    if (hash(parts.slice(0, 9).join('.')) !== sum) return null;
    if (!TOKEN.test(id!) || !TOKEN.test(revision!) || !TIME.test(time!) || !TIME.test(expires!)) return null;
    if (!Object.prototype.hasOwnProperty.call(ACTIONS, action!) || (flags !== '' && flags !== 'g')) return null;

    const granted = new Set(categories ? categories.split('!') : []);
    const cats = config.categories.filter((c) => c.required || granted.has(c.id)).map((c) => c.id as string);
    const catSet = new Set(cats);
    let svcs: string[];
    if (services!.startsWith('#')) {
      const ids = sortedServiceIds(config);
      const [h, bits = ''] = services!.slice(1).split(':');
      if (h !== hash(ids.join('!')) || bits.length !== Math.ceil(ids.length / 6)) return null;
      const on = new Set<string>();
      for (let i = 0; i < ids.length; i++) {
        const n = B64.indexOf(bits[(i / 6) | 0]!);
        if (n < 0) return null;
        if (n & (1 << i % 6)) on.add(ids[i]!);
      }
      svcs = config.services.filter((s) => on.has(s.id) || config.categories.some((c) => c.required && c.id === s.category)).map((s) => s.id);
    } else {
      const plus = new Set<string>();
      const minus = new Set<string>();
      for (const e of services ? services.split('!') : []) {
        if (e[0] === '+') plus.add(e.slice(1));
        else if (e[0] === '-') minus.add(e.slice(1));
        else return null;
      }
      svcs = config.services
        .filter((s) => {
          const requiredCat = config.categories.some((c) => c.required && c.id === s.category);
          return requiredCat || (catSet.has(s.category) ? !minus.has(s.id) : plus.has(s.id));
        })
        .map((s) => s.id);
    }
    const t = Number.parseInt(time!, 36);
    const e = Number.parseInt(expires!, 36);
    if (!Number.isSafeInteger(t) || !Number.isSafeInteger(e)) return null;
    return {
      id: id!,
      time: t,
      action: ACTIONS[action!]!,
      revision: revision!,
      expires: e,
      categories: cats,
      services: svcs,
      gpc: flags === 'g',
    };
  } catch {
    return null;
  }
}

/**
 * Reconciles several stored copies (a host cookie and a parent-domain cookie can both exist).
 * Copies that do not decode are ignored; when the rest disagree, the result grants only what every
 * copy grants, never more than the visitor gave in any of them.
 */
export function leastPermissive(records: readonly ConsentRecord[]): ConsentRecord | null {
  if (records.length === 0) return null;
  return records.reduce((a, b) => {
    if (encodeKey(a) === encodeKey(b)) return a.time >= b.time ? a : b;
    const bc = new Set(b.categories);
    const bs = new Set(b.services);
    return {
      id: a.time >= b.time ? a.id : b.id,
      time: Math.max(a.time, b.time),
      action: 'custom',
      revision: a.revision === b.revision ? a.revision : '',
      expires: Math.min(a.expires, b.expires),
      categories: a.categories.filter((c) => bc.has(c)),
      services: a.services.filter((s) => bs.has(s)),
      gpc: a.gpc || b.gpc,
    };
  });
}

function encodeKey(r: ConsentRecord): string {
  return `${r.revision}|${r.categories.join()}|${r.services.join()}`;
}
