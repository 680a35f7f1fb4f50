// Outreach analytics (issue 13), read from the rollups of migration 0022:
// - public, under /:lang (page-cached): /outreach?region=<KATO>&from=YYYY-MM&to=YYYY-MM&measure=…
//   and /outreach.csv?…&table=regions|map|trend|topics — public events only, questions as counts;
//   a maslikhat's page shows its region's figures of the last twelve months;
// - office, under /:lang: /office/outreach/analytics (+ .csv) with internal events too — the
//   secretariat and admins every region, maslikhat staff and deputies their own regions;
// - open data: GET /api/v1/outreach-stats?region=&from=&to= (aggregates only).
// Ill-formed filters on the pages are reported and the defaults shown (the input kept), never a 5xx.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../core/auth/actor.js';
import { hasRole } from '../../core/auth/actor.js';
import { can } from '../../core/auth/authorize.js';
import { ForbiddenError, UnauthorizedError, ValidationError, type FieldProblem } from '../../core/errors.js';
import { titleWithErrors } from '../../core/http/forms.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { textQuery } from '../../core/http/params.js';
import { allForms, formatNumber, localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import { errorSchema, localizedTextSchema } from '../registry/registry.schemas.js';
import { createAnalyticsService, currentMonth, addMonths, isMonth, maxMonths, measures, monthsBetween, readPeriod, type AnalyticsModel, type Measure } from './analytics.service.js';
import { analyticsCsv, csvTables, type CsvTable } from './analytics.tables.js';
import { AnalyticsPage } from './views/analytics.js';

const pageQuery = z.object({
  region: textQuery(20),
  from: textQuery(20),
  to: textQuery(20),
  measure: z.enum(measures).catch('events'),
  table: z.enum(csvTables).catch('regions'),
});
type PageQuery = z.infer<typeof pageQuery>;

const noStore = 'no-store';

/** The filters read: the period (or its problems), the region asked for within the scope, the measure. */
async function readFilters(service: ReturnType<typeof createAnalyticsService>, query: PageQuery, scope: readonly string[] | undefined) {
  const period = readPeriod({ from: query.from, to: query.to });
  const problems: FieldProblem[] = [...period.problems];
  let region: { id: string; kato: string } | undefined;
  if (query.region) {
    const found = /^\d{9}$/.test(query.region) ? await service.regionByKato(query.region) : null;
    if (found && (!scope || scope.includes(found.id))) region = found;
    else problems.push({ field: 'region', messageKey: 'outreachStats.regionUnknown' });
  }
  return { period, problems, region };
}

function csvReply(lang: Language, model: AnalyticsModel, measure: Measure, table: CsvTable, name: string) {
  return { body: analyticsCsv(lang, model, measure, table), filename: `kenes-outreach-${name}-${table}-${model.from}-${model.to}-${lang}.csv` };
}

export async function publicAnalyticsRoutes(app: FastifyInstance): Promise<void> {
  cachedPublicRoutes(app);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createAnalyticsService(app.db);

  // A maslikhat's page: its region's figures of the last twelve months, linked to the dashboard.
  app.related.provideSection('maslikhat', 'outreach-analytics', async (organizationId, lang) => {
    const [regionId] = await service.regionsOfOrganizations([organizationId]);
    if (!regionId) return undefined;
    const to = currentMonth();
    const from = addMonths(to, -11);
    const model = await service.model({ from, to, internal: false, regionId });
    const f = model.totals;
    const kato = model.region?.kato;
    if (!kato) return undefined;
    return {
      key: 'outreach-analytics',
      titleKey: 'outreachStats.hubTitle',
      links: [
        {
          messageKey: 'outreachStats.hubLink',
          values: { events: formatNumber(lang, f.events), audience: formatNumber(lang, f.audience) },
          href: `/outreach?region=${kato}`,
          detail: { messageKey: 'outreachStats.hubDetail', values: { questions: formatNumber(lang, f.questions), share: f.onTime === null ? '—' : `${formatNumber(lang, Math.round(f.onTime * 100))} %` } },
        },
      ],
    };
  });

  async function view(request: FastifyRequest, query: PageQuery) {
    const { period, problems, region } = await readFilters(service, query, undefined);
    const model = await service.model({ from: period.from, to: period.to, internal: false, regionId: region?.id, regionKato: region?.kato });
    return { model, problems };
  }

  route.get('/outreach', { schema: { querystring: pageQuery } }, async (request, reply) => {
    const { model, problems } = await view(request, request.query);
    const lang = request.lang;
    const title = model.region ? translate(lang, 'outreachStats.regionTitle', { region: localize(lang, model.region.name).text || model.region.kato }) : translate(lang, 'outreachStats.title');
    const regionChoices = model.regions.map((r) => ({ kato: r.kato, name: localize(lang, r.name).text || r.kato }));
    return reply.page(
      titleWithErrors(lang, title, problems),
      <AnalyticsPage title={title} model={model} filters={{ region: request.query.region, from: request.query.from, to: request.query.to, measure: request.query.measure }} problems={problems} path="/outreach" csvPath="/outreach.csv" regionChoices={regionChoices} />,
      problems.length ? 400 : 200,
    );
  });

  route.get('/outreach.csv', { schema: { querystring: pageQuery } }, async (request, reply) => {
    const { model, problems } = await view(request, request.query);
    if (problems.length) throw ValidationError(problems);
    const csv = csvReply(request.lang, model, request.query.measure, request.query.table, model.region?.kato || 'kz');
    return reply.header('cache-control', 'public, max-age=300').header('content-disposition', `attachment; filename="${csv.filename}"`).type('text/csv; charset=utf-8').send(csv.body);
  });
}

/** The regions an office visitor sees: all (undefined) for the secretariat and admins, else their maslikhats' regions. */
async function officeScope(service: ReturnType<typeof createAnalyticsService>, actor: Actor): Promise<string[] | undefined> {
  if (hasRole(actor, 'admin', 'secretariat')) return undefined;
  const organizations = [...new Set(actor.grants.filter((g) => g.role === 'maslikhat_staff' || g.role === 'deputy').flatMap((g) => g.scope))].filter((id) => can(actor, 'outreach.view', { organizationId: id }));
  const regions = await service.regionsOfOrganizations(organizations);
  if (!regions.length) throw ForbiddenError();
  return regions;
}

export async function officeAnalyticsRoutes(app: FastifyInstance): Promise<void> {
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createAnalyticsService(app.db);

  async function view(request: FastifyRequest, query: PageQuery) {
    if (!request.actor) throw UnauthorizedError();
    const scope = await officeScope(service, request.actor);
    const { period, problems, region } = await readFilters(service, query, scope);
    // One region in scope: it is the one shown.
    const only = !region && scope?.length === 1 ? scope[0] : undefined;
    const model = await service.model({ from: period.from, to: period.to, internal: true, scope, regionId: region?.id ?? only, regionKato: region?.kato });
    return { model, problems };
  }

  route.get('/office/outreach/analytics', { schema: { querystring: pageQuery } }, async (request, reply) => {
    const { model, problems } = await view(request, request.query);
    const lang = request.lang;
    const title = model.region
      ? translate(lang, 'outreachStats.officeRegionTitle', { region: localize(lang, model.region.name).text || model.region.kato })
      : translate(lang, 'outreachStats.officeTitle');
    const regionChoices = model.regions.length > 1 ? model.regions.map((r) => ({ kato: r.kato, name: localize(lang, r.name).text || r.kato })) : [];
    return reply
      .header('cache-control', noStore)
      .page(
        titleWithErrors(lang, title, problems),
        <AnalyticsPage
          title={title}
          model={model}
          filters={{ region: request.query.region, from: request.query.from, to: request.query.to, measure: request.query.measure }}
          problems={problems}
          path="/office/outreach/analytics"
          csvPath="/office/outreach/analytics.csv"
          regionChoices={regionChoices}
        />,
        problems.length ? 400 : 200,
      );
  });

  route.get('/office/outreach/analytics.csv', { schema: { querystring: pageQuery } }, async (request, reply) => {
    const { model, problems } = await view(request, request.query);
    if (problems.length) throw ValidationError(problems);
    const csv = csvReply(request.lang, model, request.query.measure, request.query.table, model.region?.kato || 'kz');
    return reply.header('cache-control', noStore).header('content-disposition', `attachment; filename="${csv.filename}"`).type('text/csv; charset=utf-8').send(csv.body);
  });
}

// ── Open data ──

const month = (name: string) => z.string().refine(isMonth, { error: `${name} must be a month, YYYY-MM (2000-01 to 2100-12)` });
const statsQuery = z.object({
  region: z
    .string()
    .regex(/^\d{9}$/, { error: 'region must be a KATO code (9 digits), e.g. 270000000' })
    .optional()
    .describe('Only this region or city of republican significance (KATO code of its area)'),
  from: month('from').optional().describe('First month, YYYY-MM (default: eleven months before `to`)'),
  to: month('to').optional().describe('Last month, YYYY-MM (default: this month in Kazakhstan)'),
});

const figuresSchema = z.object({
  events: z.number().int().describe('Public events held or planned in the period'),
  audience: z.number().int().describe('People reached (sum of the events\' audience)'),
  population: z.number().int().nullable().describe('Residents on the latest count on or before the period\'s last day'),
  reach_per_1000: z.number().nullable().describe('People reached per 1,000 residents'),
  questions_raised: z.number().int().describe('Citizens\' questions registered in the period'),
  questions_answered: z.number().int(),
  questions_answered_on_time: z.number().int().describe('Answered by the due date in force (the extended one when extended)'),
  answered_on_time_share: z.number().nullable().describe('Answered on time ÷ raised (0–1; null when none was raised)'),
  questions_overdue_open: z.number().int().describe('Registered in the period, still open past their due date today'),
});

const statsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    region: z.object({ kato: z.string(), name: localizedTextSchema.nullable() }).nullable(),
    totals: figuresSchema,
    regions: z.array(z.object({ kato: z.string(), name: localizedTextSchema.nullable() }).extend(figuresSchema.shape)).describe('Every region of the period\'s last day'),
    months: z.array(z.object({ month: z.string(), events: z.number().int(), audience: z.number().int(), questions_raised: z.number().int(), answered_on_time_share: z.number().nullable() })),
    topics: z.array(z.object({ id: z.uuid(), slug: z.string().nullable(), title: localizedTextSchema, events: z.number().int() })).describe('The topics with the most public events'),
  })
  .meta({ id: 'OutreachStats' });

