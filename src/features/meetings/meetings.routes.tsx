// The office side of meetings: the secretariat schedules and runs them; maslikhats answer
// invitations. Mounted under /:lang.
import { isUploadedFile, singleFileUploads } from '../../core/http/uploads.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { provideAttention } from '../../core/attention.js';
import { authorize, can, definePolicies } from '../../core/auth/authorize.js';
import { quorumRules, type QuorumRule } from '../../core/db/database.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { defaultTimeZone, localize, zonedInstant } from '../../core/i18n/format.js';
import { BadRequestError, ForbiddenError, NotFoundError, UnauthorizedError, type FieldProblem } from '../../core/errors.js';
import { languagePrefixGuard } from '../../core/http/language.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import { isUuid } from '../../core/ids.js';
import type { RegistryService } from '../registry/registry.service.js';
import { meetingPolicies } from './meetings.policies.js';
import type { MeetingDetails } from './meetings.repository.js';
import { answerableOrganizations, allowedActions, createMeetingsService, editableParts, invitationAttention, transitions, TransitionError, type StatusAction } from './meetings.service.js';
import { attachmentDisposition, cleanFileName, maxPaperBytes, sniffPaper } from './papers.js';
import { createPublicMeetingService } from './public.service.js';
import {
  AgendaItemPage,
  blankSpeakerAnswers,
  InvitationsPage,
  itemAnswersOf,
  ManageMeetingPage,
  OfficeMeetingsPage,
  ScheduleMeetingPage,
  type ItemAnswers,
  type MeetingAnswers,
  type ScheduleAnswers,
  type SpeakerAnswers,
} from './views/office.js';
import { formAnswers, formText, titleWithErrors } from '../../core/http/form.js';
import { localizedText, textOrNull } from '../../core/i18n/localized-text.js';

const isoDate = z.iso.date();
/** Minutes allotted: a whole number from 1 to 999. */
const minutesPattern = /^[1-9]\d{0,2}$/;
/** Who may chair a meeting: its individual members (not its staff, not organisations). */
/** The Council's individual members: they may chair, and are invited as people. */
const chairRoles = new Set(['head', 'deputy_head', 'member']);
const isQuorumRule = (value: string): value is QuorumRule => (quorumRules as readonly string[]).includes(value);
const scheduleFields = ['kind', 'number', 'date', 'time', 'titleKk', 'titleRu', 'titleEn', 'placeKk', 'placeRu', 'format', 'videoUrl'] as const;
const itemFields = ['titleKk', 'titleRu', 'titleEn', 'descriptionKk', 'descriptionRu', 'minutes', 'isMain', 'version'] as const;

/** The scheduling form's answers and what is wrong with them: one check for a new meeting and a changed one. */
function readScheduleForm(body: unknown): { answers: ScheduleAnswers; problems: FieldProblem[] } {
  const a = Object.fromEntries(scheduleFields.map((f) => [f, formText(body, f, f === 'videoUrl' ? 2000 : 500)])) as unknown as ScheduleAnswers;
  const problems: FieldProblem[] = [];
  if (!['regular', 'extraordinary', 'field'].includes(a.kind)) problems.push({ field: 'kind', messageKey: 'meetingForm.kindMissing' });
  if (a.number && !/^\d{1,4}$/.test(a.number)) problems.push({ field: 'number', messageKey: 'meetingForm.numberInvalid' });
  if (!a.date) problems.push({ field: 'date', messageKey: 'deputyForm.dateMissing' });
  else if (!isoDate.safeParse(a.date).success) problems.push({ field: 'date', messageKey: 'people.dateInvalid' });
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(a.time)) problems.push({ field: 'time', messageKey: 'meetingForm.timeInvalid' });
  if (!a.titleKk && !a.titleRu) problems.push({ field: 'titleKk', messageKey: 'meetingForm.titleMissing' });
  if (!['in_person', 'online', 'hybrid'].includes(a.format)) problems.push({ field: 'format', messageKey: 'meetingForm.formatMissing' });
  if (a.format !== 'in_person' && a.format && !/^https:\/\/[^\s]+$/.test(a.videoUrl)) problems.push({ field: 'videoUrl', messageKey: 'meetingForm.videoUrlInvalid' });
  return { answers: a, problems };
}

