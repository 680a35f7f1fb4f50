// The signed-in person as every route sees them: who, which session, which roles where.
import type { Role } from '../db/database.js';
import type { Language } from '../i18n/languages.js';
import type { GrantRow } from './session.repository.js';

export interface Actor {
  accountId: string;
  email: string;
  displayName: string;
  preferredLanguage: Language;
  sessionId: string | null;
  /** Set when the request came with an API token instead of a session. */
  apiTokenId: string | null;
  grants: GrantRow[];
}

/** Roles that must use a second factor (TOTP). */
export const rolesRequiringSecondFactor: readonly Role[] = ['admin', 'secretariat'];

export function hasRole(actor: Actor | undefined, ...roles: Role[]): boolean {
  return !!actor && actor.grants.some((g) => roles.includes(g.role));
}

/** True when one of the actor's grants with one of the roles covers the organisation. */
export function hasRoleFor(actor: Actor | undefined, organizationId: string | null | undefined, ...roles: Role[]): boolean {
  if (!actor || !organizationId) return false;
  return actor.grants.some((g) => roles.includes(g.role) && g.scope.includes(organizationId));
}

export function requiresSecondFactor(grants: GrantRow[]): boolean {
  return grants.some((g) => rolesRequiringSecondFactor.includes(g.role));
}
