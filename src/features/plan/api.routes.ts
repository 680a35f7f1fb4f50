// The plan's open data under /api/v1 (public reads, in /api/v1/openapi.json): the plans, one plan
// with its items, and the accepted reports (?plan=&region=&period=, paged). Accepted reports only;
// drafts never. A query that names nothing valid is a 400 naming the parameter.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { allForms } from '../../core/i18n/format.js';
import { errorSchema, localizedTextSchema } from '../registry/registry.schemas.js';
import * as repo from './progress.repository.js';
import { buildProgress, parsePeriod, planTotals, readProgressData, type PlanHeader, type PlanProgress } from './progress.service.js';
import { timelinePeriods } from './timeline.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';

const cacheControl = 'public, max-age=300';

const decisionSchema = z
  .object({ id: z.uuid(), number: z.string().nullable(), date: z.iso.date(), title: localizedTextSchema, meeting_id: z.uuid().nullable() })
  .meta({ id: 'PlanDecision', description: 'The Council decision that adopted the plan' });

const planSummarySchema = z
  .object({
    id: z.uuid(),
    title: localizedTextSchema,
    period_start: z.iso.date(),
    period_end: z.iso.date(),
    status: z.enum(['adopted', 'completed', 'superseded']),
    superseded_by_id: z.uuid().nullable(),
    adoption_decision: decisionSchema.nullable(),
    reports_accepted: z.number().int().describe('Reports accepted of those due so far (cancelled items left out)'),
    reports_due: z.number().int(),
    is_demo: z.boolean().describe('True for demonstration records: drop them for real use'),
  })
  .meta({ id: 'PlanSummary' });

const bodySchema = z
  .object({ id: z.uuid(), slug: z.string().nullable(), kato: z.string().nullable().describe('KATO code of the body\'s area'), name: localizedTextSchema })
  .meta({ id: 'PlanBody' });

const itemSchema = z
  .object({
    id: z.uuid(),
    number: z.string().nullable(),
    position: z.number().int(),
    section_id: z.uuid().nullable(),
    action: localizedTextSchema,
    expected_result: localizedTextSchema.nullable(),
    starts_on: z.iso.date(),
    deadline: z.iso.date(),
    deadline_kind: z.enum(['date', 'quarterly', 'half_yearly', 'yearly']),
    status: z.enum(['not_started', 'in_progress', 'done', 'overdue', 'cancelled']).describe('Derived from the accepted reports on today\'s date (Kazakhstan)'),
    cancel_reason: localizedTextSchema.nullable(),
    responsible_body_ids: z.array(z.uuid()).describe('Lead bodies expected to report (every region maslikhat of each period, for the group)'),
    co_executor_ids: z.array(z.uuid()),
    reports_accepted: z.number().int(),
    reports_due: z.number().int(),
    periods: z.array(z.object({ key: z.string().describe('2021-Q1, 2021-H2, 2021, or first/last day'), start: z.iso.date(), end: z.iso.date(), due_on: z.iso.date(), expected: z.number().int(), accepted: z.number().int(), overdue: z.boolean() })),
    indicators: z.array(
      z.object({
        id: z.uuid(),
        name: localizedTextSchema,
        unit: localizedTextSchema,
        baseline: z.number().nullable(),
        target: z.number().nullable(),
        aggregation: z.enum(['sum', 'average']),
        value: z.number().nullable().describe('Each body\'s latest accepted value, summed or averaged'),
        share: z.number().nullable().describe('Share of the way from baseline to target, 0–1'),
      }),
    ),
  })
  .meta({ id: 'PlanItem' });

const planSchema = planSummarySchema
  .extend({
    as_of: z.iso.date(),
    sections: z.array(z.object({ id: z.uuid(), position: z.number().int(), title: localizedTextSchema })),
    bodies: z.array(bodySchema),
    items: z.array(itemSchema),
  })
  .meta({ id: 'Plan' });

const planParams = z.object({ id: z.uuid({ error: 'id must be a UUID' }) });

const reportsQuery = z.object({
  plan: z.uuid({ error: 'plan must be a plan id (UUID)' }).optional().describe('Only the reports of this plan'),
  region: z
    .string()
    .regex(/^\d{9}$/, { error: 'region must be a KATO code (9 digits), e.g. 270000000' })
    .optional()
    .describe('Only the reports of the body in this region or city (by its area\'s KATO code)'),
  period: z
    .string()
    .refine((v) => parsePeriod(v) !== undefined, { error: 'period must be a quarter (2021-Q1), a half-year (2021-H2), a year (2021) or a day (YYYY-MM-DD)' })
    .optional()
    .describe('Only reports whose period overlaps this quarter, half-year, year or day'),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1).describe('Page number, from 1'),
  per_page: z.coerce.number().int().min(1).max(500).default(100).describe('Items per page (1–500)'),
});

const reportSchema = z
  .object({
    id: z.uuid(),
    plan_id: z.uuid(),
    item_id: z.uuid(),
    item_number: z.string().nullable(),
    body: bodySchema,
    period_start: z.iso.date(),
    period_end: z.iso.date(),
    due_on: z.iso.date(),
    submitted_at: z.string().nullable().describe('When it was first filed (ISO 8601)'),
    accepted_at: z.string().nullable(),
    late: z.boolean().describe('First filed after its due day (Kazakhstan\'s date)'),
    text: localizedTextSchema,
    values: z.array(z.object({ indicator_id: z.uuid(), value: z.number() })),
  })
  .meta({ id: 'PlanReport' });

const reportPageSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  per_page: z.number().int(),
  data: z.array(reportSchema),
  links: z.object({ self: z.string(), next: z.string().nullable(), prev: z.string().nullable() }),
});

