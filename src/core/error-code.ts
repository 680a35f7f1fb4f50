// What a caught value says about itself, without casting it: `catch (err)` gives `unknown`.
import type { FastifyError } from 'fastify';

/** The `code` of a Node system error ('ENOENT', 'EEXIST'…) or a driver's error (a PostgreSQL SQLSTATE such as '23505'); undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** The message of an Error, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether a thrown value is an Error with a string `code`, like Fastify's own errors (FST_ERR_VALIDATION…). */
export function isFastifyError(error: unknown): error is FastifyError {
  return error instanceof Error && errorCode(error) !== undefined;
}

/** The HTTP status a thrown value names (the `statusCode` of Fastify's and its plugins' errors), if any. */
export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}
