// The office side of meetings: the secretariat schedules and runs them; maslikhats answer
// invitations. Mounted under /:lang.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { provideAttention } from '../../core/attention.js';
import { authorize, definePolicies } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { zonedInstant } from '../../core/i18n/format.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { isUuid } from '../../core/ids.js';
import type { RegistryService } from '../registry/registry.service.js';
import { meetingPolicies } from './meetings.policies.js';
import { answerableOrganizations, allowedActions, createMeetingsService, invitationAttention, transitions, TransitionError, type StatusAction } from './meetings.service.js';
import { InvitationsPage, ManageMeetingPage, OfficeMeetingsPage, ScheduleMeetingPage, type ScheduleAnswers } from './views/office.js';

const text = (body: unknown, name: string, max = 500): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
};
const lt = (kk: string, ru: string, en = ''): LocalizedText => Object.fromEntries(Object.entries({ kk, ru, en }).filter(([, v]) => v)) as LocalizedText;
const orNull = (t: LocalizedText) => (Object.keys(t).length ? t : null);
const isoDate = z.iso.date();
const scheduleFields = ['kind', 'number', 'date', 'time', 'titleKk', 'titleRu', 'titleEn', 'placeKk', 'placeRu', 'format', 'videoUrl'] as const;


function withErrorTitle(lang: Language, title: string, problems: FieldProblem[]) {
  return problems.length ? `${translate(lang, 'form.errorTitlePrefix')} ${title}` : title;
}

