// Reference data kept by administrators: areas' names by date and their population figures. Mounted under /:lang.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { FieldProblem } from '../../core/errors.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { localize } from '../../core/i18n/format.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { createAreasAdminService } from './areas-admin.service.js';
import { areaNameForm, populationForm, savedQuery } from './reference.forms.js';
import { registryPolicies } from './registry.policies.js';
import { AreaEditPage, AreasPage, type AreaEditView, type AreaNameAnswers, type PopulationAnswers } from './views/office/areas.js';

const areaParams = pathParams({ id: idParam });

export async function areasAdminRoutes(app: FastifyInstance): Promise<void> {
  definePolicies(registryPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createAreasAdminService(app.db);

  /** The area named in the URL, for an administrator. */
  async function areaFor(request: FastifyRequest, id: string) {
    authorize(request, 'registry.reference.manage');
    return service.area(id);
  }

  const storedNames = (area: AreaEditView): AreaNameAnswers => ({
    nameKk: area.current?.name.kk ?? '',
    nameRu: area.current?.name.ru ?? '',
    nameEn: area.current?.name.en ?? '',
    renamedFrom: '',
    version: String(area.version),
  });
  const blankPopulation = (area: AreaEditView): PopulationAnswers => ({ year: '', population: '', source: '', version: String(area.version) });

  function editPage(request: FastifyRequest, area: AreaEditView, answers: { names?: AreaNameAnswers; population?: PopulationAnswers }, problems: FieldProblem[] = [], saved = false) {
    const title = translate(request.lang, 'areasAdmin.editTitle', { name: localize(request.lang, area.nameToday).text });
    return {
      title: titleWithErrors(request.lang, title, problems),
      body: (
        <AreaEditPage
          area={area}
          nameAnswers={answers.names ?? storedNames(area)}
          populationAnswers={answers.population ?? blankPopulation(area)}
          problems={problems}
          saved={saved}
          today={todayInKazakhstan()}
        />
      ),
    };
  }
  const savedPage = (lang: string, area: AreaEditView) => `/${lang}/office/admin/areas/${area.id}/edit?saved=1`;

  route.get('/office/admin/areas', async (request, reply) => {
    authorize(request, 'registry.reference.manage');
    return reply.page(translate(request.lang, 'areasAdmin.title'), <AreasPage areas={await service.areaTree()} />);
  });

  route.get('/office/admin/areas/:id/edit', { schema: { params: areaParams, querystring: savedQuery } }, async (request, reply) => {
    const area = await areaFor(request, request.params.id);
    const page = editPage(request, area, {}, [], request.query.saved);
    return reply.page(page.title, page.body);
  });

  route.post('/office/admin/areas/:id/edit', { schema: { params: areaParams } }, async (request, reply) => {
    const area = await areaFor(request, request.params.id);
    const form = parseForm(areaNameForm(request.lang, { currentFrom: area.current?.validFrom ?? area.validFrom, validTo: area.validTo }), request.body);
    if (!form.ok) {
      const page = editPage(request, area, { names: form.answers }, form.problems);
      return reply.page(page.title, page.body, 400);
    }
    const a = form.answers;
    await service.saveName(area.id, { name: localizedText(a.nameKk, a.nameRu, a.nameEn), renamedFrom: a.renamedFrom }, a.version, request.changeContext());
    return reply.redirect(savedPage(request.lang, area), 303);
  });

  route.post('/office/admin/areas/:id/population', { schema: { params: areaParams } }, async (request, reply) => {
    const area = await areaFor(request, request.params.id);
    const form = parseForm(populationForm(Number(todayInKazakhstan().slice(0, 4))), request.body);
    if (!form.ok) {
      const page = editPage(request, area, { population: form.answers }, form.problems);
      return reply.page(page.title, page.body, 400);
    }
    const { year, population, source, version } = form.answers;
    await service.recordPopulation(area.id, { year, population, source }, version, request.changeContext());
    return reply.redirect(savedPage(request.lang, area), 303);
  });
}
