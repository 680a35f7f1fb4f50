// The nightly ANALYZE of the embedded database: registered (and scheduled) on PGlite only, and its
// handler leaves the tables analysed (a table never analysed has reltuples -1).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-db.js';
import type { JobHandler, Jobs } from '../jobs/jobs.js';
import type { DatabaseHandle } from './connect.js';
import { databaseStatisticsCron, databaseStatisticsJob, registerDatabaseStatistics } from './statistics-job.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

/** A job queue that only records what is registered with it. */
function recordingJobs() {
  const handlers = new Map<string, JobHandler<object>>();
  const schedules: [string, string][] = [];
  const jobs: Jobs = {
    send: async () => null,
    schedule: async (name, cron) => void schedules.push([name, cron]),
    work: async (name, handler) => void handlers.set(name, handler as JobHandler<object>),
    stop: async () => {},
  };
  return { jobs, handlers, schedules };
}
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('registerDatabaseStatistics', () => {
  it('schedules nothing on PostgreSQL, whose autovacuum analyses the tables', async () => {
    const { jobs, handlers, schedules } = recordingJobs();
    await registerDatabaseStatistics(jobs, { db: database.db, kind: 'postgres' }, quiet);
    expect({ handlers: handlers.size, schedules }).toEqual({ handlers: 0, schedules: [] });
  });

  it('on the embedded database, schedules a nightly job whose run analyses the tables', async () => {
    const { jobs, handlers, schedules } = recordingJobs();
    await registerDatabaseStatistics(jobs, { db: database.db, kind: 'pglite' }, quiet);
    expect(schedules).toEqual([[databaseStatisticsJob, databaseStatisticsCron]]);
    await sql`create table statistics_probe (n integer)`.execute(database.db);
    await sql`insert into statistics_probe select generate_series(1, 500)`.execute(database.db);
    const reltuples = async () => Number((await sql<{ reltuples: number }>`select reltuples from pg_class where relname = 'statistics_probe'`.execute(database.db)).rows[0]?.reltuples);
    expect(await reltuples()).toBe(-1);
    await handlers.get(databaseStatisticsJob)?.({}, { id: 'test', name: databaseStatisticsJob, retryCount: 0, signal: new AbortController().signal });
    expect(await reltuples()).toBe(500);
  });
});
