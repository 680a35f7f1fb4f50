// Starts the product: open (and create) the database, migrate, load reference data when it changed,
// make sure there is an administrator, listen, and shut down gracefully on SIGTERM/SIGINT.
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './core/config.js';
import { openDatabase, type DatabaseHandle } from './core/db/connect.js';
import { migrateToLatest } from './core/db/migrate.js';
import { ensureFirstAdministrator } from './core/auth/administrators.js';
import { seedReferenceDataIfChanged } from './features/registry/registry.seed.js';
import { seedCalendar } from './features/calendar/calendar.seed.js';
import { seedOutreachTopics } from './features/outreach/outreach.seed.js';
import { startJobs, type Jobs } from './core/jobs/jobs.js';
import { releaseStartUpMemory } from './core/start-up-memory.js';
import { registerMeetingReminders } from './features/meetings/reminders.js';
import { registerAgendaNotices } from './features/meetings/agenda-notices.js';
import { registerPlanReminders } from './features/plan/reminders.js';
import { registerSubscriptionMails } from './features/subscriptions/mailing.js';
import { registerLibraryReminders } from './features/library/reminders.js';
import { registerQuestionJobs } from './features/questions/deadlines.js';
import { registerDatabaseStatistics } from './core/db/statistics-job.js';
import { keepServingOnStrayErrors } from './core/process-guard.js';

export async function prepareDatabase(config: Config): Promise<DatabaseHandle> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: config.databasePoolMax, preparedStatements: config.databasePreparedStatements });
  try {
    await migrateToLatest(database.db);
    return database;
  } catch (err) {
    await database.close();
    throw err;
  }
}

// ── Background jobs: the pg-boss queue, started by `serve` only (KENES_JOBS=off: not at all), and
// every job and schedule the product runs, registered here and nowhere else. ──
async function startBackgroundJobs(config: Config, database: DatabaseHandle, app: FastifyInstance, baseUrl: string): Promise<Jobs> {
  const jobs = await startJobs({ database, config, logger: app.log });
  try {
    await registerMeetingReminders(jobs, { db: database.db, mailer: app.mailer, baseUrl, logger: app.log });
    await registerAgendaNotices(jobs, { db: database.db, mailer: app.mailer, baseUrl, logger: app.log });
    await registerPlanReminders(jobs, { db: database.db, mailer: app.mailer, baseUrl, logger: app.log });
    await registerSubscriptionMails(jobs, { db: database.db, mailer: app.mailer, baseUrl, logger: app.log });
    await registerLibraryReminders(jobs, { db: database.db, mailer: app.mailer, baseUrl, logger: app.log });
    await registerQuestionJobs(jobs, { db: database.db, mailer: app.mailer, baseUrl, logger: app.log });
    await registerDatabaseStatistics(jobs, database, app.log);
  } catch (err) {
    await jobs.stop();
    throw err;
  }
  return jobs;
}

export async function serve(config: Config): Promise<FastifyInstance> {
  const started = performance.now();
  const database = await prepareDatabase(config);
  const seeded = await seedReferenceDataIfChanged(database.db);
  await seedCalendar(database.db);
  await seedOutreachTopics(database.db);
  const admin = await ensureFirstAdministrator(database.db, config.adminEmail, config.adminPassword);
  const app = await buildApp({ config, database });
  keepServingOnStrayErrors(app.log);
  app.addHook('onClose', async () => database.close());
  // Jobs start after the server listens (the first page does not wait for them); a queue that fails
  // to start is logged, and the site keeps serving. onClose hooks run last-added first: the queue
  // stops before the mailer and the database close.
  let jobs: Promise<Jobs | undefined> = Promise.resolve(undefined);
  app.addHook('onClose', async () => (await jobs)?.stop());
  if (seeded) app.log.info(seeded, 'reference data loaded');

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      app.log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}/`;
  if (config.jobs) {
    const baseUrl = config.publicUrl?.replace(/\/+$/, '') ?? url.slice(0, -1);
    jobs = startBackgroundJobs(config, database, app, baseUrl).catch((err: unknown) => {
      app.log.error({ err }, 'the job queue could not start: meeting reminders, agenda notices and plan reminders will not be sent (KENES_JOBS=off turns the queue off)');
      return undefined;
    });
  }
  // The queue runs (or there is none): collect the start-up's garbage (the search catch-up, a few
  // seconds later, collects its own).
  void jobs.then(() => releaseStartUpMemory(app.log));
  const lines = [
    '',
    `Kenes is running at ${url}  (started in ${Math.round(performance.now() - started)} ms)`,
    `Database: ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${database.location}` : `PostgreSQL at ${database.location}`}`,
  ];
  if (admin?.generatedPassword) {
    lines.push(
      'First administrator account created:',
      `  email:    ${admin.email}`,
      `  password: ${admin.generatedPassword}`,
      '  (shown once; set KENES_ADMIN_PASSWORD before the first start to choose it)',
    );
  } else if (admin) {
    lines.push(`First administrator created: ${admin.email}, with the password from KENES_ADMIN_PASSWORD.`);
  } else {
    lines.push('Administrators: sign in with your account. To add one: npm run kenes -- admin create --email <address>');
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  return app;
}
