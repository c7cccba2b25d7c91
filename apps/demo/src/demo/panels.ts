import type { ConsentEvent, ConsentStore, RevokeDetail } from '@consentry/core';
import { RAN_EVENT, ranList } from './ran';

// REVOKE_EVENT of @consentry/core, written out: the panels also run on the script-tag page, whose
// bundle must hold no SDK code (its SDK is window.Consentry).
const REVOKE_EVENT = 'consentry:revoke';

/**
 * The panels every demo page shows, so the effects of a decision are visible: the gated code that
 * ran, the cookies and storage keys that exist now, the consent state, the machine's event log and
 * window.dataLayer. Plain DOM with textContent only: nothing here is ever parsed as HTML.
 */
export function mountPanels(store: ConsentStore<any, any>, container: HTMLElement): () => void {
  container.lang = 'en';
  container.classList.add('panels');
  const heading = el('h2', 'What is happening on this page');
  heading.id = 'panels-title';
  container.setAttribute('aria-labelledby', heading.id);
  container.append(heading);

  const state = section(container, 'panel-state', 'Consent state');
  const ran = section(container, 'panel-ran', 'Gated code that ran');
  const cookies = section(container, 'panel-cookies', 'Cookies now (document.cookie)');
  const storage = section(container, 'panel-storage', 'localStorage keys now');
  const log = section(container, 'panel-log', 'Event log (store.log())');
  const dataLayer = section(container, 'panel-datalayer', 'window.dataLayer');
  const proofs = section(container, 'panel-proofs', 'Proof of consent kept by the server');
  const kept = serverProofs(() => fill(proofs, kept.lines(), 'No decision yet.'));

  // Code that ran cannot be unrun: the gating integration says so at withdrawal, and the panel shows it.
  const revocations: string[] = [];
  const onRevoke = (event: Event) => {
    const detail = (event as CustomEvent<RevokeDetail>).detail;
    if (!detail) return;
    revocations.push(
      `${detail.expired ? 'expired' : 'withdrawn'}: ${detail.revoked.join(', ')} (${detail.ran.length} script(s) had run, ${detail.unloaded.length} embed(s) unloaded)`,
    );
    render();
  };
  document.addEventListener(REVOKE_EVENT, onRevoke);

  const render = () => {
    const s = store.getSnapshot();
    const categories = new Set<string>(store.config.categories.map((c) => c.id));
    const granted = Object.keys(s.granted).filter((id) => s.granted[id]);
    fill(state, [
      `status: ${s.status}${s.banner ? ', banner shown' : ''}${s.preferences ? ', preferences open' : ''}`,
      `decision: ${s.record ? `${s.record.action} (revision ${s.record.revision})` : 'none'}`,
      `granted categories: ${granted.filter((id) => categories.has(id)).join(', ')}`,
      `granted services: ${granted.filter((id) => !categories.has(id)).join(', ') || 'none'}`,
      `jurisdiction: ${s.jurisdiction}, GPC: ${s.gpc ? 'on' : 'off'}${s.record ? `, GPC when decided: ${s.record.gpc ? 'on' : 'off'}` : ''}`,
    ]);

    const counts = new Map<string, number>();
    for (const r of ranList()) {
      const key = r.detail ? `${r.id} (${r.detail})` : r.id;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    fill(ran, [...[...counts].map(([k, n]) => `${k}: ran ${n}×`), ...revocations], 'Nothing gated has run.');

    fill(
      cookies,
      document.cookie
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean)
        .map((c) => (c.length > 60 ? `${c.slice(0, 57)}…` : c)),
      'No cookie.',
    );

    const keys: string[] = [];
    try {
      for (let i = 0; i < localStorage.length; i++) keys.push(localStorage.key(i)!);
    } catch {
      keys.push('(localStorage is not available)');
    }
    fill(storage, keys.sort(), 'No key.');

    fill(
      log,
      store.log().map((e) => describe(e, store.config.revision)),
    );

    fill(
      dataLayer,
      (window.dataLayer ?? []).map((entry) => JSON.stringify(plain(entry))),
      'window.dataLayer is empty.',
    );

    // The decisions of this page (its own, and those that reached it from other tabs) and the one in force.
    const ids = store
      .log()
      .flatMap((e) =>
        e.type === 'SYNC' ? (e.record ? [e.record.id] : []) : e.type !== 'TOGGLE' && 'id' in e ? [e.id] : [],
      );
    if (s.record) ids.push(s.record.id);
    kept.want(ids);
    fill(proofs, kept.lines(), 'No decision yet.');
  };

  render();
  const unsubscribe = store.subscribe(render);
  window.addEventListener(RAN_EVENT, render);
  // Scripts and embeds change cookies and dataLayer on their own time: poll, redrawing only changes.
  const timer = window.setInterval(render, 300);
  return () => {
    unsubscribe();
    window.removeEventListener(RAN_EVENT, render);
    document.removeEventListener(REVOKE_EVENT, onRevoke);
    window.clearInterval(timer);
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function section(container: HTMLElement, id: string, title: string): HTMLElement {
  const box = el('section');
  box.className = 'panel';
  const h = el('h3', title);
  h.id = `${id}-title`;
  box.setAttribute('aria-labelledby', h.id);
  const list = el('ul');
  list.id = id;
  // The lists scroll when long: focusable and named, so keyboard users can scroll them too.
  list.tabIndex = 0;
  list.setAttribute('aria-labelledby', h.id);
  box.append(h, list);
  container.append(box);
  return list;
}

/** Replaces the list items only when the text changed, so polling never disturbs focus or readers. */
function fill(list: HTMLElement, lines: string[], empty?: string) {
  const next = lines.length ? lines : empty ? [empty] : [];
  const current = Array.from(list.children, (li) => li.textContent ?? '');
  if (current.length === next.length && current.every((t, i) => t === next[i])) return;
  list.replaceChildren(...next.map((line) => el('li', line)));
  list.classList.toggle('empty', lines.length === 0);
}

function describe(event: ConsentEvent, revision: string): string {
  switch (event.type) {
    case 'INIT': {
      const r = event.record;
      // The store hands the machine a stored decision that no longer counts, so its cookies can go.
      const stored = !r
        ? 'none'
        : r.revision === revision
          ? r.action
          : `${r.action} under revision ${r.revision} (no longer counts)`;
      return `INIT stored decision: ${stored}, GPC ${event.gpc ? 'on' : 'off'}${event.jurisdiction ? `, ${event.jurisdiction}` : ''}`;
    }
    case 'TOGGLE':
      return `TOGGLE ${event.id} → ${event.granted ? 'on' : 'off'}`;
    case 'SAVE':
      return `SAVE${event.choices ? ` ${JSON.stringify(event.choices)}` : ''}`;
    case 'WITHDRAW':
      return `WITHDRAW ${event.ids ? event.ids.join(', ') : 'everything optional'}`;
    case 'SYNC':
      return `SYNC from another tab: ${event.record ? event.record.action : 'no decision'}`;
    default:
      return event.type;
  }
}

interface Proof {
  received: number;
  record: { id: string; action: string; revision: string };
}

/**
 * What the demo server kept (GET /api/consent?ids=…) for these decision ids. A beacon is not answered,
 * so it asks again a few times until every id has arrived.
 */
function serverProofs(changed: () => void) {
  let ids: string[] = [];
  let got: Proof[] = [];
  let tries = 0;
  let busy = false;
  const ask = async () => {
    if (busy || !ids.length || tries > 10 || ids.every((id) => got.some((p) => p.record.id === id))) return;
    busy = true;
    tries++;
    try {
      const response = await fetch(`/api/consent?ids=${ids.map(encodeURIComponent).join(',')}`);
      if (response.ok) got = (await response.json()) as Proof[];
    } catch {
      // The panel only shows what it could read; the next change asks again.
    }
    busy = false;
    changed();
    if (ids.some((id) => !got.some((p) => p.record.id === id))) setTimeout(ask, 300);
  };
  return {
    want(next: string[]) {
      const unique = [...new Set(next)];
      if (unique.join() === ids.join()) return;
      ids = unique;
      tries = 0;
      void ask();
    },
    lines: () =>
      ids.map((id) => {
        const p = got.find((x) => x.record.id === id);
        return p
          ? `${p.record.action} ${id.slice(0, 8)}… (revision ${p.record.revision}) kept at ${new Date(p.received).toISOString().slice(11, 19)}`
          : `${id.slice(0, 8)}… not received`;
      }),
  };
}

/** gtag() pushes its `arguments` object; show it as the array it stands for. */
function plain(entry: unknown): unknown {
  if (entry && typeof entry === 'object' && !Array.isArray(entry) && 'length' in entry) {
    return Array.from(entry as ArrayLike<unknown>);
  }
  return entry;
}
