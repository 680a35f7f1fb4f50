// The office side of meetings, mounted under /:lang: the secretariat schedules and runs the
// Council's meetings; maslikhats answer invitations. This plugin sets up what they share and holds
// the meeting itself (the list, scheduling, its page, its details, status, chair and quorum rule);
// the agenda, papers and invitations have their own route files.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { provideAttention } from '../../core/attention.js';
import { definePolicies } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { BadRequestError, type FieldProblem } from '../../core/errors.js';
import { parseForm, titleWithErrors } from '../../core/http/forms.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { singleFileUploads } from '../../core/http/uploads.js';
import { defaultTimeZone } from '../../core/i18n/format.js';
import { localizedText, textOrNull } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { agendaRoutes } from './agenda.routes.js';
import { meetingChange, refusalOf } from './errors.js';
import { invitationRoutes } from './invitations.routes.js';
import { createMeetingOffice } from './managed-meeting.js';
import { chairForm, detailsForm, detailsInput, inForm, scheduleForm, statusForm } from './meetings.forms.js';
import { meetingPolicies } from './meetings.policies.js';
import { createMeetingsService, editableParts, invitationAttention } from './meetings.service.js';
import { blankSchedule, scheduleAnswersOf, type ManagedMeeting, type ScheduleAnswers } from './office.presenters.js';
import { maxPaperBytes } from '../../core/documents.js';
import { paperRoutes } from './papers.routes.js';
import { OfficeMeetingsPage } from './views/office/meetings-list.js';
import { ScheduleMeetingPage } from './views/office/schedule-meeting.js';

const meetingParams = pathParams({ id: idParam });
/** `?minutes=approved` or `not-held` after approving the minutes (minutes.routes.tsx). */
const meetingQuery = z.object({ minutes: z.enum(['approved', 'not-held']).optional().catch(undefined) });

