// The portal's figures (issue 15), all in one run on this machine, each beside a bare Fastify
// hello-world measured in the same run (before and after the product; their mean is the baseline):
//   1. the embedded database (PGlite), seeded with the demo data: the home page (/kk/) and the demo
//      meeting's page, anonymous (served from the page cache), as a ratio of the hello-world's
//      requests/s, measured once the server is idle after its start-up work (the search catch-up):
//      as browsers ask for them (with their Accept-Encoding, so brotli-compressed) — the goal is at
//      least 0.5 — and uncompressed (no Accept-Encoding, a load generator's default); as a control,
//      a bare Node http server sending the very response the cache sent for the meeting page
//      (bench/same-response.mjs: what Node itself can send of it here); resident memory then and
//      after the load (goals: under 200 MB and under 300 MB) and the process's peak; and its
//      start-up to the first answer;
//   2. on PostgreSQL (BENCH_DATABASE_URL, default postgres://root@127.0.0.1:5432/postgres; a scratch
//      database is made and dropped; BENCH_SKIP_POSTGRES=1 leaves this out): the demo meeting's page
//      rendered every time (the page cache off) at 10 connections — goal at least 500 requests/s;
//      printed with the CPU time per page of the server and of PostgreSQL, which a slower or busier
//      machine moves less than requests/s, the server's also as a multiple of the hello-world's —
//      and the home and meeting pages at 100 connections with the cache on — goal p95 under 50 ms
//      (autocannon reports p97.5, which bounds p95 from above).
// Usage: npm run bench (builds first). BENCH_SECONDS (default 10) and BENCH_CONNECTIONS (default
// 10) set each measured run; every target gets a 2 s warm-up run first, not counted. Never asserts:
// it prints, and says beside each figure whether it meets its goal.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { integerSetting, loadAverage, root, say, scratchDatabase } from './support.mjs';

