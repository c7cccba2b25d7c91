import { type ConsentConfig, cookieTable } from '@consentry/core';
import { renderCookiePolicy } from '@consentry/ui';
import en, { policyLocale as enPolicy } from '@consentry/ui/locales/en';
import fr, { policyLocale as frPolicy } from '@consentry/ui/locales/fr';
import { readParams } from '../demo/params';
import { POLICY_TEXTS } from './texts';

// The tables' texts are bundled rather than loaded on demand: the policy renders with the page, so nothing
// shifts when the texts arrive.
const TABLE_LOCALES = { en: { ...en, ...enPolicy }, fr: { ...fr, ...frPolicy } };

type Child = Node | string | null | undefined | false;

function h(tag: string, attrs: Record<string, string> | null, ...kids: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]!);
  // Text nodes only: nothing from the config is ever parsed as HTML.
  el.append(...(kids.filter((k) => k !== null && k !== undefined && k !== false) as (Node | string)[]));
  return el;
}

/**
 * The cookie policy of shared/reference/cookie-policy-seed.txt, generated: the seed's prose per
 * language, and the tables per category from @consentry/ui's renderCookiePolicy, which reads the same
 * config (through cookieTable) as the preferences dialog. Returns the nodes of <main>.
 */
export function renderPolicy(config: ConsentConfig, lang: 'en' | 'fr', site: string, query: string): Node[] {
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
    // A visitor under the opt-out model (?jurisdiction=us) reads how optional categories work for them.
    scrollableTables(
      renderCookiePolicy(config, {
        language: lang,
        locale: TABLE_LOCALES[lang],
        headingLevel: 3,
        jurisdiction: readParams(query).jurisdiction ?? undefined,
      }),
    ),
    h('h2', null, t.changeChoices),
    h('p', null, t.changeIntro),
    h('p', null, h('button', { type: 'button', class: 'button', 'data-consent-open': '' }, t.changeChoices)),
  ];
}

/**
 * Each table in a box of its own that scrolls sideways when the table is wider than the screen (a
 * 320 px phone), so the page itself never scrolls sideways. While it scrolls, the box is a region
 * named by the table's caption and in the tab order, so a keyboard user can scroll it too; when the
 * table fits, it is a plain box and no extra tab stop.
 */
function scrollableTables(policy: HTMLElement): HTMLElement {
  const boxes: HTMLElement[] = [];
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
  for (const table of policy.querySelectorAll('table')) {
    const box = h('div', { class: 'table-scroll' });
    if (table.caption) {
      table.caption.id = `policy-${table.closest<HTMLElement>('[data-category]')?.dataset.category}-caption`;
    }
    table.replaceWith(box);
    box.append(table);
    boxes.push(box);
    fit.observe(box);
    fit.observe(table);
  }
  return policy;
}