export async function meetingOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  definePolicies(meetingPolicies);
  await languagePrefixGuard(app);
  // Papers: fields and one file arrive as plain values (the CSRF field among them); the size is
  // checked here, the kind from the bytes.
  await singleFileUploads(app, { maxBytes: maxPaperBytes, fields: 10 });
  const service = createMeetingsService(app.db, app.live);
  provideAttention('meetings', invitationAttention(app.db));
  const route = app.withTypeProvider<ZodTypeProvider>();
  const office = createMeetingOffice(opts.registry, service);
  const { council, managed, showMeeting } = office;

  route.get('/office/meetings', async (request, reply) => {
    const home = await council(request);
    return reply.page(translate(request.lang, 'meetingsOffice.title'), <OfficeMeetingsPage meetings={await service.list(home.id)} />);
  });

  // ── Scheduling a meeting ──

  const showSchedule = (request: FastifyRequest, reply: FastifyReply, answers: ScheduleAnswers, problems: FieldProblem[]) => {
    const lang = request.lang;
    const title = translate(lang, 'meetingsOffice.schedule');
    return reply.page(
      titleWithErrors(lang, title, problems),
      <ScheduleMeetingPage action="/office/meetings/new" heading={title} submitLabel={translate(lang, 'meetingForm.save')} answers={answers} problems={problems} />,
      problems.length ? 400 : 200,
    );
  };

  route.get('/office/meetings/new', async (request, reply) => {
    await council(request);
    return showSchedule(request, reply, blankSchedule(todayInKazakhstan()), []);
  });

  route.post('/office/meetings/new', async (request, reply) => {
    const home = await council(request);
    const form = parseForm(scheduleForm, request.body);
    if (!form.ok) return showSchedule(request, reply, form.answers, form.problems);
    const id = await service.schedule({ organization_id: home.id, time_zone: defaultTimeZone, ...detailsInput(form.answers, defaultTimeZone) }, request.changeContext());
    return reply.redirect(`/${request.lang}/office/meetings/${id}`, 303);
  });

  route.get('/office/meetings/:id', { schema: { params: meetingParams, querystring: meetingQuery } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    return showMeeting(request, reply, loaded, [], undefined, request.query.minutes);
  });

  // ── The details set when scheduling: kind, number, title, when, where, how, the video link ──

  /** The scheduling form, filled in for a meeting whose details change (`version`: the meeting's the form was read at). */
  const showDetails = (request: FastifyRequest, reply: FastifyReply, meeting: ManagedMeeting, answers: ScheduleAnswers, version: string, problems: FieldProblem[]) => {
    const lang = request.lang;
    const title = translate(lang, 'meetingEdit.title');
    return reply.page(
      titleWithErrors(lang, title, problems),
      <ScheduleMeetingPage
        action={`/office/meetings/${meeting.id}/edit`}
        heading={title}
        submitLabel={translate(lang, 'meetingEdit.save')}
        intro={meeting.status === 'draft' ? undefined : translate(lang, 'meetingEdit.inviteesTold')}
        meeting={meeting}
        version={version}
        answers={answers}
        problems={problems}
      />,
      problems.length ? 400 : 200,
    );
  };

  /** Once a meeting has started (or was cancelled), its details are a record, not a plan. */
  const detailsEditable = (meeting: ManagedMeeting) => {
    if (!editableParts(meeting.status).details) throw BadRequestError('meetingEdit.notAllowed');
  };

  route.get('/office/meetings/:id/edit', { schema: { params: meetingParams } }, async (request, reply) => {
    const { meeting } = await managed(request, request.params.id);
    detailsEditable(meeting);
    return showDetails(request, reply, meeting, scheduleAnswersOf(meeting), String(meeting.version), []);
  });

  route.post('/office/meetings/:id/edit', { schema: { params: meetingParams } }, async (request, reply) => {
    const { home, meeting } = await managed(request, request.params.id);
    detailsEditable(meeting);
    // The version the form was read at, kept through a round of corrections so a change made meanwhile is not overwritten.
    const form = parseForm(detailsForm, request.body);
    if (!form.ok) return showDetails(request, reply, meeting, form.answers, form.raw.version, form.problems);
    const details = detailsInput(form.answers, meeting.timeZone);
    if (await refusalOf(() => service.updateDetails(meeting.id, home.id, details, form.answers.version, request.changeContext()))) throw BadRequestError('meetingEdit.notAllowed');
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
  });

  // ── Its status ──

  route.post('/office/meetings/:id/status', { schema: { params: meetingParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const form = parseForm(statusForm, request.body);
    if (!form.ok) return showMeeting(request, reply, loaded, form.problems);
    const a = form.answers;
    const reason = textOrNull(localizedText(a.reasonKk, a.reasonRu));
    const problems = await meetingChange(request.lang, (why) => ({ field: why === 'reason_missing' ? 'reasonKk' : 'action' }), () =>
      service.changeStatus(meeting.id, home.id, a.action, reason, a.version, request.changeContext()),
    );
    if (problems.length) return showMeeting(request, reply, loaded, problems);
    // The live sitting's own start and close buttons return there.
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}${a.back === 'live' ? '/live' : ''}`, 303);
  });

  // ── Chair and quorum rule ──

  route.post('/office/meetings/:id/chair', { schema: { params: meetingParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const chairs = await office.chairOptions(request.lang, loaded);
    const form = parseForm(chairForm(chairs.map((o) => o.value)), request.body);
    const refused = (problems: FieldProblem[]) => showMeeting(request, reply, loaded, inForm('chair', problems), { chair: form.raw });
    if (!form.ok) return refused(form.problems);
    const { chairPersonId, quorumRule, version } = form.answers;
    const problems = await meetingChange(request.lang, { field: 'chairPersonId' }, () => service.setChairAndQuorum(meeting.id, home.id, { chairPersonId: chairPersonId || null, quorumRule }, version, request.changeContext()));
    if (problems.length) return refused(problems);
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
  });

  agendaRoutes(route, service, office);
  paperRoutes(app, route, service, office, opts.registry);
  invitationRoutes(route, service, office, opts.registry);
}