const seconds = integerSetting('BENCH_SECONDS', 10);
const connections = integerSetting('BENCH_CONNECTIONS', 10);
const warmUpSeconds = 2;
/** What Chromium and Firefox send: the cache answers it with the page compressed once (brotli). */
const browserEncoding = { 'accept-encoding': 'gzip, deflate, br, zstd' };
const host = '127.0.0.1';

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
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${proc.name} was not ready at ${url} within ${timeoutMs / 1000} s:\n${proc.output()}`);
}

/**
 * autocannon keeps every response's body as a string, for checks this bench does not use: decoding a
 * page of Kazakh text (two bytes a letter) took it about a fifth of its time, on the same two cores
 * the server runs on, where the hello-world's "hello world" costs it nothing. Each client here keeps
 * no bodies, for the hello-world and the product alike; bytes are still counted.
 */
let bodiesKept = false;
function keepNoBodies(client) {
  if (typeof client.pipelinedRequests?.addBody === 'function') client.pipelinedRequests.addBody = () => {};
  else bodiesKept = true;
}

async function load(url, duration, conns = connections, headers = {}) {
  const result = await autocannon({ url, connections: conns, duration, headers, setupClient: keepNoBodies });
  const failed = result.errors + result.timeouts + result.non2xx;
  if (failed > 0) {
    throw new Error(`${url}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx responses out of ${result.requests.total}`);
  }
  return result;
}

/** Clock ticks per second of /proc's CPU times. */
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU milliseconds (user + system) a process has used so far, or 0 once it is gone (Linux /proc). */
function cpuMsOf(pid) {
  try {
    // The fields after the command's closing parenthesis start at the 3rd: utime is the 14th, stime the 15th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
  } catch {
    return 0;
  }
}

/** CPU milliseconds used so far by every PostgreSQL process on this machine (its backends included). */
function postgresCpuMs() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let command = '';
    try {
      command = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (command === 'postgres') total += cpuMsOf(entry);
  }
  return total;
}

/**
 * Loads one target (a warm-up, then the measured run). With `server` (the serving process), also the
 * CPU time per response of that process and of PostgreSQL during the measured run: a figure a busy
 * or slow machine moves less than requests/s.
 */
async function measure(label, url, conns = connections, server, headers = {}) {
  say(`  ${label}: ${url} — ${conns} connections, warm-up ${warmUpSeconds} s, then ${seconds} s …`);
  await load(url, warmUpSeconds, conns, headers);
  const before = server && { node: cpuMsOf(server.child.pid), postgres: postgresCpuMs() };
  const r = await load(url, seconds, conns, headers);
  const total = r.requests.total;
  const cpu = before && { node: (cpuMsOf(server.child.pid) - before.node) / Math.max(total, 1), postgres: (postgresCpuMs() - before.postgres) / Math.max(total, 1) };
  return { label, url, rps: r.requests.average, p50: r.latency.p50, p975: r.latency.p97_5, p99: r.latency.p99, bytes: r.throughput.average / Math.max(r.requests.average, 1), total, cpu };
}

function table(rows) {
  const header = ['target', 'requests/s (avg)', 'latency p50', 'p97.5', 'p99', 'bytes/response', 'requests'];
  // autocannon's histogram counts whole milliseconds: 0 means under one.
  const ms = (v) => (v < 1 ? '<1 ms' : `${v} ms`);
  const body = rows.map((r) => [r.label, r.rps.toFixed(0), ms(r.p50), ms(r.p975), ms(r.p99), r.bytes.toFixed(0), String(r.total)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** Resident memory of a child process now and at its peak (Linux /proc), in MB. */
/**
 * Waits until the process has been idle (under 5% of a core) for two half-second samples in a row,
 * at least 5 s after its first answer (the search catch-up starts 3 s after it listens), at most 120 s.
 * Returns how long it waited.
 */
async function waitUntilIdle(proc) {
  const started = performance.now();
  const sampleMs = 500;
  let quiet = 0;
  let last = cpuMsOf(proc.child.pid);
  while (performance.now() - started < 120_000) {
    await new Promise((resolve) => setTimeout(resolve, sampleMs));
    const now = cpuMsOf(proc.child.pid);
    quiet = now - last < sampleMs * 0.05 ? quiet + 1 : 0;
    last = now;
    if (quiet >= 2 && performance.now() - started >= 5_000) break;
  }
  return performance.now() - started;
}

function memoryOf(proc) {
  const status = readFileSync(`/proc/${proc.child.pid}/status`, 'utf8');
  const field = (name) => Math.round(Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024);
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

const verdict = (ok) => (ok ? 'meets the goal' : 'MISSES the goal');

/** Runs a CLI command of the product to completion (migrate, seed). */
function kenes(args, env) {
  execFileSync(process.execPath, ['dist/main.js', ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** The demo meeting's page, found on the public meetings list (the meeting of 21 October 2020). */
async function demoMeetingPath(base) {
  const html = await (await fetch(`${base}/kk/meetings?page=1`)).text();
  const paths = [...html.matchAll(/href="(\/kk\/meetings\/[0-9a-f-]{36})"/g)].map((m) => m[1]);
  if (paths.length === 0) throw new Error('no meeting on /kk/meetings: was the demo seeded?');
  return paths[paths.length - 1];
}

async function serveProduct(name, env) {
  const port = await freePort();
  const started = performance.now();
  const proc = start(name, ['dist/main.js', 'serve'], { NODE_ENV: 'production', PORT: String(port), HOST: host, LOG_LEVEL: 'warn', KENES_ADMIN_PASSWORD: 'bench-only-password-1234567890', ...env });
  const base = `http://${host}:${port}`;
  await waitUntilOk(proc, `${base}/readyz`, 120_000);
  return { proc, base, startUpMs: performance.now() - started };
}

/**
 * Records the response a URL answers (status, headers but those Node writes itself and the request
 * id, body) to a file for bench/same-response.mjs; returns the body's size.
 */
function recordResponse(url, file) {
  const written = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'x-request-id']);
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const headers = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (!written.has(res.rawHeaders[i].toLowerCase())) headers.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        const body = Buffer.concat(chunks);
        writeFileSync(file, JSON.stringify({ status: res.statusCode, headers, body: body.toString('base64') }));
        resolve(body.length);
      });
    }).on('error', reject);
  });
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'kenes-bench-'));
const recordingDir = mkdtempSync(path.join(tmpdir(), 'kenes-bench-response-'));
const running = [];
let scratch;
let interrupted = false;

async function cleanUp() {
  await Promise.all(running.map((proc) => stop(proc)));
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(recordingDir, { recursive: true, force: true });
  if (scratch) await scratch.drop();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    interrupted = true;
    cleanUp().finally(() => process.exit(130));
  });
}

