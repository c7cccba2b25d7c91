import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json',
};

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  /** Paths requested so far, in order (to prove a gated resource was never fetched). */
  requests: { method: string; url: string; host: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

/**
 * A static file server on 127.0.0.1 (port 0 = any free port). `handler` may answer a request first
 * (return true when it did). Listens only on loopback.
 */
export async function serveStatic(
  root: string,
  options: { port?: number; handler?: Handler; headers?: Record<string, string> } = {},
): Promise<TestServer> {
  const base = resolve(root);
  const requests: TestServer['requests'] = [];
  const server: Server = createServer(async (req, res) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      host: req.headers.host ?? '',
      headers: req.headers,
    });
    try {
      if (options.handler && (await options.handler(req, res))) return;
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) {
        res.writeHead(403).end();
        return;
      }
      let st = statSync(file, { throwIfNoEntry: false });
      if (st?.isDirectory()) {
        file = join(file, 'index.html');
        st = statSync(file, { throwIfNoEntry: false });
      }
      if (!st?.isFile()) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...options.headers,
      });
      createReadStream(file).pipe(res);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
