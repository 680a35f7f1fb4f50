// Accounts and grants as administrators manage them.
import { sql, type NotNull } from 'kysely';
import { coversDate, organizationNameAsOf } from '../../core/db/dated.js';
import type { Db } from '../../core/db/connect.js';
import type { MembershipRole, OrganizationClassification, Role } from '../../core/db/database.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export async function listPeople(db: Db) {
  const rows = await db
    .selectFrom('account as a')
    .select([
      'a.id',
      'a.email',
      'a.display_name as displayName',
      'a.is_active as isActive',
      'a.totp_enabled_at as totpEnabledAt',
      'a.last_sign_in_at as lastSignInAt',
      sql<boolean>`a.password_hash is null`.as('invited'),
      sql<Role[]>`array(select distinct g.role from role_grant g where g.account_id = a.id and g.revoked_at is null order by g.role)`.as('roles'),
    ])
    .orderBy(sql`lower(a.email)`)
    .execute();
  return rows.map(({ totpEnabledAt, ...person }) => ({ ...person, totpEnabled: totpEnabledAt !== null }));
}

export async function findPerson(db: Db, id: string) {
  return db
    .selectFrom('account')
    .select(['id', 'email', 'display_name as displayName', 'is_active as isActive', 'version', 'totp_enabled_at as totpEnabledAt', 'last_sign_in_at as lastSignInAt', 'password_hash as passwordHash', 'person_id as registryPersonId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listGrantsOf(db: Db, accountId: string) {
  return db
    .selectFrom('role_grant')
    .select(['id', 'role', 'organization_id as organizationId', 'valid_from as validFrom', 'valid_to as validTo', 'revoked_at as revokedAt', 'created_at as createdAt'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .execute();
}

export async function insertInvitedAccount(db: Db, account: { id: string; email: string; display_name: string; preferred_language: 'kk' | 'kk-latn' | 'ru' | 'en' }): Promise<void> {
  await db.insertInto('account').values({ ...account, password_hash: null }).execute();
}

export async function insertGrant(
  db: Db,
  grant: { id: string; account_id: string; role: Role; organization_id: string; created_by: string; valid_from?: string | null; valid_to?: string | null },
): Promise<void> {
  await db.insertInto('role_grant').values({ valid_from: null, valid_to: null, ...grant, revoked_at: null, revoked_by: null }).execute();
}

export async function revokeGrant(db: Db, accountId: string, grantId: string, by: string, now: Date) {
  return db
    .updateTable('role_grant')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', grantId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .returning(['id', 'role', 'organization_id as organizationId'])
    .executeTakeFirst();
}

/** Sets whether the account may sign in; false when the version changed meanwhile (someone else acted). */
export async function setActive(db: Db, accountId: string, active: boolean, expectedVersion: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('account')
    .set((eb) => ({ is_active: active, deactivated_at: active ? null : now, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', accountId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Organisations a grant can be scoped to: those existing today. */
export async function listGrantableOrganizations(db: Db, today: string) {
  const rows = await db
    .selectFrom('organization as o')
    .select(['o.id', 'o.slug', organizationNameAsOf('o.id', today).as('name')])
    .orderBy(sql`case o.classification when 'council' then 0 when 'chamber' then 1 when 'parliament' then 2 else 3 end`)
    .orderBy('o.slug')
    .execute();
  // Every organisation is created with a name; one without would be listed nameless rather than left out.
  return rows.map((o) => ({ ...o, name: o.name ?? {} }));
}

export async function countPendingInvitations(db: Db): Promise<number> {
  const row = await db
    .selectFrom('account')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('password_hash', 'is', null)
    .where('is_active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function securityState(db: Db, accountId: string) {
  const row = await db
    .selectFrom('account')
    .select((eb) => [
      'totp_enabled_at as totpEnabledAt',
      eb.selectFrom('recovery_code').select((e) => e.fn.countAll<number>().as('n')).whereRef('recovery_code.account_id', '=', 'account.id').where('recovery_code.used_at', 'is', null).as('unusedCodes'),
    ])
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row && { totpEnabled: row.totpEnabledAt !== null, unusedCodes: Number(row.unusedCodes ?? 0) };
}

// ── The registry person an account belongs to ──

export interface RegistryPersonRow {
  id: string;
  name: LocalizedText;
  isDemo: boolean;
  /** The account the person is linked to, if any. */
  accountId: string | null;
  accountEmail: string | null;
  accountName: string | null;
}

const registryPersonQuery = (db: Db) =>
  db
    .selectFrom('person as p')
    .leftJoin('account as a', 'a.person_id', 'p.id')
    .select(['p.id', 'p.name', 'p.is_demo as isDemo', 'a.id as accountId', 'a.email as accountEmail', 'a.display_name as accountName']);

export async function findRegistryPerson(db: Db, personId: string): Promise<RegistryPersonRow | undefined> {
  return registryPersonQuery(db).where('p.id', '=', personId).executeTakeFirst();
}

/**
 * Persons whose folded names resemble the folded query, best first: the public name search's match
 * (pg_trgm `<<%` on person.search_text, which holds every spelling of the name).
 */
export async function searchRegistryPersons(db: Db, folded: string, threshold: number, limit: number): Promise<RegistryPersonRow[]> {
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('pg_trgm.strict_word_similarity_threshold', ${String(threshold)}, true)`.execute(trx);
    return registryPersonQuery(trx)
      .where(sql<boolean>`${folded} <<% p.search_text`)
      .orderBy(sql`strict_word_similarity(${folded}, p.search_text)`, 'desc')
      .orderBy(sql`coalesce(p.name->>'kk', p.name->>'ru', p.name->>'en')`)
      .orderBy('p.id')
      .limit(limit)
      .execute();
  });
}

export interface RegistryPostRow {
  personId: string;
  role: MembershipRole;
  label: LocalizedText | null;
  organizationClassification: OrganizationClassification;
  organizationName: LocalizedText | null;
}

/** The persons' memberships valid on the date, the Council's first, each organisation named as of the date. */
export async function listCurrentPosts(db: Db, personIds: string[], date: string): Promise<RegistryPostRow[]> {
  if (!personIds.length) return [];
  return db
    .selectFrom('membership as m')
    .innerJoin('organization as o', 'o.id', 'm.organization_id')
    .select(['m.person_id as personId', 'm.role', 'm.label', 'o.classification as organizationClassification', organizationNameAsOf('m.organization_id', date).as('organizationName')])
    .where('m.person_id', 'in', personIds)
    .$narrowType<{ personId: NotNull }>()
    .where(coversDate('m.start_date', 'm.end_date', date))
    .orderBy(sql`o.classification = 'council'`, 'desc')
    .orderBy(sql`m.start_date desc nulls last`)
    .orderBy('m.id')
    .execute();
}

/** Links the account to a person (or unlinks it, with null); false when the version changed meanwhile. */
export async function setRegistryPerson(db: Db, accountId: string, personId: string | null, expectedVersion: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('account')
    .set((eb) => ({ person_id: personId, updated_at: now, version: eb('version', '+', 1) }))
    .where('id', '=', accountId)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
