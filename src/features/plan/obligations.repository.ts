// Read-only queries of the plan's own tables that reports need (plans, items, responsible bodies,
// indicators), until the plan service publishes them: nothing here writes.
import type { Executor } from '../../core/db/query.js';

const toNumber = (value: string | null): number | null => (value === null ? null : Number(value));

const itemColumns = [
  'i.id',
  'i.plan_id as planId',
  'p.organization_id as planOrganizationId',
  'p.title as planTitle',
  'p.status as planStatus',
  'i.number',
  'i.position',
  'i.action',
  'i.starts_on as startsOn',
  'i.deadline',
  'i.deadline_kind as deadlineKind',
  'i.due_offset_days as dueOffsetDays',
  'i.cancelled_at as cancelledAt',
] as const;

/** The items of adopted plans, not cancelled, that name the organisation or the region maslikhats' group as responsible. */
export async function listItemsNaming(db: Executor, organizationIds: readonly string[]) {
  if (!organizationIds.length) return [];
  const rows = await db
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .innerJoin('plan_item_responsible as r', 'r.item_id', 'i.id')
    .where('p.status', '=', 'adopted')
    .where('i.cancelled_at', 'is', null)
    .where((eb) => eb.or([eb('r.organization_id', 'in', organizationIds), eb('r.body_group', '=', 'region_maslikhats')]))
    .select([...itemColumns, 'r.organization_id as responsibleId', 'r.body_group as bodyGroup', 'p.period_start as planStart'])
    .orderBy('p.period_start', 'desc')
    .orderBy('p.id')
    .orderBy('i.position')
    .execute();
  return rows;
}

/** One item with its plan's status (any plan, any state: the caller decides what it may be used for). */
export async function findItem(db: Executor, itemId: string) {
  return db.selectFrom('plan_item as i').innerJoin('plan as p', 'p.id', 'i.plan_id').select(itemColumns).where('i.id', '=', itemId).executeTakeFirst();
}

/** The responsible bodies of an item: organisations, or the group of region maslikhats. */
export async function listResponsible(db: Executor, itemId: string) {
  return db.selectFrom('plan_item_responsible').select(['organization_id as organizationId', 'body_group as bodyGroup', 'role']).where('item_id', '=', itemId).execute();
}

/** The indicators of items, in their order, with baseline and target as numbers. */
export async function listIndicators(db: Executor, itemIds: readonly string[]) {
  if (!itemIds.length) return [];
  const rows = await db
    .selectFrom('plan_indicator')
    .select(['id', 'item_id as itemId', 'position', 'name', 'unit', 'baseline', 'target', 'aggregation'])
    .where('item_id', 'in', itemIds)
    .orderBy('item_id')
    .orderBy('position')
    .execute();
  return rows.map((r) => ({ ...r, baseline: toNumber(r.baseline), target: toNumber(r.target) }));
}

/** Adopted plans, newest first, for the review list's filter. */
export async function listAdoptedPlans(db: Executor) {
  return db.selectFrom('plan').select(['id', 'title', 'period_start as periodStart']).where('status', '=', 'adopted').orderBy('period_start', 'desc').orderBy('id').execute();
}
