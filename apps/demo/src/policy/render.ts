import { type ConsentConfig, cookieTable } from '@consentry/core';
import { POLICY_TEXTS } from './texts';

type Child = Node | string | null | undefined | false;

function h(tag: string, attrs: Record<string, string> | null, ...kids: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const k in attrs) el.setAttribute(k, attrs[k]!);
  // Text nodes only: nothing from the config is ever parsed as HTML.
  el.append(...(kids.filter((k) => k !== null && k !== undefined && k !== false) as (Node | string)[]));
  return el;
}

/**
 * The cookie policy of shared/reference/cookie-policy-seed.txt, generated: the prose per language,
 * and one table per category from cookieTable(config, lang), the same data the preferences dialog
 * shows. Returns the nodes of <main>.
 */
export function renderPolicy(config: ConsentConfig, lang: 'en' | 'fr', site: string, query: string): Node[] {
  const t = POLICY_TEXTS[lang];
  const table = cookieTable(config, lang);
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
  const statistical = table.sections.find((s) => s.exemptReason);
  const kind = ([term, text]: [string, string], extra?: Child) =>
    h('li', null, h('strong', null, term), ' ', text, extra ? ' ' : null, extra);

  const sections = table.sections.map((section) => {
    const headingId = `category-${section.id}`;
    const status = section.required
      ? h('p', null, t.required)
      : section.exemptReason
        ? h('p', { class: 'exempt' }, h('strong', null, t.exempt), ' ', section.exemptReason)
        : h('p', null, t.optional);
    const body = section.rows.length
      ? h(
          'table',
          { 'data-category': section.id },
          h('caption', null, t.caption(section.title)),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ...[t.columns.provider, t.columns.function, t.columns.names, t.columns.purposes].map((c) =>
                h('th', { scope: 'col' }, c),
              ),
            ),
          ),
          h(
            'tbody',
            null,
            ...section.rows.map((row) =>
              h(
                'tr',
                { 'data-service': row.service },
                h(
                  'th',
                  { scope: 'row' },
                  row.provider,
                  h('span', { class: 'meta' }, row.party === 'first' ? t.firstParty : t.thirdParty),
                ),
                h(
                  'td',
                  null,
                  row.title,
                  row.description ? h('span', { class: 'meta' }, row.description) : null,
                ),
                h(
                  'td',
                  null,
                  ...row.cookies.map((c) =>
                    h(
                      'div',
                      null,
                      c.pattern ? `${t.pattern} ` : null,
                      h('code', { 'data-cookie': c.name, 'data-domain': c.domain ?? '' }, c.name),
                      h(
                        'span',
                        { class: 'meta' },
                        `${c.domain ? t.domain(c.domain) : t.hostOnly}, ${t.lifetime(c.lifetime)}`,
                      ),
                    ),
                  ),
                  ...row.storage.map((k) =>
                    h(
                      'div',
                      null,
                      h('code', { 'data-storage': k.key }, k.key),
                      h('span', { class: 'meta' }, t.storageKey(k.type)),
                    ),
                  ),
                ),
                h(
                  'td',
                  null,
                  ...[
                    ...new Set(
                      [...row.cookies, ...row.storage].map((c) => c.purpose).filter((p): p is string => !!p),
                    ),
                  ].map((p) => h('div', null, p)),
                ),
              ),
            ),
          ),
        )
      : h('p', null, t.noCookie);
    return h(
      'section',
      { 'aria-labelledby': headingId },
      h('h3', { id: headingId }, section.title),
      section.description ? h('p', null, section.description) : null,
      status,
      body,
    );
  });

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
    ...sections,
    h('h2', null, t.changeChoices),
    h('p', null, t.changeIntro),
    h('p', null, h('button', { type: 'button', class: 'button', 'data-consent-open': '' }, t.changeChoices)),
  ];
}
