// Open data, all public GETs: the JSON API (/api/v1/organizations, /persons, /memberships; paged,
// described in /api/v1/openapi.json), the whole registry as Popolo JSON and the deputies' list as
// CSV and XLSX (/open-data/…).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorSchema } from './registry.schemas.js';
import {
  downloadQuerySchema,
  membershipPageSchema,
  membershipsQuerySchema,
  organizationPageSchema,
  organizationsQuerySchema,
  personPageSchema,
  personsQuerySchema,
  popoloQuerySchema,
} from './open-data.schemas.js';
import { createOpenDataService, popoloCacheSeconds, type OpenDataPage } from './open-data.service.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';

const cacheControl = `public, max-age=${popoloCacheSeconds}`;

/** The schema of one paged list of the API: its query, its page, the 400 of a query it refuses. */
function pagedListSchema<Q, P>(summary: string, querystring: Q, page: P) {
  return { tags: ['registry'], summary, querystring, response: { 200: page, 400: errorSchema } };
}

/** A page of a list with self/next/prev links that repeat the query (with the resolved date, so a link means the same tomorrow), cached like all open data. */
function linkedPage<T>(reply: FastifyReply, path: string, query: Record<string, string | number | undefined>, result: OpenDataPage<T>) {
  reply.header('cache-control', cacheControl);
  const href = (page: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== '' && key !== 'date' && key !== 'page' && key !== 'per_page') params.set(key, String(value));
    }
    params.set('date', result.date);
    params.set('page', String(page));
    params.set('per_page', String(result.per_page));
    return `${path}?${params.toString()}`;
  };
  const lastPage = Math.max(1, Math.ceil(result.total / result.per_page));
  return {
    ...result,
    links: {
      self: href(result.page),
      next: result.page < lastPage ? href(result.page + 1) : null,
      prev: result.page > 1 ? href(Math.min(result.page - 1, lastPage)) : null,
    },
  };
}

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function openDataRoutes(app: FastifyInstance): Promise<void> {
  cachedPublicRoutes(app);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const openData = createOpenDataService(app.db);
  const baseUrl = (request: FastifyRequest) => app.config.publicUrl?.replace(/\/+$/, '') ?? `${request.protocol}://${request.host}`;

  api.get('/api/v1/organizations', { schema: pagedListSchema('Organisations existing on a date (maslikhats, the Council, parties…), named as on that date', organizationsQuerySchema, organizationPageSchema) }, async (request, reply) =>
    linkedPage(reply, '/api/v1/organizations', request.query, await openData.organizations(request.query)),
  );

  api.get(
    '/api/v1/persons',
    { schema: pagedListSchema('Persons with a membership valid on a date (deputies, Council members, representatives), with public contact details', personsQuerySchema, personPageSchema) },
    async (request, reply) => linkedPage(reply, '/api/v1/persons', request.query, await openData.persons(request.query)),
  );

  api.get(
    '/api/v1/memberships',
    {
      schema: pagedListSchema(
        "Memberships valid on a date: deputies with their party and district, heads titled as on the date, the Council's members with the decisions that admitted them",
        membershipsQuerySchema,
        membershipPageSchema,
      ),
    },
    async (request, reply) => linkedPage(reply, '/api/v1/memberships', request.query, await openData.memberships(request.query)),
  );

  api.get('/open-data/popolo.json', { schema: { querystring: popoloQuerySchema } }, async (request, reply) => {
    const body = await openData.popolo({ date: request.query.date, lang: request.query.lang, baseUrl: baseUrl(request) });
    return reply
      .header('cache-control', cacheControl)
      .header('content-disposition', `inline; filename="kenes-popolo${request.query.date ? `-${request.query.date}` : ''}.json"`)
      .type('application/json; charset=utf-8')
      .send(body);
  });

  api.get('/open-data/deputies.csv', { schema: { querystring: downloadQuerySchema } }, async (request, reply) => {
    const csv = await openData.deputiesCsv(request.query);
    return reply
      .header('cache-control', cacheControl)
      .header('content-disposition', `attachment; filename="kenes-deputies-${csv.date}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv.body);
  });

  api.get('/open-data/deputies.xlsx', { schema: { querystring: downloadQuerySchema } }, async (request, reply) => {
    const xlsx = await openData.deputiesXlsx(request.query);
    return reply
      .header('cache-control', cacheControl)
      .header('content-disposition', `attachment; filename="kenes-deputies-${xlsx.date}.xlsx"`)
      .type(xlsxType)
      .send(xlsx.body);
  });
}
