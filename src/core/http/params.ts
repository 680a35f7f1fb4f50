// Schemas for what a URL says: path parameters and the small query flags of HTML pages.
//
// HTML routes declare them as API routes do (`schema: { params: pathParams({ id: idParam }) }`),
// and the handler gets typed, lower-cased values. A path parameter that fails its schema names
// nothing that exists, so the error handler answers it as 404 Not Found (in the request's
// language) — see `namesNothing` — not as a 400 about the form of the URL. Only the JSON API
// under /api/ keeps the 400 with the problem, as its OpenAPI document says, since a programmer
// reads it.
//
// Mounted under /:lang, a route's params schema carries `lang` as well (zod objects drop keys they
// do not name): `pathParams` adds it. The language guard has already answered an unknown one.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isFastifyError } from '../error-code.js';
import { languages } from '../i18n/languages.js';

/** A record's id in the path: a UUID in any case, given to the handler lower-cased. */
export const idParam = z.guid().transform((v) => v.toLowerCase());

/** An organisation's slug in the path: lower-case letters, digits and hyphens. */
export const slugParam = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/);

/** The /:lang prefix. */
export const langParam = z.enum(languages);

/** The path parameters of a route mounted under /:lang: `lang` and the ones named. */
export const pathParams = <T extends z.ZodRawShape>(shape: T) => z.object({ lang: langParam, ...shape });

/** `?saved=1` and the like: true for "1", false for anything else (never an error). */
export const flagQuery = z
  .string()
  .optional()
  .transform((v) => v === '1')
  .catch(false);

/** Optional text from the query (a search, a pre-chosen value): trimmed, cut at `max`, '' when missing or not text. */
export const textQuery = (max = 200) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').trim().slice(0, max))
    .catch('');

/** Whether a request failed on its path parameters (to be answered as not found), outside the JSON API. */
export function namesNothing(error: unknown, request: FastifyRequest): boolean {
  return isFastifyError(error) && Boolean(error.validation) && error.validationContext === 'params' && !request.url.startsWith('/api/');
}
