// Signing in with email and password: growing delays after failures, then a temporary lock.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import { findAccountForSignIn, findSignInThrottle, recordSuccessfulSignIn, reserveSignInAttempt } from '../../core/auth/account.repository.js';
import { requiresSecondFactor } from '../../core/auth/actor.js';
import { hashPassword, verifyPassword } from '../../core/auth/passwords.js';
import { findActiveGrants } from '../../core/auth/session.repository.js';
import type { Db } from '../../core/db/connect.js';
import { todayInKazakhstan } from '../../core/db/dated.js';

/** Failures allowed before any wait, the waits that follow (seconds), and the lock that ends them. */
export const signInThrottle = { freeAttempts: 3, delaysSeconds: [30, 60, 120, 240], lockMinutes: 15 } as const;

export type SignInResult =
  /** secondFactor: a code from the authenticator is asked next, or enrolling one (required for the person's roles), or nothing. */
  | { outcome: 'ok'; accountId: string; secondFactor: 'code' | 'enrol' | 'none' }
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

/** The failure that locks the account: the one after the last wait. */
const failuresToLock = signInThrottle.freeAttempts + signInThrottle.delaysSeconds.length;
const isLocked = (failures: number) => failures >= failuresToLock;

/** The wait each failure count leads to, from the 1st failure to the one that locks (the last applies beyond). */
function lockedUntilAfterEachFailure(now: Date): (Date | null)[] {
  return Array.from({ length: failuresToLock }, (_, i) => throttleAfter(i + 1, now).until);
}

/**
 * Takes one attempt from the account's allowance, atomically (see reserveSignInAttempt): the
 * failure count it will have if the password is wrong, or the running wait or lock that refuses it.
 */
async function reserveAttempt(db: Db, accountId: string, now: Date): Promise<{ failures: number; lockedUntil: Date | null } | { refused: 'wait' | 'locked'; until: Date }> {
  // A refusal re-reads the wait to tell until when; if a successful sign-in ended it in between, try again.
  for (let tries = 0; tries < 3; tries++) {
    const reserved = await reserveSignInAttempt(db, accountId, now, lockedUntilAfterEachFailure(now));
    if (reserved) return { failures: reserved.failedSignIns, lockedUntil: reserved.lockedUntil };
    const state = await findSignInThrottle(db, accountId);
    if (state?.lockedUntil && state.lockedUntil > now) return { refused: isLocked(state.failedSignIns) ? 'locked' : 'wait', until: state.lockedUntil };
  }
  return { refused: 'wait', until: now };
}

/**
 * Each attempt on a known, active account first reserves a place in the schedule (counted as a
 * failure in one UPDATE), and only then is the password checked; a right password resets the count.
 * So concurrent guesses, on one app instance or several, are checked no more often than one after
 * another: at most three before the first wait, one per wait after that, then the lock.
 */
export async function signInWithPassword(db: Db, email: string, password: string, context: ChangeContext, now: Date = new Date()): Promise<SignInResult> {
  const account = await findAccountForSignIn(db, email.trim());
  if (!account || !account.isActive || !account.passwordHash) {
    // Spend the same time as a real check, so response times do not tell which addresses exist.
    dummyHash ??= hashPassword('not-a-real-password-for-timing');
    await verifyPassword(await dummyHash, password);
    await recordChange(db, { ...context, actorLabel: email.trim().slice(0, 200) }, { entity: 'account', entityId: null, action: 'sign_in_failed', after: { reason: 'unknown_or_inactive' } });
    return { outcome: 'invalid', waitUntil: null };
  }
  const attempt = await reserveAttempt(db, account.id, now);
  if ('refused' in attempt) return attempt.refused === 'locked' ? { outcome: 'locked', until: attempt.until } : { outcome: 'wait', until: attempt.until };
  const previousFailures = attempt.failures - 1;
  const context2 = { ...context, actorAccountId: account.id, actorLabel: account.email };
  if (!(await verifyPassword(account.passwordHash, password))) {
    const locked = isLocked(attempt.failures);
    await recordChange(db, context2, {
      entity: 'account',
      entityId: account.id,
      action: locked ? 'locked' : 'sign_in_failed',
      before: { failed_sign_ins: previousFailures },
      after: { failed_sign_ins: attempt.failures, locked_until: attempt.lockedUntil?.toISOString() ?? null },
    });
    if (locked) return { outcome: 'locked', until: attempt.lockedUntil ?? now };
    return { outcome: 'invalid', waitUntil: attempt.lockedUntil };
  }
  await recordSuccessfulSignIn(db, account.id, now);
  await recordChange(db, context2, { entity: 'account', entityId: account.id, action: 'signed_in', before: previousFailures ? { failed_sign_ins: previousFailures } : null, after: { failed_sign_ins: 0 } });
  if (account.totpEnabledAt !== null) return { outcome: 'ok', accountId: account.id, secondFactor: 'code' };
  const grants = await findActiveGrants(db, account.id, todayInKazakhstan());
  return { outcome: 'ok', accountId: account.id, secondFactor: requiresSecondFactor(grants) ? 'enrol' : 'none' };
}
