import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findMatchingRecoveryCode, generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes.js';

const FORMAT = /^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/;
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

describe('recovery codes', () => {
  it('generates ten distinct codes like k7m2-x9qd-4hpt by default', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(FORMAT);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('draws on the whole 32-letter alphabet (60 bits a code) and never repeats', () => {
    const codes = Array.from({ length: 100 }, () => generateRecoveryCodes()).flat();
    expect(new Set(codes).size).toBe(1000);
    const used = new Set(codes.join('').replaceAll('-', ''));
    expect([...used].toSorted().join('')).toBe('0123456789abcdefghjkmnpqrstvwxyz');
    expect(Math.log2(used.size) * 12).toBeGreaterThanOrEqual(60);
  });

  it('refuses silly counts', () => {
    for (const count of [0, -1, 1.5, 101, Number.NaN]) expect(() => generateRecoveryCodes(count), `count ${count}`).toThrow(RangeError);
  });

  it('normalises what people type', () => {
    for (const typed of ['k7m2-x9qd-4hpt', ' K7M2-X9QD-4HPT\n', 'k7m2x9qd4hpt', 'k7m2 x9qd 4hpt', 'K7M2 – X9QD — 4HPT', 'ｋ７ｍ２-ｘ９ｑｄ-４ｈｐｔ']) {
      expect(normaliseRecoveryCode(typed), `typed ${typed}`).toBe('k7m2-x9qd-4hpt');
    }
    // The letters left out of the alphabet read as the digits they look like.
    expect(normaliseRecoveryCode('ab0c-d1e1-fgh0')).toBe('ab0c-d1e1-fgh0');
    expect(normaliseRecoveryCode('abOc-dIeL-fghO')).toBe('ab0c-d1e1-fgh0');
    // What cannot be a code stays different from every code.
    expect(normaliseRecoveryCode('k7m2-x9qd')).not.toMatch(FORMAT);
    expect(normaliseRecoveryCode('k7m2-x9qd-4hpu')).not.toMatch(FORMAT);
  });

  it('hashes the normalised code with SHA-256', () => {
    const hash = hashRecoveryCode('k7m2-x9qd-4hpt');
    expect(hash).toBe(sha256('k7m2-x9qd-4hpt'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode('K7M2 X9QD 4HPT')).toBe(hash);
    expect(hashRecoveryCode('k7m2-x9qd-4hpv')).not.toBe(hash);
  });

  it('finds the code a user typed among the stored hashes', () => {
    const codes = generateRecoveryCodes();
    const hashes = codes.map(hashRecoveryCode);
    expect(findMatchingRecoveryCode(codes[3]!, hashes)).toBe(3);
    expect(findMatchingRecoveryCode(`  ${codes[7]!.toUpperCase().replaceAll('-', ' ')} `, hashes)).toBe(7);
    expect(findMatchingRecoveryCode(codes[0]!.replaceAll('-', ''), hashes)).toBe(0);
    expect(findMatchingRecoveryCode(codes[9]!, hashes.map((h) => h.toUpperCase()))).toBe(9);
  });

  it('finds nothing for a wrong, altered or empty code', () => {
    const codes = generateRecoveryCodes();
    const hashes = codes.map(hashRecoveryCode);
    const other = generateRecoveryCodes(1)[0]!;
    expect(findMatchingRecoveryCode(other, hashes)).toBe(-1);
    const altered = codes[2]!.slice(0, -1) + (codes[2]!.endsWith('z') ? 'y' : 'z');
    expect(findMatchingRecoveryCode(altered, hashes)).toBe(-1);
    expect(findMatchingRecoveryCode('', hashes)).toBe(-1);
    expect(findMatchingRecoveryCode(codes[0]!, [])).toBe(-1);
    // A hash is not a code, and a malformed stored value matches nothing.
    expect(findMatchingRecoveryCode(hashes[1]!, hashes)).toBe(-1);
    expect(findMatchingRecoveryCode(codes[1]!, ['', 'not-a-hash', codes[1]!, hashes[1]!])).toBe(3);
  });
});
