// Runs and inspects migrations (Kysely's Migrator over the one ordered list in migrations/).
import { Migrator, type MigrationResult } from 'kysely/migration';
import { sql, type Kysely } from 'kysely';
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

/**
 * Gathers the planner's statistics of every table (ANALYZE), after a bulk load (seed, restore).
 * Until autovacuum gets round to it (a minute or more), PostgreSQL would plan on guesses; and a
 * prepared statement planned on guesses may be planned differently once they are known.
 */
export async function analyzeTables(db: Kysely<any>): Promise<void> {
  await sql`analyze`.execute(db);
}
