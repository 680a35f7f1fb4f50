// Who may see and log deputies' outreach events in the office (see core/auth/authorize.ts). Public
// events are shown on /receptions and in the open data, which need no policy.
import { hasRole, hasRoleFor } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const outreachPolicies: Record<string, Policy> = {
  /** A maslikhat's events: its staff and deputies (a region's grants cover its districts), the secretariat, an admin. */
  'outreach.view': (actor, resource) => hasRole(actor, 'admin', 'secretariat') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff', 'deputy'),
  /**
   * Logging, changing and deleting a maslikhat's events: its staff, its deputies (only events they
   * were at: the service checks), or an admin.
   */
  /** The managed list of topics (the Address's priorities, programmes, laws): the secretariat, an admin. */
  'outreach.topics.manage': (actor) => hasRole(actor, 'admin', 'secretariat'),
  'outreach.log': (actor, resource) => hasRole(actor, 'admin') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff', 'deputy'),
};
