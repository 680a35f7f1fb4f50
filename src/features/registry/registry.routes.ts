// The registry's JSON API under /api/v1 (public reads).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { allForms } from '../../core/i18n/format.js';
import type { AreaRecord, RegistryService } from './registry.service.js';
import { areaListSchema, areaParamsSchema, areaSchema, asOfQuerySchema, errorSchema } from './registry.schemas.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';

function presentArea(area: AreaRecord) {
  return {
    id: area.id,
    kato: area.kato,
    iso_3166_2: area.iso,
    classification: area.classification,
    name: allForms(area.name),
    centre: area.centre ? allForms(area.centre) : null,
    time_zone: area.timeZone,
    valid_from: area.validFrom,
    valid_to: area.validTo,
    population:
      area.population !== null && area.populationDate
        ? { value: area.population, date: area.populationDate, source: area.populationSource }
        : null,
  };
}

export async function registryApiRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  cachedPublicRoutes(app);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { registry } = opts;

  api.get(
    '/api/v1/areas',
    {
      schema: {
        tags: ['registry'],
        summary: 'First-level administrative units (regions and cities of republican significance) as of a date',
        querystring: asOfQuerySchema,
        response: { 200: areaListSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const date = request.query.date ?? todayInKazakhstan();
      const areas = await registry.listAreas(date);
      reply.header('cache-control', 'public, max-age=300');
      return { date, count: areas.length, data: areas.map(presentArea) };
    },
  );

  api.get(
    '/api/v1/areas/:id',
    {
      schema: {
        tags: ['registry'],
        summary: 'One administrative unit, named as of a date',
        params: areaParamsSchema,
        querystring: asOfQuerySchema,
        response: { 200: areaSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const area = await registry.getArea(request.params.id, request.query.date ?? todayInKazakhstan());
      reply.header('cache-control', 'public, max-age=300');
      return presentArea(area);
    },
  );
}
