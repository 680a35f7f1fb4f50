// Anonymous public GETs answered from the rendered response: the first visitor's page is kept
// (body and headers, bounded in bytes, least recently used first out) and every later anonymous
// visitor gets it without a query. Forgotten the moment the data changes — on every instance: the
// content tables announce their changes on 'kenes_content' (migration 0013), which PostgreSQL
// delivers to each instance listening — and after maxAgeMs at the latest, since some pages read
// the date ("upcoming", "overdue"). Only routes that opt in (cachedPublicRoutes) are kept, and
// never for a request with a session cookie or an Authorization header: nothing personal is ever
// stored. Every cacheable answer carries an ETag; a matching If-None-Match is a 304.
// A kept page is answered before Fastify sees the request (`serverFactory`: the store's `serve`
// answers from the raw request, as fast as a bare hello-world), with the body compressed once per
// encoding and kept too; requests the cache cannot answer go on to Fastify, whose onRequest hook
// answers the same way for `inject` (tests) and whose onSend hook keeps what routes render. Hits
// are counted in /metrics (kenes_page_cache_*), not in the per-route request metrics or the log.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DatabaseHandle } from '../db/connect.js';
import { requestIdFor } from '../ids.js';
import { isLanguage } from '../i18n/languages.js';
import { csrfCookie } from './csrf.js';
import { languageCookie } from './language.js';

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
    pageCache: PageCacheStore;
  }
}

export interface PageCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
  invalidations: number;
}


export const contentChannel = 'kenes_content';
export const sessionCookieName = 'kenes_session';

interface Kept {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
  keptAt: number;
  /** The ready answers, made on the first request that needs each (and compressed then, once). */
  ready: Partial<Record<AnswerForm, ReadyAnswer>>;
}

/**
 * How a kept page is sent: as it was rendered, to Fastify's hook, which compresses it itself
 * ('rendered'), or by the server, as is or compressed ('identity', 'br', 'gzip'); or, to a visitor
 * whose copy is current, as a 304 ('notModified': every page view of a browser revalidates).
 */
type AnswerForm = 'rendered' | 'identity' | 'br' | 'gzip' | 'notModified';

/** A kept page ready to send: its body and its headers as one flat list (name, value, name, value…). */
interface ReadyAnswer {
  body: Buffer;
  head: readonly string[];
}

/** Headers a kept page is answered with (security headers from helmet, type, caching); never cookies or per-request ids. */
const keptHeaders = [
  'content-type',
  'content-disposition',
  'content-language',
  'cache-control',
  'last-modified',
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

/**
 * True when the request's validators say the visitor's copy is current: If-None-Match names the
 * ETag, or (without If-None-Match, as RFC 9110 says) If-Modified-Since is no earlier than Last-Modified.
 */
export function notModified(headers: { 'if-none-match'?: string | undefined; 'if-modified-since'?: string | undefined }, etag: string, lastModified: string | undefined): boolean {
  if (headers['if-none-match'] !== undefined) return etagMatches(headers['if-none-match'], etag);
  if (headers['if-modified-since'] === undefined || lastModified === undefined) return false;
  const since = Date.parse(headers['if-modified-since']);
  const modified = Date.parse(lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

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

/** Compressing a kept body pays off from this size (as @fastify/compress's threshold). */
const compressFrom = 1024;
/** The language a visitor's cookie remembers (no /g flag: exec keeps no state between requests). */
const rememberedLanguage = new RegExp(`(?:^|;\\s*)${languageCookie}=([^;]*)`);

/** The encoding to send: brotli, else gzip, when the request accepts it (a q of 0 refuses). */
function encodingFor(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    const q = params.find((p) => p.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name);
  }
  return accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : undefined;
}

/** encodingFor, remembered per Accept-Encoding value: browsers send a handful of them (at most 64 kept). */
const encodingChosen = new Map<string, 'br' | 'gzip' | undefined>();
function encodingOf(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  if (acceptEncoding === undefined) return undefined;
  if (encodingChosen.has(acceptEncoding)) return encodingChosen.get(acceptEncoding);
  const chosen = encodingFor(acceptEncoding);
  if (encodingChosen.size >= 64) encodingChosen.clear();
  encodingChosen.set(acceptEncoding, chosen);
  return chosen;
}

/** The first segment of a request's path (`kk` of `/kk/meetings?page=2`): where a page's language is. */
function firstSegment(url: string): string {
  let end = 1;
  while (end < url.length) {
    const c = url.charCodeAt(end);
    if (c === 0x2f || c === 0x3f || c === 0x23) break; // / ? #
    end++;
  }
  return url.slice(1, end);
}

/** The kept page ready in one form, made (and compressed) the first time that form is asked for. */
function readyAnswer(page: Kept, form: AnswerForm): ReadyAnswer {
  const done = page.ready[form];
  if (done) return done;
  const head: string[] = [];
  for (const name in page.headers) head.push(name, page.headers[name]!);
  head.push('etag', page.etag, 'x-kenes-cache', 'hit');
  let body = page.body;
  // The rendered form is marked by @fastify/compress, which compresses it; a 304 names what its 200
  // would vary by (RFC 9110), whichever path compresses the 200.
  if (form !== 'rendered' && body.length >= compressFrom) head.push('vary', 'accept-encoding');
  if (form === 'notModified') body = Buffer.alloc(0);
  if (form === 'br' || form === 'gzip') {
    body =
      form === 'br'
        ? brotliCompressSync(body, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length } })
        : gzipSync(body);
    head.push('content-encoding', form);
  }
  if (form !== 'notModified') head.push('content-length', String(body.length));
  const made = { body, head };
  page.ready[form] = made;
  return made;
}