function presentSummary(plan: PlanHeader, totals: { accepted: number; due: number }) {
  return {
    id: plan.id,
    title: allForms(plan.title),
    period_start: plan.periodStart,
    period_end: plan.periodEnd,
    status: plan.status === 'draft' ? 'adopted' : plan.status,
    superseded_by_id: plan.supersededById,
    adoption_decision: plan.decision
      ? { id: plan.decision.id, number: plan.decision.number, date: plan.decision.date, title: allForms(plan.decision.title), meeting_id: plan.decision.meetingId }
      : null,
    reports_accepted: totals.accepted,
    reports_due: totals.due,
    is_demo: plan.isDemo,
  };
}

function presentPlan(progress: PlanProgress) {
  return {
    ...presentSummary(progress.plan, planTotals(progress)),
    as_of: progress.today,
    sections: progress.sections.map((s) => ({ id: s.id, position: s.position, title: allForms(s.title) })),
    bodies: progress.bodies.map((b) => ({ id: b.id, slug: b.slug, kato: b.kato, name: allForms(b.name) })),
    items: progress.items.map((i) => ({
      id: i.id,
      number: i.number,
      position: i.position,
      section_id: i.sectionId,
      action: allForms(i.action),
      expected_result: i.expectedResult ? allForms(i.expectedResult) : null,
      starts_on: i.startsOn,
      deadline: i.deadline,
      deadline_kind: i.deadlineKind,
      status: i.status,
      cancel_reason: i.cancelReason ? allForms(i.cancelReason) : null,
      responsible_body_ids: i.leadIds,
      co_executor_ids: i.coExecutorIds,
      reports_accepted: i.reports.accepted,
      reports_due: i.reports.due,
      periods: timelinePeriods(i, progress.today).map((p) => ({ key: p.key, start: p.start, end: p.end, due_on: p.dueOn, expected: p.expected, accepted: p.accepted, overdue: p.overdue })),
      indicators: i.indicators.map((x) => ({ id: x.id, name: allForms(x.name), unit: allForms(x.unit), baseline: x.baseline, target: x.target, aggregation: x.aggregation, value: x.progress.value, share: x.progress.share })),
    })),
  };
}

export async function planApiRoutes(app: FastifyInstance): Promise<void> {
  cachedPublicRoutes(app);
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  api.get(
    '/api/v1/plans',
    {
      schema: {
        tags: ['plan'],
        summary: 'The Council\'s perspective work plans (adopted, completed, superseded; never drafts), newest first, with their progress',
        response: { 200: z.object({ count: z.number().int(), data: z.array(planSummarySchema) }), 400: errorSchema },
      },
    },
    async (_request, reply) => {
      const rows = await repo.listPublicPlans(db);
      const data = [];
      // A handful of plans over the years: each is read whole for its totals.
      for (const row of rows) {
        const progress = await readAndBuild(row.id);
        data.push(presentSummary(progress.plan, planTotals(progress)));
      }
      reply.header('cache-control', cacheControl);
      return { count: data.length, data };
    },
  );

  function readAndBuild(id: string): Promise<PlanProgress> {
    return readProgressData(db, id, 'public').then((data) => buildProgress(data));
  }

  api.get(
    '/api/v1/plans/:id',
    {
      schema: {
        tags: ['plan'],
        summary: 'One plan with its sections, items (status, periods, indicators and their progress) and responsible bodies, from accepted reports only',
        params: planParams,
        response: { 200: planSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request, reply) => {
      const progress = await readAndBuild(request.params.id);
      reply.header('cache-control', cacheControl);
      return presentPlan(progress);
    },
  );

  api.get(
    '/api/v1/plan-reports',
    {
      schema: {
        tags: ['plan'],
        summary: 'Accepted reports on the plans\' items (the accepted text and indicator values), newest period first; filter by plan, region (KATO) and period',
        querystring: reportsQuery,
        response: { 200: reportPageSchema, 400: errorSchema },
      },
    },
    async (request, reply) => {
      const { plan, region, period, page, per_page } = request.query;
      const range = period ? parsePeriod(period) : undefined;
      const { rows, total, values } = await repo.listAcceptedReports(db, { planId: plan, kato: region, from: range?.from, to: range?.to }, { limit: per_page, offset: (page - 1) * per_page });
      const byRevision = Map.groupBy(values, (v) => v.revisionId);
      const href = (p: number) => {
        const params = new URLSearchParams();
        if (plan) params.set('plan', plan);
        if (region) params.set('region', region);
        if (range) params.set('period', range.key);
        params.set('page', String(p));
        params.set('per_page', String(per_page));
        return `/api/v1/plan-reports?${params.toString()}`;
      };
      const lastPage = Math.max(1, Math.ceil(total / per_page));
      reply.header('cache-control', cacheControl);
      return {
        total,
        page,
        per_page,
        data: rows.map((r) => ({
          id: r.id,
          plan_id: r.planId,
          item_id: r.itemId,
          item_number: r.itemNumber,
          body: { id: r.organizationId, slug: r.slug, kato: r.kato, name: allForms(r.bodyName) },
          period_start: r.periodStart,
          period_end: r.periodEnd,
          due_on: r.dueOn,
          submitted_at: r.firstSubmittedAt?.toISOString() ?? null,
          accepted_at: r.acceptedAt?.toISOString() ?? null,
          late: r.firstSubmittedAt ? todayInKazakhstan(r.firstSubmittedAt) > r.dueOn : false,
          text: allForms(r.body),
          values: (byRevision.get(r.revisionId) ?? []).map((v) => ({ indicator_id: v.indicatorId, value: v.value })),
        })),
        links: { self: href(page), next: page < lastPage ? href(page + 1) : null, prev: page > 1 ? href(Math.min(page - 1, lastPage)) : null },
      };
    },
  );
}
