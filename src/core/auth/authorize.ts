// Authorisation: one question, can(actor, action, resource), answered by policies that each feature
// declares next to itself (`definePolicies`). Routes call authorize(), which throws the right error.
import type { FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.js';
import type { Actor } from './actor.js';

/** What a policy may look at: the organisation a record belongs to, and the record's owner. */
export interface Resource {
  organizationId?: string | null;
  ownerAccountId?: string | null;
}

export type Policy = (actor: Actor, resource: Resource | undefined) => boolean;

const policies = new Map<string, Policy>();

export function definePolicies(entries: Record<string, Policy>): void {
  for (const [action, policy] of Object.entries(entries)) {
    if (policies.has(action) && policies.get(action) !== policy) throw new Error(`Policy "${action}" is defined twice`);
    policies.set(action, policy);
  }
}

export function can(actor: Actor | undefined, action: string, resource?: Resource): boolean {
  const policy = policies.get(action);
  if (!policy) throw new Error(`No policy for "${action}": declare it with definePolicies()`);
  return actor !== undefined && policy(actor, resource);
}

export function definedActions(): string[] {
  return [...policies.keys()].toSorted();
}

/**
 * Throws unless the request's actor may do the action: 401 when nobody is signed in, 403 when
 * the actor may not, or 404 when even the record's existence must stay hidden.
 */
export function authorize(request: FastifyRequest, action: string, resource?: Resource, options: { hideExistence?: boolean } = {}): Actor {
  const actor = request.actor;
  if (!actor) throw UnauthorizedError();
  if (!can(actor, action, resource)) throw options.hideExistence ? NotFoundError() : ForbiddenError();
  return actor;
}
