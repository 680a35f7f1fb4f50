// CORS for the read-only API (/api/v1/) and the open data (/open-data/): any origin may read them, without credentials; preflights are answered here.
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** The paths other sites' scripts may read. */
export const isOpenPath = (url: string) => url.startsWith('/api/v1/') || url.startsWith('/open-data/');

const readMethods = new Set(['GET', 'HEAD']);
const allowedHeaders = 'Accept, Accept-Language, Authorization, If-None-Match, If-Modified-Since';
const exposedHeaders = 'ETag, Last-Modified, Retry-After, Content-Disposition, Content-Language, X-Request-Id';

const isPreflight = (request: FastifyRequest) => request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;

/**
 * Register right after the page cache: its onSend adds the headers to every answer of an open path
 * (kept pages and errors included); its onRequest answers a preflight with 204 before any route.
 */
export async function openCors(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', async (request, reply) => {
    if (!isOpenPath(request.url) || !isPreflight(request)) return;
    const method = String(request.headers['access-control-request-method']).toUpperCase();
    if (!readMethods.has(method)) return reply.code(204).header('vary', 'Origin').send(); // no Allow-Origin: the browser refuses
    return reply
      .code(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', allowedHeaders)
      .header('access-control-max-age', '86400')
      .header('cache-control', 'public, max-age=86400')
      .send();
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isOpenPath(request.url) || !readMethods.has(request.method)) return payload;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-expose-headers', exposedHeaders);
    // Helmet's same-origin resource policy would keep other sites from embedding the files.
    reply.header('cross-origin-resource-policy', 'cross-origin');
    return payload;
  });
}
