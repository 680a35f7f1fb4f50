// The item form: what to do and by when, who answers for it, what it serves, and its indicators
// (rows of name, unit, baseline and target; empty rows ignored, numbers checked).
import { z } from 'zod';
import { planDeadlineKinds, type OrganizationClassification } from '../../core/db/database.js';
import type { FieldProblem } from '../../core/errors.js';
import { choice, fieldProblem, requiredText, text, version, type RawAnswers } from '../../core/http/forms.js';
import { fieldValue } from '../../core/http/field-value.js';
import { localizedText, textOrNull } from '../../core/i18n/localized-text.js';
import type { ItemDetail, ItemInput } from './plan-items.service.js';
import { datesInOrder, planDate } from './plan.forms.js';

/** The kinds of organisation an item may also name, in the form's order (maslikhats and councils have their own groups). */
export const otherBodyKinds = ['government_body', 'commission', 'institute', 'association', 'media', 'party', 'parliament', 'chamber'] as const satisfies readonly OrganizationClassification[];
export type OtherBodyKind = (typeof otherBodyKinds)[number];

/** How many indicator rows the form shows at least, and at most. */
export const minIndicatorRows = 3;
const maxIndicatorRows = 20;

const indicatorFieldNames = ['Id', 'NameKk', 'NameRu', 'NameEn', 'UnitKk', 'UnitRu', 'Baseline', 'Target', 'Aggregation'] as const;
export type IndicatorField = (typeof indicatorFieldNames)[number];
export const indicatorField = (row: number, field: IndicatorField) => `ind${row}${field}`;

/** The rows the submitted form had (its hidden `indicatorRows`), within bounds. */
export function indicatorRowsOf(body: unknown): number {
  const value = Number(fieldValue(body, 'indicatorRows'));
  return Number.isInteger(value) ? Math.min(maxIndicatorRows, Math.max(minIndicatorRows, value)) : minIndicatorRows;
}

/** A number as people type it: spaces between thousands, a decimal comma or point; '' is none. */
const numberPattern = /^-?\d{1,15}([.,]\d{1,6})?$/;
const normalNumber = (v: string) => v.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');

const itemFields = {
  sectionId: text(100),
  number: text(20),
  actionKk: requiredText('planItem.actionKkMissing', 2000),
  actionRu: requiredText('planItem.actionRuMissing', 2000),
  actionEn: text(2000),
  resultKk: text(2000),
  resultRu: text(2000),
  resultEn: text(2000),
  startsOn: planDate('planItem.startsOnMissing'),
  deadlineKind: choice(planDeadlineKinds, 'planItem.deadlineKindMissing'),
  deadline: planDate('planItem.deadlineMissing'),
  dueOffsetDays: text(10),
  allRegionMaslikhats: text(10),
  indicatorRows: text(10),
  version: version(),
};

/** The item form's schema for a number of indicator rows. */
export function itemForm(rows: number) {
  const indicatorFields: Record<string, z.ZodType<string, string>> = {};
  for (let n = 1; n <= rows; n++) for (const f of indicatorFieldNames) indicatorFields[indicatorField(n, f)] = text(f.startsWith('Name') ? 500 : 100);
  return z
    .object({ ...itemFields, ...indicatorFields })
    .superRefine((a, ctx) => {
      if (!datesInOrder(a.startsOn, a.deadline)) ctx.addIssue(fieldProblem('deadline', 'planItem.deadlineBeforeStart'));
      if (a.deadlineKind !== 'date' && a.dueOffsetDays && (!/^\d{1,2}$/.test(a.dueOffsetDays) || Number(a.dueOffsetDays) > 90)) ctx.addIssue(fieldProblem('dueOffsetDays', 'planItem.dueOffsetInvalid'));
      for (let n = 1; n <= rows; n++) {
        const v = (f: IndicatorField) => String(fieldValue(a, indicatorField(n, f)) ?? '');
        if (isEmptyRow(v)) continue;
        for (const [f, key] of [
          ['NameKk', 'planItem.indicatorNameKkMissing'],
          ['NameRu', 'planItem.indicatorNameRuMissing'],
          ['UnitKk', 'planItem.indicatorUnitKkMissing'],
          ['UnitRu', 'planItem.indicatorUnitRuMissing'],
        ] as const) {
          if (!v(f)) ctx.addIssue(fieldProblem(indicatorField(n, f), key, { n }));
        }
        for (const f of ['Baseline', 'Target'] as const) {
          const typed = normalNumber(v(f));
          if (!typed) continue;
          if (!numberPattern.test(typed)) ctx.addIssue(fieldProblem(indicatorField(n, f), 'planItem.indicatorNumberInvalid', { n }));
          else if (Number(typed) < 0) ctx.addIssue(fieldProblem(indicatorField(n, f), 'planItem.indicatorNegative', { n }));
        }
      }
    });
}

function isEmptyRow(v: (f: IndicatorField) => string): boolean {
  return (['NameKk', 'NameRu', 'NameEn', 'UnitKk', 'UnitRu', 'Baseline', 'Target'] as const).every((f) => !v(f));
}

export type ItemAnswers = RawAnswers<ReturnType<typeof itemForm>>;

/** The lists the form sends as repeated checkboxes. */
export interface ItemLists {
  responsible: string[];
  coExecutors: string[];
  priorities: string[];
  meetings: string[];
  decisions: string[];
}

const listNames = ['responsible', 'coExecutors', 'priorities', 'meetings', 'decisions'] as const;

/** A repeated field's values (one, several, or none), lower-cased ids. */
function listValue(body: unknown, name: string): string[] {
  const value = fieldValue(body, name);
  const list = Array.isArray(value) ? value : [value];
  return [...new Set(list.filter((v): v is string => typeof v === 'string' && v.length <= 100).map((v) => v.trim().toLowerCase()))];
}

