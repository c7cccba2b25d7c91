import { type ConsentConfig, cookieTable } from '@consentry/core';
import { cookiePolicyHtml } from '@consentry/ui';
import en, { policyLocale as enPolicy } from '@consentry/ui/locales/en';
import fr, { policyLocale as frPolicy } from '@consentry/ui/locales/fr';
import { readParams } from '../demo/params';
import { POLICY_TEXTS } from './texts';

// The tables' texts are bundled rather than loaded on demand: the policy renders with the page, so nothing
// shifts when the texts arrive.
const TABLE_LOCALES = { en: { ...en, ...enPolicy }, fr: { ...fr, ...frPolicy } };

// HTML with every text escaped (quotes too: the same function escapes double-quoted attribute values):
// nothing from the config or the request (the site's host) is ever read as markup.
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Markup made here, as opposed to a text, which is escaped when it goes in. */
interface Html {
  html: string;
}
type Child = Html | string | null | undefined | false;

function h(tag: string, attrs: Record<string, string> | null, ...kids: Child[]): Html {
  let a = '';
  for (const k in attrs) a += ` ${k}="${esc(attrs[k]!)}"`;
  const inner = kids.map((k) => (!k ? '' : typeof k === 'string' ? esc(k) : k.html)).join('');
  return { html: `<${tag}${a}>${inner}</${tag}>` };
}

/** The policy page's <title>, the same from the server and from the page's script. */
export const policyTitle = (lang: 'en' | 'fr'): string => `${POLICY_TEXTS[lang].title} — Consentry demo`;

/**
 * The cookie policy of shared/reference/cookie-policy-seed.txt, generated: the seed's prose per
 * language, and the tables per category from @consentry/ui's cookiePolicyHtml, which reads the same
 * config (through cookieTable) as the preferences dialog. Returns the HTML of <main>: the demo server
 * renders it into the page, so the policy reads without JavaScript, and the page renders it itself where
 * nothing did (Vite's dev server).
 */
export function policyHtml(config: ConsentConfig, lang: 'en' | 'fr', site: string, query: string): string {
  const t = POLICY_TEXTS[lang];
  const langLink = (l: 'en' | 'fr', label: string) => {
    const q = new URLSearchParams(query);
    q.set('lang', l);
    return h(
      'li',
      null,
      h(
        'a',
        {
          href: `/policy.html?${q}`,
          lang: l,
          hreflang: l,
          ...(l === lang ? { 'aria-current': 'page' } : {}),
        },
        label,
      ),
    );
  };
  const statistical = cookieTable(config, lang).sections.find((s) => s.exemptReason);
  const kind = ([term, text]: [string, string], extra?: Child) =>
    h('li', null, h('strong', null, term), ' ', text, extra ? ' ' : null, extra);
  // A visitor under the opt-out model (?jurisdiction=us) reads how optional categories work for them.
  // Each table in a box that scrolls sideways when it is wider than the screen (see scrollableTables);
  // the tables are cookiePolicyHtml's own markup, `<table>` without attributes.
  const tables = cookiePolicyHtml(config, {
    language: lang,
    locale: TABLE_LOCALES[lang],
    headingLevel: 3,
    jurisdiction: readParams(query).jurisdiction ?? undefined,
  })
    .replaceAll('<table>', '<div class="table-scroll"><table>')
    .replaceAll('</table>', '</table></div>');

  return [
    h('h1', null, t.title),
    h(
      'nav',
      { 'aria-label': t.languageSwitch },
      h('ul', { class: 'switch' }, langLink('en', 'English'), langLink('fr', 'Français')),
    ),
    h('p', { class: 'lead' }, t.intro),
    h('h2', null, t.whatIsTitle),
    h('p', null, t.whatIs),
    h('p', null, t.kindsIntro),
    h(
      'ul',
      { class: 'kinds' },
      kind(t.kinds.necessary),
      kind(
        t.kinds.statistical,
        statistical?.exemptReason ? h('em', null, `${t.onThisSite} ${statistical.exemptReason}`) : null,
      ),
      kind(t.kinds.firstParty),
      kind(t.kinds.thirdParty),
    ),
    h('h2', null, t.usedTitle(site)),
    { html: tables },
    h('h2', null, t.changeChoices),
    h('p', null, t.changeIntro),
    h('p', null, h('button', { type: 'button', class: 'button', 'data-consent-open': '' }, t.changeChoices)),
  ]
    .map((n) => n.html)
    .join('');
}

/**
 * Each table is in a box of its own that scrolls sideways when the table is wider than the screen (a
 * 320 px phone), so the page itself never scrolls sideways. While it scrolls, the box is a region
 * named by the table's caption and in the tab order, so a keyboard user can scroll it too; when the
 * table fits, it is a plain box and no extra tab stop. In the browser, over the boxes of policyHtml.
 */
export function scrollableTables(main: HTMLElement): void {
  const boxes = [...main.querySelectorAll<HTMLElement>('.table-scroll')];
  // The box and its table are both watched: a table grows inside an unchanged box when fonts load.
  const fit = new ResizeObserver(() => {
    for (const box of boxes) {
      const caption = box.querySelector('caption');
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute('role', 'region');
        box.setAttribute('tabindex', '0');
        if (caption) box.setAttribute('aria-labelledby', caption.id);
      } else {
        // A generic box may not carry a name (ARIA): the name goes with the role.
        for (const a of ['role', 'tabindex', 'aria-labelledby']) box.removeAttribute(a);
      }
    }
  });
  for (const box of boxes) {
    const table = box.querySelector('table')!;
    if (table.caption) {
      table.caption.id = `policy-${table.closest<HTMLElement>('[data-category]')?.dataset.category}-caption`;
    }
    fit.observe(box);
    fit.observe(table);
  }
}
