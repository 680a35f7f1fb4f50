// Citizens' questions, mounted under /:lang: the public form (/questions/new), the applicant's private
// page (/questions/track/{token}), and the office (/office/questions: list, one question and its
// actions, a question raised at an event, the retention). None is page-cached: the form carries a
// CSRF and a time token, the tracking page is personal, the office is signed in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { AppError, NotFoundError, type FieldProblem } from '../../core/errors.js';
import { formText, parseForm, titleWithErrors, type FormSchema } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { todayInKazakhstan, todayInKazakhstanSql } from '../../core/db/dated.js';
import { publicOrigin } from '../../core/http/public-url.js';
import { formatDateTime, localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate } from '../../core/i18n/messages.js';
import { enforceRateLimit, rateLimits } from '../../core/rate-limit.js';
import { calendarServiceFor } from '../calendar/calendar.service.js';
import { createOutreachService } from '../outreach/outreach.service.js';
import type { RegistryService } from '../registry/registry.service.js';
import { answerForm, assignForm, closeForm, eventQuery, eventQuestionForm, extendForm, forwardForm, listQuery, questionForm, questionParams, regionQuery, retentionForm, takeForm, trackParams } from './questions.forms.js';
import { questionPolicies } from './questions.policies.js';
import { createQuestionsService, type ActionName, type QuestionsService, type Region } from './questions.service.js';
import { blankActionAnswers, EventQuestionPage, QuestionPage, QuestionsListPage, RetentionPage, type ActionAnswers, type RaisedAt } from './views/office.js';
import { NewQuestionPage, QuestionSentPage, TrackPage, type QuestionAnswers } from './views/public.js';

const blankQuestion: QuestionAnswers = { name: '', email: '', phone: '', region: '', settlement: '', text: '', consent: '' };

/** Personal pages: kept by no cache, not indexed, not sent on as a referrer. */
function personal(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
}

function regionOptions(lang: Language, regions: Region[]) {
  return regions.map((r) => ({ value: r.areaId, label: localize(lang, r.name).text })).toSorted((a, b) => a.label.localeCompare(b.label, lang));
}

const questionAnswers = (raw: Record<string, string>): QuestionAnswers => ({
  name: raw.name ?? '',
  email: raw.email ?? '',
  phone: raw.phone ?? '',
  region: raw.region ?? '',
  settlement: raw.settlement ?? '',
  text: raw.text ?? '',
  consent: raw.consent ?? '',
});

