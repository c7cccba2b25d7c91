/**
 * The DOM types that public signatures name, looked up on globalThis (as core's browser/dom.ts does) so
 * that the entry's types compile in a project without the DOM lib: a server that renders the policy
 * tables with `cookiePolicyHtml` under a server-only tsconfig, without skipLibCheck. There they are
 * `never`: server code neither passes nor receives them. With the DOM lib they are the DOM's own.
 */
type Global<K extends string> = typeof globalThis extends Record<K, { prototype: infer T }> ? T : never;

export type DomElement = Global<'Element'>;
export type DomHTMLElement = Global<'HTMLElement'>;
export type DomDocument = Global<'Document'>;
export type DomShadowRoot = Global<'ShadowRoot'>;
