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
 * The plain pages' live view of the decision per category (#decision). Their gated embed needs no code
 * here: gating loads and unloads it, and mountPlaceholders shows its placeholder until it is allowed.
 */
export function showDecision(store: ConsentStore<any, any>, config: ConsentConfig, lang: string) {
  const list = document.getElementById('decision')!;
  const render = () => renderGrants(list, config, store.getSnapshot(), lang);
  render();
  store.subscribe(render);
}