const figuresJson = (f: AnalyticsModel['totals']) => ({
  events: f.events,
  audience: f.audience,
  population: f.population,
  reach_per_1000: f.reach === null ? null : Math.round(f.reach * 100) / 100,
  questions_raised: f.questions,
  questions_answered: f.answered,
  questions_answered_on_time: f.answeredOnTime,
  answered_on_time_share: f.onTime === null ? null : Math.round(f.onTime * 10_000) / 10_000,
  questions_overdue_open: f.overdue,
});

export async function analyticsApiRoutes(app: FastifyInstance): Promise<void> {
  cachedPublicRoutes(app);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const service = createAnalyticsService(app.db);

  api.get(
    '/api/v1/outreach-stats',
    {
      schema: {
        tags: ['outreach'],
        summary: 'Deputies\' outreach figures per region and period: public events, people reached, reach per 1,000 residents, citizens\' questions raised and answered on time (aggregates only)',
        querystring: statsQuery,
        response: { 200: statsSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const { region: kato } = request.query;
      const to = request.query.to ?? (request.query.from && request.query.from > currentMonth() ? request.query.from : currentMonth());
      const from = request.query.from ?? addMonths(to, -11);
      if (from > to) throw ValidationError([{ field: 'to', messageKey: 'outreachStats.periodOrder' }]);
      if (monthsBetween(from, to).length > maxMonths) throw ValidationError([{ field: 'from', messageKey: 'outreachStats.periodTooLong' }]);
      const region = kato ? await service.regionByKato(kato) : null;
      if (kato && !region) throw ValidationError([{ field: 'region', messageKey: 'outreachStats.regionUnknown' }]);
      const model = await service.model({ from, to, internal: false, regionId: region?.id, regionKato: region?.kato });
      reply.header('cache-control', 'public, max-age=300');
      return {
        from,
        to,
        region: model.region ? { kato: model.region.kato, name: model.region.name ? allForms(model.region.name) : null } : null,
        totals: figuresJson(model.totals),
        regions: model.regions.map((r) => ({ kato: r.kato, name: r.name ? allForms(r.name) : null, ...figuresJson(r) })),
        months: model.months.map((m) => ({ month: m.month, events: m.events, audience: m.audience, questions_raised: m.questions, answered_on_time_share: m.onTime === null ? null : Math.round(m.onTime * 10_000) / 10_000 })),
        topics: model.topics.map((tp) => ({ id: tp.id, slug: tp.slug, title: allForms(tp.title), events: tp.events })),
      };
    },
  );
}
