// Fixed-window hit counters in the database, so limits hold across app instances.
import { sql } from 'kysely';
import type { Db } from './db/connect.js';

/**
 * Adds a hit to the key's current window and returns the window's total, in one statement
 * (INSERT … ON CONFLICT DO UPDATE takes the row lock), so concurrent hits each see their own total.
 */
export async function hit(db: Db, key: string, windowStart: Date): Promise<number> {
  const row = await db
    .insertInto('rate_limit')
    .values({ key, window_start: windowStart, hits: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ hits: sql`rate_limit.hits + 1` }))
    .returning('hits')
    .executeTakeFirstOrThrow();
  return row.hits;
}

/** Takes a hit back (one that turned out not to count, such as a successful sign-in). */
export async function unhit(db: Db, key: string, windowStart: Date): Promise<void> {
  await db
    .updateTable('rate_limit')
    .set((eb) => ({ hits: eb('hits', '-', 1) }))
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('hits', '>', 0)
    .execute();
}

export async function deleteWindowsBefore(db: Db, before: Date): Promise<void> {
  await db.deleteFrom('rate_limit').where('window_start', '<', before).execute();
}
