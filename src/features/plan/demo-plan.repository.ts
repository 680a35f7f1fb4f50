// The demo plan's writes (`kenes seed --demo`): a plan with its priorities, sections, items and
// indicators marked is_demo, and reports dated as if filed and reviewed in 2020–2022. The plan's
// services stamp today's date and leave is_demo false, so the seed writes its rows itself.
import type { DateString, PlanDeadlineKind, PlanPriorityKind, PlanReportState } from '../../core/db/database.js';
import { json, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

/** The plan a decision adopted, if there is one. */
export async function findPlanAdoptedBy(db: Executor, decisionId: string) {
  return db.selectFrom('plan').select(['id', 'is_demo as isDemo']).where('adoption_decision_id', '=', decisionId).executeTakeFirst();
}

export async function insertPriority(db: Executor, p: { id: string; kind: PlanPriorityKind; title: LocalizedText; reference: string | null; validFrom: DateString }) {
  await db.insertInto('plan_priority').values({ id: p.id, kind: p.kind, title: json(p.title), reference: p.reference, valid_from: p.validFrom, valid_to: null, is_demo: true }).execute();
}

export async function insertAdoptedPlan(
  db: Executor,
  p: { id: string; organizationId: string; title: LocalizedText; periodStart: DateString; periodEnd: DateString; decisionId: string; at: Date },
) {
  await db
    .insertInto('plan')
    .values({
      id: p.id,
      organization_id: p.organizationId,
      title: json(p.title),
      period_start: p.periodStart,
      period_end: p.periodEnd,
      status: 'adopted',
      adoption_decision_id: p.decisionId,
      is_demo: true,
      created_at: p.at,
      updated_at: p.at,
    })
    .execute();
}

export async function insertSection(db: Executor, s: { id: string; planId: string; position: number; title: LocalizedText }) {
  await db.insertInto('plan_section').values({ id: s.id, plan_id: s.planId, position: s.position, title: json(s.title) }).execute();
}

export interface DemoItem {
  id: string;
  planId: string;
  sectionId: string;
  position: number;
  number: string;
  action: LocalizedText;
  expectedResult: LocalizedText | null;
  startsOn: DateString;
  deadlineKind: PlanDeadlineKind;
  deadline: DateString;
  dueOffsetDays: number;
  cancelled: { at: Date; reason: LocalizedText } | null;
  at: Date;
}

export async function insertItem(db: Executor, i: DemoItem) {
  await db
    .insertInto('plan_item')
    .values({
      id: i.id,
      plan_id: i.planId,
      section_id: i.sectionId,
      position: i.position,
      number: i.number,
      action: json(i.action),
      expected_result: json(i.expectedResult),
      starts_on: i.startsOn,
      deadline_kind: i.deadlineKind,
      deadline: i.deadline,
      due_offset_days: i.dueOffsetDays,
      cancelled_at: i.cancelled?.at ?? null,
      cancel_reason: json(i.cancelled?.reason),
      is_demo: true,
      created_at: i.at,
      updated_at: i.cancelled?.at ?? i.at,
    })
    .execute();
}

/** A lead body of an item: an organisation, or (organizationId null) the region maslikhats' group. */
export async function insertLead(db: Executor, r: { id: string; itemId: string; organizationId: string | null }) {
  await db
    .insertInto('plan_item_responsible')
    .values(
      r.organizationId
        ? { id: r.id, item_id: r.itemId, organization_id: r.organizationId, body_group: null, role: 'lead' }
        : { id: r.id, item_id: r.itemId, organization_id: null, body_group: 'region_maslikhats', role: 'lead' },
    )
    .execute();
}

export async function insertPriorityLink(db: Executor, l: { id: string; itemId: string; priorityId: string }) {
  await db.insertInto('plan_item_link').values({ id: l.id, item_id: l.itemId, priority_id: l.priorityId, meeting_id: null, decision_id: null }).execute();
}

export async function insertIndicator(
  db: Executor,
  x: { id: string; itemId: string; position: number; name: LocalizedText; unit: LocalizedText; baseline: number | null; target: number | null; aggregation: 'sum' | 'average' },
) {
  await db
    .insertInto('plan_indicator')
    .values({
      id: x.id,
      item_id: x.itemId,
      position: x.position,
      name: json(x.name),
      unit: json(x.unit),
      baseline: x.baseline === null ? null : String(x.baseline),
      target: x.target === null ? null : String(x.target),
      aggregation: x.aggregation,
    })
    .execute();
}

export interface DemoReport {
  id: string;
  itemId: string;
  organizationId: string;
  periodStart: DateString;
  periodEnd: DateString;
  dueOn: DateString;
  state: PlanReportState;
  revision: number;
  firstSubmittedAt: Date | null;
  acceptedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export async function insertReport(db: Executor, r: DemoReport) {
  await db
    .insertInto('plan_report')
    .values({
      id: r.id,
      item_id: r.itemId,
      organization_id: r.organizationId,
      period_start: r.periodStart,
      period_end: r.periodEnd,
      due_on: r.dueOn,
      state: r.state,
      revision: r.revision,
      first_submitted_at: r.firstSubmittedAt,
      accepted_at: r.acceptedAt,
      created_at: r.createdAt,
      updated_at: r.updatedAt,
    })
    .execute();
}

export async function insertRevision(
  db: Executor,
  r: { id: string; reportId: string; revision: number; body: LocalizedText; at: Date; review: 'accepted' | 'returned' | null; comment: string | null; reviewedAt: Date | null },
) {
  await db
    .insertInto('plan_report_revision')
    .values({
      id: r.id,
      report_id: r.reportId,
      revision: r.revision,
      body: json(r.body),
      submitted_at: r.at,
      submitted_by: null,
      review: r.review,
      review_comment: r.comment,
      reviewed_at: r.reviewedAt,
      reviewed_by: null,
    })
    .execute();
}

export async function insertValues(db: Executor, revisionId: string, values: { indicatorId: string; value: number }[]) {
  if (!values.length) return;
  await db
    .insertInto('plan_report_value')
    .values(values.map((v) => ({ revision_id: revisionId, indicator_id: v.indicatorId, value: v.value })))
    .execute();
}
