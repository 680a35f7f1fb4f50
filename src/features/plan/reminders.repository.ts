// Plan reminders: the open items of adopted plans and their lead bodies, the reports filed so far,
// who is to be reminded, and plan_reminder (the claim of each reminder, owned here). Reads only
// from the plan's other tables and the grants.
import { listGrantHolders, type AccountRecipient } from '../../core/auth/account.repository.js';
import { organizationNameAsOf } from '../../core/db/dated.js';
import type { PlanReminderKind } from '../../core/db/database.js';
import type { Executor } from '../../core/db/query.js';

export type { PlanReminderKind } from '../../core/db/database.js';

/** Items of adopted plans, not cancelled, with their schedule and what a mail names them by. */
export async function listOpenItems(db: Executor) {
  return db
    .selectFrom('plan_item as i')
    .innerJoin('plan as p', 'p.id', 'i.plan_id')
    .select([
      'i.id',
      'p.organization_id as planOrganizationId',
      'p.title as planTitle',
      'i.number',
      'i.action',
      'i.starts_on as startsOn',
      'i.deadline',
      'i.deadline_kind as deadlineKind',
      'i.due_offset_days as dueOffsetDays',
    ])
    .where('p.status', '=', 'adopted')
    .where('i.cancelled_at', 'is', null)
    .orderBy('p.period_start')
    .orderBy('i.plan_id')
    .orderBy('i.position')
    .execute();
}

/** The lead bodies of items: a named organisation, or the group of region maslikhats. */
export async function listLeads(db: Executor, itemIds: readonly string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('plan_item_responsible')
    .select(['item_id as itemId', 'organization_id as organizationId', 'body_group as bodyGroup'])
    .where('item_id', 'in', itemIds)
    .where('role', '=', 'lead')
    .execute();
}

/** The state of every report of the items (one per item, body and period). */
export async function listReportStates(db: Executor, itemIds: readonly string[]) {
  if (!itemIds.length) return [];
  return db
    .selectFrom('plan_report')
    .select(['item_id as itemId', 'organization_id as organizationId', 'period_start as periodStart', 'state'])
    .where('item_id', 'in', itemIds)
    .execute();
}

/** Organisations with their slug (for the filing link) and name as of a day. */
export async function listBodies(db: Executor, ids: readonly string[], date: string) {
  if (!ids.length) return [];
  return db
    .selectFrom('organization as o')
    .select(['o.id', 'o.slug', organizationNameAsOf('o.id', date).as('name')])
    .where('o.id', 'in', ids)
    .execute();
}

export type PlanReminderRecipient = AccountRecipient;

/** Who files a body's reports: its staff and partners; for the plan's own body (the Council), its secretariat. */
export type RecipientRoles = readonly ('maslikhat_staff' | 'partner' | 'secretariat')[];

/** Active accounts that file the organisation's reports, each once (a grant of one of `roles` on it or one above it, valid on `today`). */
export const listRecipients = (db: Executor, organizationId: string, today: string, roles: RecipientRoles = ['maslikhat_staff', 'partner']): Promise<PlanReminderRecipient[]> =>
  listGrantHolders(db, organizationId, today, roles);

export interface ReminderKey {
  itemId: string;
  organizationId: string;
  periodStart: string;
  kind: PlanReminderKind;
}

/**
 * Claims a reminder before anything is sent: true for exactly one caller, however many instances
 * ask at once — the primary key decides (PostgreSQL makes the second insert wait for the first and
 * then finds the row, so it gets nothing back).
 */
export async function claimReminder(db: Executor, key: ReminderKey, at: Date): Promise<boolean> {
  const rows = await db
    .insertInto('plan_reminder')
    .values({ item_id: key.itemId, organization_id: key.organizationId, period_start: key.periodStart, kind: key.kind, sent_at: at, recipients: 0 })
    .onConflict((oc) => oc.columns(['item_id', 'organization_id', 'period_start', 'kind']).doNothing())
    .returning('item_id')
    .execute();
  return rows.length === 1;
}

export async function recordRecipients(db: Executor, key: ReminderKey, recipients: number): Promise<void> {
  await db
    .updateTable('plan_reminder')
    .set({ recipients })
    .where('item_id', '=', key.itemId)
    .where('organization_id', '=', key.organizationId)
    .where('period_start', '=', key.periodStart)
    .where('kind', '=', key.kind)
    .execute();
}
