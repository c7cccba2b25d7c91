import { frozen } from '../machine/machine';
import type { ConsentAction, ConsentRecord } from '../machine/types';
import type { ConsentConfig } from '../model/types';

/**
 * The stored record, version 2: nine `.`-separated fields, every character a cookie-octet, so the
 * value goes into a cookie without encoding (about 70 bytes plus the granted ids):
 *
 *   2.<id>.<time>.<action>.<revision>.<expires>.<grants>.<flags>.<checksum>
 *
 * Flags: `g` a GPC signal was on, `o` decided under the opt-out model.
 *
 * Times are base-36 milliseconds. `grants` lists the granted optional categories, then only the
 * service exceptions to them: a service granted although its category is not, `-` and the service
 * refused although its category is granted. Accept-all and reject-all have no exceptions, so the value
 * stays small whatever the number of services. A service is written as its `serviceKey`: its id up to
 * 7 characters, else the id's 7-character hash, so even 200 exceptions stay under 1.8 kB (version 1
 * wrote whole ids: 200 ids of 32 characters made 6.8 kB, past what a cookie holds). The checksum
 * (FNV-1a) catches truncation and edits; it is not a signature.
 */
export const RECORD_VERSION = '2';
/** Larger stored values are not ours: browsers cap a cookie (name, value, attributes) at 4096 bytes. */
export const MAX_RECORD_LENGTH = 4096;

const ACTIONS: readonly ConsentAction[] = ['accept-all', 'reject-all', 'custom', 'withdraw', 'partial'];
// Shape only; ids are looked up in the config, so an unknown or odd one grants nothing.
const FORMAT = /^2\.[\w-]{8,64}\.[\da-z]{1,11}\.[0-4]\.[\w-]{1,32}\.[\da-z]{1,11}\.[\w!-]*\.g?o?\.[\da-z]+$/;

function hash(s: string): string {
  let h = 0x811c9dc5;
  // Per character: a value reaches here only as cookie-octets (ASCII), checked by FORMAT or built from ids.
  for (const c of s) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * How a service is named in the record. defineConfig refuses a config where two keys (or a key and a
 * category id) meet, so a key names one service of the config; a hash matching a removed service's
 * exception is a 1 in 4 billion chance per pair.
 */
export const serviceKey = (id: string) => (id.length > 7 ? hash(id) : id);

/** Encodes a record for storage. */
export function encodeRecord(record: ConsentRecord, config: ConsentConfig): string {
  const cats = new Set(record.categories);
  const svcs = new Set(record.services);
  const grants = config.categories.filter((c) => !c.required && cats.has(c.id)).map((c) => c.id as string);
  for (const s of config.services) {
    if (svcs.has(s.id) !== cats.has(s.category)) grants.push((svcs.has(s.id) ? '' : '-') + serviceKey(s.id));
  }
  const body = [
    RECORD_VERSION,
    record.id,
    record.time.toString(36),
    ACTIONS.indexOf(record.action),
    record.revision,
    record.expires.toString(36),
    grants.join('!'),
    (record.gpc ? 'g' : '') + (record.jurisdiction === 'opt-out' ? 'o' : ''),
  ].join('.');
  return `${body}.${hash(body)}`;
}

/**
 * Decodes a stored value. Never throws: anything malformed, truncated, edited, oversized or from an
 * unknown version without a migration reads as null ("no decision"). Ids the config does not know
 * are dropped, so a record never grants more than the config declares.
 */
export function decodeRecord(
  value: unknown,
  config: ConsentConfig,
  migrate?: (value: string, version: string) => string | null,
): ConsentRecord | null {
  if (typeof value !== 'string' || value.length > MAX_RECORD_LENGTH) return null;
  const f = value.split('.');
  const version = f[0]!;
  if (version !== RECORD_VERSION) {
    let migrated: unknown = null;
    try {
      migrated = migrate?.(value, version);
    } catch {}
    return typeof migrated === 'string' && migrated.startsWith(`${RECORD_VERSION}.`)
      ? decodeRecord(migrated, config)
      : null;
  }
  if (!FORMAT.test(value) || hash(f.slice(0, 8).join('.')) !== f[8]) return null;
  const set = new Set(f[6]!.split('!'));
  const categories = frozen(
    config.categories.filter((c) => c.required || set.has(c.id)).map((c) => c.id as string),
  );
  // Frozen like the records the machine makes: it becomes part of an immutable snapshot.
  return frozen({
    id: f[1]!,
    time: parseInt(f[2]!, 36),
    action: ACTIONS[+f[3]!]!,
    revision: f[4]!,
    expires: parseInt(f[5]!, 36),
    categories,
    // A required category's services too (`categories` holds it); one refused in an edited record is still
    // granted by the machine, which keeps required services on.
    services: frozen(
      config.services
        .filter((s) => {
          const key = serviceKey(s.id);
          return set.has(key) || (categories.includes(s.category) && !set.has(`-${key}`));
        })
        .map((s) => s.id as string),
    ),
    gpc: f[7]!.includes('g'),
    jurisdiction: f[7]!.includes('o') ? 'opt-out' : 'opt-in',
  });
}

/**
 * Reconciles several valid stored copies (a host cookie and a parent-domain cookie can both exist):
 * the result grants only what every copy grants, never more than the visitor gave in any of them.
 */
export function leastPermissive(records: readonly ConsentRecord[]): ConsentRecord | null {
  return records.length
    ? records.reduce((a, b) =>
        frozen({
          ...(a.time >= b.time ? a : b),
          action: a.action === b.action ? a.action : 'custom',
          expires: Math.min(a.expires, b.expires),
          categories: a.categories.filter((c) => b.categories.includes(c)),
          services: a.services.filter((s) => b.services.includes(s)),
          gpc: a.gpc || b.gpc,
        }),
      )
    : null;
}
