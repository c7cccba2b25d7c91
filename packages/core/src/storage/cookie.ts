import type { ConsentConfig } from '../model/types';
import type { ConsentStorage } from './types';

type CookieOptions = ConsentConfig['cookie'];

/** Every value of cookie `name` in a `document.cookie` or Cookie-header string, in order. */
export function cookieValues(header: string, name: string): string[] {
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > -1 && part.slice(0, eq).trim() === name)
      out.push(
        part
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1'),
      );
  }
  return out;
}

/** Serialises a Set-Cookie / document.cookie assignment. */
export function serializeCookie(options: CookieOptions, value: string, maxAge: number): string {
  let s = `${options.name}=${value}; Max-Age=${Math.max(0, Math.floor(maxAge))}; Path=${options.path}; SameSite=${options.sameSite}`;
  if (options.domain) s += `; Domain=${options.domain}`;
  if (options.secure) s += '; Secure';
  return s;
}

/** The consent record in a first-party cookie (the default in a browser). */
export function cookieStorage(
  cookie: CookieOptions,
  doc: { cookie: string; location?: { hostname: string; protocol?: string; pathname?: string } } = document,
): ConsentStorage {
  // Secure whenever the page is on https (vanilla-cookieconsent 3.1's default too): the record then never
  // travels in clear to an http URL of the site. One config also serves the server and plain-http
  // development, so the config's `secure: true` only adds it where the page cannot tell.
  const options = { ...cookie, secure: cookie.secure || doc.location?.protocol === 'https:' };
  const hostOnly = { ...options, domain: null };
  let verified = false;
  return {
    read: () => cookieValues(doc.cookie, options.name),
    write(value, maxAge) {
      // Browsers drop a cookie silently (too large, a domain or Secure they refuse, cookies blocked):
      // say so instead. Past 4096 bytes it is known without asking. Reading document.cookie right
      // after a write is a synchronous trip to the browser's cookie store (13x fewer decisions per
      // second in Chromium, see BENCHMARKS.md), so the read-back runs until one write is seen to stick:
      // later writes differ only in their value.
      const fits = options.name.length + value.length < 4096;
      if (fits) doc.cookie = serializeCookie(options, value, maxAge);
      // Writing on a parent domain leaves any host-only copy behind; remove it so the two never disagree.
      if (options.domain) doc.cookie = serializeCookie(hostOnly, '', 0);
      if (fits && !verified) {
        // A copy seen beside this one (another subdomain's, or an older config's on another domain or
        // path) would outvote the decision at the next read: disagreeing copies grant only what all of
        // them grant, so the visitor's new choice would not stick. A page sees only the cookies of this
        // host (host-only or not) or a parent domain, on a path above it: those are expired here, all but
        // this one, host-only first and then the longest domain first, and only while a copy is still
        // seen, so the walk stops before a public suffix (which holds no cookie).
        const path = doc.location?.pathname ?? '/';
        // The paths a cookie seen here can have: each prefix of this page's path that ends at a "/" or
        // just before one, and the whole path.
        const paths: string[] = [];
        for (let i = 1; i <= path.length; i++)
          if (path[i - 1] === '/' || (path[i] ?? '/') === '/') paths.push(path.slice(0, i));
        const domains: (string | null)[] = [null];
        for (let d = doc.location?.hostname ?? ''; d.includes('.'); d = d.slice(d.indexOf('.') + 1))
          domains.push(d);
        // As the host's labels are: lower case (a config may write the domain in capitals).
        const own = options.domain?.replace(/^\./, '').toLowerCase() ?? null;
        let seen = cookieValues(doc.cookie, options.name);
        for (const domain of domains) {
          if (seen.length < 2) break;
          for (const p of paths)
            if (domain !== own || p !== options.path)
              doc.cookie = serializeCookie({ ...options, domain, path: p }, '', 0);
          seen = cookieValues(doc.cookie, options.name);
        }
        verified = seen.includes(value);
      }
      if (!fits || !verified) throw new Error('consent cookie not stored');
    },
    clear() {
      doc.cookie = serializeCookie(options, '', 0);
      if (options.domain) doc.cookie = serializeCookie(hostOnly, '', 0);
    },
  };
}

