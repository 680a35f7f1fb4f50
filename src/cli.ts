// The `kenes` commands: serve | migrate | seed | backup <file> | restore <file> | admin create | stem.
import { parseArgs } from 'node:util';
import { byteChunks } from './core/byte-stream.js';
import { errorCode, errorMessage } from './core/error-code.js';
import { ConfigError, loadConfig, type Config } from './core/config.js';
import { createProgress } from './core/progress.js';
import { analyzeTables, migrateToLatest } from './core/db/migrate.js';
import { openDatabase } from './core/db/connect.js';
import { BackupError, restoreBackup, writeBackup } from './core/db/backup.js';
import { openFileStore } from './core/files.js';
import { DataDirInUseError } from './core/db/data-dir-lock.js';
import { AccountExistsError, createAdministrator } from './core/auth/administrators.js';
import { seedReferenceData } from './features/registry/registry.seed.js';
import { seedCalendar } from './features/calendar/calendar.seed.js';
import { seedOutreachTopics } from './features/outreach/outreach.seed.js';
import { seedDemoOutreach } from './features/outreach/demo-outreach.js';
import { seedDemoData } from './features/registry/demo-seed.js';
import { approveDemoMinutes, seedDemoMeeting } from './features/meetings/demo-meeting.js';
import { publishDemoPressRelease } from './features/news/demo-press-release.js';
import { seedDemoPlan } from './features/plan/demo-plan.js';
import { seedDemoQuestions } from './features/questions/demo-questions.js';
import { createCalendarService } from './features/calendar/calendar.service.js';
import { importUsage, runImportCommand } from './features/registry/import/import.cli.js';
import { runStemCommand, stemUsage } from './core/search/stem.cli.js';
import { rebuildSearchIndex, searchUsage } from './features/search/search.cli.js';
import { prepareDatabase, serve } from './server.js';

const usage = `Usage: kenes <command>

  serve                          start the web server (default)
  migrate                        bring the database schema up to date
  seed [--demo]                  load the reference data (adds what is missing; never overwrites);
                                 --demo also adds the Council record of 21 Oct 2020, its meeting and
                                 work plan, and generated, clearly marked demo deputies for every
                                 region-level maslikhat
  backup <file>                  write a logical backup (gzipped JSON lines)
  restore <file> [--replace]     restore a backup into an empty database (or replace one at the same level)
  admin create --email <e> [--password-stdin]
                                 create an administrator (a password is generated unless given on stdin)
${importUsage}
${stemUsage}
${searchUsage}

Environment: DATABASE_URL (PostgreSQL; default embedded in KENES_DATA_DIR=./data), PORT, HOST,
KENES_ADMIN_EMAIL, KENES_ADMIN_PASSWORD, LOG_LEVEL. See README.md.
`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of byteChunks(process.stdin)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8').trim();
}

