export { type CookieSource, cookieHeaderStorage, serializeCookie } from '../storage/cookie';
export { parseCookieHeader, readGpcHeader } from './cookie-header';
export { readConsent, type ServerConsent } from './read';
