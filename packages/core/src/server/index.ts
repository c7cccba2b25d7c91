export { parseCookieHeader, readGpcHeader } from './cookie-header';
export { readConsent, type ServerConsent } from './read';
export { cookieHeaderStorage, serializeCookie } from '../storage/cookie';
