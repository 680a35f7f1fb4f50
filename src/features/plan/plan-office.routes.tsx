// The secretariat's office for the perspective work plan, mounted under /:lang: the plans, a new
// plan, a plan's page, title, period and sections, and its standing (adopted by a decision, completed, superseded).
// Items and priorities have their own route files.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, can, definePolicies } from '../../core/auth/authorize.js';
import { ConflictError, type FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { planItemRoutes } from './plan-items.routes.js';
import { createPlanOffice } from './plan-office.js';
import { planPriorityRoutes } from './plan-priorities.routes.js';
import { adoptForm, completeForm, editPlanForm, planChange, planForm, planInput, sectionForm, supersedeForm } from './plan.forms.js';
import { planPolicies } from './plan.policies.js';
import { createPlanService, isEditable, type PlanSummary } from './plan.service.js';
import { AdoptPage, CompletePage, EditPlanPage, SupersedePage } from './views/office/plan-actions.js';
import { PlansPage, type PlanAnswers } from './views/office/plans.js';

const planParams = pathParams({ id: idParam });
const sectionParams = pathParams({ id: idParam, sectionId: idParam });

export async function planOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(planPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createPlanService(app.db, opts.registry);
  const office = createPlanOffice(app.db, service, opts.registry);
  const { viewer, managed, showPlan } = office;
  const planPage = (lang: string, id: string) => `/${lang}/office/plan/${id}`;

  // ── The plans, and a new one (for the Council the platform serves) ──

  async function showPlans(request: FastifyRequest, reply: FastifyReply, answers: PlanAnswers, problems: FieldProblem[]) {
    viewer(request);
    const home = await opts.registry.homeOrganization();
    const title = titleWithErrors(request.lang, translate(request.lang, 'plan.title'), problems);
    const page = <PlansPage plans={await service.plans()} answers={answers} problems={problems} canCreate={can(request.actor, 'plan.manage', { organizationId: home.id })} />;
    return reply.page(title, page, problems.length ? 400 : 200);
  }

  route.get('/office/plan', async (request, reply) => showPlans(request, reply, emptyAnswers(planForm), []));

  route.post('/office/plan', async (request, reply) => {
    viewer(request);
    const home = await opts.registry.homeOrganization();
    authorize(request, 'plan.manage', { organizationId: home.id });
    const form = parseForm(planForm, request.body);
    if (!form.ok) return showPlans(request, reply, form.answers, form.problems);
    const id = await service.createPlan(home.id, planInput(form.answers), request.changeContext());
    return reply.redirect(planPage(request.lang, id), 303);
  });

  // ── A plan and its sections ──

  route.get('/office/plan/:id', { schema: { params: planParams } }, async (request, reply) => showPlan(request, reply, request.params.id));

  route.post('/office/plan/:id/sections', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await managed(request, request.params.id);
    const form = parseForm(sectionForm, request.body);
    if (!form.ok) return showPlan(request, reply, plan.id, { problems: form.problems, sectionAnswers: form.raw, status: 400 });
    const a = form.answers;
    const outcome = await planChange(request.lang, 'titleKk', () => service.addSection(plan.id, localizedText(a.titleKk, a.titleRu, a.titleEn), a.version, request.changeContext()));
    if (outcome.problems.length) return showPlan(request, reply, plan.id, { problems: outcome.problems, sectionAnswers: form.raw, status: outcome.conflict ? 409 : 400 });
    return reply.redirect(planPage(request.lang, plan.id), 303);
  });

  route.post('/office/plan/:id/sections/:sectionId', { schema: { params: sectionParams } }, async (request, reply) => {
    const plan = await managed(request, request.params.id);
    const idPrefix = `section-${request.params.sectionId}`;
    const form = parseForm(sectionForm, request.body);
    if (!form.ok) return showPlan(request, reply, plan.id, { problems: form.problems.map((p) => ({ ...p, idPrefix })), status: 400 });
    const a = form.answers;
    const outcome = await planChange(request.lang, 'titleKk', () => service.renameSection(plan.id, request.params.sectionId, localizedText(a.titleKk, a.titleRu, a.titleEn), a.version, request.changeContext()));
    if (outcome.problems.length) return showPlan(request, reply, plan.id, { problems: outcome.problems.map((p) => ({ ...p, idPrefix })), status: outcome.conflict ? 409 : 400 });
    return reply.redirect(planPage(request.lang, plan.id), 303);
  });

  // ── Its title and period (while it may change) ──

  /** A plan whose title and period may change: 409 once it is completed or superseded. */
  async function editablePlan(request: FastifyRequest, planId: string): Promise<PlanSummary> {
    const plan = await managed(request, planId);
    if (!isEditable(plan.status)) throw ConflictError('plan.readOnly');
    return plan;
  }

  const showEdit = (request: FastifyRequest, reply: FastifyReply, plan: PlanSummary, answers: PlanAnswers, problems: FieldProblem[], status = 200) =>
    reply.page(titleWithErrors(request.lang, translate(request.lang, 'plan.editTitle'), problems), <EditPlanPage plan={plan} answers={answers} problems={problems} />, status);

  route.get('/office/plan/:id/edit', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await editablePlan(request, request.params.id);
    const { kk = '', ru = '', en = '' } = plan.title;
    return showEdit(request, reply, plan, { titleKk: kk, titleRu: ru, titleEn: en, periodStart: plan.periodStart, periodEnd: plan.periodEnd }, []);
  });

  route.post('/office/plan/:id/edit', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await editablePlan(request, request.params.id);
    const form = parseForm(editPlanForm, request.body);
    if (!form.ok) return showEdit(request, reply, plan, form.raw, form.problems, 400);
    const outcome = await planChange(request.lang, 'titleKk', () => service.editPlan(plan.id, planInput(form.answers), form.answers.version, request.changeContext()));
    // A conflict shows the form again over the latest version (its version in the form), with these answers kept.
    if (outcome.problems.length) return showEdit(request, reply, outcome.conflict ? await service.summary(plan.id) : plan, form.raw, outcome.problems, outcome.conflict ? 409 : 400);
    return reply.redirect(planPage(request.lang, plan.id), 303);
  });

  // ── Adopted by a decision ──

  const showAdopt = async (request: FastifyRequest, reply: FastifyReply, plan: PlanSummary, decisionId: string, problems: FieldProblem[], status = 200) =>
    reply.page(titleWithErrors(request.lang, translate(request.lang, 'plan.adoptTitle'), problems), <AdoptPage plan={plan} decisions={await service.adoptionChoices(plan)} decisionId={decisionId} problems={problems} />, status);

  route.get('/office/plan/:id/adopt', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await managed(request, request.params.id);
    if (plan.status !== 'draft') return reply.redirect(planPage(request.lang, plan.id), 303);
    return showAdopt(request, reply, plan, '', []);
  });

  route.post('/office/plan/:id/adopt', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await managed(request, request.params.id);
    const form = parseForm(adoptForm((await service.adoptionChoices(plan)).map((d) => d.id)), request.body);
    if (!form.ok) return showAdopt(request, reply, plan, form.raw.decisionId, form.problems, 400);
    const { decisionId, version } = form.answers;
    const outcome = await planChange(request.lang, 'decisionId', () => service.adopt(plan.id, decisionId, version, request.changeContext()));
    if (outcome.problems.length) return showAdopt(request, reply, await service.summary(plan.id), decisionId, outcome.problems, outcome.conflict ? 409 : 400);
    return reply.redirect(planPage(request.lang, plan.id), 303);
  });

  // ── Completed ──

  const showComplete = (request: FastifyRequest, reply: FastifyReply, plan: PlanSummary, problems: FieldProblem[], status = 200) =>
    reply.page(titleWithErrors(request.lang, translate(request.lang, 'plan.completeTitle'), problems), <CompletePage plan={plan} problems={problems} />, status);

  route.get('/office/plan/:id/complete', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await managed(request, request.params.id);
    if (plan.status !== 'adopted') return reply.redirect(planPage(request.lang, plan.id), 303);
    return showComplete(request, reply, plan, []);
  });

  route.post('/office/plan/:id/complete', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await managed(request, request.params.id);
    const form = parseForm(completeForm, request.body);
    const version = form.ok ? form.answers.version : 0;
    const outcome = await planChange(request.lang, 'confirm', () => service.complete(plan.id, version, request.changeContext()));
    if (outcome.problems.length) return showComplete(request, reply, await service.summary(plan.id), outcome.problems, outcome.conflict ? 409 : 400);
    return reply.redirect(planPage(request.lang, plan.id), 303);
  });

  // ── Superseded by a newer plan ──

  const showSupersede = async (request: FastifyRequest, reply: FastifyReply, plan: PlanSummary, successorId: string, problems: FieldProblem[], status = 200) =>
    reply.page(
      titleWithErrors(request.lang, translate(request.lang, 'plan.supersedeTitle'), problems),
      <SupersedePage plan={plan} successors={await service.successorChoices(plan)} successorId={successorId} problems={problems} />,
      status,
    );

  route.get('/office/plan/:id/supersede', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await managed(request, request.params.id);
    if (plan.status !== 'adopted') return reply.redirect(planPage(request.lang, plan.id), 303);
    return showSupersede(request, reply, plan, '', []);
  });

  route.post('/office/plan/:id/supersede', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await managed(request, request.params.id);
    const form = parseForm(supersedeForm((await service.successorChoices(plan)).map((p) => p.id)), request.body);
    if (!form.ok) return showSupersede(request, reply, plan, form.raw.successorId, form.problems, 400);
    const { successorId, version } = form.answers;
    const outcome = await planChange(request.lang, 'successorId', () => service.supersede(plan.id, successorId, version, request.changeContext()));
    if (outcome.problems.length) return showSupersede(request, reply, await service.summary(plan.id), successorId, outcome.problems, outcome.conflict ? 409 : 400);
    return reply.redirect(planPage(request.lang, plan.id), 303);
  });

  planItemRoutes(route, service, office);
  planPriorityRoutes(route, service, office);
}
