// What a new password must satisfy (NIST SP 800-63B style): long enough, not absurdly long, not a
// known common password, not built from the account's own email or name, not one repeated character
// or an obvious run. No composition rules: a Kazakh or Russian passphrase is as good as any.
import { createRequire } from 'node:module';
import type * as LanguageCommon from '@zxcvbn-ts/language-common';

export type PasswordProblem = 'too_short' | 'too_long' | 'common' | 'contains_email' | 'repetitive';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

const require = createRequire(import.meta.url);
let commonPasswords: Set<string> | undefined;

/**
 * zxcvbn-ts's list of ~49,000 common passwords (already lower case), loaded on first use and kept:
 * nothing is read at start-up. Synchronous (require of the package's CommonJS build) so the check
 * stays synchronous.
 */
function commonPasswordSet(): Set<string> {
  if (!commonPasswords) {
    const { dictionary } = require('@zxcvbn-ts/language-common') as typeof LanguageCommon;
    commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return commonPasswords;
}

/** Trailing digits, punctuation, symbols and spaces: `password123!` → `password`. */
const TRAILING_DECORATION = /[\p{N}\p{P}\p{S}\s]+$/u;

/** Whether the password, or it without trailing digits/punctuation, is on the common-password list (any case). */
export function isCommonPassword(password: string): boolean {
  const set = commonPasswordSet();
  const lower = password.normalize('NFC').toLowerCase();
  if (set.has(lower)) return true;
  const stripped = lower.replace(TRAILING_DECORATION, '');
  return stripped.length > 0 && stripped !== lower && set.has(stripped);
}

const codePoints = (s: string): number[] => Array.from(s, (c) => c.codePointAt(0)!);
const isDigit = (cp: number): boolean => cp >= 0x30 && cp <= 0x39;

/** The whole string is one short unit (1–4 characters) over and over: `aaaaaaaaaaaa`, `abcabcabcabc`. */
function isRepetition(cps: number[]): boolean {
  for (let unit = 1; unit <= 4 && unit * 2 <= cps.length; unit++) {
    if (cps.every((cp, i) => cp === cps[i % unit])) return true;
  }
  return false;
}

/** The whole string runs up or down one step at a time (`abcdefghijkl`, `987654321098`); digits wrap 9 → 0. */
function isSequence(cps: number[]): boolean {
  if (cps.length < 3) return false;
  const next = (cp: number, step: number): number => (isDigit(cp) ? 0x30 + ((cp - 0x30 + step + 10) % 10) : cp + step);
  return [1, -1].some((step) => cps.every((cp, i) => i === 0 || cp === next(cps[i - 1]!, step)));
}

function isRepetitive(lower: string): boolean {
  const candidates = [lower];
  // Separators do not hide a run: `1-2-3-4-5-6-7-8`, `aaaa aaaa aaaa`.
  const bare = lower.replace(/[\s\p{P}\p{S}]+/gu, '');
  if (bare !== lower && [...bare].length >= 4) candidates.push(bare);
  return candidates.some((c) => {
    const cps = codePoints(c);
    return isRepetition(cps) || isSequence(cps);
  });
}

/** Parts of the account's identity that must not appear in its password (lower case, ≥ 4 characters). */
function personalFragments(email: string | undefined, displayName: string | undefined): string[] {
  const fragments: string[] = [];
  if (email) {
    const at = email.lastIndexOf('@');
    const local = (at === -1 ? email : email.slice(0, at)).normalize('NFC').toLowerCase();
    fragments.push(local);
    // ivan+kenes@… : the part before the sub-address tag too.
    const plus = local.indexOf('+');
    if (plus > 0) fragments.push(local.slice(0, plus));
  }
  if (displayName) {
    fragments.push(...displayName.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}]+/u));
  }
  return [...new Set(fragments)].filter((f) => [...f].length >= 4);
}

/**
 * The problems with a proposed new password; an empty array means it is acceptable. Lengths count
 * Unicode code points of the NFC form, so `қ` or `ә` is one character.
 * `contains_email` is also reported for a word (≥ 4 letters) of the display name: the message should
 * read "your email address or name".
 */
export function checkNewPassword(password: string, { email, displayName }: { email?: string; displayName?: string } = {}): PasswordProblem[] {
  const normalised = password.normalize('NFC');
  const length = [...normalised].length;
  if (length > PASSWORD_MAX_LENGTH) return ['too_long'];
  const lower = normalised.toLowerCase();
  const problems: PasswordProblem[] = [];
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (isCommonPassword(normalised)) problems.push('common');
  if (personalFragments(email, displayName).some((f) => lower.includes(f))) problems.push('contains_email');
  if (isRepetitive(lower)) problems.push('repetitive');
  return problems;
}
