// Checks every row of an uploaded plan file against the plan it goes into and the bodies the item form
// offers, and turns the rows into sections and items: each problem with its spreadsheet row and column.
// Pure: the caller gives the plan's period, its sections and the bodies (import.service.ts).
import type { DateString, PlanDeadlineKind } from '../../core/db/database.js';
import { localizedText, textOrNull, type LocalizedText } from '../../core/i18n/localized-text.js';
import type { MessageKey, MessageValues } from '../../core/i18n/messages.js';
import { planColumnKeys, type PlanColumnKey } from './import.columns.js';
import type { PlanFile, PlanFileProblem } from './import.parse.js';
import type { ItemInput } from './plan.service.js';

/** A plan is a few hundred items at most; more in one file is not a plan. */
export const maxPlanRows = 2000;

export interface RowProblem extends PlanFileProblem {
  row: number;
}

/** A body an item may name, with what a file may call it: its names, its address on Kenes, its KATO code. */
export interface BodyEntry {
  id: string;
  slug: string;
  kato: string | null;
  names: LocalizedText[];
}

export interface PlanImportContext {
  period: { start: DateString; end: DateString };
  sections: { id: string; title: LocalizedText }[];
  bodies: BodyEntry[];
}

export interface PlannedSection {
  key: string;
  title: LocalizedText;
  /** The plan's section of the same title, when there is one. */
  existingId: string | null;
}

export interface PlannedItem {
  row: number;
  sectionKey: string | null;
  input: ItemInput;
}

export interface PlanValidation {
  fileProblems: PlanFileProblem[];
  problems: RowProblem[];
  badRows: number;
  totalRows: number;
  sections: PlannedSection[];
  items: PlannedItem[];
}

const limits: Partial<Record<PlanColumnKey, number>> = {
  sectionKk: 500,
  sectionRu: 500,
  sectionEn: 500,
  number: 20,
  actionKk: 2000,
  actionRu: 2000,
  actionEn: 2000,
  resultKk: 2000,
  resultRu: 2000,
  resultEn: 2000,
  indicatorNameKk: 500,
  indicatorNameRu: 500,
  indicatorNameEn: 500,
  indicatorUnitKk: 100,
  indicatorUnitRu: 100,
  indicatorUnitEn: 100,
};

