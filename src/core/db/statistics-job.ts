// The embedded database's planner statistics, kept fresh by a nightly job. PGlite runs PostgreSQL
// without autovacuum, so nothing else ever analyses its tables after the seed: the planner would
// plan on the statistics of the day the data was loaded. PostgreSQL's own autovacuum does this for
// a server, so the job is registered on the embedded database only.
import type { Jobs, JobLogger } from '../jobs/jobs.js';
import type { DatabaseHandle } from './connect.js';
import { analyzeTables } from './migrate.js';

export const databaseStatisticsJob = 'database-statistics';
/** Every night at 03:40, Kazakhstan time (a quiet hour, clear of the other jobs' minutes). */
export const databaseStatisticsCron = '40 3 * * *';

/** Works the job and keeps its schedule, on the embedded database only (registered once, at start-up). */
export async function registerDatabaseStatistics(jobs: Jobs, database: Pick<DatabaseHandle, 'db' | 'kind'>, logger: JobLogger): Promise<void> {
  if (database.kind !== 'pglite') return;
  await jobs.work(databaseStatisticsJob, async () => {
    const started = performance.now();
    await analyzeTables(database.db);
    logger.info({ ms: Math.round(performance.now() - started) }, 'planner statistics gathered (ANALYZE)');
  });
  await jobs.schedule(databaseStatisticsJob, databaseStatisticsCron);
}
