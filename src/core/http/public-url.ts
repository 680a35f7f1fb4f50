// The site's absolute origin for links that leave the page (canonical, feeds, sitemap): KENES_PUBLIC_URL, else the request's own.
import type { FastifyRequest } from 'fastify';

/** 'https://kenes.example.kz' (no trailing slash): the configured public address, else the request's scheme and host. */
export function publicOrigin(request: FastifyRequest): string {
  return (request.server.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
}
