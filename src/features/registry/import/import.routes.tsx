// The deputies import in the office: the upload screen, the templates, the check with its report or
// confirmation, and the apply. Mounted under /:lang. Multipart uploads are parsed here only (the
// plugin is registered inside this one), at most 10 MB, one file; the format is told by content.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { singleFileUploads } from '../../../core/http/uploads.js';
import { authorize, definePolicies } from '../../../core/auth/authorize.js';
import type { FieldProblem } from '../../../core/errors.js';
import { languagePrefixGuard } from '../../../core/http/language.js';
import type { StoredLanguage } from '../../../core/i18n/localized-text.js';
import { translate } from '../../../core/i18n/messages.js';
import { registryPolicies } from '../registry.policies.js';
import { createImportService, type Target } from './import.service.js';
import { maxFileBytes } from '../../../core/spreadsheets/parse.js';
import { buildTemplate } from './template.js';
import { planChangesNothing, type Validation } from './validate.js';
import { storedLanguageOf } from './report.js';
import { ConfirmPage, ReportPage, UploadGonePage, UploadPage, type TargetView } from './views/import.js';
import { titleWithErrors, uploadedFile } from '../../../core/http/forms.js';
import { idParam, pathParams, slugParam } from '../../../core/http/params.js';

const maslikhatParams = pathParams({ slug: slugParam });
const uploadParams = pathParams({ slug: slugParam, uploadId: idParam });
/** ?lang= of a template: a language the registry stores, else the page's. */
const templateQuery = z.object({ lang: z.enum(['kk', 'ru', 'en']).optional().catch(undefined) });

const templates = new Map<StoredLanguage, Promise<Buffer>>();

export async function importRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app;
  definePolicies(registryPolicies);
  await languagePrefixGuard(app);
  await singleFileUploads(app, { maxBytes: maxFileBytes, fields: 5 });
  const service = createImportService(db);
  const route = app.withTypeProvider<ZodTypeProvider>();

  /** The maslikhat in the URL, and the check that this person keeps its deputies. */
  async function targetFor(request: FastifyRequest, slug: string) {
    const target = await service.target(slug);
    const actor = authorize(request, 'registry.deputies.manage', { organizationId: target.id });
    return { target, actor };
  }

  const view = (t: Target): TargetView => ({ slug: t.slug, name: t.name, level: t.level });
  const title = (request: FastifyRequest, problems: boolean) => titleWithErrors(request.lang, translate(request.lang, 'import.title'), problems);

  function report(request: FastifyRequest, reply: FastifyReply, target: Target, validation: Validation, changedSinceCheck = false) {
    reply.header('cache-control', 'no-store');
    return reply.page(
      title(request, true),
      <ReportPage
        target={view(target)}
        fileProblems={validation.fileProblems}
        problems={validation.problems}
        badRows={validation.badRows}
        totalRows={validation.totalRows}
        changedSinceCheck={changedSinceCheck}
      />,
      400,
    );
  }

  route.get('/office/maslikhats/:slug/import', { schema: { params: maslikhatParams } }, async (request, reply) => {
    const { target } = await targetFor(request, request.params.slug);
    return reply.page(title(request, false), <UploadPage target={view(target)} problems={[]} />);
  });

  route.get('/office/maslikhats/:slug/import/template.xlsx', { schema: { params: maslikhatParams, querystring: templateQuery } }, async (request, reply) => {
    await targetFor(request, request.params.slug);
    const lang: StoredLanguage = request.query.lang ?? storedLanguageOf(request.lang);
    let template = templates.get(lang);
    if (!template) {
      template = buildTemplate(lang);
      templates.set(lang, template);
      template.catch(() => templates.delete(lang));
    }
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="kenes-deputies-${lang}.xlsx"`)
      .header('cache-control', 'private, max-age=3600')
      .send(await template);
  });

  route.post('/office/maslikhats/:slug/import', { schema: { params: maslikhatParams } }, async (request, reply) => {
    const { target, actor } = await targetFor(request, request.params.slug);
    const file = uploadedFile(request.body, 'file');
    const formProblem = (problem: FieldProblem) => {
      reply.header('cache-control', 'no-store');
      return reply.page(title(request, true), <UploadPage target={view(target)} problems={[problem]} />, 400);
    };
    if (!file) return formProblem({ field: 'file', messageKey: 'import.file.missing' });
    if (file.truncated) return formProblem({ field: 'file', messageKey: 'import.file.tooLarge', values: { limit: maxFileBytes / 1024 / 1024 } });

    const { parsed, validation } = await service.check(target, file.data);
    if (validation.fileProblems.length || validation.problems.length) return report(request, reply, target, validation);
    const uploadId = await service.storeUpload(target, actor.accountId, file.filename.slice(0, 200) || null, file.data, parsed);
    reply.header('cache-control', 'no-store');
    return reply.page(
      translate(request.lang, 'import.confirmTitle'),
      <ConfirmPage target={view(target)} plan={validation.plan} uploadId={uploadId} nothingToChange={planChangesNothing(validation.plan)} />,
    );
  });

  route.post('/office/maslikhats/:slug/import/:uploadId/apply', { schema: { params: uploadParams } }, async (request, reply) => {
    const { target, actor } = await targetFor(request, request.params.slug);
    const context = { ...request.changeContext(), actorAccountId: actor.accountId };
    const result = await service.applyUpload(request.params.uploadId, target, actor.accountId, context);
    switch (result.outcome) {
      case 'gone':
        return reply.page(translate(request.lang, 'import.goneTitle'), <UploadGonePage target={view(target)} />, 410);
      case 'problems':
        return report(request, reply, target, result.validation, true);
      case 'applied':
        return reply.redirect(`/${request.lang}/maslikhats/${target.slug}`, 303);
    }
  });
}
