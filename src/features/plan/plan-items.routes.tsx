// A plan's items in the office: add, edit (answers kept and the latest version shown on a conflict), cancel with a reason.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ConflictError, type FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors } from '../../core/http/forms.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import { emptyLists, indicatorRowsOf, itemAnswers, itemForm, itemInput, itemLists, listProblems, minIndicatorRows, type ItemChoices, type ItemLists } from './plan-item.forms.js';
import type { PlanOffice, Route } from './plan-office.js';
import { cancelItemForm, planChange } from './plan.forms.js';
import { isEditable, type PlanService, type PlanSummary } from './plan.service.js';
import { CancelItemPage } from './views/office/plan-actions.js';
import { ItemFormPage, type BodyChoice } from './views/office/plan-item-form.js';

const planParams = pathParams({ id: idParam });
const itemParams = pathParams({ id: idParam, itemId: idParam });

export function planItemRoutes(route: Route, service: PlanService, office: PlanOffice): void {
  const planPage = (lang: string, id: string) => `/${lang}/office/plan/${id}`;

  /** A plan whose items may change: 409 once it is completed or superseded. */
  async function editablePlan(request: FastifyRequest, planId: string): Promise<PlanSummary> {
    const plan = await office.managed(request, planId);
    if (!isEditable(plan.status)) throw ConflictError('plan.readOnly');
    return plan;
  }

  /** What the form offers; the same lists check what comes back. */
  async function formData(plan: PlanSummary, named: BodyChoice[]) {
    const [sections, priorities, links, bodies] = await Promise.all([service.sections(plan.id), service.priorities(), office.linkChoices(plan.organizationId), office.bodyChoices(plan, named)]);
    const everyBody = [...bodies.council, ...bodies.partners, ...bodies.regions, ...bodies.others.flatMap((g) => g.bodies)].map((b) => b.id);
    const offered: ItemChoices = {
      sections: sections.map((s) => s.id),
      responsible: everyBody,
      coExecutors: everyBody,
      priorities: priorities.map((p) => p.id),
      meetings: links.meetings.map((m) => m.id),
      decisions: links.decisions.map((d) => d.id),
    };
    return { sections, priorities, links, bodies, offered };
  }

  type Shown = { itemId: string | undefined; answers: Record<string, string>; lists: ItemLists; rows: number; problems: FieldProblem[]; status?: number };

  async function showForm(request: FastifyRequest, reply: FastifyReply, plan: PlanSummary, data: Awaited<ReturnType<typeof formData>>, shown: Shown) {
    const title = titleWithErrors(request.lang, translate(request.lang, shown.itemId ? 'planItem.editTitle' : 'planItem.addTitle'), shown.problems);
    const page = (
      <ItemFormPage
        plan={plan}
        itemId={shown.itemId}
        answers={shown.answers}
        lists={shown.lists}
        rows={shown.rows}
        sections={data.sections}
        bodies={data.bodies}
        priorities={data.priorities}
        meetings={data.links.meetings}
        decisions={data.links.decisions}
        problems={shown.problems}
      />
    );
    return reply.page(title, page, shown.status ?? 200);
  }

  const namedBodies = (item: Awaited<ReturnType<PlanService['itemOfPlan']>>): BodyChoice[] => item.responsible.flatMap((r) => (r.organizationId ? [{ id: r.organizationId, name: r.name ?? {} }] : []));

  route.get('/office/plan/:id/items/new', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await editablePlan(request, request.params.id);
    const answers = emptyAnswers(itemForm(minIndicatorRows), { startsOn: plan.periodStart, deadline: plan.periodEnd, deadlineKind: 'date', indicatorRows: String(minIndicatorRows) });
    return showForm(request, reply, plan, await formData(plan, []), { itemId: undefined, answers, lists: emptyLists(), rows: minIndicatorRows, problems: [] });
  });

  route.post('/office/plan/:id/items', { schema: { params: planParams } }, async (request, reply) => {
    const plan = await editablePlan(request, request.params.id);
    const rows = indicatorRowsOf(request.body);
    const form = parseForm(itemForm(rows), request.body);
    const lists = itemLists(request.body);
    const data = await formData(plan, []);
    const problems = [...(form.ok ? [] : form.problems), ...listProblems(form.raw, lists, data.offered)];
    const shown = { itemId: undefined, answers: form.raw, lists, rows };
    if (!form.ok || problems.length) return showForm(request, reply, plan, data, { ...shown, problems, status: 400 });
    const input = itemInput(form.answers, lists, rows);
    const outcome = await planChange(request.lang, 'actionKk', () => service.addItem(plan.id, input, request.changeContext()));
    if (outcome.problems.length) return showForm(request, reply, plan, data, { ...shown, problems: outcome.problems, status: outcome.conflict ? 409 : 400 });
    return reply.redirect(planPage(request.lang, plan.id), 303);
  });

  route.get('/office/plan/:id/items/:itemId/edit', { schema: { params: itemParams } }, async (request, reply) => {
    const plan = await editablePlan(request, request.params.id);
    const item = await service.itemOfPlan(plan.id, request.params.itemId);
    if (item.cancelledAt) throw ConflictError('planItem.alreadyCancelled');
    const { answers, lists, rows } = itemAnswers(item);
    return showForm(request, reply, plan, await formData(plan, namedBodies(item)), { itemId: item.id, answers, lists, rows, problems: [] });
  });

  route.post('/office/plan/:id/items/:itemId/edit', { schema: { params: itemParams } }, async (request, reply) => {
    const plan = await editablePlan(request, request.params.id);
    const item = await service.itemOfPlan(plan.id, request.params.itemId);
    const rows = indicatorRowsOf(request.body);
    const form = parseForm(itemForm(rows), request.body);
    const lists = itemLists(request.body);
    const data = await formData(plan, namedBodies(item));
    const problems = [...(form.ok ? [] : form.problems), ...listProblems(form.raw, lists, data.offered)];
    const shown = { itemId: item.id, answers: form.raw, lists, rows };
    if (!form.ok || problems.length) return showForm(request, reply, plan, data, { ...shown, problems, status: 400 });
    const input = itemInput(form.answers, lists, rows);
    const outcome = await planChange(request.lang, 'actionKk', () => service.editItem(plan.id, item.id, input, form.answers.version, request.changeContext()));
    if (outcome.conflict) {
      // Someone saved the item first: keep this person's answers over the latest version, to check and save again.
      const latest = await service.itemOfPlan(plan.id, item.id);
      return showForm(request, reply, plan, data, { ...shown, answers: { ...form.raw, version: String(latest.version) }, problems: outcome.problems, status: 409 });
    }
    if (outcome.problems.length) return showForm(request, reply, plan, data, { ...shown, problems: outcome.problems, status: 400 });
    return reply.redirect(`${planPage(request.lang, plan.id)}#item-${item.id}`, 303);
  });

  // ── Cancelling an item ──

  const cancelTitle = (request: FastifyRequest, problems: FieldProblem[]) => titleWithErrors(request.lang, translate(request.lang, 'planItem.cancelTitle'), problems);

  route.get('/office/plan/:id/items/:itemId/cancel', { schema: { params: itemParams } }, async (request, reply) => {
    const plan = await editablePlan(request, request.params.id);
    const item = await service.itemOfPlan(plan.id, request.params.itemId);
    if (item.cancelledAt) throw ConflictError('planItem.alreadyCancelled');
    return reply.page(cancelTitle(request, []), <CancelItemPage plan={plan} item={item} answers={emptyAnswers(cancelItemForm)} problems={[]} />);
  });

  route.post('/office/plan/:id/items/:itemId/cancel', { schema: { params: itemParams } }, async (request, reply) => {
    const plan = await editablePlan(request, request.params.id);
    const item = await service.itemOfPlan(plan.id, request.params.itemId);
    const form = parseForm(cancelItemForm, request.body);
    if (!form.ok) return reply.page(cancelTitle(request, form.problems), <CancelItemPage plan={plan} item={item} answers={form.raw} problems={form.problems} />, 400);
    const a = form.answers;
    const outcome = await planChange(request.lang, 'reasonKk', () => service.cancelItem(plan.id, item.id, localizedText(a.reasonKk, a.reasonRu, a.reasonEn), a.version, request.changeContext()));
    if (outcome.problems.length) {
      const latest = await service.itemOfPlan(plan.id, item.id);
      return reply.page(cancelTitle(request, outcome.problems), <CancelItemPage plan={plan} item={latest} answers={form.raw} problems={outcome.problems} />, outcome.conflict ? 409 : 400);
    }
    return reply.redirect(`${planPage(request.lang, plan.id)}#item-${item.id}`, 303);
  });
}
