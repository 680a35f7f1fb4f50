// One search across Kenes (issue 14): the public page /{lang}/search (signed-in staff see the office
// documents their grants allow as well) and GET /api/v1/search (public documents only). The index
// and the analysis are in core/search; the features feed it through their search sources.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { languagePrefixGuard } from '../../core/http/language.js';
import { textQuery } from '../../core/http/params.js';
import { titleWithErrors } from '../../core/http/forms.js';
import { ValidationError } from '../../core/errors.js';
import { translate } from '../../core/i18n/messages.js';
import { searchLanguages } from '../../core/search/analyse.js';
import { searchCandidates } from '../../core/search/search-index.js';
import type { RegistryService } from '../registry/registry.service.js';
import { errorSchema } from '../registry/registry.schemas.js';
import { createSearchService, maxQueryInput, pageSize } from './search.service.js';
import { SearchPage } from './views/search-page.js';

const pageQuery = z.object({
  q: textQuery(maxQueryInput),
  type: textQuery(60),
  region: textQuery(20),
  from: textQuery(40),
  to: textQuery(40),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function searchRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  await languagePrefixGuard(app);
  const search = createSearchService(app, opts.registry);
  const route = app.withTypeProvider<ZodTypeProvider>();

  // Not page-cached: any q is a new page, and signed-in staff see more.
  route.get('/search', { schema: { querystring: pageQuery } }, async (request, reply) => {
    const view = await search.page(request.query, request.lang, request.actor);
    const title = view.input.q ? translate(request.lang, 'search.titleFor', { q: view.input.q.slice(0, 80) }) : translate(request.lang, 'search.title');
    return reply.page(titleWithErrors(request.lang, title, view.problems), <SearchPage view={view} />, view.problems.length ? 400 : 200);
  });
}

const day = (name: string) => z.iso.date({ error: `${name} must be a day, YYYY-MM-DD` }).optional();

const apiQuery = z.object({
  q: z.string({ error: 'q is required' }).max(maxQueryInput, { error: `q must be at most ${maxQueryInput} characters` }).describe('The words to find, in Kazakh (Cyrillic or Latin), Russian or English'),
  type: z.string().max(60).optional().describe('One kind of thing: meeting, decision, news, deputy, organization, plan-item (and those features add)'),
  lang: z.enum(searchLanguages).optional().describe('Only documents in this language'),
  region: z.string().regex(/^\d{1,12}$/, { error: 'region must be a KATO code' }).optional().describe('Only things of the region with this KATO code'),
  from: day('from').describe('Only things dated on or after this day'),
  to: day('to').describe('Only things dated on or before this day'),
  page: z.coerce.number({ error: 'page must be a whole number from 1' }).int({ error: 'page must be a whole number from 1' }).min(1, { error: 'page must be a whole number from 1' }).max(10_000).default(1),
});

const resultSchema = z
  .object({
    query: z.string(),
    total: z.number().int(),
    capped: z.boolean().describe(`More things matched than are ranked (the newest ${searchCandidates}): total is a lower bound; narrow the query`),
    page: z.number().int(),
    pages: z.number().int(),
    results: z.array(
      z.object({
        type: z.string(),
        id: z.string(),
        language: z.enum(searchLanguages),
        title: z.string(),
        snippet: z.string(),
        highlighted: z.object({ title: z.string(), snippet: z.string() }).describe('The same texts as HTML: escaped, the words found in <mark>'),
        url: z.string().describe('The public page, in the document\'s language'),
        date: z.iso.date().nullable(),
        region: z.string().nullable().describe('KATO code'),
      }),
    ),
  })
  .meta({ id: 'SearchResults', description: `Public things matching the query, best first, ${pageSize} a page` });

export async function searchApiRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const search = createSearchService(app, opts.registry);
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search meetings, decisions, news, deputies, organisations and the plan (Kazakh, Russian and English word forms)',
        querystring: apiQuery,
        response: { 200: resultSchema, 400: errorSchema },
      },
    },
    async (request) => {
      const result = await search.api(request.query);
      if (result.problems.length) throw ValidationError(result.problems);
      return result.body;
    },
  );
}
