import type { ConsentConfig, ConsentState, ConsentStore } from '@consentry/core';

/** The live decision per category, as list items (used by the plain page). */
export function renderGrants(list: HTMLElement, config: ConsentConfig, state: ConsentState, lang: string) {
  list.replaceChildren(
    ...config.categories.map((c) => {
      const on = state.granted[c.id] === true;
      const li = document.createElement('li');
      li.className = on ? 'on' : 'off';
      li.dataset.category = c.id;
      const name = document.createElement('span');
      name.textContent = c.texts[lang]?.title ?? c.id;
      const value = document.createElement('strong');
      value.textContent = on ? 'granted' : 'denied';
      li.append(name, value);
      return li;
    }),
  );
}

/**
 * The plain pages' live view: the decision per category (#decision) and the gated embed or its
 * placeholder (#embed-blocked). The gating integration loads and unloads the iframe; this only shows
 * the right one of the two.
 */
export function showDecision(store: ConsentStore<any, any>, config: ConsentConfig, lang: string) {
  const list = document.getElementById('decision')!;
  const embed = document.querySelector<HTMLIFrameElement>('iframe[data-consent]')!;
  const blocked = document.getElementById('embed-blocked')!;
  const render = () => {
    renderGrants(list, config, store.getSnapshot(), lang);
    // The embed's service, as the gating attribute names it: its category's grant alone does not decide.
    const granted = store.has('video');
    embed.hidden = !granted;
    blocked.hidden = granted;
  };
  render();
  store.subscribe(render);
}
