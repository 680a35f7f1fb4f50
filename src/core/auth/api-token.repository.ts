// Personal API tokens as stored: only the SHA-256 of a token is kept, with its first characters
// (the prefix) so that people can tell their tokens apart.
import type { Db } from '../db/connect.js';
import type { Executor } from '../db/query.js';

export async function insertApiToken(
  db: Executor,
  row: { id: string; account_id: string; name: string; token_hash: string; token_prefix: string; expires_at: Date | null },
): Promise<void> {
  await db.insertInto('api_token').values(row).execute();
}

/** The account's tokens, newest first (never the hash). */
export async function listApiTokensOf(db: Db, accountId: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'token_prefix as prefix', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'expires_at as expiresAt', 'revoked_at as revokedAt'])
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** A usable token by its hash: not revoked, not expired, its account active. */
export async function findUsableApiToken(db: Db, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_token')
    .innerJoin('account', 'account.id', 'api_token.account_id')
    .select([
      'api_token.id as tokenId',
      'api_token.last_used_at as lastUsedAt',
      'account.id as accountId',
      'account.email',
      'account.display_name as displayName',
      'account.preferred_language as preferredLanguage',
    ])
    .where('api_token.token_hash', '=', tokenHash)
    .where('api_token.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_token.expires_at', 'is', null), eb('api_token.expires_at', '>', now)]))
    .where('account.is_active', '=', true)
    .executeTakeFirst();
}

/** Records the use, unless it was already recorded after `since` (so at most one write a minute). */
export async function touchApiToken(db: Db, tokenId: string, now: Date, since: Date): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: now })
    .where('id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<=', since)]))
    .execute();
}

/** One of the account's own tokens (another person's is simply not found). */
export async function findOwnApiToken(db: Executor, accountId: string, tokenId: string) {
  return db
    .selectFrom('api_token')
    .select(['id', 'name', 'token_prefix as prefix', 'expires_at as expiresAt', 'revoked_at as revokedAt'])
    .where('id', '=', tokenId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Revokes one of the account's tokens; false when it is not theirs or was already revoked. */
export async function revokeApiToken(db: Executor, accountId: string, tokenId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: now })
    .where('id', '=', tokenId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
