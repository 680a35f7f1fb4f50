// A fresh, migrated, seeded database per call: PGlite cloned from the template dump, or (with
// TEST_DATABASE_URL) a PostgreSQL database created from the template database.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/core/db/connect.js';
import { databaseUrlFor, withAdminClient } from './template.js';

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

let templateBlob: Blob | undefined;
let emptyTemplateBlob: Blob | undefined;

export async function createTestDatabase(): Promise<DatabaseHandle> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    templateBlob ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openDatabase({ loadDataDir: templateBlob });
  }
  const name = `kenes_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const template = inject('postgresTemplate');
  await withAdminClient(baseUrl, (c) => c.query(`create database "${name}" template "${template}"`));
  const database = await openDatabase({ databaseUrl: databaseUrlFor(baseUrl, name), poolMax: 4 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await withAdminClient(baseUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

/**
 * On PostgreSQL, one fresh seeded database opened twice — as two app instances would share it
 * (each with its own pool and its own LISTEN connection). Undefined on PGlite (one process only).
 */
export async function createSharedTestDatabase(): Promise<[DatabaseHandle, DatabaseHandle] | undefined> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) return undefined;
  const name = `kenes_s_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (c) => c.query(`create database "${name}" template "${inject('postgresTemplate')}"`));
  const first = await openDatabase({ databaseUrl: databaseUrlFor(baseUrl, name), poolMax: 4 });
  const second = await openDatabase({ databaseUrl: databaseUrlFor(baseUrl, name), poolMax: 4 });
  let open = 2;
  const closing = (handle: DatabaseHandle): DatabaseHandle => ({
    ...handle,
    close: async () => {
      await handle.close();
      if (--open === 0) await withAdminClient(baseUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  });
  return [closing(first), closing(second)];
}

/** A database with no tables at all (for migration and restore tests). */
export async function createEmptyDatabase(): Promise<DatabaseHandle> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    emptyTemplateBlob ??= new Blob([readFileSync(inject('pgliteEmptyTemplate'))]);
    return openDatabase({ loadDataDir: emptyTemplateBlob });
  }
  const name = `kenes_e_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(baseUrl, (c) => c.query(`create database "${name}"`));
  const database = await openDatabase({ databaseUrl: databaseUrlFor(baseUrl, name), poolMax: 4 });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await withAdminClient(baseUrl, (c) => c.query(`drop database if exists "${name}" with (force)`));
    },
  };
}
