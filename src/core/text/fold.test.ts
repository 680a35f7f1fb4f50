import { describe, expect, it } from 'vitest';
import { foldForSearch } from './fold.js';

describe('foldForSearch', () => {
  it('meets Kazakh and Russian Cyrillic, 2021 Latin and passport Latin spellings', () => {
    const forms = ['Мұқашев Төлеубек', 'Мукашев Толеубек', 'Muqaşev Töleubek', 'Mukashev Toleubek'];
    const folded = forms.map(foldForSearch);
    expect(new Set(folded).size).toBe(1);
    expect(folded[0]).toBe('mukashev toleubek');
  });

  it('folds the letters that differ between the alphabets', () => {
    expect(foldForSearch('Құлшар Мәлік')).toBe(foldForSearch('Kulshar Malik'));
    expect(foldForSearch('Шәкіров Асқар')).toBe(foldForSearch('Shakirov Askar'));
    expect(foldForSearch('Жанна')).toBe(foldForSearch('Janna'));
    expect(foldForSearch('Ақылбай  Серік!')).toBe('akylbai serik');
  });
});
