/**
 * The DOM types that public signatures name, looked up on globalThis so that the main entry's types
 * compile in a project without the DOM lib (a server-only tsconfig, no skipLibCheck). There they are
 * `never`: server code neither passes nor receives them.
 */
type Global<K extends string> = typeof globalThis extends Record<K, { prototype: infer T }> ? T : never;

export type DomElement = Global<'Element'>;
/** What `querySelectorAll` can be called on (the DOM's ParentNode, which has no global of its own). */
export type DomRoot = Global<'Document'> | Global<'DocumentFragment'> | Global<'Element'>;
export type DomStorage = Global<'Storage'>;
export type DomScript = Global<'HTMLScriptElement'>;
export type DomAbortSignal = Global<'AbortSignal'>;
