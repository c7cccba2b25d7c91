// A browser project (DOM lib): the DOM types in signatures are the DOM's own.
import { gating, loadScript, localStorageStorage, type RevokeDetail } from '@consentry/core';

export const ran: readonly Element[] = [] as unknown as RevokeDetail['ran'];
export const script: Promise<HTMLScriptElement> = loadScript(null as never, 'analytics', '/a.js', {
  signal: new AbortController().signal,
});
export const storage = localStorageStorage('consent', () => sessionStorage);
gating({ root: document.body });
gating({ root: document });
// @ts-expect-error a selector is not a root
gating({ root: 'body' });
// @ts-expect-error a string is not Web Storage
localStorageStorage('consent', () => 'x');
