// Ids are UUIDv7, made by the app (PostgreSQL 15 has no uuidv7()); they sort by creation time.
import { randomUUID } from 'node:crypto';
import { v7 } from 'uuid';

export const newId = (): string => v7();

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string): boolean => uuidPattern.test(value);

/**
 * A request's id: the X-Request-Id a proxy sent, when it is a plain token, else a new random UUID.
 * Request ids need not sort, so they come from Node's randomUUID, which draws its random bytes in
 * batches; a UUIDv7 per request asked the system for random bytes every time (5% of the CPU of
 * answering a kept page).
 */
export function requestIdFor(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
}
