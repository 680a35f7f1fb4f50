// Who may file and review plan reports (see core/auth/authorize.ts). Accepted reports are public
// through the plan's public pages, which need no policy.
import { hasRole, hasRoleFor } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const reportPolicies: Record<string, Policy> = {
  /**
   * File and see a body's reports: its staff (a region's staff also covers its districts) or
   * partners, or an admin; the Council's own part of its plan is filed by the Council's secretariat.
   */
  'plan.report.file': (actor, resource) => hasRole(actor, 'admin') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff', 'partner', 'secretariat'),
  /** Accept or return reports, and read every body's: the secretariat, or an admin. */
  'plan.report.review': (actor) => hasRole(actor, 'admin', 'secretariat'),
};
