import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { databaseUrlFor, withAdminClient } from '../../../test/support/template.js';
import { createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { loadConfig } from '../config.js';
import { openDatabase, type DatabaseHandle } from '../db/connect.js';
import { startJobs, type JobContext, type JobLogger, type Jobs } from './jobs.js';

/**
 * PGlite: a clone of the test template. PostgreSQL: a database of the queue's own (pg-boss connects
 * to it by URL), so its schema never meets the other test files'; dropped afterwards.
 */
async function openQueueDatabase(): Promise<{ database: DatabaseHandle; databaseUrl: string | undefined }> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) return { database: await createTestDatabase(), databaseUrl: undefined };
  const name = `kenes_jobs_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (c) => c.query(`create database "${name}"`));
  const databaseUrl = databaseUrlFor(baseUrl, name);
  const database = await openDatabase({ databaseUrl, poolMax: 2 });
  const close = database.close;
  return {
    databaseUrl,
    database: {
      ...database,
      close: async () => {
        await close();
        await withAdminClient(baseUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
      },
    },
  };
}

function captureLogger() {
  const entries: { level: string; obj: object; msg: string | undefined }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void entries.push({ level, obj, msg });
  const logger: JobLogger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, entries };
}

/** Resolves with the first value given to `settle`, or rejects after `ms`. */
function deferred<T>(ms = 20_000) {
  let settle!: (value: T) => void;
  const promise = new Promise<T>((resolve, reject) => {
    settle = resolve;
    setTimeout(() => reject(new Error(`nothing arrived in ${ms} ms`)), ms).unref();
  });
  return { promise, settle };
}

async function jobState(database: DatabaseHandle, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`select state from pgboss.job where id = ${id}`.execute(database.db);
  return rows[0]?.state;
}

async function waitForState(database: DatabaseHandle, id: string, state: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await jobState(database, id)) !== state) {
    if (Date.now() > deadline) throw new Error(`job ${id} is ${await jobState(database, id)}, not ${state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let database: DatabaseHandle;
let jobs: Jobs;
const log = captureLogger();

beforeAll(async () => {
  const opened = await openQueueDatabase();
  database = opened.database;
  // A short poll keeps the test quick; the product polls PGlite every 5 s.
  jobs = await startJobs({ database, config: { databaseUrl: opened.databaseUrl }, logger: log.logger, pollingIntervalSeconds: 0.5 });
});
afterAll(async () => {
  await jobs?.stop();
  await database?.close();
});

describe(`job queue (pg-boss on ${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('starts on the database and says so', () => {
    expect(log.entries.find((e) => e.msg === 'job queue started')?.obj).toMatchObject({ database: usingPostgres ? 'postgres' : 'pglite' });
  });

  it('works a job that was sent, with its data, and marks it completed', async () => {
    const received = deferred<{ data: { greeting: string; n: number }; job: JobContext }>();
    await jobs.work<{ greeting: string; n: number }>('test-echo', async (data, job) => received.settle({ data, job }));
    const id = await jobs.send('test-echo', { greeting: 'Сәлем', n: 7 });
    expect(id).toEqual(expect.any(String));

    const { data, job } = await received.promise;
    expect(data).toEqual({ greeting: 'Сәлем', n: 7 });
    expect(job).toMatchObject({ id, name: 'test-echo', retryCount: 0 });
    await waitForState(database, id!, 'completed');
    expect(log.entries.some((e) => e.msg === 'job done' && (e.obj as { jobId?: string }).jobId === id)).toBe(true);
  });

  it('retries a job whose handler throws, and logs the failure', async () => {
    const attempts: number[] = [];
    const succeeded = deferred<number>();
    await jobs.work('test-flaky', async (_data, job) => {
      attempts.push(job.retryCount);
      if (job.retryCount === 0) throw new Error('first attempt fails');
      succeeded.settle(job.retryCount);
    });
    const id = await jobs.send('test-flaky', {}, { retryLimit: 1 });
    expect(await succeeded.promise).toBe(1);
    expect(attempts).toEqual([0, 1]);
    await waitForState(database, id!, 'completed');
    expect(log.entries.find((e) => e.msg === 'job failed')?.obj).toMatchObject({ job: 'test-flaky', jobId: id, attempt: 1 });
  });

  it('keeps a schedule in the database, read in Kazakhstan’s zone unless told otherwise', async () => {
    await jobs.schedule('test-cron', '*/10 * * * *', { from: 'schedule' });
    await jobs.schedule('test-cron-utc', '0 3 * * *', undefined, { timeZone: 'UTC' });
    await jobs.schedule('test-cron', '*/15 * * * *', { from: 'schedule' }); // a second call updates it
    const { rows } = await sql<{ name: string; cron: string; timezone: string }>`
      select name, cron, timezone from pgboss.schedule where name like 'test-cron%' order by name`.execute(database.db);
    expect(rows).toEqual([
      { name: 'test-cron', cron: '*/15 * * * *', timezone: 'Asia/Almaty' },
      { name: 'test-cron-utc', cron: '0 3 * * *', timezone: 'UTC' },
    ]);
  });

  it('sends to a queue nobody works yet; the job waits for a worker', async () => {
    const id = await jobs.send('test-later', { n: 1 });
    expect(await jobState(database, id!)).toBe('created');
  });

  it('met no errors and no warnings from pg-boss', () => {
    expect(log.entries.filter((e) => e.msg === 'job queue error' || e.msg === 'job queue warning')).toEqual([]);
  });
});

describe('KENES_JOBS', () => {
  it('is on by default and turned off with off (or 0, false, no)', () => {
    expect(loadConfig({}).jobs).toBe(true);
    expect(loadConfig({ KENES_JOBS: 'on' }).jobs).toBe(true);
    for (const off of ['off', '0', 'false', 'no']) expect(loadConfig({ KENES_JOBS: off }).jobs).toBe(false);
    expect(() => loadConfig({ KENES_JOBS: 'maybe' })).toThrow(/KENES_JOBS/);
  });
});
