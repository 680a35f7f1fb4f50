// The request's language: the /{lang}/ prefix, else the cookie, else Accept-Language, else Kazakh.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { fieldValue } from './field-value.js';
import { defaultLanguage, isLanguage, negotiateLanguage, type Language } from '../i18n/languages.js';
import { NotFoundError } from '../errors.js';

export const languageCookie = 'kenes_lang';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Language;
    /** True when the URL itself names the language (/kk/…), false for /, /api, /assets… */
    langFromPath: boolean;
  }
}

function preferredLanguage(request: FastifyRequest): Language {
  const cookie = request.cookies[languageCookie];
  if (isLanguage(cookie)) return cookie;
  return negotiateLanguage(request.headers['accept-language']) ?? defaultLanguage;
}

/**
 * The language of a request none of our hooks has seen (refused before routing: no parsed
 * cookies): the path prefix, else the language cookie read from the raw header, else
 * Accept-Language, else Kazakh. Never throws.
 */
export function languageOfBareRequest(request: FastifyRequest): Language {
  const first = (request.raw.url ?? '').split(/[/?#]/, 2)[1];
  if (isLanguage(first)) return first;
  const cookieHeader = request.headers.cookie;
  const cookie = typeof cookieHeader === 'string' ? new RegExp(`(?:^|;)\\s*${languageCookie}=([\\w-]{2,7})`).exec(cookieHeader)?.[1] : undefined;
  if (isLanguage(cookie)) return cookie;
  return negotiateLanguage(request.headers['accept-language']) ?? defaultLanguage;
}

export async function languageSupport(app: FastifyInstance): Promise<void> {
  app.decorateRequest('lang', defaultLanguage);
  app.decorateRequest('langFromPath', false);
  app.addHook('onRequest', async (request) => {
    const first = request.url.split(/[/?#]/, 2)[1];
    if (isLanguage(first)) {
      request.lang = first;
      request.langFromPath = true;
    } else {
      request.lang = preferredLanguage(request);
    }
  });

  app.get('/', async (request, reply) => {
    return reply
      .header('vary', 'Accept-Language, Cookie')
      .header('cache-control', 'no-store')
      .redirect(`/${preferredLanguage(request)}/`, 302);
  });
}

/** For plugins mounted at /:lang — an unknown language prefix is a 404, a known one is remembered. */
export async function languagePrefixGuard(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    if (!isLanguage(fieldValue(request.params, 'lang'))) throw NotFoundError();
    rememberLanguage(request, reply);
  });
}

/** Remembers the path's language in a cookie (for the next visit to /), when it is a language and not remembered yet. */
function rememberLanguage(request: FastifyRequest, reply: FastifyReply): void {
  const lang = fieldValue(request.params, 'lang');
  // (The page cache sets the same cookie on its hits: page-cache.ts.)
  if (isLanguage(lang) && request.cookies[languageCookie] !== lang) {
    reply.setCookie(languageCookie, lang, { path: '/', sameSite: 'lax', httpOnly: true, secure: request.server.config.secureCookies, maxAge: 365 * 24 * 3600 });
  }
}
