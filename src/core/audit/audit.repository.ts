// The audit log: append-only (the database refuses updates and deletes; see migration 0002).
import { json, paginate, type Executor, type Page } from '../db/query.js';

export interface AuditEventInput {
  id: string;
  actor_account_id: string | null;
  actor_label: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export async function insertAuditEvent(db: Executor, event: AuditEventInput): Promise<void> {
  await db
    .insertInto('audit_event')
    .values({
      ...event,
      before: json(event.before),
      after: json(event.after),
    })
    .execute();
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorAccountId?: string | undefined;
  action?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

function filtered(db: Executor, filter: AuditFilter) {
  let q = db.selectFrom('audit_event').leftJoin('account', 'account.id', 'audit_event.actor_account_id');
  if (filter.entity) q = q.where('audit_event.entity', '=', filter.entity);
  if (filter.entityId) q = q.where('audit_event.entity_id', '=', filter.entityId);
  if (filter.actorAccountId) q = q.where('audit_event.actor_account_id', '=', filter.actorAccountId);
  if (filter.action) q = q.where('audit_event.action', '=', filter.action);
  if (filter.from) q = q.where('audit_event.occurred_at', '>=', filter.from);
  if (filter.to) q = q.where('audit_event.occurred_at', '<', filter.to);
  return q;
}

export async function listAuditEvents(db: Executor, filter: AuditFilter, page: Page) {
  const events = filtered(db, filter)
    .select([
      'audit_event.id',
      'audit_event.occurred_at as occurredAt',
      'audit_event.actor_account_id as actorAccountId',
      'audit_event.actor_label as actorLabel',
      'account.email as actorEmail',
      'audit_event.ip',
      'audit_event.user_agent as userAgent',
      'audit_event.request_id as requestId',
      'audit_event.entity',
      'audit_event.entity_id as entityId',
      'audit_event.action',
      'audit_event.before',
      'audit_event.after',
    ])
    .orderBy('audit_event.occurred_at', 'desc')
    .orderBy('audit_event.id', 'desc');
  return paginate(events, page);
}

export async function distinctAuditValues(db: Executor): Promise<{ entities: string[]; actions: string[] }> {
  const [entities, actions] = await Promise.all([
    db.selectFrom('audit_event').select('entity').distinct().orderBy('entity').execute(),
    db.selectFrom('audit_event').select('action').distinct().orderBy('action').execute(),
  ]);
  return { entities: entities.map((e) => e.entity), actions: actions.map((a) => a.action) };
}