export async function meetingOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const { db } = app;
  definePolicies(meetingPolicies);
  await languagePrefixGuard(app);
  const service = createMeetingsService(db, app.live);
  provideAttention('meetings', invitationAttention(db));

  const council = async (request: FastifyRequest) => {
    authorize(request, 'meetings.manage');
    return opts.registry.homeOrganization();
  };

  const managed = async (request: FastifyRequest, id: string) => {
    const home = await council(request);
    if (!isUuid(id)) throw NotFoundError();
    const m = await service.meeting(id, home.id);
    const orgs = await opts.registry.listOrganizationsByIds(m.invitations.map((i) => i.organizationId).filter((x): x is string => !!x));
    const names = new Map(orgs.map((o) => [o.id, o.name]));
    return {
      home,
      meeting: {
        id: m.id,
        kind: m.kind,
        number: m.number,
        title: m.title,
        startsAt: m.starts_at,
        timeZone: m.time_zone,
        status: m.status,
        format: m.format,
        place: m.place,
        videoUrl: m.video_url,
        statusReason: m.status_reason,
        version: m.version,
        agenda: m.agenda,
        invitations: m.invitations.map((i) => ({ ...i, organizationName: i.organizationId ? names.get(i.organizationId) ?? null : null })),
        changes: m.changes,
        minutes: m.minutes,
      },
    };
  };

  app.get('/office/meetings', async (request, reply) => {
    const home = await council(request);
    return reply.page(translate(request.lang, 'meetingsOffice.title'), <OfficeMeetingsPage meetings={await service.list(home.id)} />);
  });

  const blank: ScheduleAnswers = { kind: 'regular', number: '', date: '', time: '11:00', titleKk: '', titleRu: '', titleEn: '', placeKk: '', placeRu: '', format: 'hybrid', videoUrl: '' };

  app.get('/office/meetings/new', async (request, reply) => {
    await council(request);
    return reply.page(translate(request.lang, 'meetingsOffice.schedule'), <ScheduleMeetingPage answers={{ ...blank, date: todayInKazakhstan() }} problems={[]} />);
  });

  app.post('/office/meetings/new', async (request, reply) => {
    const lang = request.lang;
    const home = await council(request);
    const a = Object.fromEntries(scheduleFields.map((f) => [f, text(request.body, f, f === 'videoUrl' ? 2000 : 500)])) as unknown as ScheduleAnswers;
    const problems: FieldProblem[] = [];
    if (!['regular', 'extraordinary', 'field'].includes(a.kind)) problems.push({ field: 'kind', messageKey: 'meetingForm.kindMissing' });
    if (a.number && !/^\d{1,4}$/.test(a.number)) problems.push({ field: 'number', messageKey: 'meetingForm.numberInvalid' });
    if (!a.date) problems.push({ field: 'date', messageKey: 'deputyForm.dateMissing' });
    else if (!isoDate.safeParse(a.date).success) problems.push({ field: 'date', messageKey: 'people.dateInvalid' });
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(a.time)) problems.push({ field: 'time', messageKey: 'meetingForm.timeInvalid' });
    if (!a.titleKk && !a.titleRu) problems.push({ field: 'titleKk', messageKey: 'meetingForm.titleMissing' });
    if (!['in_person', 'online', 'hybrid'].includes(a.format)) problems.push({ field: 'format', messageKey: 'meetingForm.formatMissing' });
    if (a.format !== 'in_person' && a.format && !/^https:\/\/[^\s]+$/.test(a.videoUrl)) problems.push({ field: 'videoUrl', messageKey: 'meetingForm.videoUrlInvalid' });
    if (problems.length) {
      return reply.page(withErrorTitle(lang, translate(lang, 'meetingsOffice.schedule'), problems), <ScheduleMeetingPage answers={a} problems={problems} />, 400);
    }
    const timeZone = 'Asia/Almaty';
    const id = await service.schedule(
      {
        organization_id: home.id,
        kind: a.kind as 'regular',
        number: a.number ? Number(a.number) : null,
        title: orNull(lt(a.titleKk, a.titleRu, a.titleEn)),
        starts_at: zonedInstant(a.date, a.time, timeZone),
        time_zone: timeZone,
        place: orNull(lt(a.placeKk, a.placeRu)),
        format: a.format as 'hybrid',
        video_url: a.format === 'in_person' ? null : a.videoUrl,
      },
      request.changeContext(),
    );
    return reply.redirect(`/${lang}/office/meetings/${id}`, 303);
  });

  app.get<{ Params: { id: string } }>('/office/meetings/:id', async (request, reply) => {
    const { meeting } = await managed(request, request.params.id);
    const notice = (request.query as { minutes?: string }).minutes;
    return reply.page(
      translate(request.lang, 'meetingsOffice.title'),
      <ManageMeetingPage meeting={meeting} actions={allowedActions(meeting.status)} problems={[]} minutesNotice={notice === 'approved' || notice === 'not-held' ? notice : undefined} />,
    );
  });

  const transitionMessages: Record<TransitionError['reason'], MessageKey> = {
    not_allowed: 'meetingsOffice.notAllowed',
    reason_missing: 'meetingsOffice.reasonMissing',
    agenda_empty: 'meetingsOffice.agendaEmptyToAnnounce',
  };

  app.post<{ Params: { id: string } }>('/office/meetings/:id/status', async (request, reply) => {
    const lang = request.lang;
    const { home, meeting } = await managed(request, request.params.id);
    const action = text(request.body, 'action') as StatusAction;
    const reason = orNull(lt(text(request.body, 'reasonKk'), text(request.body, 'reasonRu')));
    try {
      if (!(action in transitions)) throw new TransitionError('not_allowed');
      await service.changeStatus(meeting.id, home.id, action, reason, Number(text(request.body, 'version')) || 0, request.changeContext());
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      const problems: FieldProblem[] = [{ field: err.reason === 'reason_missing' ? 'reasonKk' : 'action', messageKey: transitionMessages[err.reason] }];
      return reply.page(withErrorTitle(lang, translate(lang, 'meetingsOffice.title'), problems), <ManageMeetingPage meeting={meeting} actions={allowedActions(meeting.status)} problems={problems} />, 400);
    }
    // The live sitting's own start and close buttons return there.
    const back = text(request.body, 'back') === 'live' ? '/live' : '';
    return reply.redirect(`/${lang}/office/meetings/${meeting.id}${back}`, 303);
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/agenda', async (request, reply) => {
    const lang = request.lang;
    const { home, meeting } = await managed(request, request.params.id);
    const title = lt(text(request.body, 'titleKk'), text(request.body, 'titleRu'), text(request.body, 'titleEn'));
    const minutes = text(request.body, 'minutes');
    const problems: FieldProblem[] = [];
    if (!title.kk && !title.ru) problems.push({ field: 'titleKk', messageKey: 'meetingForm.titleMissing' });
    if (minutes && !/^\d{1,3}$/.test(minutes)) problems.push({ field: 'minutes', messageKey: 'meetingsOffice.minutesInvalid' });
    if (!problems.length) {
      try {
        await service.addAgendaItem(meeting.id, home.id, { title, minutesAllotted: minutes ? Number(minutes) : null, isMain: text(request.body, 'isMain') === '1' }, request.changeContext());
        return reply.redirect(`/${lang}/office/meetings/${meeting.id}`, 303);
      } catch (err) {
        if (!(err instanceof TransitionError)) throw err;
        problems.push({ field: 'titleKk', messageKey: transitionMessages[err.reason] });
      }
    }
    return reply.page(withErrorTitle(lang, translate(lang, 'meetingsOffice.title'), problems), <ManageMeetingPage meeting={meeting} actions={allowedActions(meeting.status)} problems={problems} />, 400);
  });

  app.post<{ Params: { id: string; itemId: string } }>('/office/meetings/:id/agenda/:itemId/remove', async (request, reply) => {
    const { home, meeting } = await managed(request, request.params.id);
    if (!isUuid(request.params.itemId)) throw NotFoundError();
    try {
      await service.removeAgendaItem(meeting.id, home.id, request.params.itemId, request.changeContext());
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      const problems: FieldProblem[] = [{ field: 'titleKk', messageKey: transitionMessages[err.reason] }];
      return reply.page(translate(request.lang, 'meetingsOffice.title'), <ManageMeetingPage meeting={meeting} actions={allowedActions(meeting.status)} problems={problems} />, 400);
    }
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/invitations', async (request, reply) => {
    const { home, meeting } = await managed(request, request.params.id);
    const maslikhats = await opts.registry.listRegionMaslikhats(todayInKazakhstan(meeting.startsAt));
    await service.invite(meeting.id, home.id, maslikhats.map((m) => m.id), request.changeContext());
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
  });

  // ── A maslikhat answers its invitations. ──

  app.get('/office/invitations', async (request, reply) => {
    const actor = authorize(request, 'office.view');
    const organizations = answerableOrganizations(actor);
    const invitations = await service.invitationsFor(organizations);
    const names = new Map((await opts.registry.listOrganizationsByIds([...new Set(invitations.map((i) => i.organizationId))])).map((o) => [o.id, o.name]));
    const rows = invitations.map((i) => ({
      id: i.id,
      organizationName: names.get(i.organizationId) ?? null,
      status: i.status,
      attendanceMode: i.attendanceMode,
      attendees: i.attendees,
      version: i.version,
      meeting: { kind: i.kind, number: i.number, title: i.title, startsAt: i.startsAt, timeZone: i.timeZone, format: i.format },
    }));
    const answered = (request.query as { answered?: string }).answered === '1';
    return reply.page(translate(request.lang, 'invitations.title'), <InvitationsPage invitations={rows} answered={answered} />);
  });

  app.post<{ Params: { id: string } }>('/office/invitations/:id/respond', async (request, reply) => {
    if (!isUuid(request.params.id)) throw NotFoundError();
    const invitation = await service.invitation(request.params.id);
    const actor = authorize(request, 'meetings.respond', { organizationId: invitation.organizationId }, { hideExistence: true });
    const answer = text(request.body, 'answer');
    if (!['room', 'video', 'declined'].includes(answer)) return reply.redirect(`/${request.lang}/office/invitations`, 303);
    await service.respond(
      invitation.id,
      { status: answer === 'declined' ? 'declined' : 'confirmed', mode: answer === 'declined' ? null : (answer as 'room' | 'video'), attendees: text(request.body, 'attendees', 1000) || null },
      Number(text(request.body, 'version')) || 0,
      { ...request.changeContext(), actorAccountId: actor.accountId },
    );
    return reply.redirect(`/${request.lang}/office/invitations?answered=1`, 303);
  });
}
