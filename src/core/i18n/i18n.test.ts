import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { rootDir } from '../paths.js';
import { formatDate, formatDateTime, formatNumber, guessLanguage, localize, showRecorded, utcOffset } from './format.js';
import { negotiateLanguage } from './languages.js';
import { loadCatalogue, messageLanguages, translate } from './messages.js';
import { parseLetterTable, toKazakhLatin } from './transliterate.js';

function pluralBlocks(elements: MessageFormatElement[]): { options: string[] }[] {
  return elements.flatMap((el) => {
    if (el.type === TYPE.plural) return [{ options: Object.keys(el.options) }, ...Object.values(el.options).flatMap((o) => pluralBlocks(o.value))];
    if (el.type === TYPE.select) return Object.values(el.options).flatMap((o) => pluralBlocks(o.value));
    return [];
  });
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('messages', () => {
  const catalogues = Object.fromEntries(messageLanguages.map((l) => [l, loadCatalogue(l)]));
  const allKeys = [...new Set(messageLanguages.flatMap((l) => Object.keys(catalogues[l]!)))].toSorted();

  it.each(messageLanguages)('%s has every message, none empty', (lang) => {
    const missing = allKeys.filter((k) => !catalogues[lang]![k]?.trim());
    expect(missing).toEqual([]);
  });

  it.each(messageLanguages)('%s messages parse and their plurals cover the language\'s categories', (lang) => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    for (const [key, pattern] of Object.entries(catalogues[lang]!)) {
      const blocks = pluralBlocks(parse(pattern));
      for (const block of blocks) {
        expect(block.options, `${lang} ${key}`).toEqual(expect.arrayContaining(categories));
      }
    }
  });

  it('every message key the code names exists', () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(rootDir, 'src'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\b(?:t|translate\([^,]+,)\s*\(?\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(m[1]!);
      for (const m of text.matchAll(/(?:messageKey|key):\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((k) => !(k in catalogues.en!))).toEqual([]);
  });

  it('promises no section still to come: every text says what exists now', () => {
    const promises = { en: /\bwhen \w+ arrives?\b|\bwill (?:arrive|come)\b|coming soon/i, ru: /когда появится|появится раздел|скоро появится/i, kk: /іске қосылғанда|бөлімі пайда болғанда|жақында қосылады/i };
    const found = Object.entries(promises).flatMap(([lang, promise]) => Object.entries(catalogues[lang]!).filter(([, text]) => promise.test(text)).map(([key]) => `${lang} ${key}`));
    expect(found).toEqual([]);
  });

  it('formats plurals by each language\'s rules', () => {
    expect(translate('ru', 'maslikhats.countToday', { count: 21 })).toBe('Сегодня 21 маслихат.');
    expect(translate('ru', 'maslikhats.countToday', { count: 22 })).toBe('Сегодня 22 маслихата.');
    expect(translate('ru', 'maslikhats.countToday', { count: 20 })).toBe('Сегодня 20 маслихатов.');
    expect(translate('en', 'maslikhats.countToday', { count: 1 })).toBe('Today there is 1 maslikhat.');
    expect(translate('kk', 'maslikhats.countToday', { count: 20 })).toBe('Бүгін 20 мәслихат.');
  });

  it('derives Kazakh Latin messages from Kazakh, leaving arguments alone', () => {
    expect(translate('kk-latn', 'maslikhats.countToday', { count: 20 })).toBe('Bügın 20 mäslihat.');
    expect(translate('kk-latn', 'about.licence', { licence: 'CC BY 4.0' })).toBe('litsenziia: CC BY 4.0');
  });
});

describe('toKazakhLatin', () => {
  it('transliterates by the 2021 alphabet table', () => {
    expect(toKazakhLatin('Қазақстан Республикасы')).toBe('Qazaqstan Respublikasy');
    expect(toKazakhLatin('Әлихан Бөкейхан')).toBe('Älihan Bökeihan');
    expect(toKazakhLatin('Ұлытау, Өскемен, Үржар, Ғабит, Шаңырақ')).toBe('Ūlytau, Öskemen, Ürjar, Ğabit, Şañyraq');
    expect(toKazakhLatin('бір')).toBe('bır');
  });

  it('writes two-letter capitals in capitals inside capitalised words', () => {
    expect(toKazakhLatin('Цемент ЦЕНТР Щучинск')).toBe('Tsement TSENTR Şşutşinsk');
    expect(toKazakhLatin('ЮНЕСКО')).toBe('İUNESKO');
  });

  it('passes other text through and drops the hard and soft signs', () => {
    expect(toKazakhLatin('Kenes 2026 — «мәслихат»!')).toBe('Kenes 2026 — «mäslihat»!');
    expect(toKazakhLatin('съезд, пьеса')).toBe('sezd, pesa');
  });

  it('follows the letter table, so a letter is corrected in data, not code', () => {
    const csv = readFileSync(path.join(rootDir, 'reference-data/kk-cyrl-latn-2021.csv'), 'utf8').replace('Ң,ң,Ñ,ñ', 'Ң,ң,Ŋ,ŋ');
    expect(toKazakhLatin('Шаңырақ', parseLetterTable(csv))).toBe('Şaŋyraq');
  });
});

describe('showRecorded: text recorded in one language, on a page in another', () => {
  it('shows Kazakh in Latin on Kazakh Latin pages, tagged kk-Latn, and as recorded elsewhere', () => {
    expect(showRecorded('kk-latn', 'Жұмыс жалғасады', 'kk')).toEqual({ text: 'Jūmys jalğasady', tag: 'kk-Latn', foreign: false });
    expect(showRecorded('kk', 'Жұмыс жалғасады', 'kk')).toEqual({ text: 'Жұмыс жалғасады', tag: 'kk', foreign: false });
    expect(showRecorded('en', 'Жұмыс жалғасады', 'kk')).toEqual({ text: 'Жұмыс жалғасады', tag: 'kk', foreign: true });
  });

  it('leaves another language as it was said, marked with it', () => {
    expect(showRecorded('kk-latn', 'Работа будет продолжена', 'ru')).toEqual({ text: 'Работа будет продолжена', tag: 'ru', foreign: true });
    expect(showRecorded('ru', 'Работа будет продолжена', 'ru')).toEqual({ text: 'Работа будет продолжена', tag: 'ru', foreign: false });
  });

  it('recognises Kazakh typed without a language by its own letters; anything else stays as typed, unmarked', () => {
    expect(guessLanguage('Әлиев Н., хатшы')).toBe('kk');
    expect(guessLanguage('Иванов И. И., секретарь')).toBeNull();
    expect(showRecorded('kk-latn', 'Әлиев Н., хатшы')).toEqual({ text: 'Äliev N., hatşy', tag: 'kk-Latn', foreign: false });
    expect(showRecorded('kk-latn', 'Иванов И. И.')).toEqual({ text: 'Иванов И. И.', tag: 'kk-Latn', foreign: false });
  });
});

describe('language negotiation', () => {
  it('honours q-values and maps regional tags', () => {
    expect(negotiateLanguage('en-GB,en;q=0.9,ru;q=0.8')).toBe('en');
    expect(negotiateLanguage('de-DE, ru;q=0.5, kk;q=0.7')).toBe('kk');
    expect(negotiateLanguage('kk-Latn-KZ')).toBe('kk-latn');
    expect(negotiateLanguage('de, fr;q=0.8')).toBeUndefined();
    expect(negotiateLanguage('ru;q=0, en;q=0.1')).toBe('en');
    expect(negotiateLanguage(undefined)).toBeUndefined();
  });
});

describe('formatting', () => {
  it('shows an instant in the place\'s zone with its historic offset', () => {
    // Kazakhstan moved from UTC+6 to UTC+5 on 2024-03-01.
    expect(utcOffset(new Date('2020-10-21T10:00:00Z'), 'Asia/Almaty')).toBe('+06:00');
    expect(utcOffset(new Date('2024-06-01T10:00:00Z'), 'Asia/Almaty')).toBe('+05:00');
    expect(formatDateTime('en', new Date('2020-10-21T05:00:00Z'), 'Asia/Almaty')).toMatch(/11:00/);
    expect(formatDateTime('en', new Date('2026-10-21T05:00:00Z'), 'Asia/Almaty')).toMatch(/10:00/);
  });

  it('formats calendar dates without shifting the day, in each language', () => {
    expect(formatDate('ru', '2020-10-21')).toBe('21 октября 2020 г.');
    expect(formatDate('en', '2020-10-21')).toBe('21 October 2020');
    expect(formatDate('kk', '2020-10-21')).toBe('2020 жылғы 21 қазан');
    expect(formatDate('kk-latn', '2020-10-21')).toBe('2020 jylğy 21 qazan');
  });

  it('writes Kazakh dates in the official style in every date style, and English ones the British way', () => {
    expect(formatDate('kk', '2024-05-05', 'long')).toBe('2024 жылғы 5 мамыр');
    expect(formatDate('kk', '2024-05-05', 'medium')).toBe('2024 жылғы 5 мамыр');
    expect(formatDate('kk', '2024-05-05', 'short')).toBe('05.05.2024');
    expect(formatDate('kk-latn', '2024-05-05', 'short')).toBe('05.05.2024');
    expect(formatDate('ru', '2024-05-05', 'short')).toBe('05.05.2024');
    expect(formatDate('en', '2024-05-05', 'medium')).toBe('5 May 2024');
    expect(formatDate('en', '2024-05-05', 'short')).toBe('05/05/2024');
    expect(formatDateTime('kk', new Date('2020-10-21T05:00:00Z'), 'Asia/Almaty')).toBe('2020 жылғы 21 қазан, 11:00');
    expect(formatDateTime('kk-latn', new Date('2020-10-21T05:00:00Z'), 'Asia/Almaty')).toBe('2020 jylğy 21 qazan, 11:00');
    expect(formatDateTime('en', new Date('2020-10-21T05:00:00Z'), 'Asia/Almaty')).toBe('21 October 2020 at 11:00');
    for (const lang of ['kk', 'kk-latn'] as const) {
      for (const style of ['long', 'medium', 'short'] as const) expect(formatDate(lang, '2020-10-21', style)).not.toMatch(/ ж\.|\bj\./);
    }
  });

  it('gives each language, style and zone its own remembered date, and stays right once its memory was emptied', () => {
    const instant = new Date('2020-10-21T05:00:00Z');
    expect(formatDateTime('en', instant, 'Asia/Almaty')).toBe('21 October 2020 at 11:00');
    expect(formatDateTime('en', instant, 'Asia/Aqtobe')).toBe('21 October 2020 at 10:00');
    expect(formatDateTime('kk', instant, 'Asia/Almaty')).toBe('2020 жылғы 21 қазан, 11:00');
    expect(formatDateTime('kk-latn', instant, 'Asia/Almaty')).toBe('2020 jylğy 21 qazan, 11:00');
    expect(formatDate('kk', '2020-10-21', 'short')).toBe('21.10.2020');
    expect(formatDate('kk', '2020-10-21', 'long')).toBe('2020 жылғы 21 қазан');
    expect(utcOffset(instant, 'Asia/Aqtobe')).toBe('+05:00');
    // More distinct dates than it keeps (5,000): it is emptied and fills again with right answers.
    const day = (i: number) => new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10);
    for (let i = 0; i < 6_000; i++) formatDate('ru', day(i));
    expect(formatDate('ru', day(0))).toBe('1 января 2000 г.');
    expect(formatDate('ru', day(5_999))).toBe(formatDate('ru', '2016-06-04'));
    expect(formatDate('ru', '2016-06-04')).toBe('4 июня 2016 г.');
    expect(formatDateTime('kk', instant, 'Asia/Almaty')).toBe('2020 жылғы 21 қазан, 11:00');
    expect(() => formatDate('en', 'not a date')).toThrow(RangeError);
  });

  it('formats numbers by the language', () => {
    expect(formatNumber('ru', 1638233)).toBe('1\u00a0638\u00a0233');
    expect(formatNumber('en', 1638233)).toBe('1,638,233');
  });

  it('falls back through the languages and says so', () => {
    expect(localize('en', { kk: 'Кеңес', ru: 'Совет' })).toEqual({ text: 'Совет', tag: 'ru', fallback: true });
    expect(localize('kk-latn', { kk: 'Кеңес' })).toEqual({ text: 'Keñes', tag: 'kk-Latn', fallback: false });
    expect(localize('ru', { ru: 'Совет' })).toEqual({ text: 'Совет', tag: 'ru', fallback: false });
  });
});
