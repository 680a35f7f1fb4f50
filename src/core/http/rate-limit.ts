// Anonymous rate limits for the read-only API (/api/v1/) and the open data (/open-data/): requests a
// minute per IP, counted in PostgreSQL (core/rate-limit.ts), so the limit holds across instances and
// under concurrency. Signed-in people and valid API tokens are not limited, nor are the app's own
// in-process requests (the open-data zip's builder). Answers already kept by the page cache are served
// before this hook and cost no query, so they are not counted. Past the limit: a 429 with Retry-After,
// a JSON problem for the API and a page in the request's language elsewhere (error-handler.tsx).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { enforceRateLimit, type RateLimitRule } from '../rate-limit.js';
import { isOpenPath } from './cors.js';

export interface OpenRateLimitOptions {
  perMinute: number;
  /** A request the app makes of itself, exempt from the limit. */
  isInternal?: (request: FastifyRequest) => boolean;
}

/** Register after the session support (which tells who is signed in or holds a token). */
export async function openRateLimit(app: FastifyInstance, options: OpenRateLimitOptions): Promise<void> {
  if (options.perMinute <= 0) return;
  const rule: RateLimitRule = { name: 'open-api:ip', max: options.perMinute, windowSeconds: 60 };
  app.addHook('onRequest', async (request) => {
    if (!isOpenPath(request.url) || request.method === 'OPTIONS') return;
    if (request.actor !== undefined || options.isInternal?.(request)) return;
    await enforceRateLimit(app.db, rule, request.ip);
  });
}
