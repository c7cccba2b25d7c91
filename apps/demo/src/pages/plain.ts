import { bootPage } from '../demo/boot';
import { renderGrants } from '../demo/grants';

// Only @consentry/core and @consentry/ui (through bootPage); the scripts and the iframe are gated in the HTML.
const { store, config, params } = bootPage();
const list = document.getElementById('decision')!;
const embed = document.querySelector<HTMLIFrameElement>('iframe[data-consent]')!;
const blocked = document.getElementById('embed-blocked')!;
const render = () => {
  renderGrants(list, config, store.getSnapshot(), params.lang);
  // The gating integration loads and unloads the iframe; this only shows the right one of the two.
  const granted = store.has('marketing');
  embed.hidden = !granted;
  blocked.hidden = granted;
};
render();
store.subscribe(render);
