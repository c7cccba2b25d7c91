import { startDemoServer } from './server';

// `pnpm demo` / `pnpm --filter @consentry/demo start`: serve the built demo on 127.0.0.1.
const raw = process.env.PORT ?? '5173';
const port = Number(raw);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), got ${JSON.stringify(raw)}`);
  process.exit(1);
}

const server = await startDemoServer({ port }).catch((error: NodeJS.ErrnoException) => {
  console.error(
    error.code === 'EADDRINUSE' ? `Port ${port} is in use: set PORT to another one.` : error.message,
  );
  process.exit(1);
});

console.log(`Consentry demo: ${server.url}`);
console.log(
  `  named hosts (map them to 127.0.0.1 for parent-domain cookies): http://www.consentry.test:${server.port}/`,
);
console.log('  Ctrl+C to stop');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
