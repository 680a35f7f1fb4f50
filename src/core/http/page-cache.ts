// Anonymous public GETs answered from the rendered response: the first visitor's page is kept
// (body and headers, bounded in bytes, least recently used first out) and every later anonymous
// visitor gets it without a query. Forgotten the moment the data changes — on every instance: the
// content tables announce their changes on 'kenes_content' (migration 0013), which PostgreSQL
// delivers to each instance listening — and after maxAgeMs at the latest, since some pages read
// the date ("upcoming", "overdue"). Only routes that opt in (cachedPublicRoutes) are kept, and
// never for a request with a session cookie or an Authorization header: nothing personal is ever
// stored. Every cacheable answer carries an ETag; a matching If-None-Match is a 304.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/connect.js';
import { csrfCookie } from './csrf.js';
import { rememberLanguage } from './language.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This GET shows only public data: anonymous visitors may be served the kept page. */
    publicCache?: boolean;
  }
  interface FastifyRequest {
    /** Set for an anonymous GET of a cacheable route: where its answer is kept, and the cache's generation when it began. */
    publicCacheEntry: { key: string; generation: number; served: boolean } | undefined;
  }
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  invalidations: number;
}

export interface PageCache {
  /** Forgets every kept page (a data change was announced). */
  invalidate(): void;
  stats(): PageCacheStats;
}

export const contentChannel = 'kenes_content';
export const sessionCookieName = 'kenes_session';

interface Kept {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
  keptAt: number;
}

/** Headers a kept page is answered with (security headers from helmet, type, caching); never cookies or per-request ids. */
const keptHeaders = [
  'content-type',
  'content-disposition',
  'content-language',
  'cache-control',
  'content-security-policy',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
  'link',
];

/** The cache key: the path and the query's names and values in a fixed order (?b=2&a=1 and ?a=1&b=2 are one page). */
export function normalisedKey(url: string): string {
  const cut = url.indexOf('?');
  if (cut < 0) return url;
  const params = [...new URLSearchParams(url.slice(cut + 1))].toSorted(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1));
  return params.length ? `${url.slice(0, cut)}?${new URLSearchParams(params).toString()}` : url.slice(0, cut);
}

const hasSessionCookie = (cookie: string | undefined) => cookie !== undefined && cookie.includes(`${sessionCookieName}=`);

/** True when the If-None-Match header names this ETag (or is *). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}

const setsCsrfCookie = (reply: FastifyReply) => [reply.getHeader('set-cookie') ?? []].flat().some((c) => String(c).startsWith(`${csrfCookie}=`));

const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** Pages kept in insertion/use order (a Map iterates oldest first), evicted by total bytes. */
class KeptPages {
  private readonly pages = new Map<string, Kept>();
  private total = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): Kept | undefined {
    const kept = this.pages.get(key);
    if (kept) {
      this.pages.delete(key);
      this.pages.set(key, kept);
    }
    return kept;
  }

  set(key: string, kept: Kept): void {
    const size = kept.body.length + key.length;
    if (size > this.maxBytes / 8) return; // one page may not push out most of the others
    this.delete(key);
    this.pages.set(key, kept);
    this.total += size;
    for (const [oldest] of this.pages) {
      if (this.total <= this.maxBytes) break;
      this.delete(oldest);
    }
  }

  delete(key: string): void {
    const kept = this.pages.get(key);
    if (!kept) return;
    this.pages.delete(key);
    this.total -= kept.body.length + key.length;
  }

  clear(): void {
    this.pages.clear();
    this.total = 0;
  }

  get size() {
    return this.pages.size;
  }

  get bytes() {
    return this.total;
  }
}

function answerKept(reply: FastifyReply, kept: Kept, ifNoneMatch: string | undefined): FastifyReply {
  reply.headers(kept.headers).header('etag', kept.etag).header('x-kenes-cache', 'hit');
  if (etagMatches(ifNoneMatch, kept.etag)) return reply.code(304).send();
  return reply.code(kept.status).send(kept.body);
}

/**
 * The cache's hooks. Register before the other plugins: its onRequest answers a kept page before
 * sessions, languages and handlers run, and its onSend sees the page before compression.
 */
export async function pageCache(app: FastifyInstance, options: { database: DatabaseHandle; maxBytes: number; maxAgeMs: number }): Promise<void> {
  const kept = new KeptPages(options.maxBytes);
  const counts = { hits: 0, misses: 0, invalidations: 0 };
  let generation = 0;
  const invalidate = () => {
    generation++;
    counts.invalidations++;
    kept.clear();
  };
  const stopListening = await options.database.listen(contentChannel, invalidate);
  app.addHook('onClose', async () => stopListening());
  app.decorate('pageCache', { invalidate, stats: () => ({ entries: kept.size, bytes: kept.bytes, ...counts }) });
  app.decorateRequest('publicCacheEntry', undefined);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || !request.routeOptions.config.publicCache) return;
    if (request.headers.authorization !== undefined || hasSessionCookie(request.headers.cookie)) return;
    // The host is part of the key: pages and feeds that write absolute links take it from the request.
    const key = `${request.protocol}://${request.host}${normalisedKey(request.url)}`;
    request.publicCacheEntry = { key, generation, served: false };
    const page = kept.get(key);
    if (!page || Date.now() - page.keptAt > options.maxAgeMs) {
      counts.misses++;
      return;
    }
    counts.hits++;
    request.publicCacheEntry.served = true;
    rememberLanguage(request, reply);
    return answerKept(reply, page, request.headers['if-none-match']);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const entry = request.publicCacheEntry;
    if (!entry || entry.served || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams are not kept
    const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
    const etag = etagOf(body);
    reply.header('etag', etag);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-cache');
    // A change announced while this page was being made may not be in it: keep only pages begun after the last change.
    // Kept without cookies (the language cookie is set again on each hit); a page that set a CSRF token is never kept.
    if (entry.generation === generation && !setsCsrfCookie(reply)) {
      const headers: Record<string, string> = {};
      for (const name of keptHeaders) {
        const value = reply.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
        else if (typeof value === 'number') headers[name] = String(value);
      }
      kept.set(entry.key, { status: 200, headers, body, etag, keptAt: Date.now() });
    }
    if (etagMatches(request.headers['if-none-match'], etag)) {
      reply.code(304);
      return '';
    }
    return payload;
  });
}

/**
 * Marks every GET route the plugin registers after this call as public and cacheable: call it at
 * the top of a plugin that serves only public data (the portal, the directory, public meetings,
 * news, the open data and the read-only API). A route with personal content must never be in one.
 */
export function cachedPublicRoutes(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    if (methods.every((m) => m === 'GET' || m === 'HEAD')) route.config = { ...route.config, publicCache: true };
  });
}
