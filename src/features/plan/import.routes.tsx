// The plan import in the office, mounted under /:lang: the upload screen, the templates, the check with
// its report or confirmation, and the apply. Multipart uploads are parsed here only (the plugin is
// registered inside this one), at most 10 MB, one file; the format is told by content.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import type { FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors, uploadedFile } from '../../core/http/forms.js';
import { fieldValue } from '../../core/http/field-value.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { singleFileUploads } from '../../core/http/uploads.js';
import type { StoredLanguage } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { maxFileBytes } from '../../core/spreadsheets/parse.js';
import type { RegistryService } from '../registry/registry.service.js';
import { createPlanImportService, type ImportTarget } from './import.service.js';
import { buildPlanTemplate } from './import.template.js';
import type { PlanValidation } from './import.validate.js';
import { planForm, planInput } from './plan.forms.js';
import { planPolicies } from './plan.policies.js';
import { PlanImportConfirmPage, PlanImportGonePage, PlanImportPage, PlanImportReportPage, type DraftChoice, type ImportAnswers } from './views/office/import.js';

const uploadParams = pathParams({ uploadId: idParam });
const templateQuery = z.object({ lang: z.enum(['kk', 'ru', 'en']).optional().catch(undefined) });
const pageQuery = z.object({ plan: z.string().max(100).optional().catch(undefined) });

const templates = new Map<StoredLanguage, Promise<Buffer>>();

export async function planImportRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(planPolicies);
  await languagePrefixGuard(app);
  await singleFileUploads(app, { maxBytes: maxFileBytes, fields: 8 });
  const service = createPlanImportService(app.db, opts.registry);
  const route = app.withTypeProvider<ZodTypeProvider>();

  /** The secretariat of the Council (or an admin): who draws up plans. */
  async function manager(request: FastifyRequest) {
    authorize(request, 'plan.view');
    const home = await opts.registry.homeOrganization();
    return { home, actor: authorize(request, 'plan.manage', { organizationId: home.id }) };
  }

  const drafts = async (): Promise<DraftChoice[]> => (await service.draftPlans()).map((p) => ({ id: p.id, title: p.title }));
  const title = (request: FastifyRequest, problems: boolean) => titleWithErrors(request.lang, translate(request.lang, 'planImport.title'), problems);
  const answersOf = (body: unknown): ImportAnswers => {
    const raw = parseForm(planForm, body).raw;
    const target = fieldValue(body, 'target');
    return { ...raw, target: typeof target === 'string' ? target.trim().slice(0, 100) : 'new' };
  };

  async function report(request: FastifyRequest, reply: FastifyReply, validation: PlanValidation, answers: ImportAnswers, changedSinceCheck = false) {
    reply.header('cache-control', 'no-store');
    const page = (
      <PlanImportReportPage
        fileProblems={validation.fileProblems}
        problems={validation.problems}
        badRows={validation.badRows}
        totalRows={validation.totalRows}
        changedSinceCheck={changedSinceCheck}
        drafts={await drafts()}
        answers={answers}
      />
    );
    return reply.page(title(request, true), page, 400);
  }

  route.get('/office/plan/import', { schema: { querystring: pageQuery } }, async (request, reply) => {
    await manager(request);
    const chosen = request.query.plan ? await service.draftPlan(request.query.plan) : undefined;
    const answers = { ...emptyAnswers(planForm), target: chosen?.id ?? 'new' };
    return reply.page(title(request, false), <PlanImportPage drafts={await drafts()} answers={answers} problems={[]} />);
  });

  route.get('/office/plan/import/template.xlsx', { schema: { querystring: templateQuery } }, async (request, reply) => {
    await manager(request);
    const lang: StoredLanguage = request.query.lang ?? (request.lang === 'kk-latn' ? 'kk' : request.lang);
    let template = templates.get(lang);
    if (!template) {
      template = buildPlanTemplate(lang);
      templates.set(lang, template);
      template.catch(() => templates.delete(lang));
    }
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="kenes-plan-${lang}.xlsx"`)
      .header('cache-control', 'private, max-age=3600')
      .send(await template);
  });

  route.post('/office/plan/import', async (request, reply) => {
    const { home, actor } = await manager(request);
    const answers = answersOf(request.body);
    const refused = async (problems: FieldProblem[]) => {
      reply.header('cache-control', 'no-store');
      return reply.page(title(request, true), <PlanImportPage drafts={await drafts()} answers={answers} problems={problems} />, 400);
    };
    let target: ImportTarget;
    let plan: Parameters<typeof PlanImportConfirmPage>[0]['plan'];
    if (answers.target === 'new') {
      const form = parseForm(planForm, request.body);
      if (!form.ok) return refused(form.problems);
      const input = planInput(form.answers);
      target = { kind: 'new', organizationId: home.id, ...input };
      plan = { kind: 'new', ...input };
    } else {
      const draft = await service.draftPlan(answers.target);
      if (!draft) return refused([{ field: 'target', messageKey: 'planImport.targetUnknown' }]);
      authorize(request, 'plan.manage', { organizationId: draft.organizationId });
      target = { kind: 'existing', planId: draft.id };
      plan = { kind: 'existing', title: draft.title };
    }
    const file = uploadedFile(request.body, 'file');
    if (!file) return refused([{ field: 'file', messageKey: 'import.file.missing' }]);
    if (file.truncated) return refused([{ field: 'file', messageKey: 'import.file.tooLarge', values: { limit: maxFileBytes / 1024 / 1024 } }]);

    const { parsed, validation, names } = await service.check(target, file.data);
    if (validation.fileProblems.length || validation.problems.length) return report(request, reply, validation, answers);
    const uploadId = await service.storeUpload(target, actor.accountId, file.filename.slice(0, 200) || null, file.data, parsed);
    reply.header('cache-control', 'no-store');
    return reply.page(translate(request.lang, 'planImport.confirmTitle'), <PlanImportConfirmPage validation={validation} uploadId={uploadId} plan={plan} names={names} />);
  });

  route.post('/office/plan/import/:uploadId/apply', { schema: { params: uploadParams } }, async (request, reply) => {
    const { actor } = await manager(request);
    const target = await service.uploadTarget(request.params.uploadId, actor.accountId);
    if (target?.kind === 'existing') {
      const draft = await service.draftPlan(target.planId);
      if (draft) authorize(request, 'plan.manage', { organizationId: draft.organizationId });
    }
    const gone = () => reply.page(translate(request.lang, 'planImport.goneTitle'), <PlanImportGonePage />, 410);
    if (!target) return gone();
    const result = await service.applyUpload(request.params.uploadId, actor.accountId, { ...request.changeContext(), actorAccountId: actor.accountId });
    switch (result.outcome) {
      case 'gone':
        return gone();
      case 'problems':
        return report(request, reply, result.validation, { ...emptyAnswers(planForm), target: 'new' }, true);
      case 'applied':
        return reply.redirect(`/${request.lang}/office/plan/${result.planId}`, 303);
    }
  });
}
