// Who may read the plan's progress in the office (the matrix and its exports): see core/auth/authorize.ts.
// The public pages and the open-data API need no policy: they read accepted reports only.
import { hasRole } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const progressPolicies: Record<string, Policy> = {
  /** The matrix of items × bodies with every report's state, and its XLSX and CSV: any secretariat, or an admin. */
  'plan.progress.view': (actor) => hasRole(actor, 'admin', 'secretariat'),
};
