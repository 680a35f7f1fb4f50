// Every query of a plan's items: the items, their responsible bodies, links and indicators; and a read of their reports (owned by the reports' repository) for the derived status.
import { sql } from 'kysely';
import type { DateString, PlanDeadlineKind } from '../../core/db/database.js';
import { organizationNameAsOf } from '../../core/db/dated.js';
import { json, type Executor } from '../../core/db/query.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

// ── Items ──

function itemQuery(db: Executor) {
  return db
    .selectFrom('plan_item')
    .select([
      'id',
      'plan_id as planId',
      'section_id as sectionId',
      'position',
      'number',
      'action',
      'expected_result as expectedResult',
      'starts_on as startsOn',
      'deadline_kind as deadlineKind',
      'deadline',
      'due_offset_days as dueOffsetDays',
      'cancelled_at as cancelledAt',
      'cancel_reason as cancelReason',
      'version',
    ]);
}

export type ItemRow = Awaited<ReturnType<typeof listItems>>[number];

/** A plan's items in their order. */
export async function listItems(db: Executor, planId: string) {
  return itemQuery(db).where('plan_id', '=', planId).orderBy('position').execute();
}

export async function findItem(db: Executor, id: string) {
  return itemQuery(db).where('id', '=', id).executeTakeFirst();
}

export async function lastItemPosition(db: Executor, planId: string): Promise<number> {
  const last = await db.selectFrom('plan_item').select((eb) => eb.fn.max('position').as('p')).where('plan_id', '=', planId).executeTakeFirst();
  return Number(last?.p ?? 0);
}

export interface ItemValues {
  sectionId: string | null;
  number: string | null;
  action: LocalizedText;
  expectedResult: LocalizedText | null;
  startsOn: DateString;
  deadlineKind: PlanDeadlineKind;
  deadline: DateString;
  dueOffsetDays: number;
}

const itemColumns = (v: ItemValues) => ({
  section_id: v.sectionId,
  number: v.number,
  action: json(v.action),
  expected_result: json(v.expectedResult),
  starts_on: v.startsOn,
  deadline_kind: v.deadlineKind,
  deadline: v.deadline,
  due_offset_days: v.dueOffsetDays,
});

export async function insertItem(db: Executor, id: string, planId: string, position: number, v: ItemValues): Promise<void> {
  await db.insertInto('plan_item').values({ id, plan_id: planId, position, ...itemColumns(v) }).execute();
}

