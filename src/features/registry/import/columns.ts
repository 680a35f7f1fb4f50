// The import template's columns: one deputy a row. Header names in Kazakh, Russian and English; a file
// may use any of them (the template comes with Kazakh or Russian headers) and the columns in any order.
import type { StoredLanguage } from '../../../core/i18n/localized-text.js';
import { headerMatcher } from '../../../core/spreadsheets/headers.js';

export const columnKeys = ['familyName', 'givenName', 'patronymic', 'birthDate', 'iin', 'maslikhat', 'district', 'party', 'startDate'] as const;
export type ColumnKey = (typeof columnKeys)[number];

export interface Column {
  key: ColumnKey;
  header: Record<StoredLanguage, string>;
  /** Other spellings people write in the header cell (lowercase). */
  aliases: string[];
  required: boolean;
  /** Width in the template, in characters. */
  width: number;
  /** Kept as text in the template (an IIN's leading zero; a date typed as text). */
  text?: boolean;
}

export const columns: readonly Column[] = [
  { key: 'familyName', header: { kk: 'Тегі', ru: 'Фамилия', en: 'Family name' }, aliases: ['surname', 'last name'], required: true, width: 20, text: true },
  { key: 'givenName', header: { kk: 'Аты', ru: 'Имя', en: 'Given name' }, aliases: ['first name', 'name'], required: true, width: 16, text: true },
  { key: 'patronymic', header: { kk: 'Әкесінің аты', ru: 'Отчество', en: 'Patronymic' }, aliases: ['әкесінің аты (бар болса)', 'отчество (при наличии)', 'middle name'], required: false, width: 20, text: true },
  { key: 'birthDate', header: { kk: 'Туған күні', ru: 'Дата рождения', en: 'Date of birth' }, aliases: ['туған күн', 'туылған күні', 'birth date', 'birthdate'], required: false, width: 14 },
  { key: 'iin', header: { kk: 'ЖСН', ru: 'ИИН', en: 'IIN' }, aliases: ['жеке сәйкестендіру нөмірі', 'индивидуальный идентификационный номер'], required: false, width: 16, text: true },
  {
    key: 'maslikhat',
    header: { kk: 'Аудандық немесе қалалық мәслихат', ru: 'Районный или городской маслихат', en: 'District or city maslikhat' },
    aliases: ['мәслихат', 'маслихат', 'maslikhat', 'аудан', 'район', 'district'],
    required: false,
    width: 34,
    text: true,
  },
  {
    key: 'district',
    header: { kk: 'Сайлау округінің нөмірі', ru: 'Номер избирательного округа', en: 'Electoral district number' },
    aliases: ['округ', 'округ нөмірі', 'сайлау округі', '№ округа', 'номер округа', 'избирательный округ', 'электоральный округ', 'electoral district'],
    required: false,
    width: 14,
  },
  { key: 'party', header: { kk: 'Партия', ru: 'Партия', en: 'Party' }, aliases: ['партиясы', 'партийность'], required: false, width: 22, text: true },
  {
    key: 'startDate',
    header: { kk: 'Өкілеттігінің басталған күні', ru: 'Дата начала полномочий', en: 'Start of the mandate' },
    aliases: ['өкілеттігі басталған күн', 'начало полномочий', 'start date'],
    required: false,
    width: 16,
  },
];

export const columnByKey = new Map(columns.map((c) => [c.key, c]));

/** A header cell as compared: lowercase, ё as е, without "*", "№", "(…)", punctuation and extra spaces. */
export function normalizeHeader(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[*№#:.,"«»“”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The column a header cell names, and the language of that name when it is one of ours. */
export const matchHeader = headerMatcher(columns, normalizeHeader);

export const columnHeader = (key: ColumnKey, language: StoredLanguage): string => columnByKey.get(key)!.header[language];
