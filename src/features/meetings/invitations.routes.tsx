// Invitations: the secretariat invites the regions' maslikhats or the Council's members to a
// meeting; a maslikhat's staff read what they are invited to and answer. Registered by meetings.routes.tsx.
import { z } from 'zod';
import { authorize } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { parseForm } from '../../core/http/forms.js';
import { flagQuery, idParam, pathParams } from '../../core/http/params.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { chairRoles, type MeetingOffice, type Route } from './managed-meeting.js';
import { chosenOrganizations, inviteForm, respondForm } from './meetings.forms.js';
import { answerableOrganizations, type MeetingsService } from './meetings.service.js';
import { invitationRows } from './office.presenters.js';
import { InvitationsPage } from './views/office/invitations.js';

const recordParams = pathParams({ id: idParam });
/** `?answered=1` after an answer is sent. */
const invitationsQuery = z.object({ answered: flagQuery });

export function invitationRoutes(route: Route, service: MeetingsService, { managed, showMeeting }: MeetingOffice, registry: RegistryService): void {
  // Invites every region's maslikhat (scope=all), the chosen ones (scope=chosen, organizationId
  // repeated), or the Council's members on the meeting's day (scope=members).
  route.post('/office/meetings/:id/invitations', { schema: { params: recordParams } }, async (request, reply) => {
    const loaded = await managed(request, request.params.id);
    const { home, meeting } = loaded;
    const form = parseForm(inviteForm, request.body);
    const scope = form.ok ? form.answers.scope : 'all';
    const date = todayInKazakhstan(meeting.startsAt);
    if (scope === 'members') {
      const members = await registry.councilMembers(home.id, date);
      await service.invitePeople(meeting.id, home.id, members.flatMap((m) => (m.personId && chairRoles.has(m.role) ? [m.personId] : [])), request.changeContext());
    } else {
      const maslikhats = await registry.listRegionMaslikhats(date);
      const chosen = new Set(chosenOrganizations(request.body));
      if (scope === 'chosen' && (chosen.size === 0 || [...chosen].some((id) => !maslikhats.some((m) => m.id === id)))) {
        return showMeeting(request, reply, loaded, [{ idPrefix: 'invite', field: 'organizationId', messageKey: 'meetingsOffice.chooseRegions' }]);
      }
      await service.invite(meeting.id, home.id, maslikhats.filter((m) => scope !== 'chosen' || chosen.has(m.id)).map((m) => m.id), request.changeContext());
    }
    return reply.redirect(`/${request.lang}/office/meetings/${meeting.id}`, 303);
  });

  // ── A maslikhat answers its invitations. ──

  route.get('/office/invitations', { schema: { querystring: invitationsQuery } }, async (request, reply) => {
    const actor = authorize(request, 'office.view');
    const invitations = await service.invitationsFor(answerableOrganizations(actor));
    const packets = await service.invitationPackets(invitations.map((i) => i.meetingId));
    return reply.page(translate(request.lang, 'invitations.title'), <InvitationsPage invitations={invitationRows(invitations, packets)} answered={request.query.answered} />);
  });

  route.post('/office/invitations/:id/respond', { schema: { params: recordParams } }, async (request, reply) => {
    const invitation = await service.invitation(request.params.id);
    const actor = authorize(request, 'meetings.respond', { organizationId: invitation.organizationId }, { hideExistence: true });
    const form = parseForm(respondForm, request.body);
    const answer = form.ok ? form.answers.answer : null;
    if (!form.ok || !answer) return reply.redirect(`/${request.lang}/office/invitations`, 303);
    await service.respond(
      invitation.id,
      { status: answer === 'declined' ? 'declined' : 'confirmed', mode: answer === 'declined' ? null : answer, attendees: form.answers.attendees },
      form.answers.version,
      { ...request.changeContext(), actorAccountId: actor.accountId },
    );
    return reply.redirect(`/${request.lang}/office/invitations?answered=1`, 303);
  });
}
