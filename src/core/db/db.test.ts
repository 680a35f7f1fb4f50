import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmptyDatabase, createTestDatabase, usingPostgres } from '../../../test/support/test-db.js';
import { openFileStore } from '../files.js';
import { openDatabase, type DatabaseHandle } from './connect.js';
import { BackupError, restoreBackup, writeBackup } from './backup.js';
import { latestMigrationName, migrateToLatest, pendingMigrations } from './migrate.js';
import { pageWindow, paginate } from './query.js';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe(`database (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('returns int8 as number, numeric as string and date as YYYY-MM-DD', async () => {
    const { rows } = await sql<{ big: unknown; exact: unknown; day: unknown; count: unknown; at: unknown }>`
      select 9007199254740991::int8 as big, 12.50::numeric(10,2) as exact, '2020-10-21'::date as day,
             (select count(*) from area) as count, now() as at`.execute(database.db);
    expect(rows[0]).toMatchObject({ big: 9007199254740991, exact: '12.50', day: '2020-10-21', count: 20 });
    expect(rows[0]!.at).toBeInstanceOf(Date);
  });

  it('refuses an int8 beyond the safe integer range instead of rounding it', async () => {
    await expect(sql`select 9007199254740993::int8 as big`.execute(database.db)).rejects.toThrow(/safe integer/);
  });

  it('has the extensions the product uses (pg_trgm)', async () => {
    const { rows } = await sql<{ s: number }>`select similarity('Нұр-Сұлтан', 'Нур-Султан')::float8 as s`.execute(database.db);
    expect(rows[0]!.s).toBeGreaterThan(0.1);
  });

  it('paginates a query with the count of all its rows', async () => {
    const areas = database.db.selectFrom('area').select(['id', 'kato']).orderBy('kato');
    const all = await areas.execute();
    expect(all.length).toBeGreaterThan(7);
    const second = await paginate(areas, pageWindow(2, 7));
    expect(second).toMatchObject({ total: all.length, page: 2, pages: Math.ceil(all.length / 7) });
    expect(second.rows).toEqual(all.slice(7, 14));
    const beyond = await paginate(areas, pageWindow(99, 7));
    expect(beyond).toMatchObject({ rows: [], total: all.length, page: 99 });
  });

  it('has no pending migrations and migrating again changes nothing', async () => {
    expect(await pendingMigrations(database.db)).toEqual([]);
    expect(await migrateToLatest(database.db)).toEqual([]);
  });
});

describe('backup and restore', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kenes-backup-'));
  // The seeded test database names no stored files; the backup still needs a file store to read them from.
  const store = (handle: DatabaseHandle) => ({ files: openFileStore(handle, dir) });

  async function snapshot(db: DatabaseHandle['db']) {
    const { rows } = await sql<{ t: string; n: number; digest: string }>`
      select 'area' as t, count(*)::int as n, md5(string_agg(kato || name::text, ',' order by kato)) as digest
      from area join area_name on area_name.area_id = area.id
      union all select 'organization', count(*)::int, md5(string_agg(slug, ',' order by slug)) from organization
      union all select 'area_population', count(*)::int, md5(string_agg(population::text || on_date::text, ',' order by population, on_date)) from area_population`.execute(db);
    return rows;
  }

  it(`round-trips every row into an empty ${usingPostgres ? 'PostgreSQL' : 'PGlite'} database`, async () => {
    const file = path.join(dir, 'same.kenes.gz');
    const header = await writeBackup(database.db, file, store(database));
    expect(header).toMatchObject({ format: 'kenes-backup', version: 2, migration: latestMigrationName });
    const target = await createEmptyDatabase();
    try {
      await restoreBackup(target.db, file, store(target));
      expect(await snapshot(target.db)).toEqual(await snapshot(database.db));
      expect(await pendingMigrations(target.db)).toEqual([]);
    } finally {
      await target.close();
    }
  });

  it('restores a backup taken on one driver into the other', async () => {
    // Always crosses PGlite → (this run's driver) and back; on a PGlite-only run both ends are PGlite.
    const embedded = usingPostgres ? await openDatabase({}) : await createEmptyDatabase();
    const other = await createEmptyDatabase();
    try {
      const first = path.join(dir, 'from-test-db.kenes.gz');
      await writeBackup(database.db, first, store(database));
      await restoreBackup(embedded.db, first, store(embedded));
      const second = path.join(dir, 'from-embedded.kenes.gz');
      await writeBackup(embedded.db, second, store(embedded));
      await restoreBackup(other.db, second, store(other));
      expect(await snapshot(other.db)).toEqual(await snapshot(database.db));
    } finally {
      await embedded.close();
      await other.close();
    }
  });

  it('refuses to overwrite a database that holds data, and leaves it untouched', async () => {
    const file = path.join(dir, 'guard.kenes.gz');
    await writeBackup(database.db, file, store(database));
    const before = await snapshot(database.db);
    await expect(restoreBackup(database.db, file, store(database))).rejects.toThrow(BackupError);
    expect(await snapshot(database.db)).toEqual(before);
  });

  it('replaces the data when asked, in one transaction', async () => {
    const file = path.join(dir, 'replace.kenes.gz');
    await writeBackup(database.db, file, store(database));
    const before = await snapshot(database.db);
    await sql`delete from area_population`.execute(database.db);
    await restoreBackup(database.db, file, { ...store(database), replace: true });
    expect(await snapshot(database.db)).toEqual(before);
  });

  it('refuses a file that is not a backup', async () => {
    const target = await createEmptyDatabase();
    try {
      await expect(restoreBackup(target.db, path.join(import.meta.dirname, 'backup.ts'), store(target))).rejects.toThrow(BackupError);
    } finally {
      await target.close();
    }
  });
});
