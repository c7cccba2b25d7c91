import { describe, expect, test } from 'vitest';
import { config } from '../consent.config';
import { policyHtml } from '../policy/render';
import { POLICY_TEXTS } from '../policy/texts';

describe('policyHtml: the policy page the server renders and the page renders where nothing did', () => {
  // The site's name is the request's Host header: anything a client sends.
  test('escapes the host and every text: nothing from the request or the config is read as markup', () => {
    const html = policyHtml(config, 'en', '<img src=x onerror="alert(1)">', '?jurisdiction=us&x="y"');
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62;');
    expect(html).not.toMatch(/href="[^"]*"y"/);
  });

  test('the prose in each language, the language links carrying the query, every table in its scroll box', () => {
    for (const lang of ['en', 'fr'] as const) {
      const html = policyHtml(config, lang, 'example.com', '?revision=2');
      expect(html.startsWith(`<h1>${POLICY_TEXTS[lang].title}</h1>`)).toBe(true);
      expect(html).toContain('href="/policy.html?revision=2&#38;lang=fr"');
      expect(html.match(/<div class="table-scroll"><table>/g)).toHaveLength(config.categories.length);
      expect(html.match(/<\/table><\/div>/g)).toHaveLength(config.categories.length);
      expect(html).toContain('data-consent-open=""');
    }
  });
});
