// A meeting's papers: uploaded and removed by the secretariat, downloaded by it and by invitees, and
// by the public once the meeting is held. Registered by meetings.routes.tsx (which reads uploads).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { can } from '../../core/auth/authorize.js';
import { ForbiddenError, NotFoundError, UnauthorizedError, type FieldProblem } from '../../core/errors.js';
import { parseForm, uploadedFile } from '../../core/http/forms.js';
import { idParam, pathParams } from '../../core/http/params.js';
import { sendStoredFile } from '../../core/http/stored-file.js';
import { localizedText } from '../../core/i18n/localized-text.js';
import type { RegistryService } from '../registry/registry.service.js';
import { meetingChange } from './errors.js';
import type { MeetingOffice, Route } from './managed-meeting.js';
import { inForm, paperFile, paperForm } from './meetings.forms.js';
import type { MeetingsService } from './meetings.service.js';
import { cleanFileName } from '../../core/documents.js';
import { createPublicMeetingService } from './public.service.js';

const meetingParams = pathParams({ id: idParam });
const paperParams = pathParams({ id: idParam, paperId: idParam });

export function paperRoutes(app: FastifyInstance, route: Route, service: MeetingsService, { managed, showMeeting }: MeetingOffice, registry: RegistryService): void {
  const publicMeetings = createPublicMeetingService(app.db, registry);
  const papersOf = (lang: string, meetingId: string) => `/${lang}/office/meetings/${meetingId}#papers-title`;

  route.post('/office/meetings/:id/papers', { schema: { params: meetingParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const form = parseForm(paperForm(meeting.agenda.map((i) => i.id)), request.body);
    const upload = paperFile(uploadedFile(request.body, 'file'));
    const refused = (problems: FieldProblem[]) => showMeeting(request, reply, loaded, inForm('paper', problems), { paper: form.raw });
    if (!form.ok || !upload.ok) return refused([...(form.ok ? [] : form.problems), ...(upload.ok ? [] : [upload.problem])]);
    const { file, kind } = upload;
    const fileHash = await app.files.put(file.data, kind.extension);
    const paper = { agendaItemId: form.answers.agendaItemId || null, title: localizedText(form.answers.titleKk, form.answers.titleRu), fileName: cleanFileName(file.filename, kind.extension), fileHash, contentType: kind.contentType, byteSize: file.data.length };
    const problems = await meetingChange(request.lang, { field: 'file' }, () => service.addPaper(meeting.id, home.id, paper, request.changeContext()));
    if (problems.length) return refused(problems);
    return reply.redirect(papersOf(request.lang, meeting.id), 303);
  });

  route.post('/office/meetings/:id/papers/:paperId/remove', { schema: { params: paperParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const paper = meeting.papers.find((p) => p.id === request.params.paperId);
    if (!paper) throw NotFoundError();
    const problems = await meetingChange(request.lang, { idPrefix: 'paper', field: 'file' }, () => service.removePaper(meeting.id, home.id, paper.id, request.changeContext()));
    if (problems.length) return showMeeting(request, reply, loaded, problems);
    return reply.redirect(papersOf(request.lang, meeting.id), 303);
  });

  // Streamed: a paper may be 20 MB, and several may be downloaded at once.
  const sendPaper = async (reply: FastifyReply, paper: { fileHash: string; fileName: string; contentType: string }, cacheControl: string) => {
    return sendStoredFile(reply, app.files, { storedName: paper.fileHash, contentType: paper.contentType, downloadName: paper.fileName }, { cache: cacheControl });
  };

  /** The secretariat, and invitees once the meeting is announced: Council members and the staff of invited maslikhats. */
  route.get('/office/meetings/:id/papers/:paperId', { schema: { params: paperParams } }, async (request, reply) => {
    const actor = request.actor;
    if (!actor) throw UnauthorizedError();
    const home = await registry.homeOrganization();
    const { paper, status, invitedOrganizationIds } = await service.paperWithAudience(request.params.id, home.id, request.params.paperId);
    const invitee = status !== 'draft' && (can(actor, 'meetings.view-invited') || invitedOrganizationIds.some((o) => can(actor, 'meetings.view-invited', { organizationId: o })));
    if (!can(actor, 'meetings.manage') && !invitee) throw ForbiddenError();
    return sendPaper(reply, paper, 'private, no-store');
  });

  /** Public once the meeting is held; before that, as if there were no such paper. */
  route.get('/meetings/:id/papers/:paperId', { schema: { params: paperParams } }, async (request, reply) => {
    const paper = await publicMeetings.paper(request.params.id, request.params.paperId);
    return sendPaper(reply, paper, 'public, max-age=300');
  });
}
