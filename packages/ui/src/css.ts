import type { DomDocument } from './dom';

// Replaced at build time (tsup `define`) by the minified text of style.css.
declare const __CONSENTRY_CSS__: string;

/** The UI's stylesheet, minified: the same text as `@consentry/ui/style.css`. */
export const css: string = __CONSENTRY_CSS__;

/**
 * Applies the stylesheet from JavaScript, for pages that cannot add a `<link>`. Without a nonce it is
 * adopted as a constructable stylesheet (CSP's style-src does not apply to those); with `nonce` it goes
 * in a `<style nonce>` for pages whose CSP allows that nonce. Returns a function that removes it.
 * Kept apart from `mountConsentUI` so pages that link the stylesheet do not ship this text.
 */
export function applyStyles(options: { nonce?: string; document?: DomDocument } = {}): () => void {
  const doc = options.document ?? document;
  if (!options.nonce && doc.adoptedStyleSheets && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }
  const style = doc.createElement('style');
  if (options.nonce) style.setAttribute('nonce', options.nonce);
  style.textContent = css;
  doc.head.append(style);
  return () => style.remove();
}

export default css;
