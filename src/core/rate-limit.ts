// Rate limits for sign-in, password reset and public forms. Counters live in PostgreSQL (see
// rate-limit.repository.ts), so two app instances share them; exceeding a limit is a 429 that says
// when to retry.
import type { Db } from './db/connect.js';
import { RateLimitedError } from './errors.js';
import { deleteWindowsBefore, hit } from './rate-limit.repository.js';

export interface RateLimitRule {
  /** A name for the rule, part of the key (e.g. 'sign-in:ip'). */
  name: string;
  max: number;
  windowSeconds: number;
}

export const rateLimits = {
  // Per IP generous: a whole maslikhat office may sign in from one address at nine in the morning.
  signInPerIp: { name: 'sign-in:ip', max: 100, windowSeconds: 15 * 60 },
  signInPerAccount: { name: 'sign-in:email', max: 10, windowSeconds: 15 * 60 },
  secondFactorPerAccount: { name: 'second-factor:account', max: 10, windowSeconds: 15 * 60 },
  passwordResetPerIp: { name: 'reset:ip', max: 10, windowSeconds: 60 * 60 },
  passwordResetPerEmail: { name: 'reset:email', max: 3, windowSeconds: 60 * 60 },
  publicFormPerIp: { name: 'public-form:ip', max: 20, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

let lastCleanup = 0;

/** Counts a hit against the rule for the subject (an IP, an email); throws a 429 past the limit. */
export async function enforceRateLimit(db: Db, rule: RateLimitRule, subject: string, now: Date = new Date()): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const hits = await hit(db, `${rule.name}:${subject.toLowerCase()}`, windowStart);
  if (now.getTime() - lastCleanup > 10 * 60_000) {
    lastCleanup = now.getTime();
    await deleteWindowsBefore(db, new Date(now.getTime() - 24 * 3600_000));
  }
  if (hits > rule.max) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw RateLimitedError(retryAfter);
  }
}
