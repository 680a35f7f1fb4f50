// Records who changed what, when, from where, with the values before and after. Every change in
// the product goes through recordChange(), inside the same transaction as the change itself.
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.js';
import { newId } from '../ids.js';
import { redactPersonal } from '../personal-data.js';
import { insertAuditEvent } from './audit.repository.js';

/** Where a change came from: the signed-in person and their request (or the CLI / the system). */
export interface ChangeContext {
  actorAccountId: string | null;
  /** Shown when there is no account (e.g. 'cli', 'system', 'seed'), or the account's email at the time. */
  actorLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

export const systemContext = (label: string): ChangeContext => ({
  actorAccountId: null,
  actorLabel: label,
  ip: null,
  userAgent: null,
  requestId: null,
});

export interface Change {
  entity: string;
  entityId: string | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export async function recordChange(db: Kysely<Database> | Transaction<Database>, context: ChangeContext, change: Change): Promise<void> {
  await insertAuditEvent(db, {
    id: newId(),
    actor_account_id: context.actorAccountId,
    actor_label: context.actorLabel,
    ip: context.ip,
    user_agent: context.userAgent?.slice(0, 400) ?? null,
    request_id: context.requestId,
    entity: change.entity,
    entity_id: change.entityId,
    action: change.action,
    // Secrets never enter the log; personal fields do (the log is for admins) but only as marked.
    before: change.before ? redactPersonal(change.entity, change.before) : null,
    after: change.after ? redactPersonal(change.entity, change.after) : null,
  });
}
