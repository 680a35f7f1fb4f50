// The second factor: enrolling an authenticator app (TOTP) with recovery codes, and checking a code
// at sign-in. Required for admins and the secretariat; available to everyone.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { Db } from '../../core/db/connect.js';
import { newId } from '../../core/ids.js';
import * as accounts from '../../core/auth/account.repository.js';
import { findMatchingRecoveryCode, generateRecoveryCodes, hashRecoveryCode } from '../../core/auth/recovery-codes.js';
import { newTotpSecret, totpQrSvg, totpUri, verifyTotp } from '../../core/auth/totp.js';

const issuer = 'Kenes';

export interface Enrolment {
  secret: string;
  uri: string;
  qrSvg: string;
}

export async function twoFactorStatus(db: Db, accountId: string): Promise<{ enabled: boolean; unusedRecoveryCodes: number }> {
  const state = await accounts.findTotpForVerification(db, accountId);
  const unused = await accounts.findUnusedRecoveryCodes(db, accountId);
  return { enabled: !!state?.totpEnabledAt, unusedRecoveryCodes: unused.length };
}

/**
 * The secret being enrolled: kept while the person scans it, replaced only when they start over.
 * An account whose second factor is on is never touched here: replacing it needs restartEnrolment().
 */
export async function startEnrolment(db: Db, accountId: string): Promise<Enrolment> {
  const state = await accounts.findTotpForVerification(db, accountId);
  if (!state) throw new Error('account not found');
  if (state.totpEnabledAt) throw new Error('two-factor sign-in is already on; use restartEnrolment()');
  let secret = state.totpSecret;
  if (!secret) {
    secret = newTotpSecret();
    await accounts.setPendingTotpSecret(db, accountId, secret);
  }
  const uri = totpUri({ secret, accountLabel: state.email, issuer });
  return { secret, uri, qrSvg: await totpQrSvg(uri, { label: issuer }) };
}

/** Moving to a new device: a current code (or a recovery code) proves it is the person; then enrolment starts afresh. */
export async function restartEnrolment(db: Db, accountId: string, code: string, context: ChangeContext): Promise<boolean> {
  if (!(await verifySecondFactor(db, accountId, code, context))) return false;
  await accounts.setPendingTotpSecret(db, accountId, newTotpSecret());
  await recordChange(db, context, { entity: 'account', entityId: accountId, action: 'two_factor_restarted', before: { totp_enabled: true }, after: { totp_enabled: false } });
  return true;
}

/** Confirms the enrolment with a first code; returns the recovery codes to show once, or null for a wrong code. */
export async function confirmEnrolment(db: Db, accountId: string, code: string, context: ChangeContext): Promise<string[] | null> {
  const state = await accounts.findTotpForVerification(db, accountId);
  if (!state?.totpSecret || state.totpEnabledAt) return null;
  const result = verifyTotp(state.totpSecret, code);
  if (!result.ok) return null;
  const codes = generateRecoveryCodes();
  await accounts.enableTotp(db, accountId, result.step, codes.map((c) => ({ id: newId(), hash: hashRecoveryCode(c) })), new Date());
  await recordChange(db, context, { entity: 'account', entityId: accountId, action: 'two_factor_enabled', before: { totp_enabled: false }, after: { totp_enabled: true, recovery_codes: codes.length } });
  return codes;
}

/** Checks a sign-in code: a TOTP code (never the same one twice) or an unused recovery code. */
export async function verifySecondFactor(db: Db, accountId: string, input: string, context: ChangeContext): Promise<'totp' | 'recovery' | null> {
  const state = await accounts.findTotpForVerification(db, accountId);
  if (!state?.totpSecret || !state.totpEnabledAt) return null;
  const totp = verifyTotp(state.totpSecret, input, { lastUsedStep: state.totpLastStep });
  if (totp.ok && (await accounts.advanceTotpStep(db, accountId, totp.step))) return 'totp';
  const unused = await accounts.findUnusedRecoveryCodes(db, accountId);
  const index = findMatchingRecoveryCode(input, unused.map((c) => c.codeHash));
  if (index >= 0 && (await accounts.useRecoveryCode(db, unused[index]!.id, new Date()))) {
    await recordChange(db, context, { entity: 'account', entityId: accountId, action: 'recovery_code_used', after: { remaining: unused.length - 1 } });
    return 'recovery';
  }
  return null;
}