export async function updateItem(db: Executor, id: string, expectedVersion: number, v: ItemValues): Promise<boolean> {
  const result = await db
    .updateTable('plan_item')
    .set((eb) => ({ ...itemColumns(v), updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function cancelItem(db: Executor, id: string, expectedVersion: number, reason: LocalizedText): Promise<boolean> {
  const result = await db
    .updateTable('plan_item')
    .set((eb) => ({ cancelled_at: new Date(), cancel_reason: json(reason), updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * How a plan's items sit against a period: how many start before it or end after it (their
 * deadline), and the span of all the items (their first start and last deadline).
 */
export async function itemsAgainstPeriod(db: Executor, planId: string, start: DateString, end: DateString) {
  const row = await db
    .selectFrom('plan_item')
    .select((eb) => [
      sql<string>`count(*) filter (where starts_on < ${start} or deadline > ${end})`.as('outside'),
      sql<string>`count(*) filter (where starts_on < ${start})`.as('before'),
      eb.fn.min('starts_on').as('first'),
      eb.fn.max('deadline').as('last'),
    ])
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return { outside: Number(row?.outside ?? 0), before: Number(row?.before ?? 0), first: row?.first ?? start, last: row?.last ?? end };
}

// ── Responsible bodies ──

/** The items' responsible bodies: an organisation named as on the item's first day, or the group of every region maslikhat. */
export async function listResponsible(db: Executor, itemIds: string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('plan_item_responsible as r')
    .innerJoin('plan_item as i', 'i.id', 'r.item_id')
    .select(['r.item_id as itemId', 'r.organization_id as organizationId', 'r.body_group as bodyGroup', 'r.role', organizationNameAsOf('r.organization_id', sql<string>`i.starts_on`).as('name')])
    .where('r.item_id', 'in', itemIds)
    .orderBy('r.item_id')
    .orderBy(sql`r.role = 'lead'`, 'desc')
    .orderBy(sql`r.body_group is null`)
    .orderBy('r.id')
    .execute();
}

export interface ResponsibleValues {
  organizationId: string | null;
  bodyGroup: 'region_maslikhats' | null;
  role: 'lead' | 'co_executor';
}

export async function replaceResponsible(db: Executor, itemId: string, rows: (ResponsibleValues & { id: string })[]): Promise<void> {
  await db.deleteFrom('plan_item_responsible').where('item_id', '=', itemId).execute();
  if (!rows.length) return;
  await db
    .insertInto('plan_item_responsible')
    .values(rows.map((r) => ({ id: r.id, item_id: itemId, organization_id: r.organizationId, body_group: r.bodyGroup, role: r.role })))
    .execute();
}

// ── Links: priorities, meetings, decisions ──

export async function listLinks(db: Executor, itemIds: string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('plan_item_link as l')
    .leftJoin('plan_priority as p', 'p.id', 'l.priority_id')
    .select(['l.item_id as itemId', 'l.priority_id as priorityId', 'p.kind as priorityKind', 'p.title as priorityTitle', 'l.meeting_id as meetingId', 'l.decision_id as decisionId'])
    .where('l.item_id', 'in', itemIds)
    .orderBy('l.id')
    .execute();
}

export interface LinkValues {
  priorityIds: string[];
  meetingIds: string[];
  decisionIds: string[];
}

export async function replaceLinks(db: Executor, itemId: string, links: LinkValues, newId: () => string): Promise<void> {
  await db.deleteFrom('plan_item_link').where('item_id', '=', itemId).execute();
  const rows = [
    ...links.priorityIds.map((id) => ({ priority_id: id, meeting_id: null, decision_id: null })),
    ...links.meetingIds.map((id) => ({ priority_id: null, meeting_id: id, decision_id: null })),
    ...links.decisionIds.map((id) => ({ priority_id: null, meeting_id: null, decision_id: id })),
  ];
  if (!rows.length) return;
  await db
    .insertInto('plan_item_link')
    .values(rows.map((r) => ({ id: newId(), item_id: itemId, ...r })))
    .execute();
}

// ── Indicators ──

export async function listIndicators(db: Executor, itemIds: string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('plan_indicator')
    .select(['id', 'item_id as itemId', 'position', 'name', 'unit', 'baseline', 'target', 'aggregation'])
    .where('item_id', 'in', itemIds)
    .orderBy('item_id')
    .orderBy('position')
    .execute();
}

export interface IndicatorValues {
  name: LocalizedText;
  unit: LocalizedText;
  baseline: string | null;
  target: string | null;
  aggregation: 'sum' | 'average';
}

const indicatorColumns = (v: IndicatorValues) => ({ name: json(v.name), unit: json(v.unit), baseline: v.baseline, target: v.target, aggregation: v.aggregation });

/**
 * Writes an item's indicators as the form lists them: each kept one updated in place (its reported
 * values stay with it), new ones added, the rest removed. Positions are moved out of the way first,
 * so a reordering never meets the (item, position) key halfway.
 */
export async function saveIndicators(db: Executor, itemId: string, rows: { id: string; existing: boolean; position: number; values: IndicatorValues }[]): Promise<void> {
  const kept = rows.filter((r) => r.existing).map((r) => r.id);
  await db
    .deleteFrom('plan_indicator')
    .where('item_id', '=', itemId)
    .$if(kept.length > 0, (q) => q.where('id', 'not in', kept))
    .execute();
  if (kept.length) await db.updateTable('plan_indicator').set((eb) => ({ position: eb('position', '+', 100_000) })).where('id', 'in', kept).execute();
  for (const r of rows.filter((x) => x.existing)) {
    await db.updateTable('plan_indicator').set({ position: r.position, ...indicatorColumns(r.values) }).where('id', '=', r.id).where('item_id', '=', itemId).execute();
  }
  const added = rows.filter((r) => !r.existing);
  if (added.length) await db.insertInto('plan_indicator').values(added.map((r) => ({ id: r.id, item_id: itemId, position: r.position, ...indicatorColumns(r.values) }))).execute();
}

/** Of these indicators, the ones with values reported (such an indicator stays: its values would go with it). */
export async function listIndicatorsWithValues(db: Executor, indicatorIds: string[]): Promise<string[]> {
  if (!indicatorIds.length) return [];
  const rows = await db.selectFrom('plan_report_value').select('indicator_id as id').distinct().where('indicator_id', 'in', indicatorIds).execute();
  return rows.map((r) => r.id);
}

// ── Reports, read for the derived status (the reports' own repository writes them) ──

export async function listReportsOfItems(db: Executor, itemIds: string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('plan_report')
    .select(['item_id as itemId', 'organization_id as organizationId', 'period_start as periodStart', 'due_on as dueOn', 'state', 'first_submitted_at as firstSubmittedAt'])
    .where('item_id', 'in', itemIds)
    .execute();
}

/** The values of accepted reports (their current revision), by indicator and body, the latest period first. */
export async function listAcceptedValues(db: Executor, itemIds: string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('plan_report as r')
    .innerJoin('plan_report_revision as rev', (join) => join.onRef('rev.report_id', '=', 'r.id').onRef('rev.revision', '=', 'r.revision'))
    .innerJoin('plan_report_value as v', 'v.revision_id', 'rev.id')
    .select(['v.indicator_id as indicatorId', 'r.organization_id as organizationId', 'r.period_start as periodStart', 'v.value'])
    .where('r.item_id', 'in', itemIds)
    .where('r.state', '=', 'accepted')
    .orderBy('r.period_start', 'desc')
    .execute();
}