async function withDatabase<T>(config: Config, fn: (db: Awaited<ReturnType<typeof prepareDatabase>>) => Promise<T>): Promise<T> {
  const database = await prepareDatabase(config);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function run(argv: string[]): Promise<number> {
  // stem needs no configuration and no database: it must not open the data directory or take its lock.
  if (argv[0] === 'stem') return runStemCommand(argv.slice(1));
  if (argv[0] === 'import') return runImportCommand(argv.slice(1), { config: loadConfig(), openDatabase: prepareDatabase, progress: createProgress() });
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      replace: { type: 'boolean' },
      demo: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command = 'serve', ...rest] = positionals;
  if (values.help || command === 'help') {
    process.stdout.write(usage);
    return 0;
  }
  const config = loadConfig();
  const progress = createProgress();

  switch (command) {
    case 'serve':
      await serve(config);
      return -1; // keep running
    case 'migrate': {
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const results = await migrateToLatest(database.db);
        process.stdout.write(results.length ? results.map((r) => `migrated: ${r.migrationName}`).join('\n') + '\n' : 'The database is up to date.\n');
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'seed':
      return withDatabase(config, async (database) => {
        const { db } = database;
        const report = await seedReferenceData(db, (step) => progress.step(`seeding ${step}`));
        progress.done(`Reference data: ${report.areasAdded} areas and ${report.organizationsAdded} organisations added (existing rows kept), ${report.populationRows} population figures checked.`);
        const calendar = await seedCalendar(db);
        progress.done(`Working-day calendar: ${calendar.yearsAdded} years and ${calendar.daysAdded} days added (existing rows kept).`);
        const outreach = await seedOutreachTopics(db);
        progress.done(`Outreach topics: ${outreach.topicsAdded} added (existing rows kept).`);
        if (values.demo) {
          const started = performance.now();
          const demo = await seedDemoData(db, progress);
          progress.done(
            `Demo data: ${demo.persons} generated deputies, ${demo.districts} districts and ${demo.commissions} commissions in ${demo.maslikhats} maslikhats (${demo.maslikhatsSkipped} already had demo data), ${demo.recordRowsAdded} rows of the 21 October 2020 record added, in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
          );
          const meeting = await seedDemoMeeting(db, progress);
          progress.done(meeting.added ? `The Council's meeting of 21 October 2020 recorded, with ${meeting.regions} regions by video.` : 'The meeting of 21 October 2020 was already recorded.');
          if (meeting.meetingId && (await approveDemoMinutes(database, config, meeting.meetingId))) progress.done('Its minutes approved: Kazakh and Russian DOCX and PDF, and the Akoma Ntoso record.');
          if (meeting.meetingId && (await publishDemoPressRelease(db, meeting.meetingId))) progress.done('Its press release published as news in Kazakh, Russian and English.');
          const plan = await seedDemoPlan(db, progress);
          if (plan.outcome === 'added') progress.done(`The perspective work plan of 21 October 2020 added: ${plan.items} items, ${plan.reports} reports from the regions in every state.`);
          else if (plan.outcome === 'present') progress.done('The perspective work plan of 21 October 2020 was already there.');
          else progress.done('The perspective work plan was not added: the meeting of 21 October 2020 has no plan decision recorded.');
          const outreachDemo = await seedDemoOutreach(db, progress);
          progress.done(outreachDemo.outcome === 'added' ? `Deputies' outreach in autumn 2020: ${outreachDemo.events - outreachDemo.planned} events in ${outreachDemo.regions} regions, and ${outreachDemo.planned} planned in the weeks ahead.` : 'The demo outreach events were already there.');
          const questionsDemo = await seedDemoQuestions(db, await createCalendarService(db).calendar());
          progress.done(questionsDemo.outcome === 'added' ? `Citizens' questions of autumn 2020: ${questionsDemo.questions}, in every state, in every region.` : 'The demo citizens\' questions were already there.');
        }
        await analyzeTables(db);
        return 0;
      });
    case 'backup': {
      const file = rest[0];
      if (!file) throw new UsageError('backup needs a file name: kenes backup <file>');
      return withDatabase(config, async (database) => {
        const store = openFileStore(database, config.dataDir);
        const header = await writeBackup(database.db, file, { files: store, progress });
        const rows = header.tables.reduce((n, t) => n + t.rows, 0);
        const files = header.files!;
        process.stdout.write(`Backup written to ${file}: ${header.tables.length} tables, ${rows} rows, at migration ${header.migration}. It carries ${files.count} stored files (${files.bytes} bytes); only its owner can read it, as it holds password hashes, TOTP secrets and personal data.\n`);
        if (files.missing.length) process.stderr.write(`Missing from ${store.location}, so not in the backup: ${files.missing.join(', ')}.\n`);
        return 0;
      });
    }
    case 'restore': {
      const file = rest[0];
      if (!file) throw new UsageError('restore needs a file name: kenes restore <file>');
      const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const { header, files, notes } = await restoreBackup(database.db, file, { files: openFileStore(database, config.dataDir), replace: values.replace ?? false, progress });
        const rows = header.tables.reduce((n, t) => n + t.rows, 0);
        process.stdout.write(`Restored ${rows} rows in ${header.tables.length} tables and ${files} files from ${file} (taken ${header.created_at}).\n`);
        for (const note of notes) process.stderr.write(`${note}\n`);
        await analyzeTables(database.db);
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'search':
      if (rest[0] !== 'reindex') throw new UsageError('Did you mean: kenes search reindex?');
      return withDatabase(config, async (database) => {
        const { documents, seconds } = await rebuildSearchIndex(config, database);
        process.stdout.write(`Search index rebuilt: ${documents} documents in ${seconds.toFixed(1)} s.\n`);
        return 0;
      });
    case 'admin': {
      if (rest[0] !== 'create') throw new UsageError('Did you mean: kenes admin create --email <email>?');
      const email = values.email ?? config.adminEmail;
      const password = values['password-stdin'] ? await readStdin() : undefined;
      return withDatabase(config, async ({ db }) => {
        const created = await createAdministrator(db, email, password);
        process.stdout.write(
          created.generatedPassword
            ? `Administrator ${created.email} created. Password (shown once): ${created.generatedPassword}\n`
            : `Administrator ${created.email} created.\n`,
        );
        return 0;
      });
    }
    default:
      throw new UsageError(`Unknown command "${command}".`);
  }
}

class UsageError extends Error {}

run(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`Kenes cannot start: the configuration has problems.\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`);
    } else if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${usage}`);
    } else if (err instanceof BackupError || err instanceof AccountExistsError || err instanceof DataDirInUseError) {
      process.stderr.write(`${err.message}\n`);
    } else if (errorCode(err) === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`${errorMessage(err)}\n\n${usage}`);
    } else {
      process.stderr.write(`${err instanceof Error && err.stack ? err.stack : String(err)}\n`);
    }
    process.exit(1);
  },
);
