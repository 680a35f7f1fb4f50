// Who may keep the working-day calendar: administrators. Reading it (the API) needs no policy.
import { hasRole } from '../../core/auth/actor.js';
import type { Policy } from '../../core/auth/authorize.js';

export const calendarPolicies: Record<string, Policy> = {
  'calendar.manage': (actor) => hasRole(actor, 'admin'),
};