/**
 * What a server has for a request's cookies: the Cookie header's string, a Fetch `Headers`
 * (`request.headers`: Next.js route handlers, Remix, h3), Node's `req.headers` object, or the request
 * itself (Node's, Express's, a Fetch `Request`: its `headers`).
 */
export type CookieSource =
  | string
  | { get(name: string): string | null }
  | { cookie?: string | readonly string[] | undefined }
  | { headers: object }
  | null
  | undefined;

/**
 * The Cookie header from a `CookieSource`. Anything else (a Buffer, a number, a list, parsed cookies)
 * is the program's mistake and throws: read as no cookie, it granted the opt-out defaults over a
 * visitor's refusal. `name` is the consent cookie's.
 */
export function cookieHeader(fn: string, source: unknown, name: string): string {
  const s = source as {
    get?: (n: string) => unknown;
    getAll?: unknown;
    then?: unknown;
    headers?: unknown;
    cookie?: unknown;
    Cookie?: unknown;
  };
  // A string is the header, read as the visitor sent it (the consent cookie's value alone is no
  // header: it holds no "name=value" pair, so no decision).
  if (s == null || typeof s === 'string') return s ?? '';
  const get = typeof s.get === 'function';
  if (get) {
    // A Fetch `Headers` answers null without the header. Express's `req.get` answers undefined, and so
    // does a cookie store (Next.js's `cookies()`) without a cookie named "cookie": the first has `headers`.
    const v = s.get!('cookie');
    if (v === null || typeof v === 'string') return v ?? '';
  }
  if (s.headers && typeof s.headers === 'object') return cookieHeader(fn, s.headers, name);
  // A headers object (Node's has a null prototype; one from another realm, Jest's vm, fails an
  // Object.prototype check), its name in either case. One keyed by the consent cookie's name, without
  // a cookie field and without the Host every request's headers carry, is parsed cookies (Express's
  // `req.cookies`): a request's headers are the visitor's to write, and never thrown at.
  let got = '';
  if (!get && Object.prototype.toString.call(s) === '[object Object]') {
    const keys = Object.keys(s).map((k) => k.toLowerCase());
    if (!keys.includes(name.toLowerCase()) || keys.some((k) => /^(cookie|host|:authority)$/.test(k)))
      return [s.cookie ?? s.Cookie ?? []].flat().join('; ');
    got = ', got parsed cookies (req.headers, not req.cookies)';
  }
  // A cookie store keeps one cookie of each name, so of a host's and a parent domain's copies it would
  // show one, maybe the one granting more: the header has both. Parsed cookies too.
  else if (typeof s.then === 'function') got = ', got a Promise: await it';
  else if (typeof s.getAll === 'function') got = ', not a cookie store (Next.js: headers(), not cookies())';
  throw new TypeError(`${fn}: expected the Cookie header, request.headers or the request${got}`);
}

/**
 * Every value of cookie `name` in a request's Cookie header. RFC 6265 joins cookies with "; ", but a
 * runtime or proxy that merges repeated header fields the generic way (RFC 9110) joins them with ", "
 * (HTTP/2 sends each cookie as its own field). Our value never holds a comma, so a comma is read as a
 * separator too: another cookie's value split at one yields at worst an extra copy that does not decode,
 * or decodes and then grants only what every copy grants.
 */
export const headerCookieValues = (header: string, name: string): string[] =>
  cookieValues(header.replace(/,/g, ';'), name);

/** Read-only storage over a request's cookies (see `CookieSource`), for server rendering. */
export function cookieHeaderStorage(source: CookieSource, name: string): ConsentStorage {
  // `cookieHeaderStorage(req.headers)`, or given the config: read as no cookie, it granted the opt-out defaults.
  if (typeof name !== 'string' || !name)
    throw new TypeError("cookieHeaderStorage: expected the consent cookie's name (config.cookie.name)");
  const header = cookieHeader('cookieHeaderStorage', source, name);
  return {
    read: () => headerCookieValues(header, name),
    write() {},
    clear() {},
  };
}
