import type { Jurisdiction } from '../model/types';

/**
 * How a decision was made. A GPC signal alone never writes a record (see `ConsentState.gpc`). `partial`:
 * a decision about named ids only (an embed placeholder's `grant`, a `withdraw` of some ids) made before
 * the banner was answered; it keeps what it decides, and the banner still asks about the rest.
 */
export type ConsentAction = 'accept-all' | 'reject-all' | 'custom' | 'withdraw' | 'partial';

/** A visitor's decision: what is stored in the browser and can be kept as proof of consent. */
export interface ConsentRecord {
  /** Opaque random id of this decision. */
  readonly id: string;
  /** When the decision was made (ms since epoch). */
  readonly time: number;
  readonly action: ConsentAction;
  /** Policy revision the decision was made under. */
  readonly revision: string;
  /** When the decision stops counting (ms since epoch). */
  readonly expires: number;
  /** Granted category ids (required ones included). */
  readonly categories: readonly string[];
  /** Granted service ids. */
  readonly services: readonly string[];
  /** A Global Privacy Control signal was on when the visitor decided. */
  readonly gpc: boolean;
  /**
   * The model the decision was made under. Under opt-out, what the visitor left on counts as granted; such
   * a record is no consent where opt-in applies (a visitor who travels, a server that geolocates).
   */
  readonly jurisdiction: Jurisdiction;
}

/** A choice per category or service id; categories cascade to their services, services then override. */
export type Choices<Id extends string = string> = Partial<Record<Id, boolean>>;

export interface ConsentState<Id extends string = string> {
  /** `pending` until storage was read; then `undecided` or `decided`. */
  readonly status: 'pending' | 'undecided' | 'decided';
  /** The decision in force, or null when there is none (never decided, expired, other revision, unreadable). */
  readonly record: ConsentRecord | null;
  /** Effective grant of every category and service id. */
  readonly granted: Readonly<Record<Id, boolean>>;
  /** The first layer (banner) is shown. */
  readonly banner: boolean;
  /** The preferences dialog is open. */
  readonly preferences: boolean;
  /** Unsaved choices in the preferences dialog; null when it is closed. Never stored. */
  readonly draft: Readonly<Record<Id, boolean>> | null;
  /** A Global Privacy Control signal is on. */
  readonly gpc: boolean;
  readonly jurisdiction: Jurisdiction;
}

interface Decided {
  /** Decision time (ms since epoch), from the runtime's clock. */
  now: number;
  /** Random id for the new record, from the runtime's id source. */
  id: string;
}

export type ConsentEvent =
  | {
      type: 'INIT';
      now: number;
      /** The stored record as decoded, or null when absent or unreadable. */
      record: ConsentRecord | null;
      gpc?: boolean;
      jurisdiction?: Jurisdiction;
    }
  | ({ type: 'ACCEPT_ALL' } & Decided)
  | ({ type: 'REJECT_ALL' } & Decided)
  | ({ type: 'SAVE'; choices?: Choices } & Decided)
  | ({ type: 'WITHDRAW'; ids?: readonly string[] } & Decided)
  /** Grants these ids on top of the current decision (contextual consent, e.g. "allow this video"). */
  | ({ type: 'GRANT'; ids: readonly string[] } & Decided)
  | { type: 'TOGGLE'; id: string; granted: boolean }
  | { type: 'OPEN_PREFERENCES' }
  | { type: 'CLOSE_PREFERENCES' }
  | { type: 'CLOSE_BANNER' }
  | { type: 'SYNC'; now: number; record: ConsentRecord | null }
  /**
   * The runtime's clock: a decision whose time is up at `now` counts no longer (every event with a time
   * checks this first; this one only checks).
   */
  | { type: 'EXPIRE'; now: number };

export type ConsentEffect =
  /** Write this record to storage. */
  | { type: 'STORE'; record: ConsentRecord }
  /** Tell other tabs about this record. Never emitted for a record that came from another tab. */
  | { type: 'BROADCAST'; record: ConsentRecord }
  /** Grants changed: run what became granted, stop what was revoked. Ids are categories and services. */
  | { type: 'APPLY'; granted: readonly string[]; revoked: readonly string[] }
  /** Delete the cookies and storage keys of these (not granted) services. */
  | { type: 'CLEAR'; services: readonly string[] };

export interface Transition<Id extends string = string> {
  state: ConsentState<Id>;
  effects: readonly ConsentEffect[];
}
