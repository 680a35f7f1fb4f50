// Crash safety: `kenes serve` killed with SIGKILL in the middle of a write load, then restarted on
// the same data, must still hold every write it acknowledged, with indexes that agree with their
// tables — on the embedded database and on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashToken } from '../src/core/auth/token-hash.js';
import { insertSession } from '../src/core/auth/session.repository.js';
import { openDatabase } from '../src/core/db/connect.js';
import { lockDataDir } from '../src/core/db/data-dir-lock.js';
import { migrateToLatest } from '../src/core/db/migrate.js';
import { newId } from '../src/core/ids.js';
import { seedReferenceData } from '../src/features/registry/registry.seed.js';
import { createAccount } from './support/factories.js';
import { ensureBuilt, killServer, startServer, stopServer, type KenesServer } from './support/kenes-process.js';
import { databaseUrlFor, withAdminClient } from './support/template.js';

const rounds = 3;
const workers = 4;
const work = mkdtempSync(path.join(os.tmpdir(), 'kenes-crash-'));
const servers: KenesServer[] = [];

beforeAll(() => ensureBuilt(), 120_000);

afterAll(() => {
  for (const server of servers) server.child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

/** Enough to read rows and run checks, on either engine, with the server stopped. */
interface Inspector {
  query<T>(text: string): Promise<T[]>;
  /** Whether bt_index_check is available (PostgreSQL's amcheck, or PGlite's build of it). */
  amcheck: boolean;
  close(): Promise<void>;
}

interface Engine {
  name: string;
  /** Environment for `kenes serve` besides the data directory. */
  env: Record<string, string>;
  inspect(): Promise<Inspector>;
  dispose(): Promise<void>;
}

function embedded(dataDir: string): Engine {
  return {
    name: 'PGlite',
    env: {},
    inspect: async () => {
      const lock = await lockDataDir(dataDir);
      const { PGlite } = await import('@electric-sql/pglite');
      const { amcheck } = await import('@electric-sql/pglite/contrib/amcheck');
      const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
      const db = await PGlite.create({ dataDir: path.join(dataDir, 'pglite'), extensions: { amcheck, pg_trgm } });
      await db.exec('create extension if not exists amcheck');
      return {
        query: async <T,>(text: string) => (await db.query<T>(text)).rows,
        amcheck: true,
        close: async () => {
          await db.close();
          lock.release();
        },
      };
    },
    dispose: async () => {},
  };
}

async function postgres(baseUrl: string): Promise<Engine> {
  const name = `kenes_crash_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (c) => c.query(`create database "${name}"`));
  const url = databaseUrlFor(baseUrl, name);
  return {
    name: 'PostgreSQL',
    env: { DATABASE_URL: url },
    inspect: async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      let amcheck = true;
      try {
        await client.query('create extension if not exists amcheck');
      } catch {
        amcheck = false; // not installed on this server: the count comparison still runs
      }
      return { query: async <T,>(text: string) => (await client.query(text)).rows as T[], amcheck, close: () => client.end() };
    },
    dispose: () => withAdminClient(baseUrl, (c) => c.query(`drop database if exists "${name}" with (force)`)).then(() => undefined),
  };
}

/** A migrated, seeded database with a secretariat clerk signed in (second factor done): the session token. */
async function prepare(dataDir: string, databaseUrl: string | undefined): Promise<string> {
  const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  try {
    await migrateToLatest(database.db);
    await seedReferenceData(database.db);
    const clerk = await createAccount(database.db, { grants: [{ role: 'secretariat', organizationSlug: 'council-senate' }] });
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await insertSession(database.db, {
      id: newId(),
      token_hash: hashToken(token),
      account_id: clerk.id,
      expires_at: new Date(now.getTime() + 3600_000),
      ip: null,
      user_agent: 'crash test',
      second_factor_at: now,
    });
    return token;
  } finally {
    await database.close();
  }
}

interface Acknowledged {
  id: string;
  title: string;
}

/**
 * Schedules meetings from several clients at once until the server dies. A write counts as
 * acknowledged only when its 303 (sent after the commit) has arrived; a request cut off by the kill
 * may or may not have committed, and is not counted either way.
 */
async function writeLoad(server: KenesServer, session: string, round: number): Promise<{ acknowledged: Acknowledged[]; unexpected: string[] }> {
  const csrf = randomBytes(32).toString('base64url');
  const acknowledged: Acknowledged[] = [];
  const unexpected: string[] = [];
  let seq = 0;
  const worker = async () => {
    while (server.child.exitCode === null && server.child.signalCode === null) {
      const title = `Crash round ${round} write ${++seq}`;
      const body = new URLSearchParams({ _csrf: csrf, kind: 'regular', number: '', date: '2030-01-15', time: '11:00', titleKk: title, titleRu: '', titleEn: '', placeKk: '', placeRu: '', format: 'in_person', videoUrl: '' });
      let res: Response;
      try {
        res = await fetch(`${server.url}/en/office/meetings/new`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie: `kenes_session=${session}; kenes_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
          body,
        });
      } catch {
        return; // the connection went with the process
      }
      const id = /\/office\/meetings\/([0-9a-f-]{36})$/.exec(res.headers.get('location') ?? '')?.[1];
      if (res.status === 303 && id) acknowledged.push({ id, title });
      else unexpected.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
    }
  };
  const load = Promise.all(Array.from({ length: workers }, worker));
  // Killed somewhere in the middle of the load, not at a predictable point.
  await new Promise((resolve) => setTimeout(resolve, 700 + Math.random() * 800));
  await killServer(server);
  await load;
  return { acknowledged, unexpected };
}

