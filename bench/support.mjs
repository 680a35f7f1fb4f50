// What the benches share: the project's root, a line to the output, the settings read from the
// environment, the private build (the sources compiled afresh into a temporary directory, so that
// dist/ is shared and left alone), a small deterministic generator, the scratch PostgreSQL database
// made and dropped around a measurement, and the figures (timed runs, percentiles, the load
// average). Not a bench itself: the benches import it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project's root directory (the parent of bench/). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Writes a line (an empty one without an argument) to the standard output. */
export const say = (line = '') => process.stdout.write(`${line}\n`);

/**
 * The integer in the environment variable name, or fallback when it is unset or empty; anything
 * else below least is an error that names the variable and what it held.
 */
export function integerSetting(name, fallback, least = 1) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < least) throw new Error(`${name} must be ${least === 1 ? 'a positive integer' : `an integer of at least ${least}`}, got "${raw}"`);
  return n;
}

/** The working tree's src/ (or a part of it) copied to dir/src, leaving out stray compiled files. */
function copySources(part, dir) {
  cpSync(path.join(root, part), path.join(dir, part), { recursive: true, filter: (source) => !/\.js(\.map)?$/.test(source) });
}

/**
 * Compiles the sources into a temporary directory (kenes-bench-<name>-…) that links to the
 * project's packages and data, removed when the process exits; returns it and load(module), which
 * imports a compiled module by its path under dist/ (e.g. 'core/db/connect.js'). The sources are
 * the working tree's src/, or with from=<commit> that commit's, overlaid with the working tree's
 * copies of the paths in overlay (comma-separated, e.g. src/features/plan) — a shared working tree
 * may hold someone's half-made change that does not compile (bench/plan.mjs passes BENCH_FROM and
 * BENCH_WITH). files, when given, compiles only those (and what they import) instead of all src/
 * but the tests.
 */
export function privateBuild({ name, files, from, overlay }) {
  const dir = mkdtempSync(path.join(tmpdir(), `kenes-bench-${name}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (const link of ['node_modules', 'locales', 'public', 'reference-data', 'package.json']) symlinkSync(path.join(root, link), path.join(dir, link));
  if (from) {
    execFileSync('sh', ['-c', 'git -C "$0" archive "$1" src | tar -x -C "$2"', root, from, dir], { stdio: 'inherit' });
    for (const part of (overlay ?? '').split(',').filter(Boolean)) copySources(part, dir);
  } else {
    copySources('src', dir);
  }
  const compilerOptions = { noEmit: false, rootDir: 'src', outDir: 'dist' };
  const config = files
    ? { extends: path.join(root, 'tsconfig.json'), compilerOptions, files, include: [] }
    : { extends: path.join(root, 'tsconfig.json'), compilerOptions, include: ['src'], exclude: ['src/**/*.test.ts', 'src/**/*.test.tsx'] };
  writeFileSync(path.join(dir, 'tsconfig.build.json'), JSON.stringify(config));
  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
  } catch {
    // Type errors still emit JavaScript; a file that is missing fails at its import.
    say('bench: the compiler reported errors (above); measuring what it emitted.');
  }
  return { dir, load: (module) => import(pathToFileURL(path.join(dir, 'dist', module)).href) };
}

/** A small deterministic generator (mulberry32): the same seed gives the same numbers in [0, 1) on every run. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The value at percentile p (0–100) of values sorted in ascending order (the nearest rank). */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** Calls fn warmUp times (not counted), then runs times, timing each; the milliseconds' p50, p95 and max. */
export async function timed(fn, runs, warmUp) {
  for (let i = 0; i < warmUp; i += 1) await fn();
  const times = [];
  for (let i = 0; i < runs; i += 1) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  const sorted = times.toSorted((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) };
}

/** The machine's load average over 1, 5 and 15 minutes, as printed beside the figures. */
export const loadAverage = () => loadavg().map((x) => x.toFixed(1)).join(' ');

/**
 * Times the pages of app (a Fastify application, requested in-process with app.inject), then
 * closes it: each page's first request must answer 200 (its size is kept), then five warm-up
 * requests are not counted and runs are timed. A row per page: its name as view, p50, p95, max, kb.
 */
export async function timePages(app, pages, runs) {
  await app.ready();
  try {
    const rows = [];
    for (const page of pages) {
      const get = () => app.inject({ method: 'GET', url: page.url, headers: page.headers });
      const first = await get();
      if (first.statusCode !== 200) throw new Error(`${page.url} answered ${first.statusCode}: ${first.body.slice(0, 300)}`);
      rows.push({ view: page.name, ...(await timed(get, runs, 5)), kb: first.rawPayload.length / 1024 });
    }
    return rows;
  } finally {
    await app.close();
  }
}

/** Runs use(database), then closes the database whatever happened. */
async function closing(database, use) {
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

/** Runs one statement on the PostgreSQL server at adminUrl, on a connection of its own. */
async function onServer(adminUrl, statement) {
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * A scratch database called name on the PostgreSQL server at adminUrl, made afresh (one of that
 * name left by an earlier run is dropped first): its url, and drop(), which drops it — or, with
 * keep (by default BENCH_KEEP=1), leaves it to study and says so.
 */
export async function scratchDatabase(adminUrl, name, { keep = process.env.BENCH_KEEP === '1' } = {}) {
  await onServer(adminUrl, `drop database if exists "${name}"`);
  await onServer(adminUrl, `create database "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (keep) say(`PostgreSQL: kept the scratch database ${name} (BENCH_KEEP=1).`);
      else await onServer(adminUrl, `drop database if exists "${name}" with (force)`);
    },
  };
}

/**
 * Runs measure(label, database) on the embedded database ('PGlite', unless BENCH_SKIP_PGLITE=1)
 * and then on a scratch PostgreSQL database called name, made on the server at adminUrl and
 * dropped afterwards ('PostgreSQL', unless postgres is false), each opened with openDatabase (the
 * private build's) and closed after; returns the rows of both, in that order. Without adminUrl
 * (BENCH_DATABASE_URL unset), says that PostgreSQL is skipped; so it does, with what the server
 * answered, when the scratch database cannot be made and skipUnreachable is set.
 */
export async function measureOnEachDatabase({ openDatabase, adminUrl, name, postgres = true, skipUnreachable = false }, measure) {
  const results = [];
  if (process.env.BENCH_SKIP_PGLITE !== '1') results.push(...(await closing(await openDatabase({}), (database) => measure('PGlite', database))));
  if (!postgres) return results;
  if (!adminUrl) {
    say('PostgreSQL: skipped (set BENCH_DATABASE_URL, e.g. postgres://root@127.0.0.1:5432/postgres).');
    return results;
  }
  let scratch;
  try {
    scratch = await scratchDatabase(adminUrl, name);
  } catch (error) {
    if (!skipUnreachable) throw error;
    say(`PostgreSQL: skipped (${adminUrl} answered: ${error instanceof Error ? error.message : String(error)}; set BENCH_DATABASE_URL).`);
    return results;
  }
  try {
    results.push(...(await closing(await openDatabase({ databaseUrl: scratch.url }), (database) => measure('PostgreSQL', database))));
  } finally {
    await scratch.drop();
  }
  return results;
}
