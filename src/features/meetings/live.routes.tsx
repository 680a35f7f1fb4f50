// The live sitting at /{lang}/office/meetings/:id/live. The secretariat runs it; Council members
// and the staff of invited maslikhats watch it. Every screen follows changes through a stream of
// server-sent events: each change arrives as the state panel itself, rendered by the instance that
// holds the stream (one query per change and instance, however many watch), so a screen shows it
// without a request of its own; without JavaScript, a reload shows the same.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can, definePolicies } from '../../core/auth/authorize.js';
import { ForbiddenError, NotFoundError, UnauthorizedError, type FieldProblem } from '../../core/errors.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { renderFragment } from '../../core/html/render.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { meetingChange, type Place } from './errors.js';
import { createLiveService, liveTopic, type LiveState } from './live.service.js';
import { attendanceEntries, closeVoteInput, currentItemForm, decisionForm, decisionInput, inForm, statementForm, statementInput } from './meetings.forms.js';
import { meetingPolicies } from './meetings.policies.js';
import { blankLiveAnswers, LivePage, LiveStatePanel, type LiveAnswers } from './views/live.js';

const meetingParams = pathParams({ id: idParam });
const statementParams = pathParams({ id: idParam, statementId: idParam });
const decisionParams = pathParams({ id: idParam, decisionId: idParam });

/** How often an idle event stream sends a comment, so proxies keep it open. */
const heartbeatMs = 15_000;
/** A stream ends after this long; the browser reconnects at once, and access is checked again (a session may have ended). */
const streamLifetimeMs = 10 * 60_000;

