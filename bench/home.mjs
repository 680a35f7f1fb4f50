// Load figures for the public home page (/kk/) against a bare Fastify hello-world, both measured
// in the same run on the same machine, one after the other with the same settings.
// Usage: npm run bench   (builds first). BENCH_SECONDS (default 10) and BENCH_CONNECTIONS
// (default 10) set each measured run; every target gets a 2 s warm-up run first, not counted.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = positiveInteger('BENCH_SECONDS', 10);
const connections = positiveInteger('BENCH_CONNECTIONS', 10);
const warmUpSeconds = 2;
const host = '127.0.0.1';

function positiveInteger(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

const say = (line = '') => process.stdout.write(`${line}\n`);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** A child process whose output is kept (and shown only if it fails to start or dies early). */
function start(name, args, env) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const keep = (chunk) => {
    output.push(chunk.toString('utf8'));
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return { name, child, exited, output: () => output.join('') };
}

async function stop(proc) {
  if (!proc || proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill('SIGTERM');
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), 12_000);
  await proc.exited;
  clearTimeout(timer);
}

async function waitUntilOk(proc, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let dead = false;
  proc.exited.then(() => {
    dead = true;
  });
  while (Date.now() < deadline) {
    if (dead) throw new Error(`${proc.name} exited before it was ready:\n${proc.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${proc.name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${proc.output()}`);
}

async function load(url, duration) {
  const result = await autocannon({ url, connections, duration });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses out of ${result.requests.total}`);
  }
  return result;
}

async function measure(label, url) {
  say(`  ${label}: ${url} — warm-up ${warmUpSeconds} s, then ${seconds} s …`);
  await load(url, warmUpSeconds);
  const r = await load(url, seconds);
  return { label, url, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, bytes: r.throughput.average / Math.max(r.requests.average, 1), total: r.requests.total };
}

function table(rows) {
  const header = ['target', 'requests/s (avg)', 'latency p50', 'latency p99', 'bytes/response', 'requests'];
  // autocannon's histogram counts whole milliseconds: 0 means under one.
  const ms = (v) => (v < 1 ? '<1 ms' : `${v} ms`);
  const body = rows.map((r) => [r.label, r.rps.toFixed(0), ms(r.p50), ms(r.p99), r.bytes.toFixed(0), String(r.total)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'kenes-bench-'));
let product;
let hello;
let interrupted = false;

async function cleanUp() {
  await Promise.all([stop(product), stop(hello)]);
  rmSync(dataDir, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    cleanUp().finally(() => process.exit(130));
  });
}

try {
  const [productPort, helloPort] = [await freePort(), await freePort()];
  say(`Kenes bench: ${connections} connections, ${seconds} s per target (after a ${warmUpSeconds} s warm-up), Node ${process.version}`);
  say('Starting the product (node dist/main.js serve, a fresh PGlite database) and a bare Fastify hello-world …');
  product = start('kenes', ['dist/main.js', 'serve'], {
    NODE_ENV: 'production',
    KENES_DATA_DIR: dataDir,
    PORT: String(productPort),
    HOST: host,
    LOG_LEVEL: 'warn',
    KENES_ADMIN_PASSWORD: 'bench-only-password-1234567890',
  });
  hello = start('hello-fastify', ['bench/hello-fastify.mjs'], { PORT: String(helloPort), HOST: host });
  const started = Date.now();
  await Promise.all([waitUntilOk(product, `http://${host}:${productPort}/readyz`, 120_000), waitUntilOk(hello, `http://${host}:${helloPort}/`, 30_000)]);
  say(`Both ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);

  const rows = [];
  rows.push(await measure('kenes /kk/', `http://${host}:${productPort}/kk/`));
  rows.push(await measure('hello-world /', `http://${host}:${helloPort}/`));

  const [kenes, baseline] = rows;
  say();
  say(table(rows));
  say();
  say(`ratio product / hello-world (requests/s): ${(kenes.rps / baseline.rps).toFixed(4)} — the hello-world serves ${(baseline.rps / kenes.rps).toFixed(1)}× as many.`);
  say('(Uncompressed responses: the load generator sends no Accept-Encoding.)');
} catch (error) {
  if (!interrupted) {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await cleanUp();
}
