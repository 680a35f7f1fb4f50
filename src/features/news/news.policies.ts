// Who may do what with news (see core/auth/authorize.ts). Published news is public and needs no policy.
import { hasRole } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const newsPolicies: Record<string, Policy> = {
  /** Draft, edit, publish and unpublish news and press releases: the secretariat, or an admin. */
  'news.manage': (actor) => hasRole(actor, 'admin', 'secretariat'),
};
