/**
 * Parses a Cookie request header into name → value, the way jshttp/cookie 2.x `parseCookie` does
 * (its test cases are in our vectors): optional whitespace trimmed, pairs without "=" ignored, the
 * first of duplicate names kept, values percent-decoded when valid, quotes kept. The result has no
 * prototype, so `__proto__` or `constructor` cookies are plain keys.
 */
export function parseCookieHeader(header: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  if (typeof header !== 'string') return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name in out) continue;
    out[name] = decode(part.slice(eq + 1).trim());
  }
  return out;
}

function decode(value: string): string {
  if (value.indexOf('%') === -1) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Global Privacy Control from request headers: on only when a `Sec-GPC` field is exactly "1"
 * (GPC spec, "The Sec-GPC Header Field"). Accepts a Fetch `Headers`, Node's header object (names
 * lower-cased, repeated fields as arrays), a list of [name, value] pairs, or the request itself (as
 * `readConsent` does). Anything else (the header's value, a number) throws: read as no signal, it
 * granted sale and sharing to a visitor who had opted out of them.
 */
export function readGpcHeader(
  headers:
    | { get(name: string): string | null | undefined }
    | Record<string, string | string[] | undefined>
    | readonly (readonly [string, string])[]
    | { headers: object }
    | null
    | undefined,
): boolean {
  if (!headers) return false;
  if (typeof headers !== 'object')
    throw new TypeError('readGpcHeader: expected request.headers or the request');
  const h = headers as { get?: unknown; headers?: unknown };
  let values: unknown[];
  if (Array.isArray(headers)) {
    values = headers
      .filter((h) => Array.isArray(h) && String(h[0]).toLowerCase() === 'sec-gpc')
      .map((h) => h[1]);
  } else if (typeof h.get === 'function') {
    // Fetch Headers joins repeated fields with ", "; Express's `req.get` answers undefined without one.
    values = String((headers as { get(n: string): unknown }).get('sec-gpc') ?? '').split(/,\s*/);
  } else if (h.headers && typeof h.headers === 'object') {
    // Node's request or a Fetch `Request`.
    return readGpcHeader(h.headers as Record<string, string>);
  } else {
    values = Object.keys(headers)
      .filter((k) => k.toLowerCase() === 'sec-gpc')
      .flatMap((k) => (headers as Record<string, unknown>)[k] as unknown[]);
  }
  return values.some((v) => v === '1');
}
