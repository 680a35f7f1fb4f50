// Password reset by an emailed one-time link: expires in an hour, works once, and the request
// looks the same whether or not the address has an account.
import { randomBytes } from 'node:crypto';
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import type { FieldProblem } from '../../core/errors.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import { newId } from '../../core/ids.js';
import type { Mailer } from '../../core/mail/mailer.js';
import { endAllSessionsOf, findAccountForSignIn, setPassword } from '../../core/auth/account.repository.js';
import { expireUnusedTokens, findUsableToken, insertOneTimeToken, useToken } from './one-time-token.repository.js';
import { hashPassword } from '../../core/auth/passwords.js';
import { checkNewPassword, type PasswordProblem } from '../../core/auth/password-policy.js';
import { hashToken } from '../../core/auth/token-hash.js';

export const resetLinkLifetimeMinutes = 60;

const passwordMessages = {
  too_short: 'password.tooShort',
  too_long: 'password.tooLong',
  common: 'password.common',
  contains_email: 'password.containsPersonal',
  repetitive: 'password.repetitive',
} as const satisfies Record<PasswordProblem, string>;

/** Checks a new password and its confirmation; the problems name the form's fields. */
export function newPasswordProblems(password: string, confirmation: string, who: { email: string; displayName: string }): FieldProblem[] {
  if (!password) return [{ field: 'password', messageKey: 'password.missing' }];
  const problems: FieldProblem[] = checkNewPassword(password, who).map((p) => ({ field: 'password', messageKey: passwordMessages[p] }));
  if (problems.length) return problems.slice(0, 1);
  if (password !== confirmation) return [{ field: 'confirmation', messageKey: 'password.mismatch' }];
  return [];
}

export async function requestPasswordReset(
  db: Db,
  mailer: Mailer,
  input: { email: string; lang: Language; baseUrl: string },
  context: ChangeContext,
): Promise<void> {
  const account = await findAccountForSignIn(db, input.email.trim());
  if (!account || !account.isActive) return;
  const now = new Date();
  await expireUnusedTokens(db, account.id, 'password_reset', now);
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  await insertOneTimeToken(db, {
    id,
    account_id: account.id,
    purpose: 'password_reset',
    token_hash: hashToken(token),
    expires_at: new Date(now.getTime() + resetLinkLifetimeMinutes * 60_000),
    created_by: null,
  });
  const link = `${input.baseUrl}/${input.lang}/password-reset/${token}`;
  await mailer.send({
    to: account.email,
    subject: translate(input.lang, 'passwordReset.mailSubject'),
    text: translate(input.lang, 'passwordReset.mailBody', { link, minutes: resetLinkLifetimeMinutes }),
  });
  await recordChange(db, { ...context, actorAccountId: account.id, actorLabel: account.email }, { entity: 'one_time_token', entityId: id, action: 'password_reset_requested' });
}

export function findResetToken(db: Db, token: string) {
  return findUsableToken(db, hashToken(token), 'password_reset', new Date());
}

/** Sets the new password, uses the link up, and ends every session of the account. */
export async function completePasswordReset(db: Db, tokenId: string, accountId: string, password: string, context: ChangeContext): Promise<boolean> {
  const now = new Date();
  if (!(await useToken(db, tokenId, now))) return false;
  await setPassword(db, accountId, await hashPassword(password), now);
  await endAllSessionsOf(db, accountId, now);
  await recordChange(db, { ...context, actorAccountId: accountId }, { entity: 'account', entityId: accountId, action: 'password_reset', after: { password_hash: 'changed', sessions: 'ended' } });
  return true;
}
