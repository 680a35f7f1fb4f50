// The outreach import's columns: one event a row. Header names in Kazakh, Russian or English, in any
// order, with a "*" allowed after a required one; the header row's language is the summaries'.
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import { headerMatcher } from '../../core/spreadsheets/headers.js';

export const outreachColumnKeys = [
  'kind',
  'date',
  'time',
  'endTime',
  'settlement',
  'address',
  'deputies',
  'topics',
  'tags',
  'audienceTotal',
  'audienceYouth',
  'audienceElderly',
  'audienceEntrepreneurs',
  'audienceWomen',
  'audienceOther',
  'summary',
  'public',
] as const;
export type OutreachColumnKey = (typeof outreachColumnKeys)[number];

export interface OutreachColumn {
  key: OutreachColumnKey;
  header: Record<StoredLanguage, string>;
  required: boolean;
  width: number;
}

export const outreachColumns: readonly OutreachColumn[] = [
  { key: 'kind', header: { kk: 'Іс-шара түрі', ru: 'Вид мероприятия', en: 'Kind' }, required: true, width: 24 },
  { key: 'date', header: { kk: 'Күні', ru: 'Дата', en: 'Date' }, required: true, width: 12 },
  { key: 'time', header: { kk: 'Басталу уақыты', ru: 'Время начала', en: 'Starts at' }, required: true, width: 10 },
  { key: 'endTime', header: { kk: 'Аяқталу уақыты', ru: 'Время окончания', en: 'Ends at' }, required: false, width: 10 },
  { key: 'settlement', header: { kk: 'Елді мекен', ru: 'Населённый пункт', en: 'Settlement' }, required: false, width: 20 },
  { key: 'address', header: { kk: 'Мекенжай', ru: 'Адрес', en: 'Address' }, required: false, width: 30 },
  { key: 'deputies', header: { kk: 'Депутаттар', ru: 'Депутаты', en: 'Deputies' }, required: false, width: 40 },
  { key: 'topics', header: { kk: 'Тақырыптар', ru: 'Темы', en: 'Topics' }, required: false, width: 40 },
  { key: 'tags', header: { kk: 'Тегтер', ru: 'Теги', en: 'Tags' }, required: false, width: 20 },
  { key: 'audienceTotal', header: { kk: 'Қатысушылар саны', ru: 'Число участников', en: 'People who took part' }, required: false, width: 12 },
  { key: 'audienceYouth', header: { kk: 'Жастар', ru: 'Молодёжь', en: 'Young people' }, required: false, width: 10 },
  { key: 'audienceElderly', header: { kk: 'Егде жастағы адамдар', ru: 'Пожилые люди', en: 'Older people' }, required: false, width: 10 },
  { key: 'audienceEntrepreneurs', header: { kk: 'Кәсіпкерлер', ru: 'Предприниматели', en: 'Entrepreneurs' }, required: false, width: 10 },
  { key: 'audienceWomen', header: { kk: 'Әйелдер', ru: 'Женщины', en: 'Women' }, required: false, width: 10 },
  { key: 'audienceOther', header: { kk: 'Басқалар', ru: 'Другие', en: 'Others' }, required: false, width: 10 },
  { key: 'summary', header: { kk: 'Қысқаша мазмұны', ru: 'Краткое содержание', en: 'Summary' }, required: false, width: 60 },
  { key: 'public', header: { kk: 'Жария', ru: 'Публичное', en: 'Public' }, required: false, width: 10 },
];

/** The column a header cell names, and the language of that name when it is one of ours. */
export const matchOutreachHeader = headerMatcher(outreachColumns);

export const outreachColumnHeader = (key: OutreachColumnKey, language: StoredLanguage): string => outreachColumns.find((c) => c.key === key)?.header[language] ?? key;
