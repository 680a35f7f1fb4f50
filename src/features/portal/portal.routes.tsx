// The public portal: home, about, the regions' maslikhats. Mounted under /:lang.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { translate } from '../../core/i18n/messages.js';
import { referenceDataDir } from '../../core/paths.js';
import type { RegistryService } from '../registry/registry.service.js';
import { AboutPage, type Source } from './views/about.js';
import { HomePage } from './views/home.js';
import { MaslikhatsPage } from './views/maslikhats.js';
import { optionalDate, parseForm, titleWithErrors } from '../../core/http/forms.js';
import { localizedTextData } from '../../core/i18n/localized-text.js';
import { cachedPublicRoutes } from '../../core/http/page-cache.js';

/** reference-data/sources.json: where the registry's reference data comes from, for the about page. */
const sourcesFile = z.array(z.object({ id: z.string(), title: localizedTextData, what: localizedTextData, licence: z.string().nullable() }));
const sources: Source[] = sourcesFile.parse(JSON.parse(readFileSync(path.join(referenceDataDir, 'sources.json'), 'utf8')));

/** `?date=` shows the maslikhats as on that day; anything but a date is a problem at the field. */
const maslikhatsQuery = z.object({ date: optionalDate('maslikhats.dateInvalid') });

export async function portalRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  cachedPublicRoutes(app);
  const { registry } = opts;
  await languagePrefixGuard(app);

  app.get('/', async (request, reply) => {
    const [home, areas] = await Promise.all([registry.homeOrganization(), registry.listAreas()]);
    const title = translate(request.lang, 'home.title');
    return reply.page(title, <HomePage home={home} regionCount={areas.length} />);
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
