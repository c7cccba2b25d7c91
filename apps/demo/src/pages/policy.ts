import { bootPage } from '../demo/boot';
import { carriedQuery } from '../demo/params';
import { renderPolicy } from '../policy/render';
import { POLICY_TEXTS } from '../policy/texts';

const { config, params } = bootPage();
document.documentElement.lang = params.lang;
document.title = `${POLICY_TEXTS[params.lang].title} — Consentry demo`;
document
  .getElementById('main')!
  .replaceChildren(...renderPolicy(config, params.lang, location.host, carriedQuery(params)));
