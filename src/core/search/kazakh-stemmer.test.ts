// The Kazakh stemmer against a hand-made word list, the search examples, and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toKazakhLatin } from '../i18n/transliterate.js';
import { kazakhSearchKey, kazakhSearchKeys, kazakhStem } from './kazakh-stemmer.js';
import { caseGroups, cases, spellingPairs } from './kazakh-stemmer.cases.js';

describe('kazakhStem on the word list', () => {
  it('has at least 300 forms', () => {
    expect(cases.length).toBeGreaterThanOrEqual(300);
  });

  it.each(caseGroups)('$name', (group) => {
    const wrong = cases
      .filter((c) => c.group === group.name)
      .map((c) => ({ form: c.form, expected: c.stem, got: kazakhStem(c.form) }))
      .filter((c) => c.got !== c.expected);
    expect(wrong).toEqual([]);
  });

  it('leaves every stem of the list as it is', () => {
    const stems = [...new Set(cases.map((c) => c.stem))];
    expect(stems.filter((stem) => kazakhStem(stem) !== stem)).toEqual([]);
  });

  it('keeps derived words apart from their roots', () => {
    const apart: [string, string][] = [
      ['заңгер', 'заң'],
      ['заңгерлерге', 'заң'],
      ['сайлаушы', 'сайлау'],
      ['басшылық', 'басшы'],
      ['басшы', 'бас'],
      ['мемлекеттік', 'мемлекет'],
      ['жұмыссыз', 'жұмыс'],
      ['хабардар', 'хабар'],
    ];
    expect(apart.filter(([derived, root]) => kazakhSearchKey(derived) === kazakhSearchKey(root))).toEqual([]);
  });
});

describe('kazakhSearchKey', () => {
  it('makes the issue’s examples meet', () => {
    expect(kazakhSearchKey('сайлаушылармен')).toBe(kazakhSearchKey('сайлаушылар'));
    expect(kazakhSearchKey('заңдарды')).toBe(kazakhSearchKey('заң'));
    expect(kazakhSearchKey('Qazaqstan')).toBe(kazakhSearchKey('Қазақстан'));
    expect(kazakhSearchKey('mäslihat')).toBe(kazakhSearchKey('мәслихат'));
    expect(kazakhSearchKey('маслихат')).toBe(kazakhSearchKey('мәслихат'));
    expect(kazakhSearchKey('Қазақстан')).toBe('kazakstan');
    expect(kazakhSearchKey('мәслихат')).toBe('maslihat');
  });

  it('meets Latin, passport and Russian-style spellings', () => {
    const apart = spellingPairs.filter(([typed, cyrillic]) => kazakhSearchKey(typed) !== kazakhSearchKey(cyrillic));
    expect(apart).toEqual([]);
  });

  it('gives every form of the list the same key in the 2021 Latin alphabet', () => {
    const apart = cases.map((c) => c.form).filter((form) => kazakhSearchKey(toKazakhLatin(form)) !== kazakhSearchKey(form));
    expect(apart).toEqual([]);
  });

  it('keys every word of a text', () => {
    expect(kazakhSearchKeys('Отырысқа қатысушылар сайлаушылармен жұмыс жүргізу қажеттігі туралы!')).toEqual([
      'otyrys', 'katysushy', 'sailaushy', 'zhumys', 'zhurgizu', 'kazhettik', 'turaly',
    ]);
    expect(kazakhSearchKeys('')).toEqual([]);
  });
});

describe('kazakhStem properties', () => {
  const kazakhLetters = [...'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя'];
  const kazakhWord = fc.array(fc.constantFrom(...kazakhLetters), { minLength: 1, maxLength: 16 }).map((letters) => letters.join(''));

  it('is never empty and never longer than a Cyrillic word', () => {
    fc.assert(
      fc.property(kazakhWord, (word) => {
        const stem = kazakhStem(word);
        expect(stem.length).toBeGreaterThan(0);
        expect(stem.length).toBeLessThanOrEqual(word.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps any non-empty word without spaces non-empty, whatever its letters', () => {
    const word = fc.string({ minLength: 1, maxLength: 20 }).filter((w) => w.trim() === w && !/\s/.test(w) && w.length > 0);
    fc.assert(
      fc.property(word, (w) => {
        expect(kazakhStem(w)).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });

  it('strips an ending only from a stem of two letters or more with a vowel', () => {
    fc.assert(
      fc.property(kazakhWord, (word) => {
        const stem = kazakhStem(word);
        // Devoicing (клуб → клуп) and a restored vowel (орны → орын) keep the length.
        expect(stem.length === word.length || (stem.length >= 2 && /[аәеоөұүыіэюяёиу]/.test(stem))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