/**
 * What a kept page is answered with: status, headers as a flat list (name, value…), the language
 * cookie when the visitor's differs, and the body (none for a 304 or a HEAD).
 */
interface KeptAnswer {
  status: number;
  head: readonly string[];
  setCookie: string | undefined;
  body: Buffer | undefined;
}

export interface PageCacheOptions {
  maxBytes: number;
  maxAgeMs: number;
  /** As Fastify's trustProxy: the protocol and host come from X-Forwarded-Proto/-Host. */
  trustProxy: boolean;
  /** The language cookie a hit sets is Secure (the site is served over https). */
  secureCookies: boolean;
}

export interface PageCacheStore {
  /** Forgets every kept page (a data change was announced). */
  invalidate(): void;
  stats(): PageCacheStats;
  /** A Node HTTP server that answers kept pages itself and hands every other request to Fastify. */
  serverFactory(handler: RequestListener): Server;
  /** Counts the changes announced: a page begun before the last one is not kept. */
  readonly generation: number;
  /** The request's key, or undefined when it may not be answered from the cache (not a GET, signed in). */
  keyOf(req: IncomingMessage): string | undefined;
  answer(req: IncomingMessage, options: { encode: boolean }): KeptAnswer | undefined;
  keep(key: string, kept: Omit<Kept, 'ready'>): void;
}

const firstValue = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.split(',')[0]?.trim();

