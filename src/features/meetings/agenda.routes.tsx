// A meeting's agenda, kept by the secretariat until the meeting starts: items and sub-items, their
// order, wording and time, and each item's rapporteurs and co-speakers. Registered by meetings.routes.tsx.
import { idParam, pathParams } from '../../core/http/params.js';
import { parseForm } from '../../core/http/forms.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { meetingChange } from './errors.js';
import type { MeetingOffice, Route } from './managed-meeting.js';
import { inForm, itemForm, itemInput, moveForm, newItemForm, newItemInput, speakerForm, speakerInput } from './meetings.forms.js';
import type { MeetingsService } from './meetings.service.js';

const meetingParams = pathParams({ id: idParam });
const itemParams = pathParams({ id: idParam, itemId: idParam });
const speakerParams = pathParams({ id: idParam, itemId: idParam, speakerId: idParam });

export function agendaRoutes(route: Route, service: MeetingsService, { managed, itemOf, showMeeting, showItem, speakerOptions }: MeetingOffice): void {
  const meetingPage = (lang: string, meetingId: string, anchor = '') => `/${lang}/office/meetings/${meetingId}${anchor}`;
  const itemPage = (lang: string, meetingId: string, itemId: string) => `/${lang}/office/meetings/${meetingId}/agenda/${itemId}/edit`;
  /** A refused change to the agenda is shown at the title of the item form. */
  const atTitle = { field: 'titleKk' };

  route.post('/office/meetings/:id/agenda', { schema: { params: meetingParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const form = parseForm(newItemForm(meeting.agenda.filter((i) => i.parentId === null).map((i) => i.id)), request.body);
    const refused = (problems: FieldProblem[]) => showMeeting(request, reply, loaded, problems, { item: form.raw });
    if (!form.ok) return refused(form.problems);
    let id = '';
    const problems = await meetingChange(request.lang, atTitle, async () => {
      id = await service.addAgendaItem(meeting.id, home.id, newItemInput(form.answers), request.changeContext());
    });
    if (problems.length) return refused(problems);
    return reply.redirect(meetingPage(request.lang, meeting.id, `#item-${id}`), 303);
  });

  route.post('/office/meetings/:id/agenda/:itemId/remove', { schema: { params: itemParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const problems = await meetingChange(request.lang, atTitle, () => service.removeAgendaItem(meeting.id, home.id, item.id, request.changeContext()));
    if (problems.length) return showMeeting(request, reply, loaded, problems);
    return reply.redirect(meetingPage(request.lang, meeting.id), 303);
  });

  route.post('/office/meetings/:id/agenda/:itemId/move', { schema: { params: itemParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const form = parseForm(moveForm, request.body);
    const direction = form.ok ? form.answers.direction : null;
    if (direction) {
      const problems = await meetingChange(request.lang, atTitle, () => service.moveAgendaItem(meeting.id, home.id, item.id, direction, request.changeContext()));
      if (problems.length) return showMeeting(request, reply, loaded, problems);
    }
    return reply.redirect(meetingPage(request.lang, meeting.id, `#item-${item.id}`), 303);
  });

  route.get('/office/meetings/:id/agenda/:itemId/edit', { schema: { params: itemParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    return showItem(request, reply, loaded, itemOf(loaded, request.params.itemId).id, []);
  });

  route.post('/office/meetings/:id/agenda/:itemId/edit', { schema: { params: itemParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const form = parseForm(itemForm, request.body);
    const refused = (problems: FieldProblem[]) => showItem(request, reply, loaded, item.id, problems, form.raw);
    if (!form.ok) return refused(form.problems);
    const problems = await meetingChange(request.lang, atTitle, () => service.editAgendaItem(meeting.id, home.id, item.id, itemInput(form.answers), form.answers.version, request.changeContext()));
    if (problems.length) return refused(problems);
    return reply.redirect(meetingPage(request.lang, meeting.id, `#item-${item.id}`), 303);
  });

  // ── Speakers ──

  route.post('/office/meetings/:id/agenda/:itemId/speakers', { schema: { params: itemParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const people = (await speakerOptions(request.lang, loaded)).map((o) => o.value);
    const speaking = meeting.speakers.filter((s) => s.agendaItemId === item.id).map((s) => s.personId);
    const form = parseForm(speakerForm(people, speaking), request.body);
    const refused = (problems: FieldProblem[]) => showItem(request, reply, loaded, item.id, inForm('speaker', problems), undefined, form.raw);
    if (!form.ok) return refused(form.problems);
    const problems = await meetingChange(request.lang, { field: 'personId' }, () => service.addSpeaker(meeting.id, home.id, item.id, speakerInput(form.answers), request.changeContext()));
    if (problems.length) return refused(problems);
    return reply.redirect(itemPage(request.lang, meeting.id, item.id), 303);
  });

  route.post('/office/meetings/:id/agenda/:itemId/speakers/:speakerId/remove', { schema: { params: speakerParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const item = itemOf(loaded, request.params.itemId);
    const speaker = meeting.speakers.find((s) => s.id === request.params.speakerId && s.agendaItemId === item.id);
    if (!speaker) throw NotFoundError();
    const problems = await meetingChange(request.lang, { idPrefix: 'speaker', field: 'personId' }, () => service.removeSpeaker(meeting.id, home.id, speaker.id, request.changeContext()));
    if (problems.length) return showItem(request, reply, loaded, item.id, problems);
    return reply.redirect(itemPage(request.lang, meeting.id, item.id), 303);
  });
}
