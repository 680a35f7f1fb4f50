// Rate limits for sign-in, password reset and public forms. Counters live in PostgreSQL (see
// rate-limit.repository.ts), so two app instances share them; exceeding a limit is a 429 that says
// when to retry.
import type { Db } from './db/connect.js';
import { RateLimitedError } from './errors.js';
import { deleteWindowsBefore, hit, unhit } from './rate-limit.repository.js';

export interface RateLimitRule {
  /** A name for the rule, part of the key (e.g. 'sign-in:ip'). */
  name: string;
  max: number;
  windowSeconds: number;
}

export const rateLimits = {
  // Per IP generous: a whole maslikhat office may sign in from one address at nine in the morning.
  signInPerIp: { name: 'sign-in:ip', max: 100, windowSeconds: 15 * 60 },
  // Per address *and* source IP, counting only attempts that do not succeed (a successful sign-in is
  // taken back, see CountedHit): an attacker at one IP runs out of attempts at that address without
  // shutting its owner out from another IP. The account's own growing waits and lock
  // (sign-in.service.ts) are the defence against guesses spread over many IPs.
  signInPerAccountAndIp: { name: 'sign-in:email-ip', max: 10, windowSeconds: 15 * 60 },
  secondFactorPerAccount: { name: 'second-factor:account', max: 10, windowSeconds: 15 * 60 },
  passwordResetPerIp: { name: 'reset:ip', max: 10, windowSeconds: 60 * 60 },
  passwordResetPerEmail: { name: 'reset:email', max: 3, windowSeconds: 60 * 60 },
  publicFormPerIp: { name: 'public-form:ip', max: 20, windowSeconds: 60 * 60 },
  // Citizens' questions: a few an hour from one address (a family or an office may share one).
  questionFormPerIp: { name: 'question-form:ip', max: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

let lastCleanup = 0;

/** A hit that has been counted, which can be taken back when the attempt turns out not to count. */
export interface CountedHit {
  release(): Promise<void>;
}

/** Counts a hit against the rule for the subject (an IP, an email); throws a 429 past the limit. */
export async function enforceRateLimit(db: Db, rule: RateLimitRule, subject: string, now: Date = new Date()): Promise<CountedHit> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const hits = await hit(db, key, windowStart);
  if (now.getTime() - lastCleanup > 10 * 60_000) {
    lastCleanup = now.getTime();
    await deleteWindowsBefore(db, new Date(now.getTime() - 24 * 3600_000));
  }
  if (hits > rule.max) {
    const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
    throw RateLimitedError(retryAfter);
  }
  // Counted first and taken back later, so concurrent attempts cannot all slip under the limit.
  return { release: () => unhit(db, key, windowStart) };
}
