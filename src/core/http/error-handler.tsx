// The one error handler: typed application errors become an HTML page or JSON (by the request),
// in the request's language; Fastify's own 4xx errors are mapped to ours; anything else is logged
// and shown only as a generic "internal error".
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import {
  AppError,
  BadRequestError,
  InternalError,
  InvalidJsonError,
  MethodNotAllowedError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldProblem,
} from '../errors.js';
import { translate } from '../i18n/messages.js';
import { defaultLanguage, isLanguage, languageTags, type Language } from '../i18n/languages.js';
import { usePage } from '../html/page-context.js';
import { languageOfBareRequest } from './language.js';
import { ErrorSummary } from '../html/components.js';
import { messageForIssue } from './forms.js';
import { namesNothing } from './params.js';
import { errorCode, errorStatus, isFastifyError } from '../error-code.js';

/** Turns Fastify's request-validation errors into field problems with our message keys (fastify-type-provider-zod gives the zod issue's code as `keyword`, its details in `params`). */
function problemsFromValidation(error: FastifyError): FieldProblem[] {
  const issues = error.validation ?? [];
  const context = error.validationContext ?? 'request';
  return issues.slice(0, 20).map((issue) => {
    const path = issue.instancePath?.replace(/^\//, '').replaceAll('/', '.');
    const field = [context, path].filter(Boolean).join('.');
    return { field, ...messageForIssue({ ...issue.params, code: issue.keyword }, field) };
  });
}

export function toAppError(error: unknown, bodyLimit: number): AppError {
  if (error instanceof AppError) return error;
  // A form or query parsed in a handler with schema.parse(): the person's input, not our fault.
  if (error instanceof ZodError) {
    return ValidationError(
      error.issues.slice(0, 20).map((issue) => {
        const field = issue.path.map(String).join('.') || 'request';
        return { field, ...messageForIssue(issue, field) };
      }),
    );
  }
  if (isFastifyError(error) && error.validation) return ValidationError(problemsFromValidation(error));
  switch (errorCode(error)) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return InvalidJsonError();
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return PayloadTooLargeError(bodyLimit);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return UnsupportedMediaTypeError();
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return BadRequestError();
    case 'FST_ERR_NOT_FOUND':
      return NotFoundError();
    default:
      break;
  }
  const status = errorStatus(error) ?? 500;
  if (error instanceof SyntaxError && status === 400) return InvalidJsonError();
  if (status === 404) return NotFoundError();
  if (status === 405) return MethodNotAllowedError();
  if (status === 413) return PayloadTooLargeError(bodyLimit);
  if (status === 415) return UnsupportedMediaTypeError();
  if (status >= 400 && status < 500) return BadRequestError();
  return InternalError();
}

/** JSON for the API and for clients that prefer it; HTML for browsers. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  if (!accept || accept.includes('text/html')) return false;
  return accept.includes('application/json') || accept.includes('+json');
}

function ErrorPage({ error }: { error: AppError }) {
  const { t, href } = usePage();
  return (
    <>
      {error.problems.length > 0 && <ErrorSummary problems={error.problems} />}
      <h1>{t(`errorTitle.${error.code}`)}</h1>
      <p class="lead">{t(error.messageKey, error.values)}</p>
      <p>
        <a href={href('/')}>{t('error.goHome')}</a>
      </p>
      <p class="hint">
        {t('error.reference')} <code>{error.code}</code>
      </p>
    </>
  );
}

/** Headers for an answer made without the app's hooks (helmet, the request id): nothing may load. */
const bareHeaders = {
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const escapeHtml = (text: string) => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The error as a self-contained answer: no layout, no database, no decorators. Used for errors
 * raised before routing (the request has none of our hooks' work: no language, no cookies, no
 * `reply.page`) and when the full error page itself cannot be rendered. Never throws.
 */
function sendBareError(request: FastifyRequest, reply: FastifyReply, error: AppError, lang: Language): FastifyReply {
  try {
    reply.headers({ ...bareHeaders, 'x-request-id': request.id });
    if (wantsJson(request)) {
      return reply.code(error.status).type('application/json; charset=utf-8').send({
        error: { code: error.code, message: translate(lang, error.messageKey, error.values), request_id: request.id },
      });
    }
    const title = escapeHtml(translate(lang, `errorTitle.${error.code}`));
    const message = escapeHtml(translate(lang, error.messageKey, error.values));
    const home = escapeHtml(translate(lang, 'error.goHome'));
    const reference = escapeHtml(translate(lang, 'error.reference'));
    return reply
      .code(error.status)
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html>\n<html lang="${languageTags[lang]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
          `<body><main><h1>${title}</h1><p>${message}</p><p><a href="/${lang}/">${home}</a></p><p>${reference} <code>${error.code}</code></p></main></body></html>`,
      );
  } catch (failure) {
    // Even the bare page failed (a missing message?): a plain 500 that needs nothing.
    request.log.error({ err: failure }, 'the error answer itself failed');
    if (!reply.sent) reply.code(500).type('text/plain; charset=utf-8').send('Internal Server Error');
    return reply;
  }
}

