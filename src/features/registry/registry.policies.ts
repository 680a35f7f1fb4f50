// Who may change the registry (see core/auth/authorize.ts). Reads of public registry data need no policy.
import { hasRole, hasRoleFor } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const registryPolicies: Record<string, Policy> = {
  /** A maslikhat's deputies: its own staff (a region's staff also covers the districts under it), or an admin. */
  'registry.deputies.manage': (actor, resource) => hasRole(actor, 'admin') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff'),
  /** The Council's composition and its decisions: the secretariat, or an admin. */
  'registry.council.manage': (actor) => hasRole(actor, 'admin', 'secretariat'),
  /** Reference data (areas, organisations, titles): administrators. */
  'registry.reference.manage': (actor) => hasRole(actor, 'admin'),
};
