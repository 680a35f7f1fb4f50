// The public portal: home, about, the regions' maslikhats. Mounted under /:lang.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { translate } from '../../core/i18n/messages.js';
import { referenceDataDir } from '../../core/paths.js';
import type { RegistryService } from '../registry/registry.service.js';
import { AboutPage, type Source } from './views/about.js';
import { HomePage } from './views/home.js';
import { MaslikhatsPage } from './views/maslikhats.js';
import { titleWithErrors } from '../../core/http/form.js';

const sources = JSON.parse(readFileSync(path.join(referenceDataDir, 'sources.json'), 'utf8')) as Source[];

const maslikhatsQuery = z.object({ date: z.string().max(40).optional() });
const isoDate = z.iso.date();

export async function portalRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
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
    const query = maslikhatsQuery.safeParse(request.query);
    const dateInput = query.success ? (query.data.date ?? '') : '';
    const problems: FieldProblem[] = [];
    let date = today;
    if (dateInput) {
      if (isoDate.safeParse(dateInput).success) date = dateInput;
      else problems.push({ field: 'date', messageKey: 'maslikhats.dateInvalid' });
    }
    const maslikhats = await registry.listRegionMaslikhats(date);
    const title = translate(request.lang, 'maslikhats.title');
    return reply.page(
      titleWithErrors(request.lang, title, problems),
      <MaslikhatsPage date={date} isToday={date === today} dateInput={dateInput} problems={problems} maslikhats={maslikhats} />,
      problems.length ? 400 : 200,
    );
  });
}
