// The OpenAPI 3.1 document at /api/v1/openapi.json, generated from the API routes' zod schemas.
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';

export async function openApi(app: FastifyInstance): Promise<void> {
  const transform = createJsonSchemaTransform({});
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kenes open data API',
        version: '1.0.0',
        description:
          'Public registry data of the council for interaction with Kazakhstan\'s maslikhats: areas, organisations and, as they are added, people, meetings and decisions. Text comes in kk, kk-latn (derived), ru and en.',
        license: { name: 'Data: see the About page for sources and licences', url: 'https://creativecommons.org/licenses/by/4.0/' },
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'A personal API token (kenes_…) created in the office at /{lang}/office/api-tokens. Reads of public data need none; writes do, and act with the owner\'s roles.',
          },
        },
      },
      tags: [{ name: 'registry', description: 'Areas and organisations over time' }],
    },
    transform: (input) => {
      if (!input.url.startsWith('/api/v1/') || input.url === '/api/v1/openapi.json') {
        return { schema: { ...input.schema, hide: true }, url: input.url };
      }
      return transform(input);
    },
    transformObject: createJsonSchemaTransformObject({}),
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
    return reply.header('cache-control', 'public, max-age=300').send(app.swagger());
  });
}