/** The cache's store: made before the Fastify instance, whose server it provides. */
export function createPageCacheStore(options: PageCacheOptions): PageCacheStore {
  const kept = new KeptPages(options.maxBytes);
  const counts = { hits: 0, misses: 0, invalidations: 0 };
  let generation = 0;
  const languageCookieAttributes = `; Max-Age=${365 * 24 * 3600}; Path=/; HttpOnly; SameSite=Lax${options.secureCookies ? '; Secure' : ''}`;

  const keyOf = (req: IncomingMessage): string | undefined => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    if (req.headers.authorization !== undefined || hasSessionCookie(req.headers.cookie)) return undefined;
    const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true;
    const protocol = (options.trustProxy ? firstValue(req.headers['x-forwarded-proto']) : undefined) ?? (encrypted ? 'https' : 'http');
    const host = (options.trustProxy ? firstValue(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host ?? '';
    // The host is part of the key: pages and feeds that write absolute links take it from the request.
    return `${protocol}://${host}${normalisedKey(req.url ?? '/')}`;
  };

  const answer = (req: IncomingMessage, answerOptions: { encode: boolean }): KeptAnswer | undefined => {
    const key = keyOf(req);
    if (key === undefined) return undefined;
    const page = kept.get(key);
    if (!page || Date.now() - page.keptAt > options.maxAgeMs) {
      counts.misses++;
      return undefined;
    }
    counts.hits++;
    // The path's language is remembered, as every page does (the kept page carries no cookie).
    const lang = firstSegment(req.url ?? '/');
    const remembered = rememberedLanguage.exec(req.headers.cookie ?? '')?.[1];
    const setCookie = isLanguage(lang) && remembered !== lang ? `${languageCookie}=${lang}${languageCookieAttributes}` : undefined;
    if (notModified(req.headers, page.etag, page.headers['last-modified'])) return { status: 304, head: readyAnswer(page, 'notModified').head, setCookie, body: undefined };
    const compressible = page.body.length >= compressFrom;
    const form: AnswerForm = !answerOptions.encode ? 'rendered' : (compressible && encodingOf(req.headers['accept-encoding'])) || 'identity';
    const ready = readyAnswer(page, form);
    return { status: page.status, head: ready.head, setCookie, body: req.method === 'HEAD' ? undefined : ready.body };
  };

  return {
    get generation() {
      return generation;
    },
    invalidate() {
      generation++;
      counts.invalidations++;
      kept.clear();
    },
    stats: () => ({ entries: kept.size, bytes: kept.bytes, ...counts }),
    keyOf,
    answer,
    keep: (key, page) => kept.set(key, { ...page, ready: {} }),
    serverFactory: (handler) =>
      createServer((req: IncomingMessage, res: ServerResponse) => {
        const found = answer(req, { encode: true });
        if (!found) return handler(req, res);
        const head = [...found.head, 'x-request-id', requestIdFor(req.headers['x-request-id'])];
        if (found.setCookie !== undefined) head.push('set-cookie', found.setCookie);
        res.writeHead(found.status, head);
        res.end(found.body);
      }),
  };
}

/**
 * The cache's hooks. Register before the other plugins: its onRequest answers a kept page before
 * sessions, languages and handlers run (when the request came through `inject`, not the server),
 * and its onSend sees the page before compression.
 */
export async function pageCache(app: FastifyInstance, options: { database: DatabaseHandle; store: PageCacheStore }): Promise<void> {
  const { store } = options;
  const stopListening = await options.database.listen(contentChannel, () => store.invalidate());
  app.addHook('onClose', async () => stopListening());
  app.decorate('pageCache', store);
  app.decorateRequest('publicCacheEntry', undefined);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.routeOptions.config.publicCache) return;
    const key = store.keyOf(request.raw);
    if (key === undefined) return;
    request.publicCacheEntry = { key, generation: store.generation, served: false };
    // Compression is left to @fastify/compress on this path (its onSend runs after this answer).
    const found = store.answer(request.raw, { encode: false });
    if (!found) return;
    request.publicCacheEntry.served = true;
    reply.code(found.status);
    for (let i = 0; i < found.head.length; i += 2) if (found.head[i] !== 'content-length') reply.header(found.head[i]!, found.head[i + 1]);
    if (found.setCookie !== undefined) reply.header('set-cookie', found.setCookie);
    return reply.send(found.body ?? '');
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
    if (entry.generation === store.generation && !setsCsrfCookie(reply)) {
      const headers: Record<string, string> = {};
      for (const name of keptHeaders) {
        const value = reply.getHeader(name);
        if (typeof value === 'string') headers[name] = value;
        else if (typeof value === 'number') headers[name] = String(value);
      }
      store.keep(entry.key, { status: 200, headers, body, etag, keptAt: Date.now() });
    }
    const lastModified = reply.getHeader('last-modified');
    if (notModified(request.headers, etag, typeof lastModified === 'string' ? lastModified : undefined)) {
      reply.code(304);
      if (body.length >= compressFrom) reply.header('vary', 'accept-encoding');
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
