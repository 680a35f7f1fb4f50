// The managed list of priorities items serve: listed, added and edited by the secretariat (a stale edit is shown again over the latest version).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.js';
import type { FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors } from '../../core/http/forms.js';
import { flagQuery, idParam, pathParams } from '../../core/http/params.js';
import { translate } from '../../core/i18n/messages.js';
import type { PlanOffice, Route } from './plan-office.js';
import { planChange, priorityForm, priorityInput } from './plan.forms.js';
import type { PlanService, PriorityRow } from './plan.service.js';
import { EditPriorityPage, PrioritiesPage, type PriorityAnswers } from './views/office/priorities.js';

const priorityParams = pathParams({ id: idParam });
const savedQuery = z.object({ saved: flagQuery });

const answersOf = (p: PriorityRow): PriorityAnswers => ({
  kind: p.kind,
  titleKk: p.title.kk ?? '',
  titleRu: p.title.ru ?? '',
  titleEn: p.title.en ?? '',
  reference: p.reference ?? '',
  validFrom: p.validFrom ?? '',
  validTo: p.validTo ?? '',
  version: String(p.version),
});

export function planPriorityRoutes(route: Route, service: PlanService, office: PlanOffice): void {
  const manager = (request: FastifyRequest) => {
    office.viewer(request);
    return authorize(request, 'plan.priorities.manage');
  };
  const listPage = (lang: string) => `/${lang}/office/plan/priorities`;

  async function showList(request: FastifyRequest, reply: FastifyReply, answers: PriorityAnswers, problems: FieldProblem[], saved = false) {
    const title = titleWithErrors(request.lang, translate(request.lang, 'planPriority.title'), problems);
    return reply.page(title, <PrioritiesPage priorities={await service.priorities()} answers={answers} problems={problems} saved={saved} />, problems.length ? 400 : 200);
  }

  route.get('/office/plan/priorities', { schema: { querystring: savedQuery } }, async (request, reply) => {
    manager(request);
    return showList(request, reply, emptyAnswers(priorityForm), [], request.query.saved);
  });

  route.post('/office/plan/priorities', async (request, reply) => {
    manager(request);
    const form = parseForm(priorityForm, request.body);
    if (!form.ok) return showList(request, reply, form.raw, form.problems);
    await service.addPriority(priorityInput(form.answers), request.changeContext());
    return reply.redirect(`${listPage(request.lang)}?saved=1`, 303);
  });

  const showEdit = (request: FastifyRequest, reply: FastifyReply, id: string, answers: PriorityAnswers, problems: FieldProblem[], status = 200) =>
    reply.page(titleWithErrors(request.lang, translate(request.lang, 'planPriority.editTitle'), problems), <EditPriorityPage id={id} answers={answers} problems={problems} />, status);

  route.get('/office/plan/priorities/:id/edit', { schema: { params: priorityParams } }, async (request, reply) => {
    manager(request);
    const priority = await service.priority(request.params.id);
    return showEdit(request, reply, priority.id, answersOf(priority), []);
  });

  route.post('/office/plan/priorities/:id/edit', { schema: { params: priorityParams } }, async (request, reply) => {
    manager(request);
    const priority = await service.priority(request.params.id);
    const form = parseForm(priorityForm, request.body);
    if (!form.ok) return showEdit(request, reply, priority.id, form.raw, form.problems, 400);
    const outcome = await planChange(request.lang, 'titleKk', () => service.editPriority(priority.id, priorityInput(form.answers), form.answers.version, request.changeContext()));
    if (outcome.problems.length) {
      const latest = await service.priority(priority.id);
      return showEdit(request, reply, priority.id, { ...form.raw, version: String(latest.version) }, outcome.problems, outcome.conflict ? 409 : 400);
    }
    return reply.redirect(`${listPage(request.lang)}?saved=1`, 303);
  });
}
