// One-time links (password reset, invitation): only the token's hash is stored.
import type { Db } from '../../core/db/connect.js';

type Purpose = 'password_reset' | 'invitation';

export async function insertOneTimeToken(
  db: Db,
  row: { id: string; account_id: string; purpose: Purpose; token_hash: string; expires_at: Date; created_by: string | null },
): Promise<void> {
  await db.insertInto('one_time_token').values(row).execute();
}

export async function expireUnusedTokens(db: Db, accountId: string, purpose: Purpose, now: Date): Promise<void> {
  await db
    .updateTable('one_time_token')
    .set({ expires_at: now })
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .execute();
}

export async function findUsableToken(db: Db, tokenHash: string, purpose: Purpose, now: Date) {
  return db
    .selectFrom('one_time_token')
    .innerJoin('account', 'account.id', 'one_time_token.account_id')
    .select(['one_time_token.id', 'one_time_token.account_id as accountId', 'account.email', 'account.display_name as displayName'])
    .where('one_time_token.token_hash', '=', tokenHash)
    .where('one_time_token.purpose', '=', purpose)
    .where('one_time_token.used_at', 'is', null)
    .where('one_time_token.expires_at', '>', now)
    .where('account.is_active', '=', true)
    .executeTakeFirst();
}

/** Marks the token used; false when someone else used it first (the link works once). */
export async function useToken(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('one_time_token').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
