// Reference data kept by administrators: areas' names by date and their population figures. Mounted under /:lang.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import type { Language } from '../../core/i18n/languages.js';
import { formatDate, localize } from '../../core/i18n/format.js';
import { translate } from '../../core/i18n/messages.js';
import { isUuid } from '../../core/ids.js';
import { createAreasAdminService } from './areas-admin.service.js';
import { registryPolicies } from './registry.policies.js';
import { AreaEditPage, AreasPage, type AreaEditView, type AreaNameAnswers, type PopulationAnswers } from './views/office/areas.js';
import { formText, titleWithErrors } from '../../core/http/form.js';
import { localizedText } from '../../core/i18n/localized-text.js';

const isoDate = z.iso.date();

const nameFields = ['nameKk', 'nameRu', 'nameEn', 'renamedFrom', 'version'] as const;
const populationFields = ['year', 'population', 'source', 'version'] as const;
/** The oldest figure worth keeping: the first general census of 1897 predates the areas; 1900 is a plain floor. */
const firstYear = 1900;

function nameProblems(lang: Language, a: AreaNameAnswers, area: AreaEditView): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!a.nameKk) problems.push({ field: 'nameKk', messageKey: 'areasAdmin.nameKkMissing' });
  if (!a.nameRu) problems.push({ field: 'nameRu', messageKey: 'areasAdmin.nameRuMissing' });
  if (!a.renamedFrom) return problems;
  if (!isoDate.safeParse(a.renamedFrom).success) {
    problems.push({ field: 'renamedFrom', messageKey: 'people.dateInvalid' });
    return problems;
  }
  // The current name ends the day before the new one: that day must not come before the current name's first day.
  const currentFrom = area.current?.validFrom ?? area.validFrom;
  if (currentFrom && a.renamedFrom <= currentFrom) problems.push({ field: 'renamedFrom', messageKey: 'reference.renamedNotAfterCurrent', values: { date: formatDate(lang, currentFrom) } });
  else if (area.validTo && a.renamedFrom > area.validTo) problems.push({ field: 'renamedFrom', messageKey: 'areasAdmin.renamedAfterEnd', values: { date: formatDate(lang, area.validTo) } });
  return problems;
}

/** The whole number people type, with spaces between thousands allowed ("1 638 233"). */
const wholeNumber = (value: string): number | null => {
  const digits = value.replace(/[\s\u00a0\u202f]/g, '');
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null;
};

function populationProblems(a: PopulationAnswers, thisYear: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!a.year) problems.push({ field: 'year', messageKey: 'areasAdmin.yearMissing' });
  else if (!/^\d{4}$/.test(a.year) || Number(a.year) < firstYear || Number(a.year) > thisYear) {
    problems.push({ field: 'year', messageKey: 'areasAdmin.yearInvalid', values: { from: String(firstYear), to: String(thisYear) } });
  }
  if (!a.population) problems.push({ field: 'population', messageKey: 'areasAdmin.populationMissing' });
  else if (wholeNumber(a.population) === null) problems.push({ field: 'population', messageKey: 'areasAdmin.populationInvalid' });
  if (!a.source) problems.push({ field: 'source', messageKey: 'areasAdmin.sourceMissing' });
  return problems;
}

export async function areasAdminRoutes(app: FastifyInstance): Promise<void> {
  definePolicies(registryPolicies);
  await languagePrefixGuard(app);
  const service = createAreasAdminService(app.db);

  /** The area named in the URL, for an administrator. */
  async function areaFor(request: FastifyRequest<{ Params: { id: string } }>) {
    authorize(request, 'registry.reference.manage');
    if (!isUuid(request.params.id)) throw NotFoundError();
    return service.area(request.params.id);
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

  app.get('/office/admin/areas', async (request, reply) => {
    authorize(request, 'registry.reference.manage');
    return reply.page(translate(request.lang, 'areasAdmin.title'), <AreasPage areas={await service.areaTree()} />);
  });

  app.get<{ Params: { id: string } }>('/office/admin/areas/:id/edit', async (request, reply) => {
    const area = await areaFor(request);
    const page = editPage(request, area, {}, [], (request.query as { saved?: string }).saved === '1');
    return reply.page(page.title, page.body);
  });

  app.post<{ Params: { id: string } }>('/office/admin/areas/:id/edit', async (request, reply) => {
    const area = await areaFor(request);
    const a = Object.fromEntries(nameFields.map((f) => [f, formText(request.body, f)])) as unknown as AreaNameAnswers;
    const problems = nameProblems(request.lang, a, area);
    if (problems.length) {
      const page = editPage(request, area, { names: a }, problems);
      return reply.page(page.title, page.body, 400);
    }
    await service.saveName(area.id, { name: localizedText(a.nameKk, a.nameRu, a.nameEn), renamedFrom: a.renamedFrom || null }, Number(a.version) || 0, request.changeContext());
    return reply.redirect(`/${request.lang}/office/admin/areas/${area.id}/edit?saved=1`, 303);
  });

  app.post<{ Params: { id: string } }>('/office/admin/areas/:id/population', async (request, reply) => {
    const area = await areaFor(request);
    const a = Object.fromEntries(populationFields.map((f) => [f, formText(request.body, f)])) as unknown as PopulationAnswers;
    const problems = populationProblems(a, Number(todayInKazakhstan().slice(0, 4)));
    if (problems.length) {
      const page = editPage(request, area, { population: a }, problems);
      return reply.page(page.title, page.body, 400);
    }
    await service.recordPopulation(area.id, { year: Number(a.year), population: wholeNumber(a.population)!, source: a.source }, Number(a.version) || 0, request.changeContext());
    return reply.redirect(`/${request.lang}/office/admin/areas/${area.id}/edit?saved=1`, 303);
  });
}
