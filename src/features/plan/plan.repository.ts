// Every query of the plans, their sections and the managed list of priorities (items: plan-items.repository.ts).
import { sql } from 'kysely';
import type { DateString, PlanPriorityKind, PlanStatus } from '../../core/db/database.js';
import { organizationNameAsOf } from '../../core/db/dated.js';
import { json, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

// ── Plans ──

function planQuery(db: Executor) {
  return db
    .selectFrom('plan')
    .select([
      'plan.id',
      'plan.organization_id as organizationId',
      // The body that drew the plan up, named as on the plan's first day: a renamed or succeeded body still reads as it was.
      organizationNameAsOf('plan.organization_id', sql<string>`plan.period_start`).as('organizationName'),
      'plan.title',
      'plan.period_start as periodStart',
      'plan.period_end as periodEnd',
      'plan.status',
      'plan.adoption_decision_id as adoptionDecisionId',
      'plan.superseded_by_id as supersededById',
      'plan.is_demo as isDemo',
      'plan.version',
    ]);
}

export type PlanRecord = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/** Every plan, the newest period first. */
export async function listPlans(db: Executor) {
  return planQuery(db).orderBy('plan.period_start', 'desc').orderBy('plan.id').execute();
}

export async function findPlan(db: Executor, id: string) {
  return planQuery(db).where('plan.id', '=', id).executeTakeFirst();
}

/** The plan a decision adopted, if any. */
export async function findPlanByDecision(db: Executor, decisionId: string) {
  return planQuery(db).where('plan.adoption_decision_id', '=', decisionId).executeTakeFirst();
}

/** The plan that replaced this one, and those this one replaced. */
export async function listPlansSupersededBy(db: Executor, planId: string) {
  return planQuery(db).where('plan.superseded_by_id', '=', planId).orderBy('plan.period_start').execute();
}

/** Ids of the decisions that already adopt a plan (a decision adopts one plan). */
export async function listAdoptionDecisionIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('plan').select('adoption_decision_id as id').where('adoption_decision_id', 'is not', null).$narrowType<{ id: string }>().execute();
  return rows.map((r) => r.id);
}

export interface NewPlan {
  id: string;
  organizationId: string;
  title: LocalizedText;
  periodStart: DateString;
  periodEnd: DateString;
}

export async function insertPlan(db: Executor, plan: NewPlan): Promise<void> {
  await db
    .insertInto('plan')
    .values({ id: plan.id, organization_id: plan.organizationId, title: json(plan.title), period_start: plan.periodStart, period_end: plan.periodEnd })
    .execute();
}

/** Changes a plan's standing (and its details) if it is still at the version the form was made from. */
export async function updatePlan(
  db: Executor,
  id: string,
  expectedVersion: number,
  values: { status?: PlanStatus; adoption_decision_id?: string | null; superseded_by_id?: string | null; title?: LocalizedText; period_start?: DateString; period_end?: DateString },
): Promise<boolean> {
  const { title, ...rest } = values;
  const result = await db
    .updateTable('plan')
    .set((eb) => ({ ...rest, ...(title ? { title: json(title) } : {}), updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A change to a plan's contents (its sections) moves its version on, so a form opened before it is stale. */
export async function touchPlan(db: Executor, id: string, expectedVersion: number): Promise<boolean> {
  return updatePlan(db, id, expectedVersion, {});
}

// ── Sections ──

export async function listSections(db: Executor, planId: string) {
  return db.selectFrom('plan_section').select(['id', 'position', 'title']).where('plan_id', '=', planId).orderBy('position').execute();
}

export async function insertSection(db: Executor, section: { id: string; planId: string; title: LocalizedText }): Promise<number> {
  const last = await db.selectFrom('plan_section').select((eb) => eb.fn.max('position').as('p')).where('plan_id', '=', section.planId).executeTakeFirst();
  const position = Number(last?.p ?? 0) + 1;
  await db.insertInto('plan_section').values({ id: section.id, plan_id: section.planId, position, title: json(section.title) }).execute();
  return position;
}

export async function updateSectionTitle(db: Executor, planId: string, sectionId: string, title: LocalizedText): Promise<boolean> {
  const result = await db.updateTable('plan_section').set({ title: json(title) }).where('id', '=', sectionId).where('plan_id', '=', planId).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// ── Priorities ──

function priorityQuery(db: Executor) {
  return db.selectFrom('plan_priority').select(['id', 'kind', 'title', 'reference', 'valid_from as validFrom', 'valid_to as validTo', 'version']);
}

export async function listPriorities(db: Executor) {
  return priorityQuery(db).orderBy('kind').orderBy(sql`valid_from desc nulls last`).orderBy('id').execute();
}

export async function findPriority(db: Executor, id: string) {
  return priorityQuery(db).where('id', '=', id).executeTakeFirst();
}

export interface PriorityValues {
  kind: PlanPriorityKind;
  title: LocalizedText;
  reference: string | null;
  validFrom: DateString | null;
  validTo: DateString | null;
}

export async function insertPriority(db: Executor, id: string, p: PriorityValues): Promise<void> {
  await db.insertInto('plan_priority').values({ id, kind: p.kind, title: json(p.title), reference: p.reference, valid_from: p.validFrom, valid_to: p.validTo }).execute();
}

export async function updatePriority(db: Executor, id: string, expectedVersion: number, p: PriorityValues): Promise<boolean> {
  const result = await db
    .updateTable('plan_priority')
    .set((eb) => ({ kind: p.kind, title: json(p.title), reference: p.reference, valid_from: p.validFrom, valid_to: p.validTo, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
