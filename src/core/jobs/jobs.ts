// The job queue: pg-boss on the product's own database. On PostgreSQL it opens a small pool of its
// own from the connection string; on the embedded PGlite it shares the one connection through
// pg-boss's PGlite adapter, so it polls every few seconds and keeps its background passes rare.
// pg-boss is loaded when the queue starts (only `serve` starts it), so the other commands and the
// tests that build the app never load it.
import type { ConstructorOptions, PgBoss } from 'pg-boss';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/connect.js';
import { defaultTimeZone } from '../i18n/format.js';

type LogFn = (obj: object, msg?: string) => void;

/** What the queue needs of a logger (pino and Fastify's logger fit). */
export interface JobLogger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/** The job a handler is working on. */
export interface JobContext {
  id: string;
  name: string;
  /** 0 on the first attempt. */
  retryCount: number;
  /** Aborted when the job expires or the queue stops. */
  signal: AbortSignal;
}

export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export interface SendJobOptions {
  /** Not before this time (or this many seconds from now). */
  startAfter?: Date | number;
  /** At most one waiting job with this key. */
  singletonKey?: string;
  /** Attempts after the first (default 2). */
  retryLimit?: number;
}

export interface Jobs {
  /** Queues a job (its queue is created on first use). Resolves to the job's id, or null when a singleton already waits. */
  send(name: string, data?: object, options?: SendJobOptions): Promise<string | null>;
  /**
   * Sends a job to `name` on a cron schedule, read in Kazakhstan's zone unless `timeZone` is given.
   * Schedules live in the database: each occurrence is sent once, however many instances run.
   */
  schedule(name: string, cron: string, data?: object, options?: { timeZone?: string }): Promise<void>;
  /** Works `name`'s jobs in this process, one at a time; a handler that throws fails the attempt (retried later). */
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  /** Stops polling, lets running handlers finish (a few seconds at most), and closes pg-boss's own connections. */
  stop(): Promise<void>;
}

export interface StartJobsOptions {
  database: DatabaseHandle;
  /** On PostgreSQL, pg-boss connects with `databaseUrl`. */
  config: Pick<Config, 'databaseUrl'>;
  logger: JobLogger;
  /** pg-boss's own schema; default `pgboss`. */
  schema?: string;
  /** How often a worker looks for jobs: default 5 s on PGlite, 2 s on PostgreSQL. */
  pollingIntervalSeconds?: number;
}

/** pg-boss's own connections on PostgreSQL: one polls, one maintains, one spare. */
const postgresPoolSize = 3;
/** How long stop() lets a running handler finish; the server's shutdown gives up after 10 s. */
const stopTimeoutMs = 5_000;

/** The embedded database has one connection: background passes every minute or so, not every few seconds. */
const pgliteQuietOptions = {
  backend: 'pglite',
  cronWorkerIntervalSeconds: 30,
  cronMonitorIntervalSeconds: 30,
  flowIntervalSeconds: 60,
  superviseIntervalSeconds: 120,
  monitorIntervalSeconds: 120,
  queueCacheIntervalSeconds: 120,
  // One process owns the data directory: no instance registry to keep, and no autovacuum or
  // concurrent reindexing in single-user PostgreSQL to watch over.
  registerInstance: false,
  monitorVacuum: false,
  reindex: false,
} as const satisfies Partial<ConstructorOptions>;

export async function startJobs(options: StartJobsOptions): Promise<Jobs> {
  const { database, logger } = options;
  const { PgBoss, fromPglite } = await import('pg-boss');
  const common = { schema: options.schema ?? 'pgboss', openTelemetry: { enabled: false } } satisfies Partial<ConstructorOptions>;
  let boss: PgBoss;
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('The embedded database handle has no PGlite instance');
    boss = new PgBoss({ ...common, ...pgliteQuietOptions, db: fromPglite(database.pglite) });
  } else {
    if (!options.config.databaseUrl) throw new Error('The job queue on PostgreSQL needs DATABASE_URL');
    boss = new PgBoss({ ...common, connectionString: options.config.databaseUrl, max: postgresPoolSize });
  }
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? (database.kind === 'pglite' ? 5 : 2);

  // pg-boss reports its own failures (a poll that could not reach the database) as events; an
  // unheard 'error' event would end the process.
  boss.on('error', (err) => logger.error({ err }, 'job queue error'));
  boss.on('warning', (warning) => logger.warn({ warning: warning.message, data: warning.data }, 'job queue warning'));

  const startedAt = performance.now();
  await boss.start();
  logger.info({ database: database.kind, ms: Math.round(performance.now() - startedAt) }, 'job queue started');

  const queues = new Map<string, Promise<void>>();
  const ensureQueue = (name: string): Promise<void> => {
    let created = queues.get(name);
    if (!created) {
      created = boss.createQueue(name);
      created.catch(() => queues.delete(name));
      queues.set(name, created);
    }
    return created;
  };

  let stopping: Promise<void> | undefined;
  return {
    async send(name, data, sendOptions = {}) {
      await ensureQueue(name);
      return boss.send(name, data ?? {}, sendOptions);
    },
    async schedule(name, cron, data, scheduleOptions = {}) {
      await ensureQueue(name);
      await boss.schedule(name, cron, data ?? {}, { tz: scheduleOptions.timeZone ?? defaultTimeZone });
    },
    async work<T extends object>(name: string, handler: JobHandler<T>) {
      await ensureQueue(name);
      await boss.work<T>(name, { pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) {
          const started = performance.now();
          try {
            await handler(job.data, { id: job.id, name: job.name, retryCount: job.retryCount, signal: job.signal });
          } catch (err) {
            logger.warn({ err, job: job.name, jobId: job.id, attempt: job.retryCount + 1 }, 'job failed');
            throw err;
          }
          logger.info({ job: job.name, jobId: job.id, ms: Math.round(performance.now() - started) }, 'job done');
        }
      });
    },
    stop() {
      stopping ??= boss.stop({ graceful: true, timeout: stopTimeoutMs, close: true });
      return stopping;
    },
  };
}
