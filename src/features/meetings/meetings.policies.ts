// Who may do what with meetings (see core/auth/authorize.ts). Public meeting pages need no policy.
import { hasRole, hasRoleFor } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const meetingPolicies: Record<string, Policy> = {
  /** Schedule, edit, run meetings and record their outcome: the secretariat, or an admin. */
  'meetings.manage': (actor) => hasRole(actor, 'admin', 'secretariat'),
  /** Answer an invitation for a maslikhat: its own staff (a region's staff covers its districts). */
  'meetings.respond': (actor, resource) => hasRole(actor, 'admin', 'secretariat') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff'),
  /** See what invitees see (the video link, papers before publication): invitees and the secretariat. */
  'meetings.view-invited': (actor, resource) =>
    hasRole(actor, 'admin', 'secretariat', 'council_member') || hasRoleFor(actor, resource?.organizationId, 'maslikhat_staff', 'deputy'),
};
