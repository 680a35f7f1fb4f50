// Signing in with email and password: growing delays after failures, then a temporary lock.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import { findAccountForSignIn, recordFailedSignIn, recordSuccessfulSignIn } from '../../core/auth/account.repository.js';
import { hashPassword, verifyPassword } from '../../core/auth/passwords.js';
import type { Db } from '../../core/db/connect.js';

/** Failures allowed before any wait, the waits that follow (seconds), and the lock that ends them. */
export const signInThrottle = { freeAttempts: 3, delaysSeconds: [30, 60, 120, 240], lockMinutes: 15 } as const;

export type SignInResult =
  | { outcome: 'ok'; accountId: string; totpEnabled: boolean }
  | { outcome: 'invalid'; waitUntil: Date | null }
  | { outcome: 'locked'; until: Date }
  | { outcome: 'wait'; until: Date };

let dummyHash: Promise<string> | undefined;

/** Where a failure count leads: nothing yet, a wait, or the lock. */
export function throttleAfter(failures: number, now: Date): { kind: 'none' | 'wait' | 'locked'; until: Date | null } {
  if (failures < signInThrottle.freeAttempts) return { kind: 'none', until: null };
  const index = failures - signInThrottle.freeAttempts;
  const delay = signInThrottle.delaysSeconds[index];
  if (delay !== undefined) return { kind: 'wait', until: new Date(now.getTime() + delay * 1000) };
  return { kind: 'locked', until: new Date(now.getTime() + signInThrottle.lockMinutes * 60_000) };
}

export async function signInWithPassword(db: Db, email: string, password: string, context: ChangeContext, now: Date = new Date()): Promise<SignInResult> {
  const account = await findAccountForSignIn(db, email.trim());
  if (!account || !account.isActive || !account.passwordHash) {
    // Spend the same time as a real check, so response times do not tell which addresses exist.
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verifyPassword(await dummyHash, password);
    await recordChange(db, { ...context, actorLabel: email.trim().slice(0, 200) }, { entity: 'account', entityId: null, action: 'sign_in_failed', after: { reason: 'unknown_or_inactive' } });
    return { outcome: 'invalid', waitUntil: null };
  }
  if (account.lockedUntil && account.lockedUntil > now) {
    const locked = account.failedSignIns >= signInThrottle.freeAttempts + signInThrottle.delaysSeconds.length;
    return locked ? { outcome: 'locked', until: account.lockedUntil } : { outcome: 'wait', until: account.lockedUntil };
  }
  const context2 = { ...context, actorAccountId: account.id, actorLabel: account.email };
  if (!(await verifyPassword(account.passwordHash, password))) {
    const failures = account.failedSignIns + 1;
    const throttle = throttleAfter(failures, now);
    await recordFailedSignIn(db, account.id, failures, throttle.until);
    await recordChange(db, context2, {
      entity: 'account',
      entityId: account.id,
      action: throttle.kind === 'locked' ? 'locked' : 'sign_in_failed',
      before: { failed_sign_ins: account.failedSignIns },
      after: { failed_sign_ins: failures, locked_until: throttle.until?.toISOString() ?? null },
    });
    if (throttle.kind === 'locked') return { outcome: 'locked', until: throttle.until! };
    return { outcome: 'invalid', waitUntil: throttle.until };
  }
  await recordSuccessfulSignIn(db, account.id, now);
  await recordChange(db, context2, { entity: 'account', entityId: account.id, action: 'signed_in', before: account.failedSignIns ? { failed_sign_ins: account.failedSignIns } : null, after: { failed_sign_ins: 0 } });
  return { outcome: 'ok', accountId: account.id, totpEnabled: account.totpEnabledAt !== null };
}
