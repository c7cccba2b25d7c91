/**
 * Resolves a URL taken from the page (a `data-src`, a script `src`) and returns it only when it is
 * http(s). `javascript:`, `data:`, `blob:` and anything unparsable are refused: an attribute must
 * never become a way to run code the config did not declare (tarteaucitron PR #1413).
 */
export function safeHttpUrl(value: unknown, base?: string): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