/** The meetings the office list shows, as the clerk would see them after the restart. */
async function listedMeetingIds(server: KenesServer, session: string): Promise<Set<string>> {
  const res = await fetch(`${server.url}/en/office/meetings`, { headers: { cookie: `kenes_session=${session}` } });
  expect(res.status).toBe(200);
  return new Set([...(await res.text()).matchAll(/\/en\/office\/meetings\/([0-9a-f-]{36})/g)].map((m) => m[1]!));
}

const tablesChecked = ['meeting', 'audit_event', 'session', 'account', 'rate_limit'];

/**
 * Plan-independent consistency: each table counted by a sequential scan and by an index-only scan
 * must agree, and (where amcheck exists) every B-tree index must be well-formed and hold every heap
 * tuple (heapallindexed).
 */
async function checkConsistency(db: Inspector): Promise<{ indexesChecked: number }> {
  const existing = new Set((await db.query<{ relname: string }>(`select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`)).map((r) => r.relname));
  for (const table of tablesChecked.filter((t) => existing.has(t))) {
    for (const setting of ['enable_indexscan = off', 'enable_bitmapscan = off', 'enable_indexonlyscan = off']) await db.query(`set ${setting}`);
    const [bySeq] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    await db.query('reset all');
    for (const setting of ['enable_seqscan = off', 'enable_bitmapscan = off']) await db.query(`set ${setting}`);
    const [byIndex] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    await db.query('reset all');
    expect({ table, count: byIndex!.n }).toEqual({ table, count: bySeq!.n });
  }
  if (!db.amcheck) return { indexesChecked: 0 };
  const indexes = await db.query<{ index: string }>(`
    select c.relname as index from pg_index i
    join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam
    where am.amname = 'btree' and c.relnamespace = 'public'::regnamespace and i.indisvalid`);
  for (const { index } of indexes) await db.query(`select bt_index_check('public.${index}'::regclass, true)`);
  return { indexesChecked: indexes.length };
}

const engines: { name: string; make: (dataDir: string) => Promise<Engine> }[] = [
  { name: 'PGlite', make: async (dataDir) => embedded(dataDir) },
  ...(process.env.TEST_DATABASE_URL ? [{ name: 'PostgreSQL', make: () => postgres(process.env.TEST_DATABASE_URL!) }] : []),
];

describe.each(engines)('kill -9 under a write load ($name)', ({ make }) => {
  it(`keeps every acknowledged write through ${rounds} kills, with consistent indexes`, async () => {
    const dataDir = path.join(work, randomBytes(4).toString('hex'));
    const engine = await make(dataDir);
    try {
      const session = await prepare(dataDir, engine.env.DATABASE_URL);
      const env = { ...engine.env, KENES_DATA_DIR: dataDir, KENES_JOBS: 'off', KENES_ADMIN_PASSWORD: 'crash-test-admin-pass' };
      const all: Acknowledged[] = [];
      const figures: string[] = [];
      let server = await startServer(env, { cwd: work });
      servers.push(server);
      for (let round = 1; round <= rounds; round++) {
        const started = performance.now();
        const { acknowledged, unexpected } = await writeLoad(server, session, round);
        expect(unexpected).toEqual([]);
        expect(acknowledged.length).toBeGreaterThan(0);
        all.push(...acknowledged);
        // The restart finds the lock of a dead process and takes it over; PostgreSQL replays its WAL.
        server = await startServer(env, { cwd: work });
        servers.push(server);
        const listed = await listedMeetingIds(server, session);
        expect(all.filter((a) => !listed.has(a.id))).toEqual([]);
        figures.push(`round ${round}: ${acknowledged.length} writes acknowledged, ${Math.round(performance.now() - started)} ms with the restart`);
      }
      expect(await stopServer(server)).toBe(0);

      const db = await engine.inspect();
      try {
        const meetings = new Map((await db.query<{ id: string; title: string }>(`select id, title->>'kk' as title from meeting`)).map((m) => [m.id, m.title]));
        const audited = new Set((await db.query<{ id: string }>(`select entity_id as id from audit_event where entity = 'meeting' and action = 'scheduled'`)).map((r) => r.id));
        expect(all.filter((a) => meetings.get(a.id) !== a.title)).toEqual([]);
        expect(all.filter((a) => !audited.has(a.id))).toEqual([]);
        const { indexesChecked } = await checkConsistency(db);
        figures.push(`${all.length} acknowledged in all, ${meetings.size} meetings stored; ${indexesChecked} B-tree indexes pass amcheck`);
      } finally {
        await db.close();
      }
      process.stdout.write(`crash suite (${engine.name}): ${figures.join('; ')}\n`);
    } finally {
      await engine.dispose();
    }
  }, 90_000);
});
