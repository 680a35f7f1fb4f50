// The queries the admin pages need beyond the audit and mail repositories.
import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../core/db/connect.js';
import type { Database } from '../../core/db/database.js';

/** The account with this email address (compared case-insensitively, exact), or undefined. */
export async function findAccountIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('account')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.trim().toLowerCase()))
    .executeTakeFirst();
  return row?.id;
}

/**
 * Runs fn in one read-only, repeatable-read transaction: several reads (an export in batches) see
 * the same snapshot, so rows written meanwhile neither appear twice nor shift the batches.
 */
export async function inReadSnapshot<T>(db: Kysely<Database>, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn);
}
