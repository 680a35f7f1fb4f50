import { describe, expect, it } from 'vitest';
import { rememberUpTo } from './memo.js';

describe('rememberUpTo', () => {
  it('makes an answer once per key and gives it back after', () => {
    const remember = rememberUpTo<string>(10);
    let made = 0;
    const upper = (word: string) => remember(word, () => (made++, word.toUpperCase()));
    expect([upper('a'), upper('b'), upper('a'), upper('a')]).toEqual(['A', 'B', 'A', 'A']);
    expect(made).toBe(2);
  });

  it('keeps no more than its limit: full, it forgets everything and makes answers again', () => {
    const remember = rememberUpTo<number>(3);
    let made = 0;
    const square = (n: number) => remember(String(n), () => (made++, n * n));
    for (const n of [1, 2, 3]) square(n);
    expect(made).toBe(3);
    expect(square(4)).toBe(16); // the fourth empties it
    expect(square(1)).toBe(1);
    expect(made).toBe(5);
  });

  it('keeps nothing when making the answer throws', () => {
    const remember = rememberUpTo<string>(3);
    expect(() => remember('bad', () => { throw new RangeError('invalid'); })).toThrow(RangeError);
    expect(remember('bad', () => 'made this time')).toBe('made this time');
  });
});
