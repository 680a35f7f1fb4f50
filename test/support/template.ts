// Builds the migrated, seeded template every test database is cloned from (once per run).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../../src/core/db/connect.js';
import { migrateToLatest } from '../../src/core/db/migrate.js';
import { seedReferenceData } from '../../src/features/registry/registry.seed.js';
import { seedCalendar } from '../../src/features/calendar/calendar.seed.js';
import { seedOutreachTopics } from '../../src/features/outreach/outreach.seed.js';

/** Two dumps: an empty database (for migration and restore tests) and a migrated, seeded one. */
export async function buildPGliteTemplates(): Promise<{ empty: string; seeded: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kenes-test-'));
  const database = await openDatabase({});
  const dumpTo = async (name: string) => {
    const file = path.join(dir, name);
    const dump = await database.pglite!.dumpDataDir('gzip');
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    return file;
  };
  const empty = await dumpTo('empty.tar.gz');
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  await seedCalendar(database.db);
  await seedOutreachTopics(database.db);
  const seeded = await dumpTo('seeded.tar.gz');
  await database.close();
  return { empty, seeded };
}

/** The admin URL's database name swapped for another. */
export function databaseUrlFor(baseUrl: string, name: string): string {
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withAdminClient<T>(baseUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function buildPostgresTemplate(baseUrl: string, name: string): Promise<void> {
  await withAdminClient(baseUrl, async (c) => {
    await c.query(`drop database if exists "${name}"`);
    await c.query(`create database "${name}"`);
  });
  const database = await openDatabase({ databaseUrl: databaseUrlFor(baseUrl, name), poolMax: 2 });
  await migrateToLatest(database.db);
  await seedReferenceData(database.db);
  await seedCalendar(database.db);
  await seedOutreachTopics(database.db);
  await database.close();
}
