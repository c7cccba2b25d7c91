import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveStatic, type TestServer } from '@consentry/test-utils';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { readGpcHeader } from '../src/server/cookie-header';

export const E2E_DIR = dirname(fileURLToPath(import.meta.url));
// Built bundle and generated pages go to a temp dir, served as /.out/ (nothing generated in the tree).
let OUT_DIR = '';
const VECTORS = join(E2E_DIR, '../../../test-vectors');

/** A vector file from /test-vectors (copied from the shared set; sources in its README). */
export function vectors<T = any>(file: string): T {
  return JSON.parse(readFileSync(join(VECTORS, file), 'utf8')) as T;
}

export interface Harness {
  browser: Browser;
  server: TestServer;
  /** A URL on one of the host names Chromium maps to 127.0.0.1 (www.consentry.test, shop.example.co.uk…). */
  url(host: string, path: string): string;
  /** Bodies POSTed to `/proof` (what `sendRecords` delivered), with their content type, in order. */
  proofs: { body: string; type: string | undefined }[];
  close(): Promise<void>;
}

/**
 * Bundles the core (from source) into the fixture pages' script, serves e2e/ on 127.0.0.1 and
 * launches Chromium. Extra routes: `/fixtures/ext.js?id=&delay=` (a script that records that it ran,
 * optionally slow), `/csp/<page>` (a fixture page under a nonce-only CSP), `/gpc-echo` (what the
 * server helper reads from the request's Sec-GPC header), `/proof` (collects POSTed bodies; `?status=`
 * answers with that status instead of 204), `/fixtures/tone.wav` (a short audio file).
 */
export async function startHarness(): Promise<Harness> {
  OUT_DIR = mkdtempSync(join(tmpdir(), 'consentry-e2e-'));
  const proofs: Harness['proofs'] = [];
  await build({
    entryPoints: [join(E2E_DIR, 'fixtures/entry.ts')],
    outfile: join(OUT_DIR, 'consentry.js'),
    bundle: true,
    format: 'iife',
    target: 'es2020',
    logLevel: 'silent',
  });
  const server = await serveStatic(E2E_DIR, {
    async handler(req, res) {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.startsWith('/.out/')) {
        const file = join(OUT_DIR, url.pathname.slice(6).replace(/[^a-z0-9.-]/gi, ''));
        const type = file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
        // `?cacheable`: no `no-store`, which keeps a page out of Chromium's back/forward cache.
        const cache = url.searchParams.has('cacheable') ? 'no-cache' : 'no-store';
        res.writeHead(200, { 'content-type': type, 'cache-control': cache });
        res.end(readFileSync(file));
        return true;
      }
      if (url.pathname === '/fixtures/ext.js') {
        const id = url.searchParams.get('id') ?? 'ext';
        const delay = Number(url.searchParams.get('delay') ?? 0);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        res.end(`window.ran.push(${JSON.stringify(id)});`);
        return true;
      }
      if (url.pathname === '/fixtures/tone.wav') {
        res.writeHead(200, { 'content-type': 'audio/wav', 'cache-control': 'no-store' });
        res.end(toneWav());
        return true;
      }
      if (url.pathname.startsWith('/csp/')) {
        const file = join(E2E_DIR, 'fixtures', url.pathname.slice(5).replace(/[^a-z0-9.-]/gi, ''));
        res.writeHead(200, {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "script-src 'nonce-abc123'; object-src 'none'; base-uri 'none'",
        });
        res.end(readFileSync(file));
        return true;
      }
      if (url.pathname === '/proof' && req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        proofs.push({ body, type: req.headers['content-type'] });
        res.writeHead(Number(url.searchParams.get('status') ?? 204));
        res.end();
        return true;
      }
      if (url.pathname === '/gpc-echo') {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ gpc: readGpcHeader(req.headers) }));
        return true;
      }
      return false;
    },
  });
  const browser = await launchChromium();
  return {
    browser,
    server,
    url: (host, path) => `http://${host}:${server.port}${path}`,
    proofs,
    async close() {
      await browser.close();
      await server.close();
      rmSync(OUT_DIR, { recursive: true, force: true });
    },
  };
}

/** Two seconds of a quiet 8 kHz 16-bit mono tone: a media file every Chromium build plays. */
function toneWav(): Buffer {
  const rate = 8000;
  const samples = rate * 2;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(1000 * Math.sin(i / 5)), 44 + i * 2);
  return b;
}

/** One harness per test file, started before its tests and closed after them; read it inside tests. */
export function useHarness(): Harness {
  const h = {} as Harness;
  beforeAll(async () => {
    Object.assign(h, await startHarness());
  });
  afterAll(async () => {
    await h.close?.();
  });
  return h;
}

/** Writes a generated fixture page into the temp dir and returns its path on the server. */
export function writePage(name: string, html: string): string {
  writeFileSync(join(OUT_DIR, name), html);
  return `/.out/${name}`;
}
