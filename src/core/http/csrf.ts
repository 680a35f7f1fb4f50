// CSRF protection for every state-changing browser request: a random token in an HttpOnly cookie,
// echoed by forms (_csrf field) and htmx (x-csrf-token header, set on <body>). The JSON API under
// /api/ is exempt: it authenticates with bearer tokens, which a browser never sends on its own. A
// route may opt out with `config: { csrf: false }` only when a secret in its URL is the proof (the
// one-click unsubscribe a mail program posts, RFC 8058).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fieldValue } from './field-value.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CsrfError } from '../errors.js';

export const csrfCookie = 'kenes_csrf';
const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    csrfToken: string | undefined;
  }
  interface FastifyContextConfig {
    /** false: a route authenticated by a secret in its own URL, posted by mail programs (one-click unsubscribe, RFC 8058). */
    csrf?: false;
  }
}

/** The token for this browser, creating (and setting) one on first use. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  if (request.csrfToken) return request.csrfToken;
  const existing = request.cookies?.[csrfCookie];
  if (existing && /^[\w-]{43}$/.test(existing)) {
    request.csrfToken = existing;
    return existing;
  }
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(csrfCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.config.secureCookies,
  });
  request.csrfToken = token;
  return token;
}

/** Replaces the browser's token with a new one (at sign-in: a token planted before it is useless after). */
export function rotateCsrfToken(request: FastifyRequest, reply: FastifyReply): string {
  const token = randomBytes(32).toString('base64url');
  reply.setCookie(csrfCookie, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.server.config.secureCookies });
  request.csrfToken = token;
  return token;
}

export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function csrfProtection(app: FastifyInstance): Promise<void> {
  app.decorateRequest('csrfToken', undefined);
  app.addHook('preHandler', async (request) => {
    if (!unsafeMethods.has(request.method) || request.url.startsWith('/api/') || request.routeOptions.config.csrf === false) return;
    const cookie = request.cookies[csrfCookie];
    const field = fieldValue(request.body, '_csrf');
    const sent = (typeof field === 'string' ? field : undefined) ?? request.headers['x-csrf-token'];
    if (!cookie || typeof sent !== 'string' || !sameToken(cookie, sent)) throw CsrfError();
  });
}