/** Names as compared: lowercase, ё as е, without quotes and extra spaces. */
export const normalizeName = (text: string) =>
  text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/["'«»“”„]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** What a file writes for "every region-level maslikhat" (as of each period), in Kazakh, Russian and English. */
const groupWords = new Set(
  [
    'барлық облыстық мәслихаттар',
    'облыстық мәслихаттар',
    'облыстардың мәслихаттары',
    'барлық өңірлік мәслихаттар',
    'өңірлік мәслихаттар',
    'облыстар мен республикалық маңызы бар қалалардың мәслихаттары',
    'все областные маслихаты',
    'областные маслихаты',
    'маслихаты областей',
    'все маслихаты областей',
    'маслихаты областей и городов республиканского значения',
    'все региональные маслихаты',
    'all region maslikhats',
    'all regional maslikhats',
    'region maslikhats',
    'every region-level maslikhat',
  ].map(normalizeName),
);

/** The deadline kinds as files write them; half-yearly first, as "жарты жыл сайын" holds "жыл сайын". */
const kindWords: [PlanDeadlineKind, string[]][] = [
  ['half_yearly', ['жарты жыл сайын', 'жартыжылдық', 'полугод', 'раз в полгода', 'half-yearly', 'half yearly', 'semi-annual', 'semiannual']],
  ['quarterly', ['тоқсан сайын', 'тоқсандық', 'ежекварт', 'поквартальн', 'quarterly', 'every quarter']],
  ['yearly', ['жыл сайын', 'жылдық', 'ежегодн', 'yearly', 'annual', 'every year']],
  ['date', ['бір рет', 'бір жолғы', 'мерзімге дейін', 'однократн', 'единовременн', 'к сроку', 'once', 'one-off', 'by a date', 'date']],
];

export function deadlineKindOf(text: string): PlanDeadlineKind | undefined {
  const lower = normalizeName(text);
  return kindWords.find(([, words]) => words.some((w) => lower.includes(w)))?.[0];
}

const datePattern = /(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{4})-(\d{1,2})-(\d{1,2})/;

/** The date a cell holds (DD.MM.YYYY or YYYY-MM-DD, anywhere in it): the date, 'invalid', or undefined when it has none. */
export function dateIn(text: string): DateString | 'invalid' | 'range' | undefined {
  const m = datePattern.exec(text);
  if (!m) return undefined;
  const [day, month, year] = m[1] ? [m[1], m[2]!, m[3]!] : [m[6]!, m[5]!, m[4]!];
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return 'invalid';
  return iso < '1991-01-01' || iso > '2099-12-31' ? 'range' : iso;
}

const numberPattern = /^-?\d{1,15}([.,]\d{1,6})?$/;

function bodyIndex(bodies: BodyEntry[]): Map<string, string> {
  const index = new Map<string, string>();
  const add = (key: string, id: string) => {
    if (key && !index.has(key)) index.set(key, id);
  };
  for (const b of bodies) {
    add(b.slug.toLowerCase(), b.id);
    if (b.kato) add(b.kato, b.id);
  }
  for (const b of bodies) for (const name of b.names) for (const text of [name.kk, name.ru, name.en]) if (text) add(normalizeName(text), b.id);
  return index;
}

/** The bodies a cell names, one a line or separated by ";" or ",". */
const namesIn = (cell: string | undefined) => (cell ?? '').split(/[;,\n]/).map((s) => s.trim()).filter(Boolean);

export function validatePlanFile(file: PlanFile, context: PlanImportContext): PlanValidation {
  const result: PlanValidation = { fileProblems: file.problems, problems: [], badRows: 0, totalRows: file.rows.length, sections: [], items: [] };
  if (file.problems.length) return result;
  if (file.rows.length > maxPlanRows) return { ...result, fileProblems: [{ messageKey: 'import.file.tooManyRows', values: { limit: maxPlanRows } }] };
  const bodies = bodyIndex(context.bodies);
  const sectionsByKey = new Map<string, PlannedSection>();
  let currentSection: string | null = null;

  for (const row of file.rows) {
    const problems: RowProblem[] = [];
    const problem = (column: PlanColumnKey | undefined, messageKey: MessageKey, values?: MessageValues) => problems.push({ row: row.row, messageKey, ...(values ? { values } : {}), ...(column ? { column } : {}) });
    const v = (key: PlanColumnKey) => row.values[key] ?? '';
    for (const column of planColumnKeys) {
      const limit = limits[column];
      if (limit && v(column).length > limit) problem(column, 'planImport.problem.tooLong', { limit });
    }

    // A section's title starts a section: the rows below belong to it until the next one.
    if (v('sectionKk') || v('sectionRu') || v('sectionEn')) {
      if (!v('sectionKk')) problem('sectionKk', 'planImport.problem.required');
      if (!v('sectionRu')) problem('sectionRu', 'planImport.problem.required');
      const title = localizedText(v('sectionKk'), v('sectionRu'), v('sectionEn'));
      const key = `${normalizeName(title.kk ?? '')}\n${normalizeName(title.ru ?? '')}`;
      if (!sectionsByKey.has(key)) {
        const existing = context.sections.find((s) => `${normalizeName(s.title.kk ?? '')}\n${normalizeName(s.title.ru ?? '')}` === key);
        sectionsByKey.set(key, { key, title, existingId: existing?.id ?? null });
      }
      currentSection = key;
    }
    const itemColumns = planItemColumns.filter((k) => v(k));
    // A row with a section's title alone is the section's heading.
    if (itemColumns.length === 0) {
      recordRow(result, problems);
      continue;
    }

    if (!v('actionKk')) problem('actionKk', 'planImport.problem.required');
    if (!v('actionRu')) problem('actionRu', 'planImport.problem.required');

    // Who answers for it.
    let allRegionMaslikhats = false;
    const leadIds: string[] = [];
    const coExecutorIds: string[] = [];
    if (!v('responsible')) problem('responsible', 'planImport.problem.required');
    const resolveBody = (name: string, column: PlanColumnKey, into: string[]) => {
      const id = bodies.get(name.toLowerCase()) ?? bodies.get(normalizeName(name));
      if (!id) problem(column, 'planImport.problem.bodyUnknown', { value: name });
      else if (!into.includes(id)) into.push(id);
    };
    for (const name of namesIn(v('responsible'))) {
      if (groupWords.has(normalizeName(name))) allRegionMaslikhats = true;
      else resolveBody(name, 'responsible', leadIds);
    }
    for (const name of namesIn(v('coExecutors'))) resolveBody(name, 'coExecutors', coExecutorIds);

    // By when.
    const kindText = v('deadlineKind');
    const givenKind = kindText ? deadlineKindOf(kindText) : undefined;
    if (kindText && !givenKind) problem('deadlineKind', 'planImport.problem.deadlineKindUnknown', { value: kindText });
    const deadlineKind = givenKind ?? deadlineKindOf(v('deadline').replace(datePattern, ' ')) ?? 'date';
    const dated = (column: PlanColumnKey, text: string): DateString | null => {
      const date = dateIn(text);
      if (date === 'invalid') problem(column, 'planImport.problem.dateInvalid', { value: text });
      else if (date === 'range') problem(column, 'planImport.problem.dateRange', { value: text });
      else if (date) return date;
      return null;
    };
    const deadlineText = v('deadline');
    const deadline = dated('deadline', deadlineText);
    const startsOn = v('startsOn') ? dated('startsOn', v('startsOn')) : context.period.start;
    if (v('startsOn') && dateIn(v('startsOn')) === undefined) problem('startsOn', 'planImport.problem.dateInvalid', { value: v('startsOn') });
    // A recurring item with no last date runs to the plan's end.
    const lastDay = deadline ?? (deadlineKind !== 'date' && deadlineText && dateIn(deadlineText) === undefined ? context.period.end : null);
    if (!deadlineText) problem('deadline', 'planImport.problem.required');
    else if (!lastDay && dateIn(deadlineText) === undefined) problem('deadline', 'planImport.problem.dateInvalid', { value: deadlineText });
    if (startsOn && lastDay) {
      if (lastDay < startsOn) problem('deadline', 'planImport.problem.deadlineBeforeStart');
      else if (startsOn < context.period.start || lastDay > context.period.end) problem(startsOn < context.period.start ? 'startsOn' : 'deadline', 'planImport.problem.outsidePeriod', { start: context.period.start, end: context.period.end });
    }

    // Its indicator, if any.
    const indicators: ItemInput['indicators'] = [];
    const indicatorKeys = ['indicatorNameKk', 'indicatorNameRu', 'indicatorNameEn', 'indicatorUnitKk', 'indicatorUnitRu', 'indicatorUnitEn', 'indicatorBaseline', 'indicatorTarget'] as const;
    if (indicatorKeys.some((k) => v(k))) {
      for (const k of ['indicatorNameKk', 'indicatorNameRu', 'indicatorUnitKk', 'indicatorUnitRu'] as const) if (!v(k)) problem(k, 'planImport.problem.required');
      const numeric = (k: 'indicatorBaseline' | 'indicatorTarget'): string | null => {
        const typed = v(k).replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
        if (!typed) return null;
        if (!numberPattern.test(typed)) problem(k, 'planImport.problem.numberInvalid', { value: v(k) });
        else if (Number(typed) < 0) problem(k, 'planImport.problem.numberNegative');
        return typed;
      };
      const baseline = numeric('indicatorBaseline');
      const target = numeric('indicatorTarget');
      indicators.push({
        id: null,
        values: { name: localizedText(v('indicatorNameKk'), v('indicatorNameRu'), v('indicatorNameEn')), unit: localizedText(v('indicatorUnitKk'), v('indicatorUnitRu'), v('indicatorUnitEn')), baseline, target, aggregation: 'sum' },
      });
    }

    recordRow(result, problems);
    if (problems.length || !startsOn || !lastDay) continue;
    result.items.push({
      row: row.row,
      sectionKey: currentSection,
      input: {
        sectionId: null,
        number: v('number') || null,
        action: localizedText(v('actionKk'), v('actionRu'), v('actionEn')),
        expectedResult: textOrNull(localizedText(v('resultKk'), v('resultRu'), v('resultEn'))),
        startsOn,
        deadlineKind,
        deadline: lastDay,
        dueOffsetDays: 0,
        allRegionMaslikhats,
        leadIds,
        coExecutorIds: coExecutorIds.filter((id) => !leadIds.includes(id)),
        links: { priorityIds: [], meetingIds: [], decisionIds: [] },
        indicators,
      },
    });
  }
  if (result.problems.length) return { ...result, items: [], sections: [] };
  const used = new Set(result.items.map((i) => i.sectionKey));
  return { ...result, sections: [...sectionsByKey.values()].filter((s) => used.has(s.key)) };
}

/** The columns that make a row an item (a section's title alone does not). */
const planItemColumns: PlanColumnKey[] = ['number', 'actionKk', 'actionRu', 'actionEn', 'resultKk', 'resultRu', 'resultEn', 'responsible', 'coExecutors', 'deadlineKind', 'deadline', 'startsOn', 'indicatorNameKk', 'indicatorNameRu', 'indicatorNameEn', 'indicatorUnitKk', 'indicatorUnitRu', 'indicatorUnitEn', 'indicatorBaseline', 'indicatorTarget'];

function recordRow(result: PlanValidation, problems: RowProblem[]) {
  if (!problems.length) return;
  result.badRows++;
  result.problems.push(...problems);
}
