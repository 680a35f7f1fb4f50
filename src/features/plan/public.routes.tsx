// The plan's public pages, mounted under /:lang: the plans (/plan) and one plan (/plan/{id},
// ?region=<KATO> for a region's part) with its progress table as CSV. Accepted reports only; a
// draft plan is not found. Also the links other pages show: a meeting's page and a decision's to
// the plan adopted there, a maslikhat's page to its part of each plan in force, and the home page to
// the plan's next report deadlines.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams, textQuery } from '../../core/http/params.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { formatDate, localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import { nextDeadlines } from './deadlines.js';
import { buildMatrix, matrixCsv } from './matrix.js';
import * as repo from './progress.repository.js';
import { bodySummaries, buildProgress, planTotals, readProgressData, type PlanHeader } from './progress.service.js';
import { PlanPage } from './views/public/plan.js';
import { PlansPage, type PlanCard } from './views/public/plans.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { planItemSearchSource } from './search-source.js';

const regionQuery = z.object({ region: textQuery(20) });
const params = pathParams({ id: idParam });
/** How many coming report deadlines the home page lists. */
const homeDeadlineLimit = 3;

export async function publicPlanRoutes(app: FastifyInstance): Promise<void> {
  cachedPublicRoutes(app);
  app.searchIndex.register(planItemSearchSource());
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;

  app.related.provideQuery('meeting', 'plan', {
    rows: repo.plansAdoptedAtMeetingQuery,
    links: (rows) => rows.map((p) => ({ messageKey: 'planPublic.relatedMeeting', href: `/plan/${p.id}` })),
  });
  app.related.provide('decision', 'plan', async (decisionId) => {
    const plan = await repo.findPlanAdoptedBy(db, decisionId);
    return plan ? [{ messageKey: 'planPublic.relatedDecision', href: `/plan/${plan.id}` }] : [];
  });
  app.related.provideQuery('maslikhat', 'plan', {
    rows: repo.plansNamingQuery,
    links: (rows, lang) =>
      rows.map((p) => ({
        messageKey: 'planPublic.relatedMaslikhat',
        values: { plan: localize(lang, p.title).text },
        href: `/plan/${p.id}?region=${p.kato}`,
      })),
  });
  // The home page's "what is next": the plan's coming report deadlines.
  app.related.provideSection('home', 'plan', async (organizationId, lang) => ({
    key: 'plan',
    titleKey: 'home.planDeadlinesTitle',
    links: nextDeadlines(await repo.listOpenSchedules(db, organizationId), todayInKazakhstan(), homeDeadlineLimit).map((d) => ({
      messageKey: 'home.planDeadline',
      values: { date: formatDate(lang, d.dueOn), plan: localize(lang, d.planTitle).text },
      href: `/plan/${d.planId}`,
      detail: { messageKey: 'home.planDeadlineItems', values: { count: d.items } },
    })),
  }));

  /** A plan's model for the public, whole and (when ?region= names one of its regions) for the region. */
  async function planView(id: string, regionInput: string) {
    const data = await readProgressData(db, id, 'public');
    const whole = buildProgress(data);
    const regions = whole.bodies.filter((b) => b.isRegion && b.kato).map((b) => ({ kato: b.kato ?? '', name: b.name }));
    const region = whole.bodies.find((b) => b.isRegion && b.kato === regionInput) ?? null;
    const progress = region ? buildProgress(data, { region: region.kato ?? undefined }) : whole;
    return { progress, whole, regions, region };
  }

  route.get('/plan', async (request, reply) => {
    const plans = (await repo.listPublicPlans(db)).map((row) => row.id);
    const current: PlanCard[] = [];
    const earlier: PlanHeader[] = [];
    for (const id of plans) {
      // A handful of plans over the years: each current one is read whole for its progress line.
      const progress = buildProgress(await readProgressData(db, id, 'public'));
      if (progress.plan.status === 'adopted') current.push({ plan: progress.plan, ...planTotals(progress) });
      else earlier.push(progress.plan);
    }
    return reply.page(translate(request.lang, 'planPublic.title'), <PlansPage current={current} earlier={earlier} />);
  });

  route.get('/plan/:id', { schema: { params, querystring: regionQuery } }, async (request, reply) => {
    const { progress, regions, region } = await planView(request.params.id, request.query.region);
    const totals = planTotals(progress);
    const title = localize(request.lang, progress.plan.title).text;
    const heading = region ? `${title}: ${translate(request.lang, 'planPublic.regionPart', { region: localize(request.lang, region.name).text })}` : title;
    return reply.page(heading, <PlanPage view={{ progress, summaries: region ? [] : bodySummaries(progress), totals, regions, region }} />);
  });

  route.get('/plan/:id/progress.csv', { schema: { params, querystring: regionQuery } }, async (request, reply) => {
    const { progress, region } = await planView(request.params.id, request.query.region);
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('content-disposition', `attachment; filename="kenes-plan-${request.params.id.slice(0, 8)}${region ? `-${region.kato}` : ''}-${request.lang}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(matrixCsv(request.lang, progress, buildMatrix(progress)));
  });
}
