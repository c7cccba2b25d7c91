import { bootPage } from '../demo/boot';
import { carriedQuery } from '../demo/params';
import { policyHtml, scrollableTables } from '../policy/render';
import { POLICY_TEXTS } from '../policy/texts';

const { config, params } = bootPage();
document.documentElement.lang = params.lang;
document.title = `${POLICY_TEXTS[params.lang].title} — Consentry demo`;
const main = document.getElementById('main')!;
// The demo server rendered the policy into the page (it reads without JavaScript); Vite's dev server did not.
if (!main.firstElementChild)
  main.innerHTML = policyHtml(config, params.lang, location.host, carriedQuery(params));
scrollableTables(main);
