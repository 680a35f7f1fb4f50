// The live sitting at /{lang}/office/meetings/:id/live. The secretariat runs it; Council members
// and the staff of invited maslikhats watch it. Every screen follows changes through a stream of
// server-sent events (one event per change, carrying the live sequence) and fetches the state
// panel again; without JavaScript, a reload shows the same.
import { storedAbsenceReason } from './absence-reason.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../../core/auth/authorize.js';
import type { DecisionKind } from '../../core/db/database.js';
import { ForbiddenError, NotFoundError, UnauthorizedError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { isUuid } from '../../core/ids.js';
import type { RegistryService } from '../registry/registry.service.js';
import { createLiveService, LiveError, liveTopic, type LiveProblem, type LiveState } from './live.service.js';
import type { PresenceEntry } from './live.repository.js';
import { meetingPolicies } from './meetings.policies.js';
import { definePolicies } from '../../core/auth/authorize.js';
import { blankLiveAnswers, LivePage, LiveStatePanel, type LiveAnswers } from './views/live.js';
import { formAnswers, formText, titleWithErrors } from '../../core/http/form.js';
import { localizedText, textOrNull } from '../../core/i18n/localized-text.js';
import { formatDate } from '../../core/i18n/format.js';


const problemMessages: Record<LiveProblem, MessageKey> = {
  not_in_progress: 'live.problem.notInProgress',
  not_editable: 'live.problem.notEditable',
  item_unknown: 'live.problem.itemUnknown',
  decision_unknown: 'live.problem.decisionUnknown',
  vote_not_open: 'live.problem.voteNotOpen',
  vote_already_started: 'live.problem.voteAlreadyStarted',
  counts_invalid: 'live.problem.countsInvalid',
  counts_too_many: 'live.problem.countsTooMany',
  voter_not_member: 'live.problem.voterNotMember',
  statement_unknown: 'live.problem.statementUnknown',
};

/** How often an idle event stream sends a comment, so proxies keep it open. */
const heartbeatMs = 15_000;
/** A stream ends after this long; the browser reconnects at once, and access is checked again (a session may have ended). */
const streamLifetimeMs = 10 * 60_000;

export async function liveSittingRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(meetingPolicies);
  await languagePrefixGuard(app);
  const service = createLiveService(app.db, opts.registry, app.live);
  const streams = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    for (const reply of streams) reply.raw.end();
  });

  /** Loads the sitting and says whether the request may run it, or only watch it. */
  async function access(request: FastifyRequest<{ Params: { id: string } }>): Promise<{ state: LiveState; canManage: boolean }> {
    const actor = request.actor;
    if (!actor) throw UnauthorizedError();
    if (!isUuid(request.params.id)) throw NotFoundError();
    const home = await opts.registry.homeOrganization();
    const state = await service.currentState(request.params.id.toLowerCase());
    if (state.organization.id !== home.id) throw NotFoundError();
    const canManage = can(actor, 'meetings.manage');
    const invited = canManage || can(actor, 'meetings.view-invited') || state.regions.some((r) => can(actor, 'meetings.view-invited', { organizationId: r.organizationId }));
    if (!invited) throw ForbiddenError();
    return { state, canManage };
  }

  async function manage(request: FastifyRequest<{ Params: { id: string } }>) {
    const found = await access(request);
    if (!found.canManage) throw ForbiddenError();
    return found.state;
  }

  /** Runs a change; on a refused change shows the page again with the reason and the answers kept. */
  async function run(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, state: LiveState, work: () => Promise<void>, answers?: LiveAnswers, at: { idPrefix: string; field: string } = { idPrefix: 'live', field: 'state' }) {
    try {
      await work();
    } catch (err) {
      if (!(err instanceof LiveError)) throw err;
      const values = Object.fromEntries(Object.entries(err.values).map(([k, v]) => [k, k === 'date' ? formatDate(request.lang, String(v)) : v]));
      return showProblems(request, reply, state, [{ ...at, messageKey: problemMessages[err.reason], values }], answers);
    }
    return reply.redirect(`/${request.lang}/office/meetings/${state.meeting.id}/live`, 303);
  }

  async function showProblems(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, state: LiveState, problems: FieldProblem[], answers?: LiveAnswers) {
    const lang = request.lang;
    const fresh = await service.state(state.meeting.id);
    const title = titleWithErrors(lang, translate(lang, 'live.title'), problems);
    return reply.page(title, <LivePage state={fresh} canManage problems={problems} answers={answers ?? blankLiveAnswers(fresh.currentItemId)} />, 400);
  }

  app.get<{ Params: { id: string } }>('/office/meetings/:id/live', async (request, reply) => {
    const found = await access(request);
    const canManage = found.canManage;
    // The secretariat's page loads afresh: what it acts on (an admission entered a moment ago) changes without a new sequence.
    const state = canManage ? await service.state(found.state.meeting.id) : found.state;
    reply.header('cache-control', 'no-store');
    return reply.page(translate(request.lang, 'live.title'), <LivePage state={state} canManage={canManage} problems={[]} answers={blankLiveAnswers(state.currentItemId)} />);
  });

  app.get<{ Params: { id: string } }>('/office/meetings/:id/live/panel', async (request, reply) => {
    const { state } = await access(request);
    return reply.fragment(<LiveStatePanel state={state} />);
  });

  app.get<{ Params: { id: string } }>('/office/meetings/:id/live/events', async (request, reply) => {
    const { state } = await access(request);
    const meetingId = state.meeting.id;
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    const send = (sequence: string) => raw.write(`event: change\nid: ${sequence}\ndata: ${sequence}\n\n`);
    raw.write('retry: 2000\n\n');
    send(String(state.sequence));
    const unsubscribe = await app.live.subscribe(liveTopic(meetingId), send);
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), heartbeatMs);
    const lifetime = setTimeout(() => raw.end(), streamLifetimeMs);
    streams.add(reply);
    raw.on('close', () => {
      clearInterval(heartbeat);
      clearTimeout(lifetime);
      unsubscribe();
      streams.delete(reply);
    });
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/live/current', async (request, reply) => {
    const state = await manage(request);
    const itemId = formText(request.body, 'itemId', 40);
    return run(request, reply, state, () => service.setCurrentItem(state.meeting.id, isUuid(itemId) ? itemId : null, request.changeContext()));
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/live/attendance', async (request, reply) => {
    const state = await manage(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const entries: PresenceEntry[] = [];
    for (const [key, value] of Object.entries(body)) {
      const match = /^([mo])\.([0-9a-f-]{36})$/.exec(key);
      if (!match || (value !== 'room' && value !== 'video' && value !== 'absent')) continue;
      const id = match[2]!;
      const isPerson = match[1] === 'm' && state.members.some((m) => m.personId === id);
      entries.push({ personId: isPerson ? id : null, organizationId: isPerson ? null : id, presence: value, absenceReason: storedAbsenceReason(formText(body, `reasonCode.${id}`, 20), formText(body, `reason.${id}`, 300)) });
    }
    return run(request, reply, state, () => service.recordAttendance(state.meeting.id, entries, request.changeContext()));
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/live/statements', async (request, reply) => {
    const state = await manage(request);
    const a: LiveAnswers['statement'] = formAnswers(request.body, { itemId: 40, personId: 40, speakerName: 300, language: 2, quotation: 5000, summaryKk: 5000, summaryRu: 5000 });
    const answers = { ...blankLiveAnswers(state.currentItemId), statement: a };
    const problems: FieldProblem[] = [];
    const idPrefix = 'statement';
    if (!isUuid(a.personId) && !a.speakerName) problems.push({ idPrefix, field: 'personId', messageKey: 'live.problem.speakerMissing' });
    if (!['kk', 'ru', 'en'].includes(a.language)) problems.push({ idPrefix, field: 'language', messageKey: 'live.problem.languageMissing' });
    if (!a.quotation && !a.summaryKk && !a.summaryRu) problems.push({ idPrefix, field: 'quotation', messageKey: 'live.problem.wordsMissing' });
    if (problems.length) return showProblems(request, reply, state, problems, answers);
    return run(
      request,
      reply,
      state,
      () =>
        service.addStatement(
          state.meeting.id,
          {
            itemId: a.itemId,
            personId: isUuid(a.personId) ? a.personId : null,
            speakerLabel: isUuid(a.personId) ? null : { [a.language as 'kk']: a.speakerName },
            summary: textOrNull(localizedText(a.summaryKk, a.summaryRu, '')),
            quotation: a.quotation || null,
            language: a.language as 'kk',
          },
          request.changeContext(),
        ),
      answers,
      { idPrefix: 'statement', field: 'itemId' },
    );
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/live/decisions', async (request, reply) => {
    const state = await manage(request);
    const a: LiveAnswers['decision'] = formAnswers(request.body, { itemId: 40, kind: 40, number: 40, admits: 6, titleKk: 500, titleRu: 500, titleEn: 500, bodyKk: 20000, bodyRu: 20000 });
    const answers = { ...blankLiveAnswers(state.currentItemId), decision: a };
    const problems: FieldProblem[] = [];
    const idPrefix = 'decision';
    if (!['admission', 'plan_adoption', 'recommendation', 'withdrawal', 'other'].includes(a.kind)) problems.push({ idPrefix, field: 'kind', messageKey: 'live.problem.kindMissing' });
    // An admission says how many members it admits, so the registry can tell when all are entered.
    if (a.kind === 'admission' && !/^[1-9]\d{0,2}$/.test(a.admits)) problems.push({ idPrefix, field: 'admits', messageKey: a.admits ? 'decisionForm.admitsInvalid' : 'decisionForm.admitsMissing' });
    if (!a.titleKk) problems.push({ idPrefix, field: 'titleKk', messageKey: 'live.problem.titleKkMissing' });
    if (!a.titleRu) problems.push({ idPrefix, field: 'titleRu', messageKey: 'live.problem.titleRuMissing' });
    if (problems.length) return showProblems(request, reply, state, problems, answers);
    return run(
      request,
      reply,
      state,
      () =>
        service.addDecision(
          state.meeting.id,
          {
            itemId: a.itemId,
            kind: a.kind as DecisionKind,
            number: a.number || null,
            admissionsExpected: a.kind === 'admission' ? Number(a.admits) : null,
            title: localizedText(a.titleKk, a.titleRu, a.titleEn),
            body: textOrNull(localizedText(a.bodyKk, a.bodyRu, '')),
          },
          request.changeContext(),
        ),
      answers,
      { idPrefix: 'decision', field: 'itemId' },
    );
  });

  app.post<{ Params: { id: string; statementId: string } }>('/office/meetings/:id/live/statements/:statementId/remove', async (request, reply) => {
    const state = await manage(request);
    if (!isUuid(request.params.statementId)) throw NotFoundError();
    return run(request, reply, state, () => service.removeStatement(state.meeting.id, request.params.statementId.toLowerCase(), request.changeContext()));
  });

  app.post<{ Params: { id: string; decisionId: string } }>('/office/meetings/:id/live/decisions/:decisionId/remove', async (request, reply) => {
    const state = await manage(request);
    if (!isUuid(request.params.decisionId)) throw NotFoundError();
    return run(request, reply, state, () => service.removeDecision(state.meeting.id, request.params.decisionId.toLowerCase(), request.changeContext()));
  });

  app.post<{ Params: { id: string; decisionId: string } }>('/office/meetings/:id/live/decisions/:decisionId/open', async (request, reply) => {
    const state = await manage(request);
    if (!isUuid(request.params.decisionId)) throw NotFoundError();
    return run(request, reply, state, () => service.openVote(state.meeting.id, request.params.decisionId.toLowerCase(), request.changeContext()));
  });

  app.post<{ Params: { id: string; decisionId: string } }>('/office/meetings/:id/live/decisions/:decisionId/close', async (request, reply) => {
    const state = await manage(request);
    if (!isUuid(request.params.decisionId)) throw NotFoundError();
    const body = (request.body ?? {}) as Record<string, unknown>;
    const byMember = Object.entries(body).flatMap(([key, value]) => {
      const match = /^vote\.([0-9a-f-]{36})$/.exec(key);
      return match && (value === 'for' || value === 'against' || value === 'abstain') ? [{ personId: match[1]!, choice: value as 'for' }] : [];
    });
    const count = (name: string) => {
      const v = formText(body, name, 6);
      return v === '' ? 0 : /^\d+$/.test(v) ? Number(v) : -1;
    };
    const entered = ['for', 'against', 'abstain'].some((n) => formText(body, n, 6) !== '');
    const counts = entered ? { for: count('for'), against: count('against'), abstain: count('abstain') } : null;
    return run(request, reply, state, () => service.closeVote(state.meeting.id, request.params.decisionId.toLowerCase(), { byMember, counts }, request.changeContext()), undefined, { idPrefix: `d-${request.params.decisionId.toLowerCase()}`, field: 'for' });
  });
}
