// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { testConfig } from './fixture';

describe('cookie policy without a DOM', () => {
  it('cookiePolicyHtml runs in plain Node, touching no window or document', async () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
    const { cookiePolicyHtml, loadPolicyLocale } = await import('../index');
    const html = cookiePolicyHtml(testConfig(), { language: 'fr', locale: await loadPolicyLocale('fr') });
    expect(html).toMatch(
      /^<div class="cy-policy" lang="fr" dir="ltr"><section data-category="necessary"><h2>/,
    );
    expect(html).toContain('<th scope="col">Fournisseur</th>');
    expect(html).toContain('<th scope="row">Google<div>Cookie tiers</div></th>');
    expect(html).toContain('<div>Durée de conservation\u00a0: 395\u00a0jours</div>');
    expect(html).toContain('<a href="https://policies.google.com/privacy">Politique de confidentialité</a>');
    expect(html.endsWith('</table></section></div>')).toBe(true);
  });

  it('renderCookiePolicy without a document fails naming options.document, and works with one', async () => {
    const { renderCookiePolicy, loadPolicyLocale } = await import('../index');
    const locale = await loadPolicyLocale('en');
    expect(() => renderCookiePolicy(testConfig(), { locale })).toThrow(/options\.document/);
    // A DOM-like document of its own, as a server would use (jsdom ships no types of its own).
    const { JSDOM } = (await import('jsdom' as string)) as {
      JSDOM: new (html: string) => { window: { document: Document } };
    };
    const { document } = new JSDOM('<!doctype html><html lang="ar"><body></body></html>').window;
    const root = renderCookiePolicy(testConfig(), { locale: await loadPolicyLocale('ar'), document });
    expect([root.ownerDocument === document, root.lang, root.dir]).toEqual([true, 'ar', 'rtl']);
    expect(root.querySelectorAll('table')).toHaveLength(3);
  });
});
