import { describe, expect, it } from 'vitest';
import { checkNewPassword, isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy.js';
import { generatePassword } from './passwords.js';

describe('password policy: length', () => {
  it('needs 12 characters, counted as code points of the NFC form', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(checkNewPassword('Ұлытау-көлі')).toEqual(['too_short']); // 11
    expect(checkNewPassword('Ұлытау-көлім')).toEqual([]); // 12
    // 11 characters, but 14 UTF-16 units: the emoji are outside the BMP.
    expect('🔑🌙🦅-Tarbaga'.length).toBe(14);
    expect(checkNewPassword('🔑🌙🦅-Tarbaga')).toEqual(['too_short']);
    expect(checkNewPassword('🔑🌙🦅-Tarbagat')).toEqual([]);
    // 11 letters typed decomposed (й as и + combining breve) are still 11.
    const decomposed = 'Жайық-өзені'.normalize('NFD');
    expect([...decomposed].length).toBe(12);
    expect(checkNewPassword(decomposed)).toEqual(['too_short']);
    expect(checkNewPassword('Жайық-өзенім'.normalize('NFD'))).toEqual([]);
  });

  it('allows at most 256 characters', () => {
    const words = 'тау-өзен-дала-көл-орман-қала-ауыл-жол-';
    const long = words.repeat(8).slice(0, PASSWORD_MAX_LENGTH);
    expect([...long].length).toBe(256);
    expect(checkNewPassword(long)).toEqual([]);
    expect(checkNewPassword(`${long}ы`)).toEqual(['too_long']);
    expect(checkNewPassword('a'.repeat(100_000))).toEqual(['too_long']);
  });
});

describe('password policy: common passwords', () => {
  it('knows the list, in any case', () => {
    expect(isCommonPassword('password')).toBe(true);
    expect(isCommonPassword('PassWord')).toBe(true);
    expect(isCommonPassword('qwertyuiop')).toBe(true);
    expect(isCommonPassword('trustno1')).toBe(true);
    expect(isCommonPassword('Қазақстан-мәслихаты-2026')).toBe(false);
    expect(isCommonPassword('vq7-Jx2m-Pl0k')).toBe(false);
  });

  it('sees through trailing digits and punctuation', () => {
    expect(isCommonPassword('password123!')).toBe(true);
    expect(isCommonPassword('Dragon2026!!')).toBe(true);
    expect(isCommonPassword('sunshine 99')).toBe(true);
    // Only trailing decoration is stripped.
    expect(isCommonPassword('123!password')).toBe(false);
    expect(isCommonPassword('passwordpassword')).toBe(true); // itself on the list
    expect(isCommonPassword('password-tauy')).toBe(false);
  });

  it('reports a long-enough common password as common', () => {
    expect(checkNewPassword('password123!')).toEqual(['common']);
    expect(checkNewPassword('Qwertyuiop12')).toEqual(['common']);
    expect(checkNewPassword('ILoveYou2026!')).toEqual(['common']);
    expect(checkNewPassword('password')).toEqual(['too_short', 'common']);
  });
});

describe('password policy: personal details', () => {
  it('refuses the email local part (4 characters or more), in any case', () => {
    const email = 'aigul.nurlanqyzy@mail.kz';
    expect(checkNewPassword('Aigul.Nurlanqyzy-2026', { email })).toEqual(['contains_email']);
    expect(checkNewPassword('my-aigul.nurlanqyzy!', { email: 'AIGUL.NURLANQYZY@MAIL.KZ' })).toEqual(['contains_email']);
    expect(checkNewPassword('Aigul-Nurlanqyzy-2026', { email })).toEqual([]);
    expect(checkNewPassword('bota-tau-2026-kok', { email: 'bota@kenes.kz' })).toEqual(['contains_email']);
    expect(checkNewPassword('ivan-on-the-road', { email: 'ivan+kenes@mail.kz' })).toEqual(['contains_email']);
  });

  it('ignores a local part shorter than 4 characters', () => {
    expect(checkNewPassword('al-farabi-street-7', { email: 'al@kenes.kz' })).toEqual([]);
    expect(checkNewPassword('abc-sunny-steppe', { email: 'abc@kenes.kz' })).toEqual([]);
  });

  it('refuses a word of the display name', () => {
    expect(checkNewPassword('айгүл-жаз-таңы-2026', { displayName: 'Айгүл Нұрланқызы' })).toEqual(['contains_email']);
    expect(checkNewPassword('nurlanqyzy-sky-blue', { displayName: 'Aigul Nurlanqyzy' })).toEqual(['contains_email']);
    // Short name parts are too common in ordinary words to refuse.
    expect(checkNewPassword('ali-baba-köl-tauy', { displayName: 'Ali Oğuz' })).toEqual([]);
  });
});

describe('password policy: repetition and runs', () => {
  it('refuses one character repeated', () => {
    expect(checkNewPassword('zzzzzzzzzzzzzz')).toEqual(['repetitive']);
    expect(checkNewPassword('ҚҚҚҚҚҚҚҚҚҚҚҚ')).toEqual(['repetitive']);
    expect(checkNewPassword('!!!!!!!!!!!!!')).toEqual(['repetitive']);
  });

  it('refuses a short unit repeated', () => {
    expect(checkNewPassword('xyqxyqxyqxyq')).toEqual(['repetitive']);
    expect(checkNewPassword('тау-тау-тау-тау')).toEqual(['repetitive']);
  });

  it('refuses simple sequences, up or down, digits wrapping', () => {
    expect(checkNewPassword('123456789012')).toContain('repetitive');
    expect(checkNewPassword('567890123456')).toEqual(['repetitive']);
    expect(checkNewPassword('abcdefghijkl')).toEqual(['repetitive']);
    expect(checkNewPassword('ponmlkjihgfedc')).toEqual(['repetitive']);
    expect(checkNewPassword('абвгдежзийкл')).toEqual(['repetitive']);
    expect(checkNewPassword('3-4-5-6-7-8-9-0')).toEqual(['repetitive']);
  });

  it('does not mistake varied text for a run', () => {
    expect(checkNewPassword('abcdefghijkm')).toEqual([]);
    expect(checkNewPassword('135792468013')).toEqual([]);
  });
});

describe('password policy: good passwords', () => {
  it.each([
    'Қазақстан-мәслихаты-2026',
    'correct horse battery staple',
    'вечерний поезд на Алматы',
    'Kökşetau-tauy-biık',
    'xK9#mQ2$vL7!pR',
    'Tarbagatai 1998 autumn',
  ])('accepts %s', (password) => {
    expect(checkNewPassword(password, { email: 'aigul.nurlanqyzy@mail.kz', displayName: 'Айгүл Нұрланқызы' })).toEqual([]);
  });

  it('accepts the passwords Kenes generates', () => {
    for (let i = 0; i < 50; i++) expect(checkNewPassword(generatePassword(), { email: 'admin@kenes.local' })).toEqual([]);
  });
});
