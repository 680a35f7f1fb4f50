// Runs and inspects migrations (Kysely's Migrator over the one ordered list in migrations/).
import { Migrator, type MigrationResult } from 'kysely/migration';
import type { Kysely } from 'kysely';
import { migrations } from './migrations/index.js';

function migratorFor(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  const { error, results } = await migratorFor(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return results ?? [];
}

/** Names of migrations the code knows but the database has not run. */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await migratorFor(db).getMigrations();
  return all.filter((m) => !m.executedAt).map((m) => m.name);
}

export const latestMigrationName = Object.keys(migrations).toSorted().at(-1)!;
