// A control for bench/home.mjs: a bare Node http server (no Fastify, no page cache) that answers
// every request with one recorded response — the status, headers and body a kept page was served
// with — and a fresh request id, as the cache does. What it serves per second is what Node itself
// can send of that response on this machine. RESPONSE_FILE names the recording (JSON: status,
// headers as [name, value] pairs, body in base64); PORT (0 for any free port) and HOST as for the
// hello-world.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const recorded = JSON.parse(readFileSync(process.env.RESPONSE_FILE, 'utf8'));
const body = Buffer.from(recorded.body, 'base64');
const headers = Object.fromEntries([...recorded.headers, ['content-length', String(body.length)]]);

const server = createServer((req, res) => {
  res.writeHead(recorded.status, { ...headers, 'x-request-id': randomUUID() });
  res.end(req.method === 'HEAD' ? undefined : body);
});

const shutdown = () => server.close(() => process.exit(0));
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
