// Administrators invite people, grant and revoke roles, deactivate accounts, link an account to the
// registry person it belongs to; invitees accept by link.
import { randomBytes } from 'node:crypto';
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { AttentionItem, AttentionProvider } from '../../core/attention.js';
import { hasRole } from '../../core/auth/actor.js';
import { endAllSessionsOf, findAccountByEmail, setPassword } from '../../core/auth/account.repository.js';
import { findUsableToken, insertOneTimeToken, useToken } from './one-time-token.repository.js';
import { hashPassword } from '../../core/auth/passwords.js';
import { hashToken } from '../../core/auth/token-hash.js';
import type { Db } from '../../core/db/connect.js';
import type { Role } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { Mailer } from '../../core/mail/mailer.js';
import { foldForSearch } from '../../core/text/fold.js';
import * as repo from './people.repository.js';
import { errorCode } from '../../core/error-code.js';

export const invitationLifetimeDays = 7;
export const roles: readonly Role[] = ['admin', 'secretariat', 'council_member', 'maslikhat_staff', 'deputy', 'partner'];

export class EmailTakenError extends Error {}

/** The registry person chosen is already linked to another account (one account per person). */
export class RegistryPersonTakenError extends Error {
  constructor(
    readonly personName: LocalizedText,
    readonly account: { id: string; email: string; displayName: string },
  ) {
    super('registry person linked to another account');
  }
}

/** The registry person search: the public name search's trigram threshold, a shorter list. */
export const registryPersonMatchThreshold = 0.5;
export const registryPersonResultLimit = 20;
export const registryPersonQueryMaxLength = 100;

export type RegistryPersonMatch = repo.RegistryPersonRow & { posts: repo.RegistryPostRow[] };

const isUniqueViolation = (err: unknown) => errorCode(err) === '23505';

