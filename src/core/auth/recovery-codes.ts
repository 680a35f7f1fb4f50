// One-time recovery codes for when the authenticator is lost: `k7m2-x9qd-4hpt`, 12 characters from
// Crockford's base32 alphabet in lower case (no i, l, o or u), so 60 random bits each. Only their
// SHA-256 is stored (recovery_code.code_hash): the codes are random and long, so a fast hash is
// enough — there is nothing to brute-force from a dictionary.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 symbols, so each random byte's low 5 bits pick one without bias. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const GROUPS = 3;
const GROUP_LENGTH = 4;
const LENGTH = GROUPS * GROUP_LENGTH;

function formatCode(compact: string): string {
  const groups: string[] = [];
  for (let i = 0; i < compact.length; i += GROUP_LENGTH) groups.push(compact.slice(i, i + GROUP_LENGTH));
  return groups.join('-');
}

function randomCode(): string {
  return formatCode(Array.from(randomBytes(LENGTH), (b) => ALPHABET[b & 31]).join(''));
}

/** `count` distinct fresh codes, formatted `xxxx-xxxx-xxxx`. Show them once; store their hashes. */
export function generateRecoveryCodes(count = 10): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 100) throw new RangeError(`recovery code count must be 1–100, not ${count}`);
  const codes = new Set<string>();
  while (codes.size < count) codes.add(randomCode());
  return [...codes];
}

/**
 * The canonical form of what a user typed: trimmed, lower case, spaces and dashes (of any kind)
 * dropped and the groups re-joined with `-`; the letters Crockford's alphabet leaves out are read
 * as the digits they resemble (o → 0, i and l → 1). Input that cannot be a code comes back compact
 * and lower-cased; it matches no stored hash.
 */
export function normaliseRecoveryCode(input: string): string {
  const compact = input
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s\-‐‑‒–—―−_.]+/g, '')
    .replace(/o/g, '0')
    .replace(/[il]/g, '1');
  return compact.length === LENGTH && [...compact].every((c) => ALPHABET.includes(c)) ? formatCode(compact) : compact;
}

/** SHA-256 (hex) of the normalised code: what recovery_code.code_hash holds. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code), 'utf8').digest('hex');
}

/**
 * The index in `storedHashes` of the code the user typed, or -1. Every stored hash is compared in
 * constant time, whatever matches.
 */
export function findMatchingRecoveryCode(input: string, storedHashes: readonly string[]): number {
  const given = createHash('sha256').update(normaliseRecoveryCode(input), 'utf8').digest();
  let found = -1;
  storedHashes.forEach((stored, index) => {
    const wellFormed = /^[0-9a-f]{64}$/i.test(stored);
    const equal = timingSafeEqual(given, wellFormed ? Buffer.from(stored, 'hex') : Buffer.alloc(given.length));
    if (equal && wellFormed && found === -1) found = index;
  });
  return found;
}
