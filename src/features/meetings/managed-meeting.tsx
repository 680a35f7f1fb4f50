// What the secretariat's meeting routes share: the meeting named in the URL (the Council's, else
// not found), the people and maslikhats its forms offer, and its page and an agenda item's page,
// shown again with the problems of a form that came back.
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize } from '../../core/auth/authorize.js';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { NotFoundError, type FieldProblem } from '../../core/errors.js';
import { titleWithErrors } from '../../core/http/forms.js';
import { localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { translate } from '../../core/i18n/messages.js';
import type { RegistryService } from '../registry/registry.service.js';
import { allowedActions, editableParts, type MeetingsService } from './meetings.service.js';
import { itemAnswersOf, managedMeeting, type ItemAnswers } from './office.presenters.js';
import { AgendaItemPage, blankSpeakerAnswers, type SpeakerAnswers } from './views/office/agenda-item.js';
import { ManageMeetingPage, type MeetingAnswers } from './views/office/manage-meeting.js';

/** The routes' Fastify, reading `params` and `querystring` by their zod schemas. */
export type Route = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

/** The Council's individual members: they may chair, and are invited as people. */
export const chairRoles = new Set(['head', 'deputy_head', 'member']);

const personName = (lang: Language, name: LocalizedText | null | undefined) => localize(lang, name).text;
const byLabel = (lang: Language) => (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, lang);

export function createMeetingOffice(registry: RegistryService, service: MeetingsService) {
  const council = async (request: FastifyRequest) => {
    authorize(request, 'meetings.manage');
    return registry.homeOrganization();
  };

  /** The Council (the secretariat may manage its meetings) and the meeting `id`, else not found. */
  const managed = async (request: FastifyRequest, id: string) => {
    const home = await council(request);
    return { home, meeting: managedMeeting(await service.meeting(id, home.id)) };
  };
  type Loaded = Awaited<ReturnType<typeof managed>>;

  /** The agenda item named in the URL, on the managed meeting. */
  const itemOf = ({ meeting }: Loaded, itemId: string) => {
    const item = meeting.agenda.find((i) => i.id === itemId);
    if (!item) throw NotFoundError();
    return item;
  };

  /** The regions' maslikhats not invited yet, to choose from. */
  async function regionOptions(lang: Language, { meeting }: Loaded) {
    const invited = new Set(meeting.invitations.map((i) => i.organizationId));
    const maslikhats = await registry.listRegionMaslikhats(todayInKazakhstan(meeting.startsAt));
    return maslikhats.filter((m) => !invited.has(m.id)).map((m) => ({ value: m.id, label: personName(lang, m.name) }));
  }

  /**
   * Who may chair: the Council's chair and deputy chairs on the meeting's day (their posts named,
   * listed first), its individual members, and whoever chairs it now.
   */
  async function chairOptions(lang: Language, { home, meeting }: Loaded) {
    const members = await registry.councilMembers(home.id, todayInKazakhstan(meeting.startsAt));
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
    const [members, representatives] = await Promise.all([registry.councilMembers(home.id, date), service.councilRepresentatives(home.id, date)]);
    const organizations = new Map(members.flatMap((m) => (m.memberOrganizationId ? [[m.memberOrganizationId, m.memberName] as const] : [])));
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
        admissions={await registry.admissionsOfMeeting(meeting.id)}
        answers={answers}
      />,
      problems.length ? 400 : 200,
    );
  }

  /** One agenda item's page: its form and its speakers. */
  async function showItem(request: FastifyRequest, reply: FastifyReply, loaded: Loaded, itemId: string, problems: FieldProblem[], answers?: ItemAnswers, speakerAnswers?: SpeakerAnswers) {
    const lang = request.lang;
    const { meeting } = loaded;
    const item = itemOf(loaded, itemId);
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

  return { council, managed, itemOf, chairOptions, speakerOptions, showMeeting, showItem };
}

export type MeetingOffice = ReturnType<typeof createMeetingOffice>;
