// The first administrator: created at first start (or by `kenes admin create`), scoped to the home organisation.
import type { Db } from '../db/connect.js';
import { newId } from '../ids.js';
import { findAccountByEmail, homeOrganizationId, insertAccountWithGrant, countActiveGrants } from './account.repository.js';
import { generatePassword, hashPassword } from './passwords.js';

export class AccountExistsError extends Error {
  constructor(email: string) {
    super(`An account with the email ${email} already exists.`);
  }
}

export interface CreatedAdministrator {
  email: string;
  /** Set only when the password was generated here; show it once and never store it. */
  generatedPassword: string | undefined;
}

export async function createAdministrator(db: Db, email: string, password?: string): Promise<CreatedAdministrator> {
  if (password !== undefined && password.length < 12) throw new Error('The password must be at least 12 characters long.');
  if (await findAccountByEmail(db, email)) throw new AccountExistsError(email);
  const organizationId = await homeOrganizationId(db);
  if (!organizationId) throw new Error('The reference data is not loaded (no home organisation); run "kenes seed" first.');
  const generatedPassword = password === undefined ? generatePassword() : undefined;
  await insertAccountWithGrant(
    db,
    { id: newId(), email, display_name: 'Administrator', password_hash: await hashPassword(password ?? generatedPassword!) },
    { id: newId(), role: 'admin', organization_id: organizationId },
  );
  return { email, generatedPassword };
}

/** Creates the first administrator when there is none; returns undefined when one exists. */
export async function ensureFirstAdministrator(db: Db, email: string, password?: string): Promise<CreatedAdministrator | undefined> {
  if ((await countActiveGrants(db, 'admin')) > 0) return undefined;
  return createAdministrator(db, email, password);
}
