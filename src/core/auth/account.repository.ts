// Accounts and their role grants.
import type { Db } from '../db/connect.js';
import type { Role } from '../db/database.js';

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
