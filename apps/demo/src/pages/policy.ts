import { bootPage } from '../demo/boot';
import { carriedQuery } from '../demo/params';
import { policyHtml, policyTitle, scrollableTables } from '../policy/render';

const { config, params } = bootPage();
document.documentElement.lang = params.lang;
document.title = policyTitle(params.lang);
const main = document.getElementById('main')!;
// The demo server rendered the policy into the page (it reads without JavaScript); Vite's dev server did not.
if (!main.firstElementChild)
  main.innerHTML = policyHtml(config, params.lang, location.host, carriedQuery(params));
scrollableTables(main);
