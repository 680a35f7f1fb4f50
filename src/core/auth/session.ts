// Server-side sessions: the cookie carries a random token, the database its hash and the state.
// New session at every sign-in; idle and absolute timeouts; the signed-in person becomes request.actor.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChangeContext } from '../audit/audit.js';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import { todayInKazakhstan } from '../db/dated.js';
import { UnauthorizedError } from '../errors.js';
import { rotateCsrfToken } from '../http/csrf.js';
import { newId } from '../ids.js';
import type { Actor } from './actor.js';
import { requiresSecondFactor } from './actor.js';
import { authenticateApiToken, bearerToken } from './api-tokens.js';
import * as repo from './session.repository.js';
import { hashToken } from './token-hash.js';

export const sessionCookie = 'kenes_session';
const touchEveryMs = 60_000;

export interface PendingSignIn {
  sessionId: string;
  accountId: string;
  email: string;
  /** What is still missing: a code from the authenticator, or enrolling one (required for the role). */
  needs: 'code' | 'enrol';
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | undefined;
    pendingSignIn: PendingSignIn | undefined;
    /** True when an /api/ request came with a bearer token that is unknown, revoked or expired (it ends as 401). */
    apiTokenRejected: boolean;
    /** Who and where a change comes from, for the audit log. */
    changeContext(): ChangeContext;
  }
}

function cookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies };
}

function idleSince(config: Config, now: Date): Date {
  return new Date(now.getTime() - config.sessionIdleMinutes * 60_000);
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const skipPrefixes = ['/assets/', '/healthz', '/readyz', '/metrics', '/favicon.ico'];

export async function sessionSupport(app: FastifyInstance, opts: { db: Db; config: Config }): Promise<void> {
  const { db, config } = opts;
  app.decorateRequest('actor', undefined);
  app.decorateRequest('pendingSignIn', undefined);
  app.decorateRequest('apiTokenRejected', false);
  app.decorateRequest('changeContext', function (this: FastifyRequest): ChangeContext {
    const accountId = this.actor?.accountId ?? this.pendingSignIn?.accountId ?? null;
    return {
      actorAccountId: accountId,
      actorLabel: this.actor?.email ?? this.pendingSignIn?.email ?? null,
      ip: this.ip ?? null,
      userAgent: typeof this.headers['user-agent'] === 'string' ? this.headers['user-agent'] : null,
      requestId: this.id,
    };
  });

  app.addHook('onRequest', async (request, reply) => {
    if (skipPrefixes.some((p) => request.url.startsWith(p))) return;
    const now = new Date();
    // API tokens (api-tokens.ts): on /api/, `Authorization: Bearer …` is used instead of the cookie.
    // A bad token (unknown, revoked, expired, account deactivated) is refused with 401 and never
    // falls back to the cookie.
    const bearer = request.url.startsWith('/api/') ? bearerToken(request.headers.authorization) : undefined;
    if (bearer !== undefined) {
      request.actor = await authenticateApiToken(db, bearer, now);
      if (request.actor) return;
      request.apiTokenRejected = true;
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw UnauthorizedError();
    }
    // Writes to the JSON API are not CSRF-protected, so they authenticate by bearer token only:
    // a browser's session cookie never makes an /api/ POST, PUT, PATCH or DELETE count as signed in.
    if (request.url.startsWith('/api/') && !safeMethods.has(request.method)) return;
    const token = request.cookies[sessionCookie];
    if (!token) return;
    const row = await repo.findLiveSessionByTokenHash(db, hashToken(token), idleSince(config, now), now);
    if (!row) {
      reply.clearCookie(sessionCookie, cookieOptions(config));
      return;
    }
    const grants = await repo.findActiveGrants(db, row.accountId, todayInKazakhstan(now));
    const needsSecondFactor = row.totpEnabledAt !== null || requiresSecondFactor(grants);
    if (needsSecondFactor && !row.secondFactorAt) {
      request.pendingSignIn = { sessionId: row.sessionId, accountId: row.accountId, email: row.email, needs: row.totpEnabledAt ? 'code' : 'enrol' };
    } else {
      request.actor = {
        accountId: row.accountId,
        email: row.email,
        displayName: row.displayName,
        preferredLanguage: row.preferredLanguage,
        sessionId: row.sessionId,
        apiTokenId: null,
        grants,
      };
    }
    if (now.getTime() - row.lastSeenAt.getTime() > touchEveryMs) await repo.touchSession(db, row.sessionId, now);
  });
}

/**
 * Starts a new session (a new id: never reuse one from before sign-in) and sets its cookie, with a
 * new CSRF token too, so neither a session nor a token planted before sign-in works after it.
 */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: string,
  options: { secondFactorDone: boolean },
): Promise<string> {
  const { db, config } = request.server;
  const now = new Date();
  const previous = request.actor?.sessionId ?? request.pendingSignIn?.sessionId;
  const previousAccount = request.actor?.accountId ?? request.pendingSignIn?.accountId;
  if (previous && previousAccount) await repo.endSession(db, previous, previousAccount, now);
  const token = randomBytes(32).toString('base64url');
  const id = newId();
  await repo.insertSession(db, {
    id,
    token_hash: hashToken(token),
    account_id: accountId,
    expires_at: new Date(now.getTime() + config.sessionMaxHours * 3600_000),
    ip: request.ip ?? null,
    user_agent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'].slice(0, 400) : null,
    second_factor_at: options.secondFactorDone ? now : null,
  });
  reply.setCookie(sessionCookie, token, cookieOptions(config));
  rotateCsrfToken(request, reply);
  return id;
}

/** The second factor passed: the session is now fully signed in, so the CSRF token changes again. */
export async function completeSecondFactor(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (!request.pendingSignIn) return;
  await repo.markSecondFactor(request.server.db, request.pendingSignIn.sessionId, new Date());
  rotateCsrfToken(request, reply);
}

export async function signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const sessionId = request.actor?.sessionId ?? request.pendingSignIn?.sessionId;
  const accountId = request.actor?.accountId ?? request.pendingSignIn?.accountId;
  if (sessionId && accountId) await repo.endSession(request.server.db, sessionId, accountId, new Date());
  reply.clearCookie(sessionCookie, cookieOptions(request.server.config));
}

export function listSessions(db: Db, config: Config, accountId: string) {
  const now = new Date();
  return repo.listActiveSessions(db, accountId, idleSince(config, now), now);
}

export function listEverySession(db: Db, config: Config) {
  const now = new Date();
  return repo.listAllActiveSessions(db, idleSince(config, now), now);
}

export const endAnySession = (db: Db, sessionId: string) => repo.endSessionById(db, sessionId, new Date());
export const endOneSession = (db: Db, accountId: string, sessionId: string) => repo.endSession(db, sessionId, accountId, new Date());
export const endOtherSessions = (db: Db, accountId: string, keepSessionId?: string) => repo.endAllSessions(db, accountId, new Date(), keepSessionId);
