// The public directory pages, mounted under /:lang: a maslikhat, a person, the Council's
// composition, and "find my deputy". All public GETs, all as of ?date= (default today).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import { createDirectoryService } from './directory.service.js';
import type { RegistryService } from './registry.service.js';
import { CouncilPage } from './views/council.js';
import { DeputyPage } from './views/deputy.js';
import { FindDeputyPage } from './views/find-deputy.js';
import { MaslikhatPage } from './views/maslikhat.js';
import { titleWithErrors } from '../../core/http/forms.js';
import { idParam, pathParams, slugParam, textQuery } from '../../core/http/params.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';
import { deputySearchSource, organizationSearchSource } from './search-source.js';

const dateQuery = z.object({ date: textQuery(2000) });
const findQuery = z.object({ date: textQuery(2000), region: textQuery(2000), maslikhat: textQuery(2000), district: textQuery(2000), q: textQuery(2000) });
const isoDate = z.iso.date();

/** The date asked for (a bad one is kept for the form and reported, the page shows today). */
function asOfDate(dateInput: string): { date: string; today: string; dateInput: string; problems: FieldProblem[] } {
  const today = todayInKazakhstan();
  if (!dateInput) return { date: today, today, dateInput, problems: [] };
  if (isoDate.safeParse(dateInput).success) return { date: dateInput, today, dateInput, problems: [] };
  return { date: today, today, dateInput, problems: [{ field: 'date', messageKey: 'directory.dateInvalid' }] };
}

export async function directoryRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  cachedPublicRoutes(app);
  const directory = createDirectoryService(app.db, opts.registry);
  for (const source of [deputySearchSource(), organizationSearchSource(opts.registry)]) app.searchIndex.register(source);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();

  route.get('/maslikhats/:slug', { schema: { params: pathParams({ slug: slugParam }), querystring: dateQuery } }, async (request, reply) => {
    const asOf = asOfDate(request.query.date);
    const view = await directory.maslikhat(request.params.slug, asOf.date);
    const title = localize(request.lang, view.maslikhat.name).text;
    // The region's hub: what other features know of this maslikhat (the Council meetings it took part
    // in, its part of the work plan, …), without the registry importing them.
    const [sections, related] = await Promise.all([
      app.related.sectionsFor('maslikhat', view.maslikhat.id, request.lang),
      app.related.linksFor('maslikhat', view.maslikhat.id, request.lang),
    ]);
    return reply.page(
      titleWithErrors(request.lang, title, asOf.problems),
      <MaslikhatPage view={view} sections={sections} related={related} {...asOf} />,
      asOf.problems.length ? 400 : 200,
    );
  });

  route.get('/deputies/:id', { schema: { params: pathParams({ id: idParam }), querystring: dateQuery } }, async (request, reply) => {
    const asOf = asOfDate(request.query.date);
    const view = await directory.person(request.params.id, asOf.date);
    const title = localize(request.lang, view.person.name).text;
    return reply.page(titleWithErrors(request.lang, title, asOf.problems), <DeputyPage view={view} {...asOf} />, asOf.problems.length ? 400 : 200);
  });

  route.get('/council', { schema: { querystring: dateQuery } }, async (request, reply) => {
    const asOf = asOfDate(request.query.date);
    const view = await directory.council(asOf.date);
    const title = translate(request.lang, 'directory.council.pageTitle', { name: localize(request.lang, view.organization.shortName ?? view.organization.name).text });
    return reply.page(titleWithErrors(request.lang, title, asOf.problems), <CouncilPage view={view} {...asOf} />, asOf.problems.length ? 400 : 200);
  });

  route.get('/deputies', { schema: { querystring: findQuery } }, async (request, reply) => {
    const { date, ...asked } = request.query;
    const asOf = asOfDate(date);
    const view = await directory.find({ ...asked, date: asOf.date }, asOf.problems);
    const title = translate(request.lang, 'directory.find.title');
    return reply.page(titleWithErrors(request.lang, title, view.problems), <FindDeputyPage view={view} {...asOf} />, view.problems.length ? 400 : 200);
  });
}
