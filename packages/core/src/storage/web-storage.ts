import type { DomStorage } from '../browser/dom';
import type { ConsentStorage } from './types';

/** The consent record in localStorage (or any Web Storage). Expiry is carried by the record itself. */
export function localStorageStorage(
  key = 'consentry',
  store: () => DomStorage = () => localStorage,
): ConsentStorage {
  return {
    read() {
      const v = store().getItem(key);
      return v === null ? [] : [v];
    },
    write: (value) => store().setItem(key, value),
    clear: () => store().removeItem(key),
  };
}

/** The consent record in memory: tests, server rendering, or a visitor who must be asked on every load. */
export function memoryStorage(initial?: string | null): ConsentStorage {
  // A number or the whole Cookie header's parse would read as no decision: the opt-out defaults.
  if (initial != null && typeof initial !== 'string')
    throw new TypeError("memoryStorage: expected the consent cookie's value (a string) or nothing");
  let value = initial ?? null;
  return {
    read: () => (value === null ? [] : [value]),
    write(v) {
      value = v;
    },
    clear() {
      value = null;
    },
  };
}
