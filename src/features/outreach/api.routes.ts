// Outreach open data under /api/v1 (public, in /api/v1/openapi.json): public events (filtered by
// region, local days and topic, paged, newest first) and the topics they are tagged with. Only
// public events; no personal data beyond the deputies' public names.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outreachEventKinds, outreachTopicKinds } from '../../core/db/database.js';
import { ValidationError } from '../../core/errors.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { allForms } from '../../core/i18n/format.js';
import { errorSchema, localizedTextSchema } from '../registry/registry.schemas.js';
import { createOutreachService, createPublicOutreachService, localDate } from './outreach.service.js';

const cacheControl = 'public, max-age=300';

const topicSchema = z
  .object({
    id: z.uuid(),
    slug: z.string().nullable().describe('Stable key of a seeded topic'),
    kind: z.enum(outreachTopicKinds),
    title: localizedTextSchema,
    active: z.boolean().describe('False for a topic no longer offered for new events'),
  })
  .meta({ id: 'OutreachTopic' });

const eventSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(outreachEventKinds),
    starts_at: z.string().describe('ISO 8601 instant (UTC)'),
    ends_at: z.string().nullable(),
    local_date: z.iso.date().describe('The day in the region\'s time zone'),
    time_zone: z.string().describe('IANA time zone of the region, in which the event was entered'),
    maslikhat: z.object({ id: z.uuid(), name: localizedTextSchema.nullable().describe('Name as of the event\'s day') }),
    region: z.object({ kato: z.string(), name: localizedTextSchema.nullable() }).nullable(),
    district: localizedTextSchema.nullable(),
    settlement: z.string().nullable(),
    address: z.string().nullable(),
    deputies: z.array(z.object({ id: z.uuid(), name: localizedTextSchema })).describe('Deputies present'),
    topics: z.array(z.object({ id: z.uuid(), slug: z.string().nullable(), title: localizedTextSchema })),
    tags: z.array(z.string()),
    audience_total: z.number().int().nullable().describe('People reached (null for an event ahead)'),
    summary: z.string().nullable(),
    summary_language: z.enum(['kk', 'ru', 'en']).nullable(),
    is_demo: z.boolean().describe('True for demonstration records: drop them for real use'),
  })
  .meta({ id: 'OutreachEvent' });

const day = (name: string) => z.iso.date({ error: `${name} must be a day, YYYY-MM-DD` });

const eventsQuery = z.object({
  region: z
    .string()
    .regex(/^\d{9}$/, { error: 'region must be a KATO code (9 digits), e.g. 270000000' })
    .optional()
    .describe('Only the events of this region or city (KATO code of its area)'),
  from: day('from').optional().describe('Only events on or after this day (the region\'s local day)'),
  to: day('to').optional().describe('Only events on or before this day'),
  topic: z
    .string()
    .regex(/^[a-z0-9-]{1,100}$/i, { error: 'topic must be a topic id (UUID) or slug' })
    .optional()
    .describe('Only events about this topic (its id or slug; see /api/v1/outreach-topics)'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe('Page number, from 1'),
  per_page: z.coerce.number().int().min(1).max(500).default(100).describe('Events per page (1–500)'),
});

const eventPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  data: z.array(eventSchema),
  links: z.object({ self: z.string(), next: z.string().nullable(), prev: z.string().nullable() }),
});

export async function outreachApiRoutes(app: FastifyInstance): Promise<void> {
  cachedPublicRoutes(app);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const outreach = createPublicOutreachService(app.db);
  const topics = () => createOutreachService(app.db, app.files).topics(false);

  api.get(
    '/api/v1/outreach-topics',
    { schema: { tags: ['outreach'], summary: 'The topics outreach events are tagged with: the President\'s Address\'s priorities, state programmes, laws', response: { 200: z.object({ count: z.number().int(), data: z.array(topicSchema) }) } } },
    async (_request, reply) => {
      const rows = await topics();
      reply.header('cache-control', cacheControl);
      return { count: rows.length, data: rows.map((t) => ({ id: t.id, slug: t.slug, kind: t.kind, title: allForms(t.title), active: t.active })) };
    },
  );

  api.get(
    '/api/v1/outreach-events',
    {
      schema: {
        tags: ['outreach'],
        summary: 'Public outreach events of the maslikhats\' deputies (meetings with voters, receptions, visits, media, online), newest first; filter by region (KATO), period and topic',
        querystring: eventsQuery,
        response: { 200: eventPageSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const { region, from, to, topic, page, per_page } = request.query;
      if (from && to && from > to) throw ValidationError([{ field: 'to', messageKey: 'outreach.apiPeriodOrder' }]);
      const regionAreaId = region ? await outreach.areaIdByKato(region) : undefined;
      if (region && !regionAreaId) throw ValidationError([{ field: 'region', messageKey: 'outreach.apiRegionUnknown' }]);
      let topicId: string | undefined;
      if (topic) {
        const lower = topic.toLowerCase();
        topicId = (await topics()).find((t) => t.id === lower || t.slug === lower)?.id;
        if (!topicId) throw ValidationError([{ field: 'topic', messageKey: 'outreach.apiTopicUnknown' }]);
      }
      const result = await outreach.openData({ regionAreaId, from, to, topicId }, page, per_page);
      const href = (p: number) => {
        const params = new URLSearchParams();
        if (region) params.set('region', region);
        if (from) params.set('from', from);
        if (to) params.set('to', to);
        if (topic) params.set('topic', topic);
        params.set('page', String(p));
        params.set('per_page', String(per_page));
        return `/api/v1/outreach-events?${params.toString()}`;
      };
      const lastPage = Math.max(1, Math.ceil(result.total / per_page));
      reply.header('cache-control', cacheControl);
      return {
        total: result.total,
        page,
        per_page,
        data: result.rows.map((e) => ({
          id: e.id,
          kind: e.kind,
          starts_at: e.startsAt.toISOString(),
          ends_at: e.endsAt?.toISOString() ?? null,
          local_date: localDate(e.startsAt, e.timeZone),
          time_zone: e.timeZone,
          maslikhat: { id: e.organizationId, name: e.organizationName ? allForms(e.organizationName) : null },
          region: e.regionKato ? { kato: e.regionKato, name: e.regionName ? allForms(e.regionName) : null } : null,
          district: e.districtName ? allForms(e.districtName) : null,
          settlement: e.settlement,
          address: e.address,
          deputies: e.deputies.map((d) => ({ id: d.personId, name: allForms(d.name) })),
          topics: e.topics.map((t) => ({ id: t.id, slug: t.slug, title: allForms(t.title) })),
          tags: e.tags,
          audience_total: e.audienceTotal,
          summary: e.summary,
          summary_language: e.summaryLanguage,
          is_demo: e.isDemo,
        })),
        links: { self: href(page), next: page < lastPage ? href(page + 1) : null, prev: page > 1 ? href(Math.min(page - 1, lastPage)) : null },
      };
    },
  );
}
