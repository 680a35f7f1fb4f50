// The public portal: home (what is next and new), about, the regions' maslikhats. Mounted under /:lang.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { translate } from '../../core/i18n/messages.js';
import { referenceDataDir } from '../../core/paths.js';
import type { RegistryService } from '../registry/registry.service.js';
import { createPublicMeetingService } from '../meetings/public.service.js';
import { createNewsService } from '../news/news.service.js';
import { presentHome } from './home.presenter.js';
import { AboutPage, type Source } from './views/about.js';
import { HomePage } from './views/home.js';
import { MaslikhatsPage } from './views/maslikhats.js';
import { optionalDate, parseForm, titleWithErrors } from '../../core/http/forms.js';
import { localizedTextData } from '../../core/i18n/localized-text.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';

/** reference-data/sources.json: where the registry's reference data comes from, for the about page. */
const sourcesFile = z.array(z.object({ id: z.string(), title: localizedTextData, what: localizedTextData, licence: z.string().nullable() }));
const sources: Source[] = sourcesFile.parse(JSON.parse(readFileSync(path.join(referenceDataDir, 'sources.json'), 'utf8')));

/** How many of each the home page lists: the next meetings, the latest decisions, the latest news. */
export const homeLimits = { upcoming: 3, decisions: 5, news: 3 };

/** `?date=` shows the maslikhats as on that day; anything but a date is a problem at the field. */
const maslikhatsQuery = z.object({ date: optionalDate('maslikhats.dateInvalid') });

export async function portalRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  cachedPublicRoutes(app);
  const { registry } = opts;
  await languagePrefixGuard(app);

  const meetings = createPublicMeetingService(app.db, registry);
  const news = createNewsService(app.db, registry);

  // What is next and what is new, in a fixed number of queries: the next meetings and the latest
  // decisions, the latest news, and what other features have coming (the plan's report deadlines).
  app.get('/', async (request, reply) => {
    const home = await registry.homeOrganization();
    const [areas, overview, latestNews, sections] = await Promise.all([
      registry.listAreas(),
      meetings.overview(homeLimits),
      news.latest(homeLimits.news),
      app.related.sectionsFor('home', home.id, request.lang),
    ]);
    const next = presentHome(request.lang, { ...overview, news: latestNews, sections });
    const title = translate(request.lang, 'home.title');
    return reply.page(title, <HomePage home={home} regionCount={areas.length} next={next} />);
  });

  app.get('/about', async (request, reply) => {
    const home = await registry.homeOrganization();
    return reply.page(translate(request.lang, 'about.title'), <AboutPage home={home} sources={sources} />);
  });

  app.get('/maslikhats', async (request, reply) => {
    const today = todayInKazakhstan();
    const query = parseForm(maslikhatsQuery, request.query);
    const problems = query.ok ? [] : query.problems;
    const date = (query.ok ? query.answers.date : null) ?? today;
    const dateInput = query.raw.date;
    const maslikhats = await registry.listRegionMaslikhats(date);
    const title = translate(request.lang, 'maslikhats.title');
    return reply.page(
      titleWithErrors(request.lang, title, problems),
      <MaslikhatsPage date={date} isToday={date === today} dateInput={dateInput} problems={problems} maslikhats={maslikhats} />,
      problems.length ? 400 : 200,
    );
  });
}
