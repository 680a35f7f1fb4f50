// The work plan import's columns: one item a row (its section, what to do, who answers for it, by when,
// and an optional indicator). Header names in Kazakh, Russian and English, in any order; a bilingual
// column is named with its language ("Мероприятие (на казахском)", "Іс-шара (орысша)"), and a name
// without one is taken to be in its own language ("Мероприятие" is the Russian action).
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import { headerMatcher } from '../../core/spreadsheets/headers.js';

export const planColumnKeys = [
  'sectionKk',
  'sectionRu',
  'sectionEn',
  'number',
  'actionKk',
  'actionRu',
  'actionEn',
  'resultKk',
  'resultRu',
  'resultEn',
  'responsible',
  'coExecutors',
  'deadlineKind',
  'deadline',
  'startsOn',
  'indicatorNameKk',
  'indicatorNameRu',
  'indicatorNameEn',
  'indicatorUnitKk',
  'indicatorUnitRu',
  'indicatorUnitEn',
  'indicatorBaseline',
  'indicatorTarget',
] as const;
export type PlanColumnKey = (typeof planColumnKeys)[number];

export interface PlanColumn {
  key: PlanColumnKey;
  header: Record<StoredLanguage, string>;
  /** Other spellings of the header (any case). */
  aliases: string[];
  required: boolean;
  /** Width in the template, in characters. */
  width: number;
  /** The text's language, for a column that holds one of a text's languages. */
  language?: StoredLanguage;
}

const languageNames: Record<StoredLanguage, Record<StoredLanguage, string>> = {
  kk: { kk: 'қазақша', ru: 'на казахском', en: 'Kazakh' },
  ru: { kk: 'орысша', ru: 'на русском', en: 'Russian' },
  en: { kk: 'ағылшынша', ru: 'на английском', en: 'English' },
};
/** Other ways a header says the language of its text. */
const languageAliases: Record<StoredLanguage, string[]> = {
  kk: ['қаз', 'каз', 'kk', 'kaz', 'на казахском языке', 'казахский', 'на государственном языке', 'мемлекеттік тілде'],
  ru: ['орыс', 'рус', 'ru', 'rus', 'на русском языке', 'русский', 'орыс тілінде'],
  en: ['ағыл', 'англ', 'en', 'eng', 'на английском языке', 'английский', 'ағылшын тілінде'],
};

/** The three columns of a text in three languages, from its name in each. */
function trilingual(base: 'section' | 'action' | 'result' | 'indicatorName' | 'indicatorUnit', names: Record<StoredLanguage, string>, required: boolean, width: number): PlanColumn[] {
  return (['kk', 'ru', 'en'] as const).map((language) => {
    const suffix = language === 'kk' ? 'Kk' : language === 'ru' ? 'Ru' : 'En';
    const key = planColumnKeys.find((k) => k === `${base}${suffix}`)!;
    const header = { kk: `${names.kk} (${languageNames[language].kk})`, ru: `${names.ru} (${languageNames[language].ru})`, en: `${names.en} (${languageNames[language].en})` };
    const aliases = (['kk', 'ru', 'en'] as const).flatMap((l) => [...languageAliases[language], languageNames[language].kk, languageNames[language].ru, languageNames[language].en].map((s) => `${names[l]} ${s}`));
    // The name alone, in this column's language.
    aliases.push(names[language]);
    return { key, header, aliases, required: required && language !== 'en', width, language };
  });
}

export const planColumns: readonly PlanColumn[] = [
  ...trilingual('section', { kk: 'Бөлім', ru: 'Раздел', en: 'Section' }, false, 30),
  { key: 'number', header: { kk: 'Нөмірі', ru: 'Номер', en: 'Number' }, aliases: ['№', '№ п/п', 'no', 'номер пункта', 'тармақ нөмірі'], required: false, width: 8 },
  ...trilingual('action', { kk: 'Іс-шара', ru: 'Мероприятие', en: 'Action' }, true, 50),
  ...trilingual('result', { kk: 'Күтілетін нәтиже', ru: 'Ожидаемый результат', en: 'Expected result' }, false, 40),
  {
    key: 'responsible',
    header: { kk: 'Жауапты орындаушы', ru: 'Ответственный исполнитель', en: 'Responsible' },
    aliases: ['жауапты', 'жауаптылар', 'ответственный', 'ответственные', 'ответственные исполнители', 'responsible body', 'responsible bodies'],
    required: true,
    width: 40,
  },
  { key: 'coExecutors', header: { kk: 'Бірлесіп орындаушылар', ru: 'Соисполнители', en: 'Co-executors' }, aliases: ['соисполнитель', 'co-executor'], required: false, width: 30 },
  { key: 'deadlineKind', header: { kk: 'Мерзім түрі', ru: 'Вид срока', en: 'Deadline kind' }, aliases: ['кезеңділігі', 'периодичность', 'frequency'], required: false, width: 18 },
  { key: 'deadline', header: { kk: 'Орындау мерзімі', ru: 'Срок исполнения', en: 'Deadline' }, aliases: ['мерзімі', 'срок', 'сроки исполнения', 'срок выполнения'], required: true, width: 26 },
  { key: 'startsOn', header: { kk: 'Басталу күні', ru: 'Дата начала', en: 'Start date' }, aliases: ['начало', 'басталуы'], required: false, width: 14 },
  // The indicator's name and unit in English are optional, as on the item form.
  ...trilingual('indicatorName', { kk: 'Көрсеткіш', ru: 'Показатель', en: 'Indicator' }, false, 30),
  ...trilingual('indicatorUnit', { kk: 'Өлшем бірлігі', ru: 'Единица измерения', en: 'Unit' }, false, 14),
  { key: 'indicatorBaseline', header: { kk: 'Базалық мән', ru: 'Базовое значение', en: 'Baseline' }, aliases: ['база'], required: false, width: 12 },
  { key: 'indicatorTarget', header: { kk: 'Нысаналы мән', ru: 'Целевое значение', en: 'Target' }, aliases: ['целевой показатель', 'мақсатты мән'], required: false, width: 12 },
];

export const planColumnByKey = new Map(planColumns.map((c) => [c.key, c]));

/** The column a header cell names, and the language of that name when it is one of ours. */
export const matchPlanHeader = headerMatcher(planColumns);

export const planColumnHeader = (key: PlanColumnKey, language: StoredLanguage): string => planColumnByKey.get(key)!.header[language];
