// Accounts and their role grants.
import { sql, type NotNull } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Role } from '../db/database.js';
import { coversDate } from '../db/dated.js';
import type { Executor } from '../db/query.js';
import type { Language } from '../i18n/languages.js';

export async function countActiveGrants(db: Db, role: Role): Promise<number> {
  const row = await db
    .selectFrom('role_grant')
    .innerJoin('account', 'account.id', 'role_grant.account_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role_grant.role', '=', role)
    .where('account.is_active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findAccountByEmail(db: Db, email: string) {
  return db
    .selectFrom('account')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

export async function insertAccountWithGrant(
  db: Db,
  account: { id: string; email: string; display_name: string; password_hash: string },
  grant: { id: string; role: Role; organization_id: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('account').values(account).execute();
    await trx.insertInto('role_grant').values({ ...grant, account_id: account.id, valid_from: null, valid_to: null }).execute();
  });
}

export async function homeOrganizationId(db: Db): Promise<string | undefined> {
  const setting = await db.selectFrom('setting').select('value').where('key', '=', 'home_organization').executeTakeFirst();
  const slug = typeof setting?.value === 'string' ? setting.value : undefined;
  if (!slug) return undefined;
  return (await db.selectFrom('organization').select('id').where('slug', '=', slug).executeTakeFirst())?.id;
}

export async function findAccountForSignIn(db: Db, email: string) {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'password_hash as passwordHash', 'is_active as isActive', 'failed_sign_ins as failedSignIns', 'locked_until as lockedUntil', 'totp_enabled_at as totpEnabledAt'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
}

/**
 * Reserves a sign-in attempt before its password is checked: in one statement, and only while no
 * wait or lock is running, counts it as a failure and sets the wait that count leads to
 * (`lockedUntilAfter[n - 1]` after n failures; the last entry for any count beyond the list).
 * Concurrent attempts each get their own count, so no more are checked than the schedule allows.
 * Undefined when a wait or lock is running: the attempt must not be checked.
 */
export async function reserveSignInAttempt(db: Db, accountId: string, now: Date, lockedUntilAfter: readonly (Date | null)[]) {
  const last = lockedUntilAfter.length - 1;
  const byCount = lockedUntilAfter.slice(0, last).map((until, i) => sql`when ${i + 1} then ${until}::timestamptz`);
  return db
    .updateTable('account')
    .set((eb) => ({
      failed_sign_ins: eb('failed_sign_ins', '+', 1),
      locked_until: sql<Date | null>`case failed_sign_ins + 1 ${sql.join(byCount, sql` `)} else ${lockedUntilAfter[last] ?? null}::timestamptz end`,
    }))
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .returning(['failed_sign_ins as failedSignIns', 'locked_until as lockedUntil'])
    .executeTakeFirst();
}

export async function findSignInThrottle(db: Db, accountId: string) {
  return db.selectFrom('account').select(['failed_sign_ins as failedSignIns', 'locked_until as lockedUntil']).where('id', '=', accountId).executeTakeFirst();
}

export async function recordSuccessfulSignIn(db: Db, accountId: string, now: Date): Promise<void> {
  await db.updateTable('account').set({ failed_sign_ins: 0, locked_until: null, last_sign_in_at: now }).where('id', '=', accountId).execute();
}

export async function findTotpState(db: Db, accountId: string) {
  return db.selectFrom('account').select(['totp_secret as totpSecret', 'totp_enabled_at as totpEnabledAt']).where('id', '=', accountId).executeTakeFirst();
}

export async function setPendingTotpSecret(db: Db, accountId: string, secret: string): Promise<void> {
  await db.updateTable('account').set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: null }).where('id', '=', accountId).execute();
}

export async function findTotpForVerification(db: Db, accountId: string) {
  return db
    .selectFrom('account')
    .select(['email', 'totp_secret as totpSecret', 'totp_enabled_at as totpEnabledAt', 'totp_last_step as totpLastStep'])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

export async function enableTotp(db: Db, accountId: string, step: number, recoveryCodeHashes: { id: string; hash: string }[], now: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('account').set({ totp_enabled_at: now, totp_last_step: step, updated_at: now }).where('id', '=', accountId).execute();
    await trx.deleteFrom('recovery_code').where('account_id', '=', accountId).execute();
    await trx.insertInto('recovery_code').values(recoveryCodeHashes.map((c) => ({ id: c.id, account_id: accountId, code_hash: c.hash }))).execute();
  });
}

/** Accepts a step only if it is newer than the last one used (a code cannot be replayed). */
export async function advanceTotpStep(db: Db, accountId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('account')
    .set({ totp_last_step: step })
    .where('id', '=', accountId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findUnusedRecoveryCodes(db: Db, accountId: string) {
  return db.selectFrom('recovery_code').select(['id', 'code_hash as codeHash']).where('account_id', '=', accountId).where('used_at', 'is', null).execute();
}

export async function useRecoveryCode(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('recovery_code').set({ used_at: now }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setPassword(db: Db, accountId: string, passwordHash: string, now: Date): Promise<void> {
  await db
    .updateTable('account')
    .set((eb) => ({ password_hash: passwordHash, password_changed_at: now, failed_sign_ins: 0, locked_until: null, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', accountId)
    .execute();
}

export async function endAllSessionsOf(db: Db, accountId: string, now: Date): Promise<void> {
  await db.updateTable('session').set({ ended_at: now }).where('account_id', '=', accountId).where('ended_at', 'is', null).execute();
}

/** An account mail goes to, in its own language. */
export interface AccountRecipient {
  accountId: string;
  email: string;
  displayName: string;
  language: Language;
}

/**
 * The active accounts that act for an organisation on `today`, each once, by address: a grant of one
 * of `roles` valid that day and not revoked, on the organisation or one above it (a grant covers its
 * organisation and everything under it, as a session's grants do); and the active accounts linked
 * to the registry people `alsoPeople` (a deputy, a chairman), whatever their grants.
 */
export async function listGrantHolders(db: Executor, organizationId: string, today: string, roles: readonly Role[], alsoPeople: readonly string[] = []): Promise<AccountRecipient[]> {
  const rows = await db
    .withRecursive('covered(organization_id)', (qb) =>
      qb
        .selectFrom('organization as o')
        .select('o.id as organization_id')
        .where('o.id', '=', organizationId)
        .union((eb) => eb.selectFrom('organization as o').innerJoin('covered as c', 'o.id', 'c.organization_id').select('o.parent_id as organization_id').where('o.parent_id', 'is not', null).$narrowType<{ organization_id: NotNull }>()),
    )
    .selectFrom('account as a')
    .select(['a.id', 'a.email', 'a.display_name', 'a.preferred_language'])
    .where('a.is_active', '=', true)
    .where((eb) =>
      eb.or([
        ...(alsoPeople.length ? [eb('a.person_id', 'in', alsoPeople)] : []),
        ...(roles.length
          ? [
              eb.exists(
                eb
                  .selectFrom('role_grant as g')
                  .select('g.id')
                  .whereRef('g.account_id', '=', 'a.id')
                  .where('g.role', 'in', roles)
                  .where('g.revoked_at', 'is', null)
                  .where(coversDate('g.valid_from', 'g.valid_to', today))
                  .where('g.organization_id', 'in', eb.selectFrom('covered').select('covered.organization_id')),
              ),
            ]
          : []),
      ]),
    )
    .orderBy('a.email')
    .execute();
  return rows.map((r) => ({ accountId: r.id, email: r.email, displayName: r.display_name, language: r.preferred_language }));
}
