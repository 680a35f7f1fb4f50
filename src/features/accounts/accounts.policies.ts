// Who may do what in the accounts capability (see core/auth/authorize.ts).
import { hasRole } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const accountPolicies: Record<string, Policy> = {
  'office.view': () => true,
  'account.sessions.manage': (actor, resource) => !resource?.ownerAccountId || resource.ownerAccountId === actor.accountId,
  'audit.read': (actor) => hasRole(actor, 'admin'),
  'mail.outbox.read': (actor) => hasRole(actor, 'admin'),
  'people.manage': (actor) => hasRole(actor, 'admin'),
  'sessions.manage.any': (actor) => hasRole(actor, 'admin'),
};
