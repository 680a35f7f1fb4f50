// Forms with one file: fields and the file arrive in the body as plain values (the CSRF field
// among them, so the usual check applies too). The file is read into memory up to its limit and
// marked truncated beyond it; the route decides what that means and sniffs the kind from the bytes.
//
// Reading a multipart body costs memory, so nothing is read until the request has earned it: a
// visitor who is not signed in is refused before the first byte, a declared length over the limit
// is refused, and the form's first part must be its CSRF token (every upload form puts the hidden
// `_csrf` field first; an htmx request may send the token as a header instead). A broken body —
// no boundary, cut off, malformed headers — is a 400 that says so, never a 500.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, BadRequestError, CsrfError, PayloadTooLargeError, RateLimitedError, UnauthorizedError } from '../errors.js';
import { controlCharactersRefused, fieldsWithControlCharacters } from './control-characters.js';
import { csrfCookie, sameToken } from './csrf.js';
import { errorCode } from '../error-code.js';

/** The uploaded file as the multipart hook leaves it in the body. */
export interface UploadedFile {
  filename: string;
  data: Buffer;
  truncated: boolean;
}

export const isUploadedFile = (value: unknown): value is UploadedFile =>
  typeof value === 'object' && value !== null && 'data' in value && Buffer.isBuffer(value.data) && 'filename' in value && typeof value.filename === 'string';

/**
 * A declared body larger than this is refused unread. Up to it, a file over its limit is read
 * through (only maxBytes kept) so the form can say "too large" in its own words.
 */
const declaredLimit = (maxBytes: number) => maxBytes * 4 + 1024 * 1024;

function tokenMatches(request: FastifyRequest, sent: unknown): boolean {
  const cookie = request.cookies[csrfCookie];
  return typeof cookie === 'string' && typeof sent === 'string' && sameToken(cookie, sent);
}

/**
 * At most four upload bodies are held in memory at once in this process (with 20 MB papers:
 * 80 MB), sixteen more wait their turn, and beyond that a client is told to retry in a few
 * seconds. Held from reading the body until the answer is sent.
 */
export const uploadSlots: { max: number; queueMax: number; active: number; waiting: (() => void)[] } = { max: 4, queueMax: 16, active: 0, waiting: [] };

function takeUploadSlot(): Promise<void> | 'busy' {
  if (uploadSlots.active < uploadSlots.max) {
    uploadSlots.active++;
    return Promise.resolve();
  }
  if (uploadSlots.waiting.length >= uploadSlots.queueMax) return 'busy';
  return new Promise((resolve) => uploadSlots.waiting.push(resolve));
}

function releaseUploadSlot(): void {
  const next = uploadSlots.waiting.shift();
  if (next) next(); // the slot passes on: `active` stays the same
  else uploadSlots.active--;
}


/** A failure while reading parts: ours pass through, the parser's limits are 413, anything else is a broken body. */
function uploadError(error: unknown, maxBytes: number): AppError {
  if (error instanceof AppError) return error;
  const code = errorCode(error);
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_REQ_FILE_TOO_LARGE') return PayloadTooLargeError(maxBytes);
  return BadRequestError('error.multipartMalformed');
}

/** Accepts forms with one file of at most maxBytes and up to `fields` other fields, in this plugin's routes. */
export async function singleFileUploads(app: FastifyInstance, options: { maxBytes: number; fields: number }): Promise<void> {
  // One byte over the limit is kept, so `truncated` means "larger than maxBytes".
  const limits = { fileSize: options.maxBytes + 1, files: 1, fields: options.fields, parts: options.fields + 1, fieldSize: 64 * 1024, headerPairs: 50 };
  await app.register(multipart, { limits, throwFileSizeLimit: false });

  app.addHook('preValidation', async (request, reply) => {
    if (!request.isMultipart()) return;
    if (!request.actor) throw UnauthorizedError();
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > declaredLimit(options.maxBytes)) throw PayloadTooLargeError(options.maxBytes);

    const slot = takeUploadSlot();
    if (slot === 'busy') throw RateLimitedError(5);
    await slot;
    // The slot is given back when the response is done or the connection is gone ('close' fires
    // for both, once) — also for a client that gave up while it waited its turn.
    if (reply.raw.closed || request.raw.destroyed) {
      releaseUploadSlot();
      throw BadRequestError('error.multipartMalformed');
    }
    reply.raw.once('close', releaseUploadSlot);

    let trusted = tokenMatches(request, request.headers['x-csrf-token']);
    const body: Record<string, unknown> = {};
    try {
      for await (const part of request.parts({ limits })) {
        if (!trusted) {
          // The token must come before anything else is read: stop at the first part otherwise.
          if (part.type !== 'field' || part.fieldname !== '_csrf' || !tokenMatches(request, part.value)) throw CsrfError();
          trusted = true;
        }
        const value = part.type === 'file' ? { filename: part.filename, data: await part.toBuffer(), truncated: part.file.truncated } : part.value;
        const previous = body[part.fieldname];
        body[part.fieldname] = previous === undefined ? value : [previous, value].flat();
      }
    } catch (error) {
      throw uploadError(error, options.maxBytes);
    }
    if (!trusted) throw CsrfError(); // an empty form
    const refused = fieldsWithControlCharacters(body, '');
    if (refused.length) throw controlCharactersRefused(refused);
    request.body = body;
  });
}
