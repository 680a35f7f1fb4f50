import { describe, expect, it } from 'vitest';
import { previewText } from './preview.js';

const about =
  'Қазақстан Республикасы Парламенті Сенатының жанындағы консультативтік-кеңесші орган. Кеңес облыстардың, қалалар мен аудандардың сайланбалы жергілікті өкілді органдары — мәслихаттармен жұмыс істеді: барлық өңірлердің мәслихаттары бейнебайланыс арқылы қатысатын отырыстар өткізді.';

describe('previewText', () => {
  it('keeps a text that fits as it is, with its spaces collapsed', () => {
    expect(previewText('  A short\n text.  ', 'en')).toBe('A short text.');
  });

  it('keeps the whole sentences that fit in the limit', () => {
    expect(about.length).toBeGreaterThan(200);
    expect(previewText(about, 'kk')).toBe('Қазақстан Республикасы Парламенті Сенатының жанындағы консультативтік-кеңесші орган.');
    expect(previewText('One. Two. Three is longer than the rest.', 'en', 12)).toBe('One. Two.');
  });

  it('cuts a first sentence longer than the limit at a word, with an ellipsis', () => {
    const short = previewText(about, 'kk', 60);
    expect(short.length).toBeLessThanOrEqual(60);
    expect(short).toBe('Қазақстан Республикасы Парламенті Сенатының жанындағы…');
    expect(previewText('x'.repeat(300), 'en', 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('never cuts a character outside the BMP in half', () => {
    // Two letters, then emoji of two UTF-16 units each: a cut at 9 units would split the fourth.
    const short = previewText(`xx${'🙂'.repeat(100)}`, 'en', 10);
    expect(short).toBe(`xx${'🙂'.repeat(3)}…`);
    expect(short.isWellFormed()).toBe(true);
  });

  it('does not end a sentence at an abbreviation in Russian', () => {
    expect(previewText('Совет создан в 2007 г. при Сенате Парламента. Он работал с маслихатами всех областей страны.', 'ru', 60)).toBe('Совет создан в 2007 г. при Сенате Парламента.');
  });
});
