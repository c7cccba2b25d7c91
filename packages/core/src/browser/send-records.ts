import { encodeRecord } from '../storage/codec';
import { integrationOptions } from '../store/options';
import type { ConsentIntegration } from '../store/store';
import { safeHttpUrl } from './url';

export interface SendRecordsOptions {
  /** Where each decision is sent (a string or a `URL`): a POST whose body is the encoded record, as `text/plain`. */
  url: string | { readonly href: string };
  /**
   * Told when a record could not be delivered (network error, a non-2xx answer), as far as the page
   * can know: a beacon the browser accepted is never answered, so only the `fetch` fallback (used when
   * the browser refuses the beacon) can report. Default console.warn.
   */
  onError?: (error: unknown) => void;
}

/**
 * Sends every decision the visitor makes on this page (accept, reject, save, grant, withdraw) to the
 * site's server, so it can keep proof of consent. Decisions that arrive from another tab are not sent
 * again: that tab sent them. The body is the record exactly as stored in the cookie, which the server
 * reads back with `decodeRecord(body, config)`: the same checks as a cookie, so an edited body reads
 * as null. `text/plain` needs no CORS preflight; `navigator.sendBeacon` keeps the request alive when
 * the visitor leaves right after deciding, with `fetch(..., { keepalive })` when it refuses.
 *
 *   createConsent(config, { integrations: [sendRecords({ url: '/api/consent' })] });
 */
export function sendRecords(opts: SendRecordsOptions): ConsentIntegration {
  const options = integrationOptions('sendRecords', opts, 'url onError');
  // A URL object too (`new URL('/api/consent', location.origin)`).
  const given = typeof options.url === 'object' ? options.url.href : options.url;
  const url = typeof location === 'undefined' ? given : safeHttpUrl(given, location.href);
  if (typeof url !== 'string' || url === '') {
    throw new TypeError(
      `sendRecords: invalid options.url: expected an http(s) URL, got ${JSON.stringify(given)}`,
    );
  }
  // Not a function would leave every failure an unhandled rejection.
  if (options.onError !== undefined && typeof options.onError !== 'function')
    throw new TypeError(
      `sendRecords: invalid options.onError: expected a function, got ${JSON.stringify(options.onError)}`,
    );
  const report = options.onError ?? ((error: unknown) => console.warn('consentry:', error));
  return (ctx) => ({
    effect(effect) {
      if (effect.type !== 'STORE') return;
      const body = encodeRecord(effect.record, ctx.config);
      // A beacon is only queued, never answered: when it is refused, fetch tries and can report.
      if (typeof navigator !== 'undefined' && navigator.sendBeacon?.(url, body)) return;
      fetch(url, {
        method: 'POST',
        body,
        keepalive: true,
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
      })
        .then((response) => {
          if (!response.ok) throw new Error(`sendRecords: ${url} answered ${response.status}`);
        })
        .catch(report);
    },
  });
}