/** Checked answers as a meeting's details, the local date and time read in the meeting's zone. */
function detailsOf(a: ScheduleAnswers, timeZone: string): MeetingDetails {
  return {
    kind: a.kind as MeetingDetails['kind'],
    number: a.number ? Number(a.number) : null,
    title: textOrNull(localizedText(a.titleKk, a.titleRu, a.titleEn)),
    starts_at: zonedInstant(a.date, a.time, timeZone),
    place: textOrNull(localizedText(a.placeKk, a.placeRu)),
    format: a.format as MeetingDetails['format'],
    video_url: a.format === 'in_person' ? null : a.videoUrl,
  };
}

/** A meeting's details as the form shows them: the date and time on the clock of the meeting's own zone. */
function scheduleAnswersOf(m: { kind: string; number: number | null; title: LocalizedText | null; startsAt: Date; timeZone: string; place: LocalizedText | null; format: string; videoUrl: string | null }): ScheduleAnswers {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: m.timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(m.startsAt)
      .map((p) => [p.type, p.value]),
  );
  return {
    kind: m.kind,
    number: m.number === null ? '' : String(m.number),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    titleKk: m.title?.kk ?? '',
    titleRu: m.title?.ru ?? '',
    titleEn: m.title?.en ?? '',
    placeKk: m.place?.kk ?? '',
    placeRu: m.place?.ru ?? '',
    format: m.format,
    videoUrl: m.videoUrl ?? '',
  };
}

