/**
 * Where the encoded consent record lives. Small on purpose: a cookie, localStorage, memory, a
 * request's Cookie header, or anything a site brings. Methods may throw (storage disabled, quota);
 * the store treats a failed read as "no decision" and a failed write as not stored.
 */
export interface ConsentStorage {
  /** Every stored copy of the value: a cookie can exist both host-only and on a parent domain. */
  read(): readonly string[];
  /** Stores the value for `maxAge` seconds. */
  write(value: string, maxAge: number): void;
  /** Removes the stored value. */
  clear(): void;
}