export const itemLists = (body: unknown): ItemLists => ({
  responsible: listValue(body, 'responsible'),
  coExecutors: listValue(body, 'coExecutors'),
  priorities: listValue(body, 'priorities'),
  meetings: listValue(body, 'meetings'),
  decisions: listValue(body, 'decisions'),
});

export const emptyLists = (): ItemLists => ({ responsible: [], coExecutors: [], priorities: [], meetings: [], decisions: [] });

/** What may be chosen on the form, by list. */
export type ItemChoices = Record<(typeof listNames)[number], readonly string[]> & { sections: readonly string[] };

/** The lists checked against what the form offered, and a lead body required. */
export function listProblems(answers: { allRegionMaslikhats: string; sectionId: string }, lists: ItemLists, offered: ItemChoices): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (answers.sectionId && !offered.sections.includes(answers.sectionId.toLowerCase())) problems.push({ field: 'sectionId', messageKey: 'planItem.sectionUnknown' });
  if (answers.allRegionMaslikhats !== '1' && lists.responsible.length === 0) problems.push({ field: 'responsible', messageKey: 'planItem.responsibleMissing' });
  for (const name of listNames) {
    if (lists[name].some((id) => !offered[name].includes(id))) problems.push({ field: name, messageKey: 'planItem.choiceUnknown' });
  }
  return problems;
}

/** The typed numbers as stored (numeric text), '' as none. */
const numeric = (v: string) => {
  const n = normalNumber(v);
  return n ? n : null;
};

/** The answers (already checked) as the service's input. */
export function itemInput(a: z.output<ReturnType<typeof itemForm>>, lists: ItemLists, rows: number): ItemInput {
  const indicators: ItemInput['indicators'] = [];
  for (let n = 1; n <= rows; n++) {
    const v = (f: IndicatorField) => String(fieldValue(a, indicatorField(n, f)) ?? '');
    if (isEmptyRow(v)) continue;
    const id = v('Id').toLowerCase();
    indicators.push({
      id: z.guid().safeParse(id).success ? id : null,
      values: {
        name: localizedText(v('NameKk'), v('NameRu'), v('NameEn')),
        unit: localizedText(v('UnitKk'), v('UnitRu')),
        baseline: numeric(v('Baseline')),
        target: numeric(v('Target')),
        aggregation: v('Aggregation') === 'average' ? 'average' : 'sum',
      },
    });
  }
  const recurring = a.deadlineKind !== 'date';
  return {
    sectionId: a.sectionId ? a.sectionId.toLowerCase() : null,
    number: a.number || null,
    action: localizedText(a.actionKk, a.actionRu, a.actionEn),
    expectedResult: textOrNull(localizedText(a.resultKk, a.resultRu, a.resultEn)),
    startsOn: a.startsOn,
    deadlineKind: a.deadlineKind,
    deadline: a.deadline,
    dueOffsetDays: recurring && a.dueOffsetDays ? Number(a.dueOffsetDays) : 0,
    allRegionMaslikhats: a.allRegionMaslikhats === '1',
    leadIds: lists.responsible,
    coExecutorIds: lists.coExecutors,
    links: { priorityIds: lists.priorities, meetingIds: lists.meetings, decisionIds: lists.decisions },
    indicators,
  };
}

/** An item's answers as the form shows them for editing, with as many indicator rows as it has and one more (at least the minimum). */
export function itemAnswers(item: ItemDetail): { answers: Record<string, string>; lists: ItemLists; rows: number } {
  const rows = Math.min(maxIndicatorRows, Math.max(minIndicatorRows, item.indicators.length + 1));
  const answers: Record<string, string> = {
    sectionId: item.sectionId ?? '',
    number: item.number ?? '',
    actionKk: item.action.kk ?? '',
    actionRu: item.action.ru ?? '',
    actionEn: item.action.en ?? '',
    resultKk: item.expectedResult?.kk ?? '',
    resultRu: item.expectedResult?.ru ?? '',
    resultEn: item.expectedResult?.en ?? '',
    startsOn: item.startsOn,
    deadlineKind: item.deadlineKind,
    deadline: item.deadline,
    dueOffsetDays: item.deadlineKind === 'date' ? '' : String(item.dueOffsetDays),
    allRegionMaslikhats: item.responsible.some((r) => r.bodyGroup === 'region_maslikhats') ? '1' : '',
    indicatorRows: String(rows),
    version: String(item.version),
  };
  for (const [i, indicator] of item.indicators.entries()) {
    const set = (f: IndicatorField, v: string | null | undefined) => (answers[indicatorField(i + 1, f)] = v ?? '');
    set('Id', indicator.id);
    set('NameKk', indicator.name.kk);
    set('NameRu', indicator.name.ru);
    set('NameEn', indicator.name.en);
    set('UnitKk', indicator.unit.kk);
    set('UnitRu', indicator.unit.ru);
    set('Baseline', indicator.baseline);
    set('Target', indicator.target);
    set('Aggregation', indicator.aggregation);
  }
  const organizations = (role: 'lead' | 'co_executor') => item.responsible.flatMap((r) => (r.role === role && r.organizationId ? [r.organizationId] : []));
  const links = (pick: (l: ItemDetail['links'][number]) => string | null) =>
    item.links.flatMap((l) => {
      const id = pick(l);
      return id ? [id] : [];
    });
  return {
    answers,
    rows,
    lists: { responsible: organizations('lead'), coExecutors: organizations('co_executor'), priorities: links((l) => l.priorityId), meetings: links((l) => l.meetingId), decisions: links((l) => l.decisionId) },
  };
}
