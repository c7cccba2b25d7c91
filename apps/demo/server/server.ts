import { randomBytes } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ConsentRecord } from '@consentry/core';

/** The built site: `vite build` writes dist/client, the SSR build dist/server. */
export const DIST = fileURLToPath(new URL('../dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export interface DemoRequest {
  method: string;
  host: string;
  path: string;
}

/** A decision the server received from a page (sendRecords) and keeps as proof of consent. */
export interface Proof {
  /** When the server received it (ms since epoch): its own clock, not the browser's. */
  received: number;
  record: ConsentRecord;
}

export interface DemoServer {
  url: string;
  port: number;
  /** Every request served, in order: the tests prove a gated resource was never fetched. */
  requests: DemoRequest[];
  /** Proofs of consent received at POST /api/consent, in order. */
  proofs: Proof[];
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** 0 = any free port. The server listens on 127.0.0.1 only: never on a public interface. */
  port?: number;
  /** The build to serve; default dist/ beside server/. */
  dist?: string;
}

type ReadProof = (body: string, search: string) => ConsentRecord | null;

type RenderPolicy = (request: {
  cookie: string | undefined;
  headers: IncomingMessage['headers'];
  search: string;
}) => { html: string; title: string; lang: string };

type SsrRender = (
  kind: 'react' | 'vue',
  request: { cookie: string | undefined; headers: IncomingMessage['headers']; search: string },
) => Promise<{ html: string; title: string }>;

/**
 * The demo server: the built pages and assets, the SSR routes /ssr/react and /ssr/vue, and the
 * stand-in third parties (public/stand-ins/), all on 127.0.0.1. The same port answers under every
 * host name that resolves here, so www.consentry.test:PORT and localhost:PORT are two sites of it.
 */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const dist = resolve(options.dist ?? DIST);
  const client = join(dist, 'client');
  for (const file of [join(client, 'index.html'), join(dist, 'server', 'entry-server.js')]) {
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
      throw new Error(
        `The demo is not built (${file} is missing): run "pnpm --filter @consentry/demo build"`,
      );
    }
  }
  const ssr = (await import(pathToFileURL(join(dist, 'server', 'entry-server.js')).href)) as {
    render: SsrRender;
    renderPolicy: RenderPolicy;
    readProof: ReadProof;
  };
  // Read per request, like every other file: a rebuilt site is served whole, never half old.
  const template = (kind: 'react' | 'vue') => readFileSync(join(client, `ssr-${kind}.html`), 'utf8');
  const requests: DemoRequest[] = [];
  const proofs: Proof[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    requests.push({
      method: req.method ?? 'GET',
      host: req.headers.host ?? '',
      path: url.pathname + url.search,
    });
    try {
      if (url.pathname === '/api/consent') {
        await proofOfConsent(req, res, url, ssr.readProof, proofs);
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      const route = url.pathname.match(/^\/ssr\/(react|vue)\/?$/);
      if (route) {
        const kind = route[1] as 'react' | 'vue';
        const page = await ssr.render(kind, {
          cookie: req.headers.cookie,
          headers: req.headers,
          search: url.search,
        });
        const html = template(kind)
          .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`)
          .replace('<!--ssr-outlet-->', page.html);
        sendHtml(req, res, url, html, { vary: 'Cookie, Sec-GPC' });
        return;
      }
      // The cookie policy rendered into its page, as its script renders it: it reads without JavaScript.
      if (url.pathname === '/policy.html') {
        const policy = ssr.renderPolicy({
          cookie: req.headers.cookie,
          headers: req.headers,
          search: url.search,
        });
        const html = readFileSync(join(client, 'policy.html'), 'utf8')
          .replace(/<html lang="[^"]*">/, `<html lang="${policy.lang}">`)
          .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(policy.title)}</title>`)
          .replace(
            '<main id="main" class="policy"></main>',
            `<main id="main" class="policy">${policy.html}</main>`,
          );
        sendHtml(req, res, url, html, { vary: 'Cookie' });
        return;
      }
      serveFile(req, res, url, client);
    } catch (error) {
      console.error('[demo server]', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error');
    }
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', ok);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    proofs,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/**
 * POST /api/consent: a decision sent by the page (sendRecords), kept if it reads as a valid record of
 * this site's config (204), refused otherwise (400). GET /api/consent?ids=a,b: the proofs kept for
 * those record ids, which the page's panel shows. A real site would store them durably, keyed by id.
 */
async function proofOfConsent(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  readProof: ReadProof,
  proofs: Proof[],
) {
  if (req.method === 'POST') {
    let body = '';
    for await (const chunk of req) {
      body += chunk;
      // A record is far smaller than a cookie; anything bigger is not one.
      if (body.length > 4096) break;
    }
    const record = body.length > 4096 ? null : readProof(body, url.search);
    if (record) proofs.push({ received: Date.now(), record });
    res.writeHead(record ? 204 : 400).end();
    return;
  }
  if (req.method === 'GET') {
    const ids = new Set((url.searchParams.get('ids') ?? '').split(',').filter(Boolean));
    const body = JSON.stringify(proofs.filter((p) => ids.has(p.record.id)));
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
    return;
  }
  res.writeHead(405, { allow: 'GET, POST' }).end();
}

function serveFile(req: IncomingMessage, res: ServerResponse, url: URL, root: string) {
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = normalize(join(root, path));
  if (file !== root && !file.startsWith(`${root}/`)) {
    res.writeHead(403).end();
    return;
  }
  let st = statSync(file, { throwIfNoEntry: false });
  if (st?.isDirectory()) {
    file = join(file, 'index.html');
    st = statSync(file, { throwIfNoEntry: false });
  }
  if (!st?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  if (extname(file) === '.html') {
    sendHtml(req, res, url, readFileSync(file, 'utf8'));
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': st.size,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}

/**
 * HTML with the headers a careful site sends: a CSP with no inline script (the SDK must work under
 * it), and the platform's necessary cookies of the seed policy (csrftoken; django_language when the
 * visitor picks a language), which need no consent.
 */
function sendHtml(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  html: string,
  extra: Record<string, string> = {},
) {
  const host = req.headers.host ?? '127.0.0.1';
  const port = host.match(/:(\d+)$/)?.[1] ?? '80';
  const cookies: string[] = [];
  if (!/(?:^|;\s*)csrftoken=/.test(req.headers.cookie ?? '')) {
    cookies.push(
      `csrftoken=${randomBytes(16).toString('hex')}; Max-Age=${390 * 86400}; Path=/; SameSite=Lax`,
    );
  }
  const lang = url.searchParams.get('lang');
  if (lang === 'en' || lang === 'fr') cookies.push(`django_language=${lang}; Path=/; SameSite=Lax`);
  // The embeds' site is localhost on this same port (see src/demo/ran.ts).
  const body = Buffer.from(html.replaceAll('__PORT__', port));
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `frame-src http://localhost:${port}`,
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; '),
    ...(cookies.length ? { 'set-cookie': cookies } : {}),
    ...extra,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
