// The public directory pages, mounted under /:lang: a maslikhat, a person, the Council's
// composition, and "find my deputy". All public GETs, all as of ?date= (default today).
import type { FastifyInstance } from 'fastify';
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
import { titleWithErrors } from '../../core/http/form.js';

const text = z.string().max(2000).optional().catch(undefined);
const dateQuery = z.object({ date: text });
const findQuery = z.object({ date: text, region: text, maslikhat: text, district: text, q: text });
const isoDate = z.iso.date();

/** The date asked for (a bad one is kept for the form and reported, the page shows today). */
function asOfDate(query: unknown): { date: string; today: string; dateInput: string; problems: FieldProblem[] } {
  const today = todayInKazakhstan();
  const parsed = dateQuery.safeParse(query);
  const dateInput = (parsed.success ? (parsed.data.date ?? '') : '').trim();
  if (!dateInput) return { date: today, today, dateInput, problems: [] };
  if (isoDate.safeParse(dateInput).success) return { date: dateInput, today, dateInput, problems: [] };
  return { date: today, today, dateInput, problems: [{ field: 'date', messageKey: 'directory.dateInvalid' }] };
}

export async function directoryRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const directory = createDirectoryService(app.db, opts.registry);
  await languagePrefixGuard(app);


  app.get('/maslikhats/:slug', async (request, reply) => {
    const { slug } = request.params as { slug: string };
    const asOf = asOfDate(request.query);
    const view = await directory.maslikhat(slug, asOf.date);
    const title = localize(request.lang, view.maslikhat.name).text;
    return reply.page(titleWithErrors(request.lang, title, asOf.problems), <MaslikhatPage view={view} {...asOf} />, asOf.problems.length ? 400 : 200);
  });

  app.get('/deputies/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    const asOf = asOfDate(request.query);
    const view = await directory.person(id, asOf.date);
    const title = localize(request.lang, view.person.name).text;
    return reply.page(titleWithErrors(request.lang, title, asOf.problems), <DeputyPage view={view} {...asOf} />, asOf.problems.length ? 400 : 200);
  });

  app.get('/council', async (request, reply) => {
    const asOf = asOfDate(request.query);
    const view = await directory.council(asOf.date);
    const title = translate(request.lang, 'directory.council.pageTitle', { name: localize(request.lang, view.organization.shortName ?? view.organization.name).text });
    return reply.page(titleWithErrors(request.lang, title, asOf.problems), <CouncilPage view={view} {...asOf} />, asOf.problems.length ? 400 : 200);
  });

  app.get('/deputies', async (request, reply) => {
    const asOf = asOfDate(request.query);
    const parsed = findQuery.safeParse(request.query);
    const q = parsed.success ? parsed.data : {};
    const view = await directory.find(
      { date: asOf.date, region: (q.region ?? '').trim(), maslikhat: (q.maslikhat ?? '').trim(), district: (q.district ?? '').trim(), q: (q.q ?? '').trim() },
      asOf.problems,
    );
    const title = translate(request.lang, 'directory.find.title');
    return reply.page(titleWithErrors(request.lang, title, view.problems), <FindDeputyPage view={view} {...asOf} />, view.problems.length ? 400 : 200);
  });
}
