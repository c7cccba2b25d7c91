import { spawnSync } from 'node:child_process';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type DemoServer, startDemoServer } from '../server/server';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(() => server?.close());

function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          body += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('demo server: every bad input has an answer', () => {
  test('listens on loopback only and serves the pages with a strict CSP and no inline script', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    for (const path of ['/', '/islands.html', '/plain.html', '/policy.html', '/ssr/react', '/ssr/vue']) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      // Every script is a file (or a gated text/plain tag with src): nothing for 'unsafe-inline' to allow.
      for (const tag of res.body.match(/<script\b[^>]*>/g) ?? []) expect(tag, path).toMatch(/\ssrc=/);
    }
  });

  test('paths outside the site are refused; unknown ones are 404; bad encodings are 400', async () => {
    // URL parsing already folds %2e%2e segments; an encoded slash gets past it and meets the guard.
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/..%2f..%2fpackage.json')).status).toBe(403);
    expect((await get('/..%2fserver%2fserver.ts')).status).toBe(403);
    expect((await get('/nope.html')).status).toBe(404);
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  test('only GET and HEAD', async () => {
    expect((await get('/', {}, 'POST')).status).toBe(405);
    const head = await get('/plain.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  test('SSR with a missing, tampered or malformed consent cookie renders "no decision", never an error', async () => {
    for (const cookie of [
      '',
      'consentry=garbage',
      'consentry=1.x.y.z',
      'consentry="%E0%A4%A"; consentry=',
      ';;==;',
    ]) {
      for (const kind of ['react', 'vue']) {
        const res = await get(`/ssr/${kind}`, cookie ? { cookie } : {});
        expect(res.status, `${kind} ${cookie}`).toBe(200);
        expect(res.body).toContain('No decision in your consent cookie yet');
      }
    }
  });

  test('SSR ignores bad demo parameters (unknown revision token, jurisdiction, language)', async () => {
    const res = await get('/ssr/react?revision=../../x&jurisdiction=mars&lang=xx');
    expect(res.status).toBe(200);
    expect(res.body).toContain('data-category="analytics"');
    expect(res.body).toMatch(/data-category="analytics"[^>]*>.*?denied/);
  });

  test('a missing build is a clear error naming the command to run', async () => {
    await expect(startDemoServer({ dist: '/nonexistent-demo-dist' })).rejects.toThrow(
      /pnpm --filter @consentry\/demo build/,
    );
  });

  test('the start script refuses a PORT that is not a port number', () => {
    const main = fileURLToPath(new URL('../server/main.ts', import.meta.url));
    const run = spawnSync('pnpm', ['exec', 'tsx', main], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT must be a port number');
  });
});