export async function questionRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(questionPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const calendar = await calendarServiceFor(app.database);
  const service: QuestionsService = createQuestionsService(app.db, { calendar, registry: opts.registry, mailer: app.mailer });
  const outreach = createOutreachService(app.db, app.files);

  // ── The public form ──
  const formPage = async (request: FastifyRequest, reply: FastifyReply, answers: QuestionAnswers, problems: FieldProblem[]) => {
    const lang = request.lang;
    const startedAt = await service.issueFormTime();
    personal(reply);
    return reply.page(titleWithErrors(lang, translate(lang, 'questions.newTitle'), problems), <NewQuestionPage answers={answers} problems={problems} regions={regionOptions(lang, await service.regions())} startedAt={startedAt} />, problems.length ? 400 : 200);
  };

  // A region's maslikhat page offers its citizens the form, with the region chosen.
  app.related.provideQuery('maslikhat', 'questions', {
    rows: (db, organizationId) => opts.registry.regionMaslikhatsQuery(db, todayInKazakhstanSql).select('a.id as areaId').where('o.id', '=', organizationId),
    links: (rows) => rows.map((r) => ({ messageKey: 'questions.relatedMaslikhat', href: `/questions/new?region=${r.areaId}` })),
  });

  route.get('/questions/new', { schema: { querystring: regionQuery } }, async (request, reply) => {
    const region = (await service.regions()).find((r) => r.areaId === request.query.region.toLowerCase());
    return formPage(request, reply, { ...blankQuestion, region: region?.areaId ?? '' }, []);
  });

  route.post('/questions/new', async (request, reply) => {
    // Counted before the answers are read: refused attempts count too.
    await enforceRateLimit(app.db, rateLimits.questionFormPerIp, request.ip);
    const form = parseForm(questionForm, request.body);
    const answers = questionAnswers(form.raw);
    // The spam guard: the hidden field left empty, and the form served 3 s to a day ago by this site.
    const timing = await service.checkFormTime(form.raw.startedAt);
    const guard: FieldProblem[] =
      form.raw.website !== '' || timing === 'invalid' || timing === 'too_fast'
        ? [{ field: 'text', messageKey: 'questions.spamRefused' }]
        : timing === 'expired'
          ? [{ field: 'text', messageKey: 'questions.formExpired' }]
          : [];
    if (!form.ok || guard.length) return formPage(request, reply, answers, [...(form.ok ? [] : form.problems), ...guard]);
    const a = form.answers;
    const done = await service.submit(
      { areaId: a.region, settlement: a.settlement, name: a.name, email: a.email ? a.email.toLowerCase() : null, phone: a.phone || null, body: a.text, language: request.lang },
      form.raw.startedAt,
      request.changeContext(),
      publicOrigin(request),
    );
    if (done.problems.length || !done.token || !done.reference) return formPage(request, reply, answers, done.problems);
    const lang = request.lang;
    personal(reply);
    return reply.page(translate(lang, 'questions.sentTitle'), <QuestionSentPage reference={done.reference} link={`${publicOrigin(request)}/${lang}/questions/track/${done.token}`} mailed={!!a.email} />);
  });

  // ── The applicant's private page ──
  route.get('/questions/track/:token', { schema: { params: trackParams } }, async (request, reply) => {
    personal(reply);
    const view = await service.track(request.params.token);
    if (!view) throw NotFoundError();
    return reply.page(translate(request.lang, 'questions.trackTitle', { reference: view.reference }), <TrackPage view={view} />);
  });

  // ── The office ──
  route.get('/office/questions', { schema: { querystring: listQuery } }, async (request, reply) => {
    const actor = authorize(request, 'questions.list');
    const { state, overdue, page } = request.query;
    const list = await service.list(actor, { state: state ?? null, overdue }, page);
    const canRegister = (await service.registrableRegions(actor)).length > 0;
    return personal(reply).page(
      translate(request.lang, 'questions.officeTitle'),
      <QuestionsListPage rows={list.rows} page={list.page} pages={list.pages} state={state ?? null} overdue={overdue} today={list.today} canRegister={canRegister} />,
    );
  });

  route.get('/office/questions.csv', { schema: { querystring: listQuery } }, async (request, reply) => {
    const actor = authorize(request, 'questions.list');
    const { state, overdue } = request.query;
    const csv = await service.csv(actor, { state: state ?? null, overdue }, request.lang);
    return personal(reply)
      .header('content-disposition', `attachment; filename="kenes-questions-${todayInKazakhstan()}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  // The questions raised at an outreach event, on the event's office page, with the way to register one.
  app.related.provideSection('outreach_event', 'questions', async (eventId) => ({
    key: 'questions',
    titleKey: 'questions.atEventTitle',
    links: (await service.atEvent(eventId)).map((q) => ({ messageKey: 'questions.referenceLink', values: { reference: q.reference }, href: `/office/questions/${q.id}`, detail: { messageKey: `questions.state.${q.state}` } })),
    emptyKey: 'questions.atEventNone',
    more: { messageKey: 'questions.registerAtEvent', href: `/office/questions/new?event=${eventId}` },
  }));

  const isGuid = (value: string) => z.guid().safeParse(value).success;

  /** An event this person may not open (or one gone) is left out of the page; anything else is an error. */
  const notShown = (err: unknown): undefined => {
    if (err instanceof AppError && (err.status === 403 || err.status === 404)) return undefined;
    throw err;
  };

  /** The outreach event a question is registered at, as the form names it; 404 for one the person may not see. */
  async function raisedAt(request: FastifyRequest, eventId: string): Promise<RaisedAt> {
    const event = await outreach.event(eventId);
    authorize(request, 'outreach.view', { organizationId: event.organizationId });
    const lang = request.lang;
    return { id: event.id, regionAreaId: event.regionAreaId, label: `${translate(lang, `outreach.kind.${event.kind}`)}: ${formatDateTime(lang, event.startsAt, event.timeZone)}` };
  }

  const questionPage = async (request: FastifyRequest, reply: FastifyReply, id: string, answers: ActionAnswers, problems: FieldProblem[]) => {
    const actor = authorize(request, 'questions.list');
    const view = await service.question(actor, id);
    const eventId = view.question.outreachEventId;
    // The event's link, for those who may open the event (a deputy of another maslikhat assigned the question may not).
    const raisedAtEvent = eventId ? await raisedAt(request, eventId).catch(notShown) : undefined;
    const title = titleWithErrors(request.lang, translate(request.lang, 'questions.questionTitle', { reference: view.question.reference }), problems);
    return personal(reply).page(
      title,
      <QuestionPage question={view.question} history={view.history} deputies={view.deputies} forwardBy={view.forwardBy} extendUntil={view.extendUntil} today={view.today} answers={answers} problems={problems} raisedAt={raisedAtEvent} />,
      problems.length ? 400 : 200,
    );
  };

  const eventPage = async (request: FastifyRequest, reply: FastifyReply, regions: Region[], answers: QuestionAnswers, problems: FieldProblem[], event: RaisedAt | undefined) =>
    personal(reply).page(
      titleWithErrors(request.lang, translate(request.lang, 'questions.eventTitle'), problems),
      <EventQuestionPage answers={answers} problems={problems} regions={regionOptions(request.lang, regions)} event={event} formToken={await service.issueFormTime()} />,
      problems.length ? 400 : 200,
    );

  route.get('/office/questions/new', { schema: { querystring: eventQuery } }, async (request, reply) => {
    const actor = authorize(request, 'questions.list');
    const regions = await service.registrableRegions(actor);
    if (!regions.length) authorize(request, 'questions.register');
    const event = request.query.event ? await raisedAt(request, request.query.event) : undefined;
    // Raised at an event: its region is chosen.
    const region = event && regions.some((r) => r.areaId === event.regionAreaId) ? (event.regionAreaId ?? '') : '';
    return eventPage(request, reply, regions, { ...blankQuestion, region }, [], event);
  });

  route.post('/office/questions/new', async (request, reply) => {
    const actor = authorize(request, 'questions.list');
    const regions = await service.registrableRegions(actor);
    if (!regions.length) authorize(request, 'questions.register');
    const form = parseForm(eventQuestionForm, request.body);
    const answers = questionAnswers(form.raw);
    // The event stays named when the form comes back with problems (a malformed id is one of them).
    const event = isGuid(form.raw.event) ? await raisedAt(request, form.raw.event.toLowerCase()) : undefined;
    if (!form.ok) return eventPage(request, reply, regions, answers, form.problems, event);
    const a = form.answers;
    // The form's signed token makes a second send of the same form (a double click) the first question again.
    const formToken = formText(request.body, 'formToken', 200);
    const done = await service.registerAtEvent(
      actor,
      { areaId: a.region, settlement: a.settlement, name: a.name, email: a.email ? a.email.toLowerCase() : null, phone: a.phone || null, body: a.text, language: request.lang },
      event?.id ?? null,
      (await service.checkFormTime(formToken)) === 'invalid' ? null : formToken,
      request.changeContext(),
      publicOrigin(request),
    );
    if (done.problems.length || !done.id) return eventPage(request, reply, regions, answers, done.problems, event);
    // Registered by a deputy with no registry person to assign it to: back to where they came from.
    if (!done.handled) return reply.redirect(`/${request.lang}/office/${event ? `outreach/${event.id}` : 'questions'}`, 303);
    return reply.redirect(`/${request.lang}/office/questions/${done.id}`, 303);
  });

  route.get('/office/questions/retention', async (request, reply) => {
    authorize(request, 'questions.retention');
    const r = await service.retention();
    return personal(reply).page(translate(request.lang, 'questions.retentionTitle'), <RetentionPage months={r.months} version={r.version} value={String(r.months)} problems={[]} />);
  });

  route.post('/office/questions/retention', async (request, reply) => {
    authorize(request, 'questions.retention');
    const form = parseForm(retentionForm, request.body);
    if (!form.ok) {
      const r = await service.retention();
      return reply.page(titleWithErrors(request.lang, translate(request.lang, 'questions.retentionTitle'), true), <RetentionPage months={r.months} version={r.version} value={form.raw.months} problems={form.problems} />, 400);
    }
    await service.setRetention(form.answers.months, form.answers.version, request.changeContext());
    return reply.redirect(`/${request.lang}/office/questions/retention`, 303);
  });


  route.get('/office/questions/:id', { schema: { params: questionParams } }, async (request, reply) => questionPage(request, reply, request.params.id, blankActionAnswers, []));

  /** One action's route: parse its form, let the service decide, show refusals at the fields. */
  const action = <S extends FormSchema>(name: ActionName, schema: S, toAnswers: (a: z.output<S>) => Parameters<QuestionsService['act']>[3]) =>
    route.post(`/office/questions/:id/${name}`, { schema: { params: questionParams } }, async (request, reply) => {
      const actor = authorize(request, 'questions.list');
      const id = request.params.id;
      const form = parseForm(schema, request.body);
      const kept: ActionAnswers = { ...blankActionAnswers, ...form.raw };
      if (!form.ok) return questionPage(request, reply, id, kept, form.problems);
      const problems = await service.act(actor, id, name, toAnswers(form.answers), request.changeContext(), request.lang);
      if (problems.length) return questionPage(request, reply, id, kept, problems);
      return reply.redirect(`/${request.lang}/office/questions/${id}`, 303);
    });

  action('take', takeForm, (a) => ({ version: a.version }));
  action('close', closeForm, (a) => ({ version: a.version }));
  action('assign', assignForm, (a) => ({ version: a.version, assignee: a.assignee || null }));
  action('forward', forwardForm, (a) => ({ version: a.version, forwardedTo: a.forwardedTo }));
  action('answer', answerForm, (a) => ({ version: a.version, answer: a.answer }));
  action('extend', extendForm, (a) => ({ version: a.version, date: a.date, reason: a.reason }));

}
