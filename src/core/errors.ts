// Application errors with stable codes. Routes throw these; one handler renders them (http/error-handler.ts).
import type { MessageKey, MessageValues } from './i18n/messages.js';

export type ErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'internal'
  | 'unavailable';

export interface FieldProblem {
  /** Form field name or JSON path (dots). */
  field: string;
  messageKey: MessageKey;
  values?: MessageValues;
  /** When the page repeats forms, the id prefix of the form the field is in (default 'field'). */
  idPrefix?: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly messageKey: MessageKey,
    readonly values: MessageValues = {},
    readonly problems: FieldProblem[] = [],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const BadRequestError = (messageKey: MessageKey = 'error.badRequest', values?: MessageValues) =>
  new AppError(400, 'bad_request', messageKey, values);
export const InvalidJsonError = () => new AppError(400, 'invalid_json', 'error.invalidJson');
export const ValidationError = (problems: FieldProblem[]) =>
  new AppError(400, 'validation_failed', 'error.validationFailed', { count: problems.length }, problems);
export const UnauthorizedError = () => new AppError(401, 'unauthorized', 'error.unauthorized');
export const ForbiddenError = (messageKey: MessageKey = 'error.forbidden') => new AppError(403, 'forbidden', messageKey);
export const CsrfError = () => new AppError(403, 'csrf_failed', 'error.csrfFailed');
export const NotFoundError = () => new AppError(404, 'not_found', 'error.notFound');
export const MethodNotAllowedError = () => new AppError(405, 'method_not_allowed', 'error.methodNotAllowed');
export const ConflictError = (messageKey: MessageKey = 'error.conflict') => new AppError(409, 'conflict', messageKey);
export const PayloadTooLargeError = (limitBytes: number) =>
  new AppError(413, 'payload_too_large', 'error.payloadTooLarge', { limitKb: Math.round(limitBytes / 1024) });
export const UnsupportedMediaTypeError = () => new AppError(415, 'unsupported_media_type', 'error.unsupportedMediaType');
export const RateLimitedError = (retryAfterSeconds: number) =>
  new AppError(429, 'rate_limited', 'error.rateLimited', { seconds: retryAfterSeconds });
export const InternalError = () => new AppError(500, 'internal', 'error.internal');
export const UnavailableError = () => new AppError(503, 'unavailable', 'error.unavailable');
