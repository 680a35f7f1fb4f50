// Test data for the perspective work plan: a plan (optionally adopted by a decision), items with
// their responsible bodies and indicators, and reports in any state with their revisions. Each
// call makes new rows, so a test builds exactly what it asserts on.
import type { Db } from '../../src/core/db/connect.js';
import type { DateString, PlanDeadlineKind, PlanReportState, PlanStatus } from '../../src/core/db/database.js';
import { newId } from '../../src/core/ids.js';
import type { LocalizedText } from '../../src/core/i18n/localized-text.js';
import { createDecision, maslikhatId, organizationId } from './registry-factories.js';

export interface PlanInput {
  /** Slug of the owning organisation (default the Council under the Senate). */
  organization?: string;
  title?: LocalizedText;
  periodStart?: DateString;
  periodEnd?: DateString;
  /** 'adopted' or later makes an adoption decision dated adoptedOn (default the period's first day). */
  status?: PlanStatus;
  adoptedOn?: DateString;
  sections?: LocalizedText[];
  isDemo?: boolean;
}

export interface CreatedPlan {
  id: string;
  sectionIds: string[];
  adoptionDecisionId: string | null;
}

let counter = 0;

export async function createPlan(db: Db, input: PlanInput = {}): Promise<CreatedPlan> {
  const n = ++counter;
  const id = newId();
  const org = await organizationId(db, input.organization ?? 'council-senate');
  const periodStart = input.periodStart ?? '2020-10-21';
  const periodEnd = input.periodEnd ?? '2021-12-31';
  const status = input.status ?? 'draft';
  let adoptionDecisionId: string | null = null;
  if (status !== 'draft') {
    adoptionDecisionId = await createDecision(db, {
      organization: input.organization ?? 'council-senate',
      date: input.adoptedOn ?? periodStart,
      kind: 'plan_adoption',
      title: { kk: `Перспективалық жоспар туралы ${n}`, ru: `О перспективном плане ${n}`, en: `On the perspective plan ${n}` },
    });
  }
  await db
    .insertInto('plan')
    .values({
      id,
      organization_id: org,
      title: input.title ?? { kk: `Жұмыс жоспары ${n}`, ru: `План работы ${n}`, en: `Work plan ${n}` },
      period_start: periodStart,
      period_end: periodEnd,
      // A superseded plan needs its successor; tests that want one supersede it themselves.
      status: status === 'superseded' ? 'adopted' : status,
      adoption_decision_id: adoptionDecisionId,
      is_demo: input.isDemo ?? false,
    })
    .execute();
  const sectionIds: string[] = [];
  for (const [i, title] of (input.sections ?? [{ kk: 'Бөлім', ru: 'Раздел', en: 'Section' }]).entries()) {
    const sectionId = newId();
    await db.insertInto('plan_section').values({ id: sectionId, plan_id: id, position: i + 1, title }).execute();
    sectionIds.push(sectionId);
  }
  return { id, sectionIds, adoptionDecisionId };
}

export interface ItemInput {
  planId: string;
  sectionId?: string | null;
  action?: LocalizedText;
  expectedResult?: LocalizedText | null;
  startsOn?: DateString;
  deadline?: DateString;
  deadlineKind?: PlanDeadlineKind;
  dueOffsetDays?: number;
  /** Organisation slugs or KATO codes of region maslikhats ('270000000' is West Kazakhstan), or 'region_maslikhats' for all of them. */
  responsible?: string[];
  coExecutors?: string[];
  indicators?: { name?: LocalizedText; unit?: LocalizedText; baseline?: number | null; target?: number | null; aggregation?: 'sum' | 'average' }[];
  cancelled?: boolean;
}

export interface CreatedItem {
  id: string;
  indicatorIds: string[];
}

const bodyId = (db: Db, key: string) => (/^\d{9}$/.test(key) ? maslikhatId(db, key) : organizationId(db, key));

export async function createPlanItem(db: Db, input: ItemInput): Promise<CreatedItem> {
  const n = ++counter;
  const id = newId();
  const last = await db.selectFrom('plan_item').select((eb) => eb.fn.max('position').as('p')).where('plan_id', '=', input.planId).executeTakeFirst();
  await db
    .insertInto('plan_item')
    .values({
      id,
      plan_id: input.planId,
      section_id: input.sectionId ?? null,
      position: Number(last?.p ?? 0) + 1,
      number: String(n),
      action: input.action ?? { kk: `Іс-шара ${n}`, ru: `Мероприятие ${n}`, en: `Action ${n}` },
      expected_result: input.expectedResult ?? null,
      starts_on: input.startsOn ?? '2020-10-21',
      deadline_kind: input.deadlineKind ?? 'quarterly',
      deadline: input.deadline ?? '2021-12-31',
      due_offset_days: input.dueOffsetDays ?? 5,
      cancelled_at: input.cancelled ? new Date() : null,
      cancel_reason: input.cancelled ? { kk: 'Күшін жойды', ru: 'Отменено', en: 'Cancelled' } : null,
    })
    .execute();
  const responsible = [...(input.responsible ?? ['270000000']).map((key) => ({ key, role: 'lead' as const })), ...(input.coExecutors ?? []).map((key) => ({ key, role: 'co_executor' as const }))];
  for (const r of responsible) {
    await db
      .insertInto('plan_item_responsible')
      .values(
        r.key === 'region_maslikhats'
          ? { id: newId(), item_id: id, organization_id: null, body_group: 'region_maslikhats', role: r.role }
          : { id: newId(), item_id: id, organization_id: await bodyId(db, r.key), body_group: null, role: r.role },
      )
      .execute();
  }
  const indicatorIds: string[] = [];
  for (const [i, indicator] of (input.indicators ?? []).entries()) {
    const indicatorId = newId();
    await db
      .insertInto('plan_indicator')
      .values({
        id: indicatorId,
        item_id: id,
        position: i + 1,
        name: indicator.name ?? { kk: 'Кездесулер саны', ru: 'Число встреч', en: 'Number of meetings' },
        unit: indicator.unit ?? { kk: 'кездесу', ru: 'встреч', en: 'meetings' },
        baseline: indicator.baseline ?? null,
        target: indicator.target ?? null,
        aggregation: indicator.aggregation ?? 'sum',
      })
      .execute();
    indicatorIds.push(indicatorId);
  }
  return { id, indicatorIds };
}

