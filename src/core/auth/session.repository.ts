// Sessions and the account data a request needs about its signed-in person.
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Role } from '../db/database.js';

export async function insertSession(
  db: Db,
  row: { id: string; token_hash: string; account_id: string; expires_at: Date; ip: string | null; user_agent: string | null; second_factor_at: Date | null },
): Promise<void> {
  await db.insertInto('session').values(row).execute();
}

export async function findLiveSessionByTokenHash(db: Db, tokenHash: string, idleSince: Date, now: Date) {
  return db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select([
      'session.id as sessionId',
      'session.last_seen_at as lastSeenAt',
      'session.second_factor_at as secondFactorAt',
      'account.id as accountId',
      'account.email',
      'account.display_name as displayName',
      'account.preferred_language as preferredLanguage',
      'account.totp_enabled_at as totpEnabledAt',
    ])
    .where('session.token_hash', '=', tokenHash)
    .where('session.ended_at', 'is', null)
    .where('session.expires_at', '>', now)
    .where('session.last_seen_at', '>', idleSince)
    .where('account.is_active', '=', true)
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function markSecondFactor(db: Db, sessionId: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ second_factor_at: now, last_seen_at: now }).where('id', '=', sessionId).execute();
}

export async function endSession(db: Db, sessionId: string, accountId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('session')
    .set({ ended_at: now })
    .where('id', '=', sessionId)
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function endAllSessions(db: Db, accountId: string, now: Date, exceptSessionId?: string): Promise<number> {
  let q = db.updateTable('session').set({ ended_at: now }).where('account_id', '=', accountId).where('ended_at', 'is', null);
  if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listActiveSessions(db: Db, accountId: string, idleSince: Date, now: Date) {
  return db
    .selectFrom('session')
    .select(['id', 'created_at as createdAt', 'last_seen_at as lastSeenAt', 'expires_at as expiresAt', 'ip', 'user_agent as userAgent'])
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .orderBy('last_seen_at', 'desc')
    .execute();
}

export interface GrantRow {
  id: string;
  role: Role;
  organizationId: string;
  organizationSlug: string;
  /** The organisation and every organisation under it (a region's maslikhat covers its districts'). */
  scope: string[];
}

/** Grants valid today, each with its scope expanded down the organisation tree. */
export async function findActiveGrants(db: Db, accountId: string, today: string): Promise<GrantRow[]> {
  const { rows } = await sql<GrantRow>`
    with recursive grants as (
      select g.id, g.role, g.organization_id, o.slug
      from role_grant g join organization o on o.id = g.organization_id
      where g.account_id = ${accountId} and g.revoked_at is null
        and (g.valid_from is null or g.valid_from <= ${today}::date)
        and (g.valid_to is null or g.valid_to >= ${today}::date)
    ), scope(grant_id, organization_id) as (
      select id, organization_id from grants
      union
      select s.grant_id, o.id from organization o join scope s on o.parent_id = s.organization_id
    )
    select g.id, g.role, g.organization_id as "organizationId", g.slug as "organizationSlug",
      array(select s.organization_id::text from scope s where s.grant_id = g.id) as scope
    from grants g order by g.role, g.slug`.execute(db);
  return rows;
}

export async function listAllActiveSessions(db: Db, idleSince: Date, now: Date) {
  return db
    .selectFrom('session')
    .innerJoin('account', 'account.id', 'session.account_id')
    .select(['session.id', 'account.id as accountId', 'account.email', 'session.created_at as createdAt', 'session.last_seen_at as lastSeenAt', 'session.ip', 'session.user_agent as userAgent'])
    .where('session.ended_at', 'is', null)
    .where('session.expires_at', '>', now)
    .where('session.last_seen_at', '>', idleSince)
    .orderBy('session.last_seen_at', 'desc')
    .limit(500)
    .execute();
}

export async function endSessionById(db: Db, sessionId: string, now: Date) {
  return db
    .updateTable('session')
    .set({ ended_at: now })
    .where('id', '=', sessionId)
    .where('ended_at', 'is', null)
    .returning(['id', 'account_id as accountId'])
    .executeTakeFirst();
}
