// Plan reports in the office, mounted under /:lang: a body's staff see their obligations and file
// reports (/office/maslikhats/:slug/plan…); the secretariat reviews them (/office/plan/reports…);
// a report's files are served to both. Reports are public only once accepted (the plan's public pages).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { provideAttention } from '../../core/attention.js';
import { authorize, can, definePolicies } from '../../core/auth/authorize.js';
import { AppError, ForbiddenError, NotFoundError, UnauthorizedError, type FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors, uploadedFile } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { flagQuery, idParam, pathParams, slugParam } from '../../core/http/params.js';
import { sendStoredFile } from '../../core/http/stored-file.js';
import { singleFileUploads } from '../../core/http/uploads.js';
import { translate } from '../../core/i18n/messages.js';
import { localize } from '../../core/i18n/format.js';
import type { RegistryService } from '../registry/registry.service.js';
import { attachmentFile, maxAttachmentBytes, parseReportForm, reportForm, returnForm, reviewForm, type ReportAnswers } from './report.forms.js';
import { reportPolicies } from './report.policies.js';
import { createReportService, type ReportService } from './report.service.js';
import { ObligationsPage } from './views/office/obligations.js';
import { ReportFormPage } from './views/office/report-form.js';
import { ReviewListPage, ReviewReportPage, reviewStates } from './views/office/report-review.js';

const bodyParams = pathParams({ slug: slugParam });
const periodParams = pathParams({ slug: slugParam, itemId: idParam, periodStart: z.iso.date() });
const reportParams = pathParams({ id: idParam });
const attachmentParams = pathParams({ id: idParam, attachmentId: idParam });
const obligationsQuery = z.object({ saved: z.enum(['draft', 'submitted']).optional().catch(undefined) });
const reportQuery = z.object({ reviewed: flagQuery });
const optionalId = z.guid().transform((v) => v.toLowerCase()).optional().catch(undefined);
const reviewQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  plan: optionalId,
  body: optionalId,
  state: z.enum([...reviewStates, 'any']).catch('submitted'),
});

type Filing = Awaited<ReturnType<ReportService['filing']>>;

/** The form's answers as the report stands: its draft, else (when returned) the version to revise, else blank. */
function answersOf(filing: Filing): ReportAnswers {
  const source = filing.draft ?? (filing.report?.state === 'returned' ? filing.filed[0] : undefined);
  const blank = emptyAnswers(reportForm);
  return {
    ...blank,
    textKk: source?.body.kk ?? '',
    textRu: source?.body.ru ?? '',
    values: Object.fromEntries((source?.values ?? []).map((v) => [v.indicatorId, String(v.value)])),
    version: String(filing.report?.version ?? 0),
  };
}