try {
  say(`Kenes portal bench: ${connections} connections, ${seconds} s per target (after a ${warmUpSeconds} s warm-up), Node ${process.version}, load average ${loadAverage()}`);
  const helloPort = await freePort();
  const hello = start('hello-fastify', ['bench/hello-fastify.mjs'], { PORT: String(helloPort), HOST: host });
  running.push(hello);
  await waitUntilOk(hello, `http://${host}:${helloPort}/`, 30_000);
  const helloUrl = `http://${host}:${helloPort}/`;

  // ── 1. The embedded database, with the demo data ──
  say('Seeding the demo data into a fresh embedded database (kenes migrate, kenes seed --demo) …');
  kenes(['migrate'], { KENES_DATA_DIR: dataDir });
  kenes(['seed', '--demo'], { KENES_DATA_DIR: dataDir });
  const embedded = await serveProduct('kenes (embedded)', { KENES_DATA_DIR: dataDir });
  running.push(embedded.proc);
  // Measured once its start-up work is done (the search index's catch-up, a few seconds after the
  // first answer, and the collection of its garbage): what a visitor meets from then on.
  const settledAfterMs = await waitUntilIdle(embedded.proc);
  const afterStart = memoryOf(embedded.proc);
  const meetingPath = await demoMeetingPath(embedded.base);
  const rows = [];
  const helloBefore = await measure('hello-world / (before)', helloUrl, connections, hello);
  const home = await measure('kenes /kk/ (embedded, cached)', `${embedded.base}/kk/`, connections, embedded.proc);
  const meeting = await measure('kenes demo meeting (embedded, cached)', `${embedded.base}${meetingPath}`, connections, embedded.proc);
  // The same two pages asked for as a browser asks: compressed (brotli), as every visitor is served.
  const homeCompressed = await measure('kenes /kk/ (embedded, cached, br)', `${embedded.base}/kk/`, connections, embedded.proc, browserEncoding);
  const meetingCompressed = await measure('kenes demo meeting (embedded, cached, br)', `${embedded.base}${meetingPath}`, connections, embedded.proc, browserEncoding);
  // The control: a bare Node server sending the very response the cache sent for the meeting page.
  const recording = path.join(recordingDir, 'meeting.json');
  await recordResponse(`${embedded.base}${meetingPath}`, recording);
  const samePort = await freePort();
  const same = start('the same response from bare Node', ['bench/same-response.mjs'], { PORT: String(samePort), HOST: host, RESPONSE_FILE: recording });
  running.push(same);
  await waitUntilOk(same, `http://${host}:${samePort}/`, 30_000);
  const sameResponse = await measure("bare Node http, the kept meeting page's response", `http://${host}:${samePort}/`, connections, same);
  await stop(same);
  const helloAfter = await measure('hello-world / (after)', helloUrl, connections, hello);
  rows.push(helloBefore, home, meeting, homeCompressed, meetingCompressed, sameResponse, helloAfter);
  const afterLoad = memoryOf(embedded.proc);
  await stop(embedded.proc);
  const baseline = (helloBefore.rps + helloAfter.rps) / 2;
  const helloCpu = (helloBefore.cpu.node + helloAfter.cpu.node) / 2;
  const lines = [];
  // The goal is judged on the pages as browsers ask for them (every browser sends Accept-Encoding,
  // and the cache answers it with the page compressed once); the uncompressed figures, what a load
  // generator asks for by default, are printed with them.
  for (const row of [homeCompressed, meetingCompressed]) {
    const ratio = row.rps / baseline;
    lines.push(`${row.label}, as browsers ask (Accept-Encoding: ${browserEncoding['accept-encoding']}): ${ratio.toFixed(2)} × the hello-world's requests/s (goal ≥ 0.5: ${verdict(ratio >= 0.5)})`);
    lines.push(`  the server's CPU per answer: ${(row.cpu.node * 1000).toFixed(0)} µs, ${(row.cpu.node / helloCpu).toFixed(1)} × the hello-world's ${(helloCpu * 1000).toFixed(0)} µs (${row.bytes.toFixed(0)} bytes against ${helloBefore.bytes.toFixed(0)})`);
  }
  for (const row of [home, meeting]) {
    lines.push(`${row.label}, uncompressed (no Accept-Encoding): ${(row.rps / baseline).toFixed(2)} × the hello-world's requests/s`);
    lines.push(`  the server's CPU per answer: ${(row.cpu.node * 1000).toFixed(0)} µs, ${(row.cpu.node / helloCpu).toFixed(1)} × the hello-world's ${(helloCpu * 1000).toFixed(0)} µs (${row.bytes.toFixed(0)} bytes against ${helloBefore.bytes.toFixed(0)})`);
  }
  lines.push(
    `  beside a bare Node server sending the same response: ${(meeting.rps / sameResponse.rps).toFixed(2)} × its requests/s (${sameResponse.rps.toFixed(0)}), its CPU per answer ${(sameResponse.cpu.node * 1000).toFixed(0)} µs`,
  );
  lines.push(`start-up to the first answer (embedded, demo data, an existing data directory): ${(embedded.startUpMs / 1000).toFixed(1)} s`);
  lines.push(`resident memory after start (once idle, ${(settledAfterMs / 1000).toFixed(1)} s after its first answer): ${afterStart.rss} MB (goal < 200: ${verdict(afterStart.rss < 200)}); after the load: ${afterLoad.rss} MB (goal < 300: ${verdict(afterLoad.rss < 300)}); peak: ${afterLoad.peak} MB`);

  // ── 2. PostgreSQL ──
  if (process.env.BENCH_SKIP_POSTGRES !== '1') {
    // A scratch PostgreSQL database, dropped at the end (never kept).
    scratch = await scratchDatabase(process.env.BENCH_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres', `kenes_bench_${process.pid}`, { keep: false });
    say('Seeding the demo data into a scratch PostgreSQL database …');
    kenes(['migrate'], { DATABASE_URL: scratch.url });
    kenes(['seed', '--demo'], { DATABASE_URL: scratch.url });
    const uncached = await serveProduct('kenes (PostgreSQL, no page cache)', { DATABASE_URL: scratch.url, KENES_PAGE_CACHE_MB: '0' });
    running.push(uncached.proc);
    const pgMeetingPath = await demoMeetingPath(uncached.base);
    const rendered = await measure('kenes demo meeting (PostgreSQL, rendered each time)', `${uncached.base}${pgMeetingPath}`, 10, uncached.proc);
    rows.push(rendered);
    await stop(uncached.proc);
    lines.push(`${rendered.label}: ${rendered.rps.toFixed(0)} requests/s at 10 connections (goal ≥ 500: ${verdict(rendered.rps >= 500)})`);
    const perPage = (ms) => `${ms.toFixed(2)} ms`;
    lines.push(
      `  CPU per page: the server ${perPage(rendered.cpu.node)} (${(rendered.cpu.node / helloCpu).toFixed(0)} × the hello-world's ${perPage(helloCpu)} per response), PostgreSQL ${perPage(rendered.cpu.postgres)}`,
    );
    const cached = await serveProduct('kenes (PostgreSQL)', { DATABASE_URL: scratch.url });
    running.push(cached.proc);
    for (const [label, target] of [['kenes /kk/ (PostgreSQL, 100 clients)', '/kk/'], ['kenes demo meeting (PostgreSQL, 100 clients)', pgMeetingPath]]) {
      const row = await measure(label, `${cached.base}${target}`, 100);
      rows.push(row);
      lines.push(`${label}: p97.5 ${row.p975} ms, so p95 ≤ ${row.p975} ms (goal p95 < 50 ms: ${verdict(row.p975 < 50)})`);
    }
    await stop(cached.proc);
  }

  say();
  say(table(rows));
  say();
  say(`The hello-world's baseline: ${baseline.toFixed(0)} requests/s (mean of before and after).`);
  for (const line of lines) say(line);
  say('(Targets marked br are asked for with the Accept-Encoding a browser sends; the others with none, so uncompressed.)');
  say(
    bodiesKept
      ? '(This autocannon could not be told to keep no response bodies: it decoded every page into a string, a cost the hello-world does not have.)'
      : '(The load generator counts response bytes but keeps no bodies: autocannon would decode every page into a string.)',
  );
} catch (error) {
  if (!interrupted) {
    process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
} finally {
  if (!interrupted) await cleanUp();
}
