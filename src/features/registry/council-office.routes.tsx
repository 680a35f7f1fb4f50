// The secretariat keeps the Council (the home organisation): its decisions, the members they admit
// and withdraw, its chair and deputy chairs. Mounted under /:lang (by staff.routes.tsx).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import type { FieldProblem } from '../../core/errors.js';
import { emptyAnswers, parseForm, titleWithErrors } from '../../core/http/forms.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { translate } from '../../core/i18n/messages.js';
import { admitForm, admitInput, admitQuery, councilChange, decisionForm, decisionInput, endPostForm, postForm, postInput, postQuery, withdrawForm } from './council.forms.js';
import type { RegistryService } from './registry.service.js';
import { createStaffService } from './staff.service.js';
import { AdmitPage, CouncilOfficePage, DecisionFormPage, EndPostPage, PostFormPage, WithdrawPage, type AdmitAnswers } from './views/office/council.js';

const recordParams = pathParams({ id: idParam });

export async function councilOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createStaffService(app.db);

  async function councilFor(request: FastifyRequest) {
    authorize(request, 'registry.council.manage');
    return opts.registry.homeOrganization();
  }
  const councilPage = (lang: string) => `/${lang}/office/council`;

  route.get('/office/council', async (request, reply) => {
    const council = await councilFor(request);
    const [members, decisions, posts, admissions] = await Promise.all([opts.registry.councilMembers(council.id, todayInKazakhstan()), service.decisions(council.id), service.posts(council.id), service.admissions(council.id)]);
    return reply.page(translate(request.lang, 'councilOffice.title'), <CouncilOfficePage councilName={council.name} members={members} decisions={decisions} posts={posts} admissions={admissions} />);
  });

  // ── Decisions ──

  route.get('/office/council/decisions/new', async (request, reply) => {
    await councilFor(request);
    return reply.page(translate(request.lang, 'decisionForm.title'), <DecisionFormPage answers={emptyAnswers(decisionForm, { date: todayInKazakhstan() })} problems={[]} />);
  });

  route.post('/office/council/decisions/new', async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    const form = parseForm(decisionForm, request.body);
    if (!form.ok) return reply.page(titleWithErrors(lang, translate(lang, 'decisionForm.title'), form.problems), <DecisionFormPage answers={form.answers} problems={form.problems} />, 400);
    await service.recordDecision(council.id, decisionInput(form.answers), request.changeContext());
    return reply.redirect(councilPage(lang), 303);
  });

  // ── Members admitted by a decision ──

  const admissionDecisions = async (councilId: string) => (await service.decisions(councilId)).filter((d) => d.kind === 'admission');

  /** The admit form: the decisions with members still to enter, and how far the chosen one is. */
  async function admitPage(councilId: string, answers: AdmitAnswers, problems: FieldProblem[]) {
    const [decisions, admissions] = await Promise.all([admissionDecisions(councilId), service.admissions(councilId)]);
    const complete = new Set(admissions.filter((a) => a.complete).map((a) => a.id));
    const offered = decisions.filter((d) => !complete.has(d.id) || d.id === answers.decisionId);
    return <AdmitPage answers={answers} decisions={offered} problems={problems} progress={admissions.find((a) => a.id === answers.decisionId)} />;
  }

  route.get('/office/council/admit', { schema: { querystring: admitQuery } }, async (request, reply) => {
    const council = await councilFor(request);
    const decisions = await admissionDecisions(council.id);
    // A meeting's page links here with the decision it adopted (?decision=…) to apply it.
    const wanted = request.query.decision;
    const answers = emptyAnswers(admitForm([]), { decisionId: decisions.some((d) => d.id === wanted) ? wanted : '' });
    return reply.page(translate(request.lang, 'admit.title'), await admitPage(council.id, answers, []));
  });

  route.post('/office/council/admit', async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    const form = parseForm(admitForm((await admissionDecisions(council.id)).map((d) => d.id)), request.body);
    const refused = async (problems: FieldProblem[]) => reply.page(titleWithErrors(lang, translate(lang, 'admit.title'), problems), await admitPage(council.id, form.raw, problems), 400);
    if (!form.ok) return refused(form.problems);
    const problems = await councilChange(lang, () => service.admit(council.id, admitInput(form.answers), request.changeContext()));
    if (problems.length) return refused(problems);
    // More to enter under the decision: back to the form with it chosen and the progress shown.
    const decisionId = form.answers.decisionId;
    const progress = (await service.admissions(council.id)).find((d) => d.id === decisionId);
    return reply.redirect(progress && !progress.complete ? `/${lang}/office/council/admit?decision=${decisionId}` : councilPage(lang), 303);
  });

  // ── The chair and deputy chairs ──

  const postTitle = (lang: Parameters<typeof translate>[0]) => translate(lang, 'councilPost.addTitle');

  route.get('/office/council/posts/new', { schema: { querystring: postQuery } }, async (request, reply) => {
    await councilFor(request);
    const answers = emptyAnswers(postForm, request.query);
    const found = answers.q ? await service.findPersons(answers.q) : undefined;
    return reply.page(postTitle(request.lang), <PostFormPage answers={answers} found={found} problems={[]} />);
  });

  route.post('/office/council/posts/new', async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    const form = parseForm(postForm, request.body);
    const a = form.raw;
    const refused = async (problems: FieldProblem[]) =>
      reply.page(titleWithErrors(lang, postTitle(lang), problems), <PostFormPage answers={a} found={a.q ? await service.findPersons(a.q) : undefined} problems={problems} />, 400);
    if (!form.ok) return refused(form.problems);
    const problems = await councilChange(lang, () => service.appointToPost(council.id, postInput(form.answers), request.changeContext()));
    if (problems.length) return refused(problems);
    return reply.redirect(councilPage(lang), 303);
  });

  route.get('/office/council/posts/:id/end', { schema: { params: recordParams } }, async (request, reply) => {
    const council = await councilFor(request);
    const post = await service.post(council.id, request.params.id);
    return reply.page(translate(request.lang, 'councilPost.endTitle'), <EndPostPage post={post} endDate={todayInKazakhstan()} problems={[]} />);
  });

  route.post('/office/council/posts/:id/end', { schema: { params: recordParams } }, async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    const post = await service.post(council.id, request.params.id);
    const form = parseForm(endPostForm, request.body);
    const refused = (problems: FieldProblem[]) => reply.page(titleWithErrors(lang, translate(lang, 'councilPost.endTitle'), problems), <EndPostPage post={post} endDate={form.raw.endDate} problems={problems} />, 400);
    if (!form.ok) return refused(form.problems);
    const problems = await councilChange(lang, () => service.endPost(council.id, post.id, form.answers.endDate, form.answers.version, request.changeContext()));
    if (problems.length) return refused(problems);
    return reply.redirect(councilPage(lang), 303);
  });

  // ── Members withdrawn by a decision ──

  const withdrawalDecisions = async (councilId: string) => (await service.decisions(councilId)).filter((d) => d.kind === 'withdrawal');

  route.get('/office/council/members/:id/withdraw', { schema: { params: recordParams } }, async (request, reply) => {
    const council = await councilFor(request);
    const m = await service.membership(request.params.id, council.id);
    return reply.page(translate(request.lang, 'withdraw.title'), <WithdrawPage membershipId={m.id} version={m.version} decisions={await withdrawalDecisions(council.id)} decisionId="" problems={[]} />);
  });

  route.post('/office/council/members/:id/withdraw', { schema: { params: recordParams } }, async (request, reply) => {
    const lang = request.lang;
    const council = await councilFor(request);
    const m = await service.membership(request.params.id, council.id);
    const decisions = await withdrawalDecisions(council.id);
    const form = parseForm(withdrawForm(decisions.map((d) => d.id)), request.body);
    if (!form.ok) {
      const page = <WithdrawPage membershipId={m.id} version={m.version} decisions={decisions} decisionId={form.answers.decisionId} problems={form.problems} />;
      return reply.page(titleWithErrors(lang, translate(lang, 'withdraw.title'), form.problems), page, 400);
    }
    await service.withdraw(council.id, m.id, form.answers.decisionId, form.answers.version, request.changeContext());
    return reply.redirect(councilPage(lang), 303);
  });
}