async function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): Promise<FastifyReply> {
  // The language hook may not have run (an error in an earlier hook): never trust it to be set.
  const lang: Language = isLanguage(request.lang) ? request.lang : defaultLanguage;
  try {
    if (error.status === 429 && typeof error.values.seconds === 'number') reply.header('retry-after', String(error.values.seconds));
    if (error.status === 401 && !wantsJson(request)) {
      // A browser is sent to sign in (or to finish signing in), and brought back afterwards.
      const next = encodeURIComponent(request.url);
      const step = request.pendingSignIn ? (request.pendingSignIn.needs === 'code' ? '/sign-in/code' : '/office/account/two-factor') : '/sign-in';
      return reply.redirect(`/${lang}${step}?next=${next}`, 303);
    }
    if (wantsJson(request)) {
      return reply.code(error.status).type('application/json; charset=utf-8').send({
        error: {
          code: error.code,
          message: translate(lang, error.messageKey, error.values),
          ...(error.problems.length
            ? { problems: error.problems.map((p) => ({ field: p.field, message: translate(lang, p.messageKey, p.values) })) }
            : {}),
          request_id: request.id,
        },
      });
    }
    return await reply.page(translate(lang, `errorTitle.${error.code}`), <ErrorPage error={error} />, error.status);
  } catch (renderError) {
    // The page shell needs the database (the site's name); when that is what failed, say it plainly.
    request.log.error({ err: renderError }, 'error page could not be rendered');
    if (reply.sent) return reply;
    return sendBareError(request, reply, error, lang);
  }
}

/**
 * Errors Fastify raises before routing (a malformed URL, a parameter over the router's length
 * limit, a bad content-type header). Fastify hands us a bare request — none of our hooks or
 * decorators ran, so no language, cookies or `reply.page` — and does not catch what we throw:
 * answer self-contained, in the path's language, else the visitor's (cookie, Accept-Language), else Kazakh.
 */
export function frameworkErrorHandler(bodyLimit: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    try {
      const lang = languageOfBareRequest(request);
      request.log.info({ code: error.code }, 'request refused before routing');
      sendBareError(request, reply, toAppError(error, bodyLimit), lang);
    } catch (failure) {
      request.log.error({ err: failure }, 'a request refused before routing could not be answered');
      if (!reply.sent) reply.code(400).type('text/plain; charset=utf-8').send('Bad Request');
    }
  };
}

export async function errorHandling(app: FastifyInstance, opts: { bodyLimit: number }): Promise<void> {
  app.setErrorHandler(async (error, request, reply) => {
    // A path parameter that fails its schema (a malformed id) names nothing: not found (core/http/params.ts).
    const appError = namesNothing(error, request) ? NotFoundError() : toAppError(error, opts.bodyLimit);
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: appError.code, status: appError.status }, 'request refused');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, NotFoundError()));
}
