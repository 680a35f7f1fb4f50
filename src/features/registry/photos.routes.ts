// Deputies' photos, public: only files that are some person's photo are served, re-encoded at upload.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../core/errors.js';
import { isPublishedPhoto } from './staff.repository.js';

/** A photo's name: the SHA-256 of its bytes, as WebP. Anything else is not found (core/http/params.ts). */
const photoParams = z.object({ name: z.string().regex(/^[0-9a-f]{64}\.webp$/) });

export async function registryPhotoRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/files/photos/:name', { schema: { params: photoParams } }, async (request, reply) => {
    const name = request.params.name;
    if (!(await isPublishedPhoto(app.db, name))) throw NotFoundError();
    const bytes = await app.files.read(name);
    if (!bytes) throw NotFoundError();
    return reply.type('image/webp').header('cache-control', 'public, max-age=31536000, immutable').header('x-content-type-options', 'nosniff').send(bytes);
  });
}
