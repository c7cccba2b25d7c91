/**
 * What gated code ran on this page. The stand-in scripts (public/stand-ins/*.js) append to
 * `window.demoRan` and dispatch `demo:ran`; embeds report by postMessage from their own origin.
 */
export interface RanEntry {
  /** The service id (`stats`, `audience`, `video`). */
  id: string;
  /** Which instance, e.g. the embed's video id. */
  detail: string;
  at: number;
}

declare global {
  interface Window {
    demoRan?: RanEntry[];
    dataLayer?: unknown[];
  }
}

export const RAN_EVENT = 'demo:ran';

export function ranList(): RanEntry[] {
  window.demoRan ??= [];
  return window.demoRan;
}

/**
 * The embeds are served from another site (localhost rather than 127.0.0.1 or *.consentry.test) by
 * the same demo server, so their cookies are third-party cookies.
 */
export function embedOrigin(): string {
  return `http://localhost:${location.port || '80'}`;
}

export function embedUrl(video: string): string {
  return `${embedOrigin()}/stand-ins/embed.html?v=${encodeURIComponent(video)}`;
}

/**
 * Records the embeds' "I loaded" messages; only from the embed origin and in the expected shape, once
 * per load. Embeds already in the page (server-rendered) may have reported before this listener
 * existed, so they are asked again.
 */
export function listenToEmbeds(): () => void {
  const origin = embedOrigin();
  const seen = new Set<string>();
  const onMessage = (event: MessageEvent) => {
    if (event.origin !== origin) return;
    const data = event.data as { type?: unknown; video?: unknown; instance?: unknown } | null;
    if (
      data?.type !== 'demo:embed-loaded' ||
      typeof data.video !== 'string' ||
      typeof data.instance !== 'string'
    )
      return;
    if (seen.has(data.instance)) return;
    seen.add(data.instance);
    ranList().push({ id: 'video', detail: data.video.slice(0, 40), at: Date.now() });
    window.dispatchEvent(new Event(RAN_EVENT));
  };
  window.addEventListener('message', onMessage);
  for (const frame of document.querySelectorAll('iframe')) {
    // Only a frame that already shows a document of another origin can be an embed that reported
    // too early. A gated frame with no src yet, or one still on its initial about:blank, is of this
    // page's origin (readable contentDocument): posting to it for the embed origin only makes the
    // browser warn, and its embed reports by itself once it loads.
    if (frame.contentDocument === null)
      frame.contentWindow?.postMessage({ type: 'demo:embed-hello' }, origin);
  }
  return () => window.removeEventListener('message', onMessage);
}