export interface ReportInput {
  itemId: string;
  /** Organisation slug or KATO of the reporting body. */
  body: string;
  periodStart: DateString;
  periodEnd: DateString;
  dueOn: DateString;
  state: PlanReportState;
  /** The revisions filed, oldest first (default one, or none for a draft); the last carries the state's review. */
  revisions?: { text?: LocalizedText; values?: Record<string, number>; submittedAt?: Date; review?: 'accepted' | 'returned' | null; comment?: string | null }[];
}

/** A report with its revisions as if filed and reviewed through the office. */
export async function createPlanReport(db: Db, input: ReportInput): Promise<{ id: string; revisionIds: string[] }> {
  const id = newId();
  const revisions = input.revisions ?? (input.state === 'draft' ? [] : [{}]);
  const first = revisions[0]?.submittedAt ?? new Date(`${input.periodEnd}T06:00:00Z`);
  await db
    .insertInto('plan_report')
    .values({
      id,
      item_id: input.itemId,
      organization_id: await bodyId(db, input.body),
      period_start: input.periodStart,
      period_end: input.periodEnd,
      due_on: input.dueOn,
      state: input.state,
      revision: revisions.length,
      first_submitted_at: revisions.length ? first : null,
      accepted_at: input.state === 'accepted' ? new Date() : null,
    })
    .execute();
  const revisionIds: string[] = [];
  for (const [i, r] of revisions.entries()) {
    const revisionId = newId();
    const isLast = i === revisions.length - 1;
    const review = r.review !== undefined ? r.review : isLast ? (input.state === 'accepted' ? 'accepted' : input.state === 'returned' ? 'returned' : null) : 'returned';
    await db
      .insertInto('plan_report_revision')
      .values({
        id: revisionId,
        report_id: id,
        revision: i + 1,
        body: r.text ?? { kk: `Есеп ${i + 1}`, ru: `Отчёт ${i + 1}` },
        submitted_at: r.submittedAt ?? first,
        submitted_by: null,
        review,
        review_comment: r.comment ?? (review === 'returned' ? 'Толықтырыңыз.' : null),
        reviewed_at: review ? new Date() : null,
        reviewed_by: null,
      })
      .execute();
    for (const [indicatorId, value] of Object.entries(r.values ?? {})) {
      await db.insertInto('plan_report_value').values({ revision_id: revisionId, indicator_id: indicatorId, value }).execute();
    }
    revisionIds.push(revisionId);
  }
  return { id, revisionIds };
}

/** A file attached to a report's revision (the bytes already in the file store under `fileName`). */
export async function createPlanReportAttachment(db: Db, input: { revisionId: string; fileName: string; originalName?: string; contentType?: string; sizeBytes: number }): Promise<string> {
  const id = newId();
  await db
    .insertInto('plan_report_attachment')
    .values({ id, revision_id: input.revisionId, file_name: input.fileName, original_name: input.originalName ?? 'report.pdf', content_type: input.contentType ?? 'application/pdf', size_bytes: input.sizeBytes })
    .execute();
  return id;
}

export interface PriorityInput {
  kind?: 'address' | 'programme' | 'law' | 'other';
  title?: LocalizedText;
  reference?: string | null;
  validFrom?: DateString | null;
  validTo?: DateString | null;
}

/** A priority items may serve (default: a President's Address). */
export async function createPlanPriority(db: Db, input: PriorityInput = {}): Promise<{ id: string }> {
  const n = ++counter;
  const id = newId();
  await db
    .insertInto('plan_priority')
    .values({
      id,
      kind: input.kind ?? 'address',
      title: input.title ?? { kk: `Президент Жолдауы ${n}`, ru: `Послание Президента ${n}`, en: `President's Address ${n}` },
      reference: input.reference ?? null,
      valid_from: input.validFrom ?? null,
      valid_to: input.validTo ?? null,
    })
    .execute();
  return { id };
}