/** Text as the data lines of one server-sent event (a line break inside would end the field). */
function sseData(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}`)
    .join('\n');
}

export async function liveSittingRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(meetingPolicies);
  await languagePrefixGuard(app);
  const route = app.withTypeProvider<ZodTypeProvider>();
  const service = createLiveService(app.db, opts.registry, app.live);
  const streams = new Set<FastifyReply>();
  app.addHook('preClose', async () => {
    for (const reply of streams) reply.raw.end();
  });

  /** Loads the sitting `meetingId` and says whether the request may run it, or only watch it. */
  async function access(request: FastifyRequest, meetingId: string): Promise<{ state: LiveState; canManage: boolean }> {
    const actor = request.actor;
    if (!actor) throw UnauthorizedError();
    const home = await opts.registry.homeOrganization();
    const state = await service.currentState(meetingId);
    if (state.organization.id !== home.id) throw NotFoundError();
    const canManage = can(actor, 'meetings.manage');
    const invited = canManage || can(actor, 'meetings.view-invited') || state.regions.some((r) => can(actor, 'meetings.view-invited', { organizationId: r.organizationId }));
    if (!invited) throw ForbiddenError();
    return { state, canManage };
  }

  async function manage(request: FastifyRequest, meetingId: string) {
    const found = await access(request, meetingId);
    if (!found.canManage) throw ForbiddenError();
    return found.state;
  }

  /** Makes a change; on a refused change shows the page again with the reason (at `at`) and the answers kept. */
  async function run(request: FastifyRequest, reply: FastifyReply, state: LiveState, work: () => Promise<void>, answers?: LiveAnswers, at: Place = { idPrefix: 'live', field: 'state' }) {
    const problems = await meetingChange(request.lang, at, work);
    if (problems.length) return showProblems(request, reply, state, problems, answers);
    return reply.redirect(`/${request.lang}/office/meetings/${state.meeting.id}/live`, 303);
  }

  async function showProblems(request: FastifyRequest, reply: FastifyReply, state: LiveState, problems: FieldProblem[], answers?: LiveAnswers) {
    const lang = request.lang;
    const fresh = await service.state(state.meeting.id);
    const title = titleWithErrors(lang, translate(lang, 'live.title'), problems);
    return reply.page(title, <LivePage state={fresh} canManage problems={problems} answers={answers ?? blankLiveAnswers(fresh.currentItemId)} />, 400);
  }

  route.get('/office/meetings/:id/live', { schema: { params: meetingParams } }, async (request, reply) => {
    const found = await access(request, request.params.id);
    const canManage = found.canManage;
    // The secretariat's page loads afresh: what it acts on (an admission entered a moment ago) changes without a new sequence.
    const state = canManage ? await service.state(found.state.meeting.id) : found.state;
    reply.header('cache-control', 'no-store');
    return reply.page(translate(request.lang, 'live.title'), <LivePage state={state} canManage={canManage} problems={[]} answers={blankLiveAnswers(state.currentItemId)} />);
  });

  route.get('/office/meetings/:id/live/panel', { schema: { params: meetingParams } }, async (request, reply) => {
    const { state } = await access(request, request.params.id);
    return reply.fragment(<LiveStatePanel state={state} />);
  });

  route.get('/office/meetings/:id/live/events', { schema: { params: meetingParams } }, async (request, reply) => {
    const { state } = await access(request, request.params.id);
    const meetingId = state.meeting.id;
    // The panel is the same for every viewer in a language; the context is taken before the reply is handed over.
    const context = await app.pageContext(request, reply);
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    /** The sequence this screen was last sent (as a panel or a number). */
    let sent = state.sequence;
    const sendSequence = (sequence: number) => raw.write(`event: change\nid: ${sequence}\ndata: ${sequence}\n\n`);
    const sendPanel = (fresh: LiveState) => raw.write(`event: panel\nid: ${fresh.sequence}\n${sseData(renderFragment(context, <LiveStatePanel state={fresh} />))}\n\n`);
    const onChange = (message: string) => {
      const sequence = Number(message);
      if (!Number.isSafeInteger(sequence) || sequence <= sent) return;
      // The state is loaded once per change on this instance, for all of its streams (currentState shares it).
      service.currentState(meetingId).then(
        (fresh) => {
          if (raw.destroyed || fresh.sequence <= sent) return;
          sent = fresh.sequence;
          sendPanel(fresh);
        },
        // Not loaded: the screen is told the number and fetches the panel itself.
        () => {
          if (raw.destroyed || sequence <= sent) return;
          sent = sequence;
          sendSequence(sequence);
        },
      );
    };
    raw.write('retry: 2000\n\n');
    // On (re)connecting the screen learns where the sitting is, and fetches the panel if it is behind.
    sendSequence(state.sequence);
    const unsubscribe = await app.live.subscribe(liveTopic(meetingId), onChange);
    // A change made between reading the state and subscribing would be announced to no one: look once more.
    service.sequence(meetingId).then((latest) => onChange(String(latest)), () => undefined);
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

  route.post('/office/meetings/:id/live/current', { schema: { params: meetingParams } }, async (request, reply) => {
    const state = await manage(request, request.params.id);
    const form = parseForm(currentItemForm, request.body);
    const itemId = form.ok ? form.answers.itemId : null;
    return run(request, reply, state, () => service.setCurrentItem(state.meeting.id, itemId, request.changeContext()));
  });

  route.post('/office/meetings/:id/live/attendance', { schema: { params: meetingParams } }, async (request, reply) => {
    const state = await manage(request, request.params.id);
    const entries = attendanceEntries(request.body, state.members.flatMap((m) => (m.personId ? [m.personId] : [])));
    return run(request, reply, state, () => service.recordAttendance(state.meeting.id, entries, request.changeContext()));
  });

  route.post('/office/meetings/:id/live/statements', { schema: { params: meetingParams } }, async (request, reply) => {
    const state = await manage(request, request.params.id);
    const form = parseForm(statementForm, request.body);
    const answers = { ...blankLiveAnswers(state.currentItemId), statement: form.raw };
    if (!form.ok) return showProblems(request, reply, state, inForm('statement', form.problems), answers);
    const statement = statementInput(form.answers);
    return run(request, reply, state, () => service.addStatement(state.meeting.id, statement, request.changeContext()), answers, { idPrefix: 'statement', field: 'itemId' });
  });

  route.post('/office/meetings/:id/live/decisions', { schema: { params: meetingParams } }, async (request, reply) => {
    const state = await manage(request, request.params.id);
    const form = parseForm(decisionForm, request.body);
    const answers = { ...blankLiveAnswers(state.currentItemId), decision: form.raw };
    if (!form.ok) return showProblems(request, reply, state, inForm('decision', form.problems), answers);
    const decision = decisionInput(form.answers);
    return run(request, reply, state, () => service.addDecision(state.meeting.id, decision, request.changeContext()), answers, { idPrefix: 'decision', field: 'itemId' });
  });

  route.post('/office/meetings/:id/live/statements/:statementId/remove', { schema: { params: statementParams } }, async (request, reply) => {
    const state = await manage(request, request.params.id);
    return run(request, reply, state, () => service.removeStatement(state.meeting.id, request.params.statementId, request.changeContext()));
  });

  route.post('/office/meetings/:id/live/decisions/:decisionId/remove', { schema: { params: decisionParams } }, async (request, reply) => {
    const state = await manage(request, request.params.id);
    return run(request, reply, state, () => service.removeDecision(state.meeting.id, request.params.decisionId, request.changeContext()));
  });

  route.post('/office/meetings/:id/live/decisions/:decisionId/open', { schema: { params: decisionParams } }, async (request, reply) => {
    const state = await manage(request, request.params.id);
    return run(request, reply, state, () => service.openVote(state.meeting.id, request.params.decisionId, request.changeContext()));
  });

  route.post('/office/meetings/:id/live/decisions/:decisionId/close', { schema: { params: decisionParams } }, async (request, reply) => {
    const state = await manage(request, request.params.id);
    const { decisionId } = request.params;
    return run(request, reply, state, () => service.closeVote(state.meeting.id, decisionId, closeVoteInput(request.body), request.changeContext()), undefined, { idPrefix: `d-${decisionId}`, field: 'for' });
  });
}
