// Personal API tokens: a person creates one in the office to write through the JSON API under
// /api/. The token ("kenes_" + 32 random bytes, base64url) is shown once; the database keeps its
// SHA-256 and its first characters. A token acts as its owner, with the owner's current grants.
import { randomBytes } from 'node:crypto';
import { recordChange, type ChangeContext } from '../audit/audit.js';
import type { Db } from '../db/connect.js';
import { todayInKazakhstan } from '../db/dated.js';
import { newId } from '../ids.js';
import type { Actor } from './actor.js';
import * as repo from './api-token.repository.js';
import { hashToken } from './token-hash.js';
import { findActiveGrants } from './session.repository.js';

export const apiTokenPrefix = 'kenes_';
/** How many leading characters are stored and shown ("kenes_" and six random characters). */
export const tokenPrefixLength = 12;
export const tokenNameMaxLength = 100;
const tokenPattern = /^kenes_[\w-]{43}$/;
const touchEveryMs = 60_000;
/** Kazakhstan's one time zone (UTC+5 since 2024, as todayInKazakhstan uses). */
const kazakhstanOffset = '+05:00';

export function generateApiToken(): string {
  return apiTokenPrefix + randomBytes(32).toString('base64url');
}

/**
 * What follows "Bearer" in an `Authorization` header ('' when nothing does), or undefined for no
 * header or another scheme. Whatever it is, a bearer attempt is then either a valid token or refused.
 */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header ? /^Bearer(?:\s+(.*))?$/is.exec(header.trim()) : null;
  return match ? (match[1] ?? '').trim() : undefined;
}

/**
 * The actor a bearer token stands for, or undefined when the token is unknown, revoked, expired or
 * its account is deactivated. Records the use at most once a minute.
 */
export async function authenticateApiToken(db: Db, token: string, now: Date = new Date()): Promise<Actor | undefined> {
  if (!tokenPattern.test(token)) return undefined;
  const row = await repo.findUsableApiToken(db, hashToken(token), now);
  if (!row) return undefined;
  const grants = await findActiveGrants(db, row.accountId, todayInKazakhstan(now));
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= touchEveryMs) {
    await repo.touchApiToken(db, row.tokenId, now, new Date(now.getTime() - touchEveryMs));
  }
  return {
    accountId: row.accountId,
    email: row.email,
    displayName: row.displayName,
    preferredLanguage: row.preferredLanguage,
    sessionId: null,
    apiTokenId: row.tokenId,
    grants,
  };
}

/** The first instant after the chosen day ends in Kazakhstan: a token works through its last day. */
export function expiryInstant(lastDay: string): Date {
  return new Date(Date.parse(`${lastDay}T00:00:00${kazakhstanOffset}`) + 24 * 3600_000);
}

/** The last day (YYYY-MM-DD, in Kazakhstan) a token with this expiry instant works. */
export function lastDayOf(expiresAt: Date): string {
  return todayInKazakhstan(new Date(expiresAt.getTime() - 1));
}

export interface CreatedApiToken {
  id: string;
  /** The token itself: shown to its owner once, never stored or logged. */
  token: string;
  prefix: string;
}

export async function createApiToken(
  db: Db,
  input: { accountId: string; name: string; expiresAt: Date | null },
  context: ChangeContext,
): Promise<CreatedApiToken> {
  const token = generateApiToken();
  const id = newId();
  const prefix = token.slice(0, tokenPrefixLength);
  await db.transaction().execute(async (trx) => {
    await repo.insertApiToken(trx, { id, account_id: input.accountId, name: input.name, token_hash: hashToken(token), token_prefix: prefix, expires_at: input.expiresAt });
    await recordChange(trx, context, {
      entity: 'api_token',
      entityId: id,
      action: 'created',
      after: { account_id: input.accountId, name: input.name, token_prefix: prefix, expires_at: input.expiresAt?.toISOString() ?? null },
    });
  });
  return { id, token, prefix };
}

/** Revokes one of the person's own tokens: 'not_found' for anyone else's (or no such token). */
export async function revokeOwnApiToken(db: Db, accountId: string, tokenId: string, context: ChangeContext): Promise<'revoked' | 'already_revoked' | 'not_found'> {
  return db.transaction().execute(async (trx) => {
    const token = await repo.findOwnApiToken(trx, accountId, tokenId);
    if (!token) return 'not_found';
    if (token.revokedAt || !(await repo.revokeApiToken(trx, accountId, tokenId, new Date()))) return 'already_revoked';
    await recordChange(trx, context, {
      entity: 'api_token',
      entityId: tokenId,
      action: 'revoked',
      before: { name: token.name, token_prefix: token.prefix, revoked: false },
      after: { revoked: true },
    });
    return 'revoked';
  });
}

export type ApiTokenStatus = 'active' | 'expired' | 'revoked';

export interface ApiTokenListItem {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  /** The last day the token works (YYYY-MM-DD, Kazakhstan), or null when it does not expire. */
  lastDay: string | null;
  status: ApiTokenStatus;
}

export async function listOwnApiTokens(db: Db, accountId: string, now: Date = new Date()): Promise<ApiTokenListItem[]> {
  const rows = await repo.listApiTokensOf(db, accountId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    lastDay: r.expiresAt ? lastDayOf(r.expiresAt) : null,
    status: r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active',
  }));
}
