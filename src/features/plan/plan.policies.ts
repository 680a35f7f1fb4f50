// Who may read and change the perspective work plan (see core/auth/authorize.ts).
import { hasRole, hasRoleFor } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const planPolicies: Record<string, Policy> = {
  /** The office's plans, each with its items and status: any secretariat, or an admin. */
  'plan.view': (actor) => hasRole(actor, 'admin', 'secretariat'),
  /** Drawing up, adopting and keeping a plan: the secretariat of the plan's organisation, or an admin. */
  'plan.manage': (actor, resource) => hasRole(actor, 'admin') || hasRoleFor(actor, resource?.organizationId, 'secretariat'),
  /** The managed list of priorities items serve (the President's Address, programmes, laws). */
  'plan.priorities.manage': (actor) => hasRole(actor, 'admin', 'secretariat'),
};
