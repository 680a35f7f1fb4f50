// Who may do what with the library (see core/auth/authorize.ts). Partners prepare their own
// organisation's materials; the secretariat edits, approves, withdraws and distributes any; the
// staff and deputies of a maslikhat read what was sent to it and acknowledge it. Published
// materials are public through the library's public pages, which need no policy.
import { hasRole, hasRoleFor } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const libraryPolicies: Record<string, Policy> = {
  /** The office's library: the secretariat (all materials), partners (their organisation's), admins. */
  'library.view': (actor) => hasRole(actor, 'admin', 'secretariat', 'partner'),
  /** Preparing a material of an organisation (create, change a draft, add files, submit). */
  'library.prepare': (actor, resource) => hasRole(actor, 'admin', 'secretariat') || hasRoleFor(actor, resource?.organizationId, 'partner'),
  /** Approving (publishing), withdrawing, changing any material, and sending it to maslikhats. */
  'library.manage': (actor) => hasRole(actor, 'admin', 'secretariat'),
  /** A maslikhat's received materials: its staff and deputies (a region's also covers its districts), or an admin. */
  'library.receive': (actor, resource) => hasRole(actor, 'admin') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff', 'deputy'),
  /** Acknowledging receipt for a maslikhat: its own staff and deputies only. */
  'library.acknowledge': (actor, resource) => hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff', 'deputy'),
};