export async function planReportRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(reportPolicies);
  await languagePrefixGuard(app);
  // The report form: its fields and one file arrive as plain values; the kind is told from the bytes.
  await singleFileUploads(app, { maxBytes: maxAttachmentBytes, fields: 60 });
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createReportService(app.db, opts.registry, { mailer: app.mailer, logger: app.log });
  /** The site's address for the links in mail: the configured one, else this request's. */
  const baseUrl = (request: FastifyRequest) => (app.config.publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '');
  provideAttention('planReports', service.attention());

  /** The body named in the URL, and the check that this person files its reports. */
  async function bodyFor(request: FastifyRequest, slug: string) {
    if (!request.actor) throw UnauthorizedError();
    const id = await opts.registry.organizationIdBySlug(slug);
    if (!id) throw NotFoundError();
    authorize(request, 'plan.report.file', { organizationId: id });
    const [named] = await opts.registry.listOrganizationsByIds([id]);
    if (!named) throw NotFoundError();
    return { id, slug, name: named.name };
  }

  const obligationsPath = (lang: string, slug: string) => `/${lang}/office/maslikhats/${slug}/plan`;

  route.get('/office/maslikhats/:slug/plan', { schema: { params: bodyParams, querystring: obligationsQuery } }, async (request, reply) => {
    const body = await bodyFor(request, request.params.slug);
    const items = await service.obligations(body.id);
    return reply.page(translate(request.lang, 'planReport.obligationsTitle'), <ObligationsPage slug={body.slug} bodyName={body.name} items={items} saved={request.query.saved ?? null} />);
  });

  // ── Filing a report ──

  function showForm(request: FastifyRequest, reply: FastifyReply, body: { slug: string; name: Filing['item']['action'] }, filing: Filing, answers: ReportAnswers, problems: FieldProblem[], status = 200, conflict = false) {
    const lang = request.lang;
    const title = translate(lang, 'planReport.formTitle');
    const returned = filing.report?.state === 'returned' ? (filing.filed[0]?.reviewComment ?? null) : null;
    const attachment = filing.draft ? filing.draft.attachment : (filing.filed[0]?.attachment ?? null);
    const path = `${obligationsPath(lang, body.slug)}/items/${filing.item.id}/periods/${filing.period.start}`;
    return reply.page(
      titleWithErrors(lang, title, problems),
      <ReportFormPage
        action={path}
        backHref={obligationsPath(lang, body.slug)}
        bodyName={body.name}
        item={filing.item}
        period={filing.period}
        standing={filing.standing}
        late={filing.late}
        editable={filing.editable}
        reportId={filing.report?.id ?? null}
        indicators={filing.indicators}
        attachment={attachment}
        returnedComment={returned}
        history={filing.filed}
        answers={answers}
        problems={problems}
        conflict={conflict}
      />,
      status,
    );
  }

  const filePath = '/office/maslikhats/:slug/plan/items/:itemId/periods/:periodStart';

  route.get(filePath, { schema: { params: periodParams } }, async (request, reply) => {
    const body = await bodyFor(request, request.params.slug);
    const filing = await service.filing(body.id, request.params.itemId, request.params.periodStart);
    return showForm(request, reply, body, filing, answersOf(filing), []);
  });

  route.post(filePath, { schema: { params: periodParams } }, async (request, reply) => {
    const { itemId, periodStart } = request.params;
    const body = await bodyFor(request, request.params.slug);
    // The item, the body and the period are checked before anything sent is read.
    const filing = await service.filing(body.id, itemId, periodStart);
    const form = parseReportForm(request.body, filing.indicators.map((i) => ({ id: i.id, name: localize(request.lang, i.name).text })));
    const upload = attachmentFile(uploadedFile(request.body, 'attachment'));
    if (!form.ok || !upload.ok) return showForm(request, reply, body, filing, form.answers, [...(form.ok ? [] : form.problems), ...(upload.ok ? [] : [upload.problem])], 400);
    const file = upload.file;
    const attachment = file ? { fileName: await app.files.put(file.data, file.kind.extension), originalName: file.originalName, contentType: file.kind.contentType, sizeBytes: file.data.length } : null;
    const input = { textKk: form.answers.textKk, textRu: form.answers.textRu, values: form.values, submit: form.action === 'submit', version: form.version, attachment, removeAttachment: form.answers.removeAttachment === '1' };
    try {
      await service.save(body.id, itemId, periodStart, input, request.changeContext());
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      // Someone changed the report meanwhile (or it was filed twice): the latest, with what was typed.
      const latest = await service.filing(body.id, itemId, periodStart);
      return showForm(request, reply, body, latest, { ...form.answers, version: String(latest.report?.version ?? 0) }, [], 409, true);
    }
    return reply.redirect(`${obligationsPath(request.lang, body.slug)}?saved=${input.submit ? 'submitted' : 'draft'}`, 303);
  });

  // ── The secretariat's review ──

  route.get('/office/plan/reports', { schema: { querystring: reviewQuery } }, async (request, reply) => {
    authorize(request, 'plan.report.review');
    const q = request.query;
    const state = q.state === 'any' ? undefined : q.state;
    const [list, filters] = await Promise.all([service.reviewList({ planId: q.plan, organizationId: q.body, state }, q.page), service.reviewFilters()]);
    const filter = { plan: q.plan ?? '', body: q.body ?? '', state: q.state };
    const pageHref = (page: number) => `/${request.lang}/office/plan/reports?${new URLSearchParams({ ...(q.plan ? { plan: q.plan } : {}), ...(q.body ? { body: q.body } : {}), state: q.state, page: String(page) }).toString()}`;
    return reply.page(translate(request.lang, 'planReport.reviewTitle'), <ReviewListPage filter={filter} plans={filters.plans} bodies={filters.bodies} list={list} pageHref={pageHref} />);
  });

  async function showReport(request: FastifyRequest, reply: FastifyReply, id: string, extra: { comment?: string; problems?: FieldProblem[]; notice?: 'reviewed' | 'conflict' | null; status?: number } = {}) {
    const { report, item, indicators, history, late } = await service.report(id);
    const problems = extra.problems ?? [];
    const title = translate(request.lang, 'planReport.reportTitle');
    return reply.page(
      titleWithErrors(request.lang, title, problems),
      <ReviewReportPage report={report} item={item} late={late} indicators={indicators} history={history} comment={extra.comment ?? ''} problems={problems} notice={extra.notice ?? null} />,
      extra.status ?? 200,
    );
  }

  route.get('/office/plan/reports/:id', { schema: { params: reportParams, querystring: reportQuery } }, async (request, reply) => {
    authorize(request, 'plan.report.review');
    return showReport(request, reply, request.params.id, { notice: request.query.reviewed ? 'reviewed' : null });
  });

  /** Runs a review; a report changed meanwhile (or already reviewed) shows its latest state with a notice (409). */
  async function reviewed(request: FastifyRequest, reply: FastifyReply, id: string, run: () => Promise<void>, comment = '') {
    try {
      await run();
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 409) throw error;
      return showReport(request, reply, id, { notice: 'conflict', status: 409, comment });
    }
    return reply.redirect(`/${request.lang}/office/plan/reports/${id}?reviewed=1`, 303);
  }

  route.post('/office/plan/reports/:id/accept', { schema: { params: reportParams } }, async (request, reply) => {
    authorize(request, 'plan.report.review');
    const { id } = request.params;
    const form = parseForm(reviewForm, request.body);
    return reviewed(request, reply, id, () => service.accept(id, form.ok ? form.answers.version : 0, request.changeContext(), baseUrl(request)));
  });

  route.post('/office/plan/reports/:id/return', { schema: { params: reportParams } }, async (request, reply) => {
    authorize(request, 'plan.report.review');
    const { id } = request.params;
    const form = parseForm(returnForm, request.body);
    if (!form.ok) return showReport(request, reply, id, { comment: form.raw.comment, problems: form.problems, status: 400 });
    const { comment, version } = form.answers;
    return reviewed(request, reply, id, () => service.returnReport(id, version, comment, request.changeContext(), baseUrl(request)), comment);
  });

  // ── A report's file: the body's staff and the secretariat (a draft's file: the body only) ──

  route.get('/office/plan/reports/:id/attachments/:attachmentId', { schema: { params: attachmentParams } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw UnauthorizedError();
    const attachment = await service.attachment(request.params.id, request.params.attachmentId);
    const ofBody = can(actor, 'plan.report.file', { organizationId: attachment.organizationId });
    if (!ofBody && !(attachment.filed && can(actor, 'plan.report.review'))) throw ForbiddenError();
    return sendStoredFile(reply, app.files, { storedName: attachment.fileName, contentType: attachment.contentType, downloadName: attachment.originalName }, { cache: 'private, no-store' });
  });
}