export function createPeopleService(db: Db, mailer: Mailer) {
  return {
    listPeople: () => repo.listPeople(db),
    grantableOrganizations: () => repo.listGrantableOrganizations(db, todayInKazakhstan()),

    async person(id: string) {
      const person = await repo.findPerson(db, id);
      if (!person) throw NotFoundError();
      const [grants, registryPerson] = await Promise.all([repo.listGrantsOf(db, id), person.registryPersonId ? this.registryPerson(person.registryPersonId) : undefined]);
      return { ...person, grants, registryPerson: registryPerson ?? null };
    },

    /** A registry person with the posts they hold today. */
    async registryPerson(personId: string): Promise<RegistryPersonMatch | undefined> {
      const person = await repo.findRegistryPerson(db, personId);
      return person && { ...person, posts: await repo.listCurrentPosts(db, [personId], todayInKazakhstan()) };
    },

    /** Registry persons whose name resembles the query in any spelling, with today's posts; `limited` when more matched. */
    async searchRegistryPersons(query: string): Promise<{ matches: RegistryPersonMatch[]; limited: boolean }> {
      const folded = foldForSearch(query);
      if (folded.length < 2) return { matches: [], limited: false };
      const found = await repo.searchRegistryPersons(db, folded, registryPersonMatchThreshold, registryPersonResultLimit + 1);
      const shown = found.slice(0, registryPersonResultLimit);
      const posts = await repo.listCurrentPosts(
        db,
        shown.map((p) => p.id),
        todayInKazakhstan(),
      );
      return { matches: shown.map((p) => ({ ...p, posts: posts.filter((post) => post.personId === p.id) })), limited: found.length > registryPersonResultLimit };
    },

    /**
     * Links the account to a registry person (replacing any earlier link). A person linked to another
     * account is refused (RegistryPersonTakenError); the version guards against two admins acting at once.
     */
    async linkRegistryPerson(accountId: string, personId: string, expectedVersion: number, context: ChangeContext) {
      const account = await this.person(accountId);
      const target = await repo.findRegistryPerson(db, personId);
      if (!target) throw NotFoundError();
      const takenBy = (p: repo.RegistryPersonRow) => new RegistryPersonTakenError(p.name, { id: p.accountId!, email: p.accountEmail!, displayName: p.accountName! });
      if (target.accountId === accountId) return;
      if (target.accountId) throw takenBy(target);
      try {
        await db.transaction().execute(async (trx) => {
          if (!(await repo.setRegistryPerson(trx, accountId, personId, expectedVersion, new Date()))) throw ConflictError();
          await recordChange(trx, context, { entity: 'account', entityId: accountId, action: 'person_linked', before: { person_id: account.registryPersonId }, after: { person_id: personId } });
        });
      } catch (err) {
        // Another administrator linked the same person to another account a moment earlier.
        if (!isUniqueViolation(err)) throw err;
        const holder = await repo.findRegistryPerson(db, personId);
        throw holder?.accountId ? takenBy(holder) : ConflictError();
      }
    },

    async unlinkRegistryPerson(accountId: string, expectedVersion: number, context: ChangeContext) {
      const account = await this.person(accountId);
      if (!account.registryPersonId) return;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.setRegistryPerson(trx, accountId, null, expectedVersion, new Date()))) throw ConflictError();
        await recordChange(trx, context, { entity: 'account', entityId: accountId, action: 'person_unlinked', before: { person_id: account.registryPersonId }, after: { person_id: null } });
      });
    },

    async invite(
      input: { email: string; displayName: string; role: Role; organizationId: string; lang: Language; baseUrl: string },
      context: ChangeContext & { actorAccountId: string },
    ): Promise<string> {
      if (await findAccountByEmail(db, input.email)) throw new EmailTakenError(input.email);
      const accountId = newId();
      const token = randomBytes(32).toString('base64url');
      const lang = input.lang;
      await db.transaction().execute(async (trx) => {
        await repo.insertInvitedAccount(trx, { id: accountId, email: input.email, display_name: input.displayName, preferred_language: lang });
        const grantId = newId();
        await repo.insertGrant(trx, { id: grantId, account_id: accountId, role: input.role, organization_id: input.organizationId, created_by: context.actorAccountId });
        await insertOneTimeToken(trx, {
          id: newId(),
          account_id: accountId,
          purpose: 'invitation',
          token_hash: hashToken(token),
          expires_at: new Date(Date.now() + invitationLifetimeDays * 24 * 3600_000),
          created_by: context.actorAccountId,
        });
        await recordChange(trx, context, { entity: 'account', entityId: accountId, action: 'invited', after: { email: input.email, display_name: input.displayName } });
        await recordChange(trx, context, { entity: 'role_grant', entityId: grantId, action: 'granted', after: { account_id: accountId, role: input.role, organization_id: input.organizationId } });
      });
      await mailer.send({
        to: input.email,
        subject: translate(lang, 'invitation.mailSubject'),
        text: translate(lang, 'invitation.mailBody', { name: input.displayName, link: `${input.baseUrl}/${lang}/invitation/${token}`, days: invitationLifetimeDays }),
      });
      return accountId;
    },

    /** Grants a role in an organisation, from and until the given days (inclusive; open when null). */
    async grant(
      accountId: string,
      grant: { role: Role; organizationId: string; validFrom: string | null; validTo: string | null },
      context: ChangeContext & { actorAccountId: string },
    ) {
      await this.person(accountId);
      const id = newId();
      const row = { role: grant.role, organization_id: grant.organizationId, valid_from: grant.validFrom, valid_to: grant.validTo };
      await db.transaction().execute(async (trx) => {
        await repo.insertGrant(trx, { id, account_id: accountId, created_by: context.actorAccountId, ...row });
        await recordChange(trx, context, { entity: 'role_grant', entityId: id, action: 'granted', after: { account_id: accountId, ...row } });
      });
    },

    async revoke(accountId: string, grantId: string, context: ChangeContext & { actorAccountId: string }) {
      const revoked = await repo.revokeGrant(db, accountId, grantId, context.actorAccountId, new Date());
      if (!revoked) throw NotFoundError();
      await recordChange(db, context, {
        entity: 'role_grant',
        entityId: grantId,
        action: 'revoked',
        before: { account_id: accountId, role: revoked.role, organization_id: revoked.organizationId, revoked: false },
        after: { revoked: true },
      });
    },

    /** Deactivating ends every session at once; the version guards against two admins acting at once. */
    async setActive(accountId: string, active: boolean, expectedVersion: number, context: ChangeContext) {
      const person = await this.person(accountId);
      const now = new Date();
      if (!(await repo.setActive(db, accountId, active, expectedVersion, now))) throw ConflictError();
      if (!active) await endAllSessionsOf(db, accountId, now);
      await recordChange(db, context, { entity: 'account', entityId: accountId, action: active ? 'reactivated' : 'deactivated', before: { is_active: person.isActive }, after: { is_active: active } });
    },

    findInvitation: (token: string) => findUsableToken(db, hashToken(token), 'invitation', new Date()),

    async acceptInvitation(tokenId: string, accountId: string, password: string, context: ChangeContext): Promise<boolean> {
      const now = new Date();
      if (!(await useToken(db, tokenId, now))) return false;
      await setPassword(db, accountId, await hashPassword(password), now);
      await recordChange(db, { ...context, actorAccountId: accountId }, { entity: 'account', entityId: accountId, action: 'invitation_accepted', after: { password_hash: 'set' } });
      return true;
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;

/** What the accounts capability asks a person to act on, shown on the office home. */
export function accountAttention(db: Db): AttentionProvider {
  return async (actor) => {
    const items: AttentionItem[] = [];
    const security = await repo.securityState(db, actor.accountId);
    if (security && !security.totpEnabled) items.push({ messageKey: 'attention.setUpTwoFactor', href: '/office/account/two-factor' });
    if (security?.totpEnabled && security.unusedCodes < 3) items.push({ messageKey: 'attention.fewRecoveryCodes', values: { count: security.unusedCodes }, href: '/office/account/two-factor' });
    if (hasRole(actor, 'admin')) {
      const pending = await repo.countPendingInvitations(db);
      if (pending > 0) items.push({ messageKey: 'attention.pendingInvitations', values: { count: pending }, href: '/office/admin/people' });
    }
    return items;
  };
}
