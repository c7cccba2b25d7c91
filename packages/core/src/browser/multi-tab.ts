import type { ConsentEffect, ConsentRecord } from '../machine/types';
import { encodeRecord, leastPermissive } from '../storage/codec';
import { cookieValues } from '../storage/cookie';
import { integrationOptions } from '../store/options';
import type { ConsentIntegration, IntegrationContext } from '../store/store';

export interface MultiTabOptions {
  /**
   * Channel (and fallback storage key) name. Default `consentry:<consent cookie name>`, so two stores
   * with different cookies on one page never hear each other.
   */
  channel?: string;
}

/**
 * Multi-tab sync: a decision made in one tab reaches the other tabs of the same site.
 *
 * - BroadcastChannel when the browser has it: delivered at once to same-origin tabs.
 * - Without it, the encoded record is mirrored to a localStorage key, whose `storage` event reaches
 *   the other tabs (the consent cookie itself has no change event).
 * - Always, when a tab becomes visible or focused it re-reads the consent cookie: this covers tabs
 *   on other subdomains sharing a parent-domain cookie (another origin, so no channel reaches them)
 *   and browsers where both mechanisms are missing or throw. No interval: an unseen tab need not be
 *   current until it is seen.
 *
 * Every message becomes a SYNC event. The machine adopts only a valid record no older than its own
 * (decisions one tab makes within a millisecond arrive in order) and emits no STORE or BROADCAST for
 * it, so there are no echo loops, a duplicate delivery changes no grant and a stale tab never
 * overwrites a newer decision.
 */
export function multiTab(options?: MultiTabOptions | null): ConsentIntegration {
  const { channel: named } = integrationOptions('multiTab', options, 'channel');
  // Another type would be turned into a name ("[object Object]") that other stores could share.
  if (named !== undefined && (typeof named !== 'string' || !named))
    throw new TypeError('multiTab({ channel }): expected a non-empty string');
  return (ctx: IntegrationContext) => {
    // On a server a channel would join the stores of different visitors' requests: tabs exist only in a browser.
    if (typeof window === 'undefined' || typeof document === 'undefined') return;
    const name = named ?? `consentry:${ctx.config.cookie.name}`;
    const accept = (value: unknown) => {
      const record = ctx.decode(value);
      if (record) ctx.send({ type: 'SYNC', now: ctx.now(), record });
    };
    const cleanups: (() => void)[] = [];

    let channel: BroadcastChannel | null = null;
    if (typeof BroadcastChannel === 'function') {
      try {
        channel = new BroadcastChannel(name);
        channel.onmessage = (e: MessageEvent) => accept(e.data);
        const c = channel;
        cleanups.push(() => c.close());
      } catch {
        channel = null;
      }
    }

    {
      const onStorage = (e: StorageEvent) => {
        if (e.key === name && typeof e.newValue === 'string') accept(e.newValue);
      };
      // The record last offered by a re-check: one the store set aside (expired, lapsed in the open page)
      // is offered once, not at every focus, each a SYNC in the store's log.
      let offered: string | undefined;
      const recheck = () => {
        if (document.visibilityState === 'hidden') return;
        let record: ConsentRecord | null = null;
        try {
          const records = cookieValues(document.cookie, ctx.config.cookie.name)
            .map(ctx.decode)
            .filter((r): r is ConsentRecord => r !== null);
          record = leastPermissive(records);
        } catch {
          return;
        }
        const current = ctx.store.getSnapshot().record;
        if (record && record.id !== offered && (!current || record.time > current.time)) {
          offered = record.id;
          ctx.send({ type: 'SYNC', now: ctx.now(), record });
        }
      };
      window.addEventListener('storage', onStorage);
      window.addEventListener('focus', recheck);
      document.addEventListener('visibilitychange', recheck);
      cleanups.push(() => {
        window.removeEventListener('storage', onStorage);
        window.removeEventListener('focus', recheck);
        document.removeEventListener('visibilitychange', recheck);
      });
    }

    return {
      effect(effect: ConsentEffect) {
        if (effect.type !== 'BROADCAST') return;
        const value = encodeRecord(effect.record, ctx.config);
        if (channel) {
          channel.postMessage(value);
        } else {
          // The storage event fires in the other tabs only; the key is overwritten by the next decision.
          window.localStorage.setItem(name, value);
        }
      },
      destroy() {
        for (const c of cleanups.splice(0)) c();
      },
    };
  };
}