export async function meetingOfficeRoutes(app: FastifyInstance, opts: { registry: RegistryService }): Promise<void> {
  const { db } = app;
  definePolicies(meetingPolicies);
  await languagePrefixGuard(app);
  // Papers: fields and one file arrive as plain values (the CSRF field among them); the size is
  // checked here, the kind from the bytes.
  await singleFileUploads(app, { maxBytes: maxPaperBytes, fields: 10 });
  const service = createMeetingsService(db, app.live);
  const publicMeetings = createPublicMeetingService(db, opts.registry);
  provideAttention('meetings', invitationAttention(db));

  const council = async (request: FastifyRequest) => {
    authorize(request, 'meetings.manage');
    return opts.registry.homeOrganization();
  };

  const managed = async (request: FastifyRequest, id: string) => {
    const home = await council(request);
    if (!isUuid(id)) throw NotFoundError();
    const m = await service.meeting(id, home.id);
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
        chairPersonId: m.chair_person_id,
        chairName: m.chair?.name ?? null,
        quorumRule: m.quorum_rule,
        agenda: m.agenda,
        speakers: m.speakers,
        papers: m.papers,
        invitations: m.invitations,
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

  /** The scheduling form, for a new meeting. */
  const showSchedule = (request: FastifyRequest, reply: FastifyReply, answers: ScheduleAnswers, problems: FieldProblem[]) => {
    const lang = request.lang;
    const title = translate(lang, 'meetingsOffice.schedule');
    return reply.page(
      titleWithErrors(lang, title, problems),
      <ScheduleMeetingPage action="/office/meetings/new" heading={title} submitLabel={translate(lang, 'meetingForm.save')} answers={answers} problems={problems} />,
      problems.length ? 400 : 200,
    );
  };

  app.get('/office/meetings/new', async (request, reply) => {
    await council(request);
    return showSchedule(request, reply, { ...blank, date: todayInKazakhstan() }, []);
  });

  app.post('/office/meetings/new', async (request, reply) => {
    const home = await council(request);
    const { answers, problems } = readScheduleForm(request.body);
    if (problems.length) return showSchedule(request, reply, answers, problems);
    const id = await service.schedule({ organization_id: home.id, time_zone: defaultTimeZone, ...detailsOf(answers, defaultTimeZone) }, request.changeContext());
    return reply.redirect(`/${request.lang}/office/meetings/${id}`, 303);
  });

  type Loaded = Awaited<ReturnType<typeof managed>>;
  const personName = (lang: Language, name: LocalizedText | null | undefined) => localize(lang, name).text;
  const byLabel = (lang: Language) => (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, lang);

  /** The regions' maslikhats not invited yet, to choose from. */
  async function regionOptions(lang: Language, { meeting }: Loaded) {
    const invited = new Set(meeting.invitations.map((i) => i.organizationId));
    const maslikhats = await opts.registry.listRegionMaslikhats(todayInKazakhstan(meeting.startsAt));
    return maslikhats.filter((m) => !invited.has(m.id)).map((m) => ({ value: m.id, label: personName(lang, m.name) }));
  }

  /**
   * Who may chair: the Council's chair and deputy chairs on the meeting's day (their posts named,
   * listed first), its individual members, and whoever chairs it now.
   */
  async function chairOptions(lang: Language, { home, meeting }: Loaded) {
    const members = await opts.registry.councilMembers(home.id, todayInKazakhstan(meeting.startsAt));
    const rank = (role: string) => (role === 'head' ? 0 : role === 'deputy_head' ? 1 : 2);
    const options = new Map<string, { label: string; rank: number }>();
    for (const m of members.toSorted((a, b) => rank(a.role) - rank(b.role))) {
      if (!m.personId || !m.personName || !chairRoles.has(m.role) || options.has(m.personId)) continue;
      const post = m.role === 'head' || m.role === 'deputy_head' ? translate(lang, m.role === 'head' ? 'councilPost.role.head' : 'councilPost.role.deputy_head') : undefined;
      options.set(m.personId, { label: post ? `${personName(lang, m.personName)} — ${post}` : personName(lang, m.personName), rank: rank(m.role) });
    }
    if (meeting.chairPersonId && !options.has(meeting.chairPersonId)) options.set(meeting.chairPersonId, { label: personName(lang, meeting.chairName), rank: 2 });
    const sorted = [...options].map(([value, o]) => ({ value, label: o.label, rank: o.rank })).toSorted(byLabel(lang));
    return sorted.toSorted((a, b) => a.rank - b.rank).map(({ value, label }) => ({ value, label }));
  }

  /** Who may speak: the Council's members and the representatives of its collective members on the meeting's day, and the meeting's speakers already chosen. */
  async function speakerOptions(lang: Language, { home, meeting }: Loaded) {
    const date = todayInKazakhstan(meeting.startsAt);
    const [members, representatives] = await Promise.all([opts.registry.councilMembers(home.id, date), service.councilRepresentatives(home.id, date)]);
    const organizations = new Map(members.filter((m) => m.memberOrganizationId).map((m) => [m.memberOrganizationId!, m.memberName]));
    const options = new Map<string, string>();
    for (const m of members) {
      if (m.personId && m.personName) options.set(m.personId, m.label ? `${personName(lang, m.personName)} — ${personName(lang, m.label)}` : personName(lang, m.personName));
    }
    for (const r of representatives) {
      if (options.has(r.personId)) continue;
      const organization = r.onBehalfOfId ? organizations.get(r.onBehalfOfId) : undefined;
      options.set(r.personId, organization ? `${personName(lang, r.personName)} — ${translate(lang, 'agendaEdit.representativeOf', { organization: personName(lang, organization) })}` : personName(lang, r.personName));
    }
    for (const s of meeting.speakers) if (!options.has(s.personId)) options.set(s.personId, personName(lang, s.personName));
    return [...options].map(([value, label]) => ({ value, label })).toSorted(byLabel(lang));
  }

  /** The meeting's page; with problems, "Error:" in the title, the summary on top, status 400 and the answers kept. */
  async function showMeeting(request: FastifyRequest, reply: FastifyReply, loaded: Loaded, problems: FieldProblem[], answers?: Partial<MeetingAnswers>, minutesNotice?: 'approved' | 'not-held') {
    const lang = request.lang;
    const { meeting } = loaded;
    return reply.page(
      titleWithErrors(lang, translate(lang, 'meetingsOffice.title'), problems),
      <ManageMeetingPage
        meeting={meeting}
        actions={allowedActions(meeting.status)}
        problems={problems}
        minutesNotice={minutesNotice}
        editable={editableParts(meeting.status)}
        chairOptions={await chairOptions(lang, loaded)}
        regionOptions={await regionOptions(lang, loaded)}
        admissions={await opts.registry.admissionsOfMeeting(meeting.id)}
        answers={answers}
      />,
      problems.length ? 400 : 200,
    );
  }

  /** One agenda item's page: its form and its speakers. */
  async function showItem(request: FastifyRequest, reply: FastifyReply, loaded: Loaded, itemId: string, problems: FieldProblem[], answers?: ItemAnswers, speakerAnswers?: SpeakerAnswers) {
    const lang = request.lang;
    const { meeting } = loaded;
    const item = meeting.agenda.find((i) => i.id === itemId);
    if (!item) throw NotFoundError();
    return reply.page(
      titleWithErrors(lang, translate(lang, 'agendaEdit.title'), problems),
      <AgendaItemPage
        meeting={meeting}
        item={item}
        answers={answers ?? itemAnswersOf(item)}
        speakers={meeting.speakers.filter((s) => s.agendaItemId === item.id)}
        personOptions={await speakerOptions(lang, loaded)}
        speakerAnswers={speakerAnswers ?? blankSpeakerAnswers}
        problems={problems}
        editable={editableParts(meeting.status).agenda}
      />,
      problems.length ? 400 : 200,
    );
  }

  /** The agenda item named in the URL, on the managed meeting. */
  const itemOf = (loaded: Loaded, itemId: string) => {
    const item = isUuid(itemId) ? loaded.meeting.agenda.find((i) => i.id === itemId.toLowerCase()) : undefined;
    if (!item) throw NotFoundError();
    return item;
  };

  app.get<{ Params: { id: string } }>('/office/meetings/:id', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const notice = (request.query as { minutes?: string }).minutes;
    return showMeeting(request, reply, loaded, [], undefined, notice === 'approved' || notice === 'not-held' ? notice : undefined);
  });

  // ── The details set when scheduling: kind, number, title, when, where, how, the video link ──

  /** The scheduling form, filled in for a meeting whose details change. */
  const showDetails = (request: FastifyRequest, reply: FastifyReply, meeting: Loaded['meeting'], answers: ScheduleAnswers, version: string, problems: FieldProblem[]) => {
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
  const detailsEditable = (meeting: Loaded['meeting']) => {
    if (!editableParts(meeting.status).details) throw BadRequestError('meetingEdit.notAllowed');
  };

  app.get<{ Params: { id: string } }>('/office/meetings/:id/edit', async (request, reply) => {
    const { meeting } = await managed(request, request.params.id);
    detailsEditable(meeting);
    return showDetails(request, reply, meeting, scheduleAnswersOf(meeting), String(meeting.version), []);
  });

  app.post<{ Params: { id: string } }>('/office/meetings/:id/edit', async (request, reply) => {
    const { home, meeting } = await managed(request, request.params.id);
    detailsEditable(meeting);
    // The version the form was read at, kept through a round of corrections so a change made meanwhile is not overwritten.
    const version = formText(request.body, 'version');
    const { answers, problems } = readScheduleForm(request.body);
    if (problems.length) return showDetails(request, reply, meeting, answers, version, problems);
    try {
      await service.updateDetails(meeting.id, home.id, detailsOf(answers, meeting.timeZone), Number(version) || 0, request.changeContext());
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      throw BadRequestError('meetingEdit.notAllowed');
    }
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
  });

  const transitionMessages: Record<TransitionError['reason'], MessageKey> = {
    not_allowed: 'meetingsOffice.notAllowed',
    reason_missing: 'meetingsOffice.reasonMissing',
    agenda_empty: 'meetingsOffice.agendaEmptyToAnnounce',
  };

  app.post<{ Params: { id: string } }>('/office/meetings/:id/status', async (request, reply) => {
    const lang = request.lang;
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const action = formText(request.body, 'action') as StatusAction;
    const reason = textOrNull(localizedText(formText(request.body, 'reasonKk'), formText(request.body, 'reasonRu')));
    try {
      if (!(action in transitions)) throw new TransitionError('not_allowed');
      await service.changeStatus(meeting.id, home.id, action, reason, Number(formText(request.body, 'version')) || 0, request.changeContext());
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      return showMeeting(request, reply, loaded, [{ field: err.reason === 'reason_missing' ? 'reasonKk' : 'action', messageKey: transitionMessages[err.reason] }]);
    }
    // The live sitting's own start and close buttons return there.
    const back = formText(request.body, 'back') === 'live' ? '/live' : '';
    return reply.redirect(`/${lang}/office/meetings/${meeting.id}${back}`, 303);
  });

  // ── The agenda: items and sub-items, their order, wording and speakers ──

  app.post<{ Params: { id: string } }>('/office/meetings/:id/agenda', async (request, reply) => {
    const lang = request.lang;
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const a = formAnswers(request.body, ['titleKk', 'titleRu', 'titleEn', 'minutes', 'isMain', 'parentId'] as const);
    const title = localizedText(a.titleKk, a.titleRu, a.titleEn);
    const problems: FieldProblem[] = [];
    if (a.parentId && !meeting.agenda.some((i) => i.id === a.parentId && i.parentId === null)) problems.push({ field: 'parentId', messageKey: 'agendaEdit.parentUnknown' });
    if (!title.kk && !title.ru) problems.push({ field: 'titleKk', messageKey: 'meetingForm.titleMissing' });
    if (a.minutes && !minutesPattern.test(a.minutes)) problems.push({ field: 'minutes', messageKey: 'meetingsOffice.minutesInvalid' });
    if (!problems.length) {
      try {
        const id = await service.addAgendaItem(meeting.id, home.id, { title, minutesAllotted: a.minutes ? Number(a.minutes) : null, isMain: a.isMain === '1', parentId: a.parentId || null }, request.changeContext());
        return reply.redirect(`/${lang}/office/meetings/${meeting.id}#item-${id}`, 303);
      } catch (err) {
        if (!(err instanceof TransitionError)) throw err;
        problems.push({ field: 'titleKk', messageKey: transitionMessages[err.reason] });
      }
    }
    return showMeeting(request, reply, loaded, problems, { item: a });
  });

  app.post<{ Params: { id: string; itemId: string } }>('/office/meetings/:id/agenda/:itemId/remove', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    try {
      await service.removeAgendaItem(meeting.id, home.id, item.id, request.changeContext());
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      return showMeeting(request, reply, loaded, [{ field: 'titleKk', messageKey: transitionMessages[err.reason] }]);
    }
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
  });

  app.post<{ Params: { id: string; itemId: string } }>('/office/meetings/:id/agenda/:itemId/move', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const direction = formText(request.body, 'direction');
    if (direction === 'up' || direction === 'down') {
      try {
        await service.moveAgendaItem(meeting.id, home.id, item.id, direction, request.changeContext());
      } catch (err) {
        if (!(err instanceof TransitionError)) throw err;
        return showMeeting(request, reply, loaded, [{ field: 'titleKk', messageKey: transitionMessages[err.reason] }]);
      }
    }
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}#item-${item.id}`, 303);
  });

  app.get<{ Params: { id: string; itemId: string } }>('/office/meetings/:id/agenda/:itemId/edit', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    return showItem(request, reply, loaded, itemOf(loaded, request.params.itemId).id, []);
  });

  app.post<{ Params: { id: string; itemId: string } }>('/office/meetings/:id/agenda/:itemId/edit', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const a: ItemAnswers = formAnswers(request.body, itemFields, 2000);
    const title = localizedText(a.titleKk, a.titleRu, a.titleEn);
    const problems: FieldProblem[] = [];
    if (!title.kk && !title.ru) problems.push({ field: 'titleKk', messageKey: 'meetingForm.titleMissing' });
    if (a.minutes && !minutesPattern.test(a.minutes)) problems.push({ field: 'minutes', messageKey: 'meetingsOffice.minutesInvalid' });
    if (!problems.length) {
      try {
        await service.editAgendaItem(
          meeting.id,
          home.id,
          item.id,
          { title, description: textOrNull(localizedText(a.descriptionKk, a.descriptionRu)), minutesAllotted: a.minutes ? Number(a.minutes) : null, isMain: a.isMain === '1' },
          Number(a.version) || 0,
          request.changeContext(),
        );
        return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}#item-${item.id}`, 303);
      } catch (err) {
        if (!(err instanceof TransitionError)) throw err;
        problems.push({ field: 'titleKk', messageKey: transitionMessages[err.reason] });
      }
    }
    return showItem(request, reply, loaded, item.id, problems, a);
  });

  app.post<{ Params: { id: string; itemId: string } }>('/office/meetings/:id/agenda/:itemId/speakers', async (request, reply) => {
    const lang = request.lang;
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const a: SpeakerAnswers = formAnswers(request.body, ['personId', 'role', 'labelKk', 'labelRu'] as const);
    const problems: FieldProblem[] = [];
    const options = await speakerOptions(lang, loaded);
    if (!options.some((o) => o.value === a.personId)) problems.push({ idPrefix: 'speaker', field: 'personId', messageKey: 'agendaEdit.personMissing' });
    else if (meeting.speakers.some((s) => s.agendaItemId === item.id && s.personId === a.personId)) problems.push({ idPrefix: 'speaker', field: 'personId', messageKey: 'agendaEdit.speakerDuplicate' });
    if (a.role !== 'rapporteur' && a.role !== 'co_speaker') problems.push({ idPrefix: 'speaker', field: 'role', messageKey: 'agendaEdit.roleMissing' });
    if (!problems.length) {
      try {
        await service.addSpeaker(meeting.id, home.id, item.id, { personId: a.personId, role: a.role as 'rapporteur', label: textOrNull(localizedText(a.labelKk, a.labelRu)) }, request.changeContext());
        return reply.redirect(`/${lang}/office/meetings/${meeting.id}/agenda/${item.id}/edit`, 303);
      } catch (err) {
        if (!(err instanceof TransitionError)) throw err;
        problems.push({ idPrefix: 'speaker', field: 'personId', messageKey: transitionMessages[err.reason] });
      }
    }
    return showItem(request, reply, loaded, item.id, problems, undefined, a);
  });

  app.post<{ Params: { id: string; itemId: string; speakerId: string } }>('/office/meetings/:id/agenda/:itemId/speakers/:speakerId/remove', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const speaker = meeting.speakers.find((s) => s.id === request.params.speakerId.toLowerCase() && s.agendaItemId === item.id);
    if (!speaker) throw NotFoundError();
    try {
      await service.removeSpeaker(meeting.id, home.id, speaker.id, request.changeContext());
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      return showItem(request, reply, loaded, item.id, [{ idPrefix: 'speaker', field: 'personId', messageKey: transitionMessages[err.reason] }]);
    }
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}/agenda/${item.id}/edit`, 303);
  });

  // ── Papers ──

  app.post<{ Params: { id: string } }>('/office/meetings/:id/papers', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const a: MeetingAnswers['paper'] = formAnswers(request.body, ['titleKk', 'titleRu', 'agendaItemId'] as const);
    const file = (request.body as Record<string, unknown> | undefined)?.file;
    const problems: FieldProblem[] = [];
    const problem = (field: string, messageKey: MessageKey, values?: Record<string, number>) => problems.push({ idPrefix: 'paper', field, messageKey, ...(values ? { values } : {}) });
    if (a.agendaItemId && !meeting.agenda.some((i) => i.id === a.agendaItemId)) problem('agendaItemId', 'papers.itemUnknown');
    if (!a.titleKk && !a.titleRu) problem('titleKk', 'papers.titleMissing');
    const kind = isUploadedFile(file) && file.data.length > 0 && !file.truncated ? sniffPaper(file.data) : undefined;
    if (!isUploadedFile(file) || file.data.length === 0) problem('file', 'papers.fileMissing');
    else if (file.truncated) problem('file', 'papers.fileTooLarge', { limit: maxPaperBytes / 1024 / 1024 });
    else if (!kind) problem('file', 'papers.fileType');
    if (!problems.length && kind && isUploadedFile(file)) {
      const fileHash = await app.files.put(file.data, kind.extension);
      try {
        await service.addPaper(
          meeting.id,
          home.id,
          { agendaItemId: a.agendaItemId || null, title: localizedText(a.titleKk, a.titleRu), fileName: cleanFileName(file.filename, kind.extension), fileHash, contentType: kind.contentType, byteSize: file.data.length },
          request.changeContext(),
        );
        return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}#papers-title`, 303);
      } catch (err) {
        if (!(err instanceof TransitionError)) throw err;
        problem('file', transitionMessages[err.reason]);
      }
    }
    return showMeeting(request, reply, loaded, problems, { paper: a });
  });

  app.post<{ Params: { id: string; paperId: string } }>('/office/meetings/:id/papers/:paperId/remove', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const paper = meeting.papers.find((p) => p.id === request.params.paperId.toLowerCase());
    if (!paper) throw NotFoundError();
    try {
      await service.removePaper(meeting.id, home.id, paper.id, request.changeContext());
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      return showMeeting(request, reply, loaded, [{ idPrefix: 'paper', field: 'file', messageKey: transitionMessages[err.reason] }]);
    }
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}#papers-title`, 303);
  });

  // Streamed: a paper may be 20 MB, and several may be downloaded at once.
  const sendPaper = async (reply: FastifyReply, paper: { fileHash: string; fileName: string; contentType: string }, cacheControl: string) => {
    const file = await app.files.open(paper.fileHash);
    if (!file) throw NotFoundError();
    return reply
      .header('content-type', paper.contentType)
      .header('content-length', file.size)
      .header('content-disposition', attachmentDisposition(paper.fileName))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', cacheControl)
      .send(file.stream);
  };

  /** The secretariat, and invitees once the meeting is announced: Council members and the staff of invited maslikhats. */
  app.get<{ Params: { id: string; paperId: string } }>('/office/meetings/:id/papers/:paperId', async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw UnauthorizedError();
    const { id, paperId } = request.params;
    if (!isUuid(id) || !isUuid(paperId)) throw NotFoundError();
    const home = await opts.registry.homeOrganization();
    const { paper, status, invitedOrganizationIds } = await service.paperWithAudience(id.toLowerCase(), home.id, paperId.toLowerCase());
    const invitee = status !== 'draft' && (can(actor, 'meetings.view-invited') || invitedOrganizationIds.some((o) => can(actor, 'meetings.view-invited', { organizationId: o })));
    if (!can(actor, 'meetings.manage') && !invitee) throw ForbiddenError();
    return sendPaper(reply, paper, 'private, no-store');
  });

  /** Public once the meeting is held; before that, as if there were no such paper. */
  app.get<{ Params: { id: string; paperId: string } }>('/meetings/:id/papers/:paperId', async (request, reply) => {
    const paper = await publicMeetings.paper(request.params.id, request.params.paperId);
    return sendPaper(reply, paper, 'public, max-age=300');
  });

  // ── Chair and quorum rule ──

  app.post<{ Params: { id: string } }>('/office/meetings/:id/chair', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const a: MeetingAnswers['chair'] = formAnswers(request.body, ['chairPersonId', 'quorumRule'] as const);
    const problems: FieldProblem[] = [];
    if (a.chairPersonId && !(await chairOptions(request.lang, loaded)).some((o) => o.value === a.chairPersonId)) problems.push({ idPrefix: 'chair', field: 'chairPersonId', messageKey: 'chair.chairUnknown' });
    if (!isQuorumRule(a.quorumRule)) problems.push({ idPrefix: 'chair', field: 'quorumRule', messageKey: 'chair.quorumRuleMissing' });
    if (!problems.length && isQuorumRule(a.quorumRule)) {
      try {
        await service.setChairAndQuorum(meeting.id, home.id, { chairPersonId: a.chairPersonId || null, quorumRule: a.quorumRule }, Number(formText(request.body, 'version')) || 0, request.changeContext());
        return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
      } catch (err) {
        if (!(err instanceof TransitionError)) throw err;
        problems.push({ idPrefix: 'chair', field: 'chairPersonId', messageKey: transitionMessages[err.reason] });
      }
    }
    return showMeeting(request, reply, loaded, problems, { chair: a });
  });

  // Invites every region's maslikhat (scope=all), the chosen ones (scope=chosen, organizationId
  // repeated), or the Council's members on the meeting's day (scope=members).
  app.post<{ Params: { id: string } }>('/office/meetings/:id/invitations', async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const scope = formText(body, 'scope') || 'all';
    const date = todayInKazakhstan(meeting.startsAt);
    if (scope === 'members') {
      const members = await opts.registry.councilMembers(home.id, date);
      await service.invitePeople(meeting.id, home.id, members.flatMap((m) => (m.personId && chairRoles.has(m.role) ? [m.personId] : [])), request.changeContext());
    } else {
      const maslikhats = await opts.registry.listRegionMaslikhats(date);
      const chosen = new Set([body.organizationId ?? []].flat().filter((v): v is string => typeof v === 'string'));
      if (scope === 'chosen' && (chosen.size === 0 || [...chosen].some((id) => !maslikhats.some((m) => m.id === id)))) {
        return showMeeting(request, reply, loaded, [{ idPrefix: 'invite', field: 'organizationId', messageKey: 'meetingsOffice.chooseRegions' }]);
      }
      await service.invite(meeting.id, home.id, maslikhats.filter((m) => scope !== 'chosen' || chosen.has(m.id)).map((m) => m.id), request.changeContext());
    }
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
  });

  // ── A maslikhat answers its invitations. ──

  app.get('/office/invitations', async (request, reply) => {
    const actor = authorize(request, 'office.view');
    const organizations = answerableOrganizations(actor);
    const invitations = await service.invitationsFor(organizations);
    const packets = await service.invitationPackets(invitations.map((i) => i.meetingId));
    const rows = invitations.map((i) => ({
      id: i.id,
      organizationName: i.organizationName,
      status: i.status,
      attendanceMode: i.attendanceMode,
      attendees: i.attendees,
      version: i.version,
      meeting: { id: i.meetingId, kind: i.kind, number: i.number, title: i.title, startsAt: i.startsAt, timeZone: i.timeZone, format: i.format, videoUrl: i.videoUrl, status: i.meetingStatus },
      packet: packets.get(i.meetingId),
    }));
    const answered = (request.query as { answered?: string }).answered === '1';
    return reply.page(translate(request.lang, 'invitations.title'), <InvitationsPage invitations={rows} answered={answered} />);
  });

  app.post<{ Params: { id: string } }>('/office/invitations/:id/respond', async (request, reply) => {
    if (!isUuid(request.params.id)) throw NotFoundError();
    const invitation = await service.invitation(request.params.id);
    const actor = authorize(request, 'meetings.respond', { organizationId: invitation.organizationId }, { hideExistence: true });
    const answer = formText(request.body, 'answer');
    if (!['room', 'video', 'declined'].includes(answer)) return reply.redirect(`/${request.lang}/office/invitations`, 303);
    await service.respond(
      invitation.id,
      { status: answer === 'declined' ? 'declined' : 'confirmed', mode: answer === 'declined' ? null : (answer as 'room' | 'video'), attendees: formText(request.body, 'attendees', 1000) || null },
      Number(formText(request.body, 'version')) || 0,
      { ...request.changeContext(), actorAccountId: actor.accountId },
    );
    return reply.redirect(`/${request.lang}/office/invitations?answered=1`, 303);
  });
}
