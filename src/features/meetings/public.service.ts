// The public side of the home organisation's meetings: the list (upcoming and past), one meeting
// with its agenda, regions and decisions, and the iCalendar feeds. Drafts are never public.
import type { Db } from '../../core/db/connect.js';
import { pageWindow } from '../../core/db/query.js';
import { NotFoundError } from '../../core/errors.js';
import { isUuid } from '../../core/ids.js';
import { localize } from '../../core/i18n/format.js';
import type { Language } from '../../core/i18n/languages.js';
import { translate, type MessageKey } from '../../core/i18n/messages.js';
import type { RelatedRows } from '../../core/related.js';
import type { RegistryService } from '../registry/registry.service.js';
import { writeCalendar, type CalendarEvent } from './calendar.js';
import * as repo from './public.repository.js';
import * as overview from './overview.repository.js';
import type { KeptMinutes } from './minutes.repository.js';

export type {
  AgendaSpeakerRow,
  InvitedOrganizationRow,
  MeetingDecisionRow,
  PublicMeetingRow,
  PublicPaperRow,
  StatementRow,
} from './public.repository.js';
export type { LatestDecisionRow, OrganizationMeetingRow } from './overview.repository.js';

export const pastPageSize = 20;
/** The most meetings one calendar feed carries (newest first). */
export const calendarLimit = 500;

export interface AgendaEntry extends repo.AgendaItemRow {
  rapporteurs: repo.AgendaSpeakerRow[];
  coSpeakers: repo.AgendaSpeakerRow[];
  statements: repo.StatementRow[];
  children: AgendaEntry[];
}

export interface MeetingListView {
  upcoming: repo.PublicMeetingRow[];
  past: repo.PublicMeetingRow[];
  page: number;
  pages: number;
}

export interface MeetingView {
  meeting: repo.PublicMeetingRow;
  agenda: AgendaEntry[];
  regions: repo.InvitedOrganizationRow[];
  decisions: repo.MeetingDecisionRow[];
  /** Whom each decision admitted (by decisionId), as the registry has them entered. */
  admitted: repo.AdmittedRow[];
  /** Approved minutes kept as files (none until approved). */
  minutes: KeptMinutes[];
  /** The meeting's papers (none until it is held). */
  papers: repo.PublicPaperRow[];
}

/** The meeting's own title, else "Regular meeting No. 5" in the language. */
export function meetingHeading(lang: Language, meeting: Pick<repo.PublicMeetingRow, 'title' | 'kind' | 'number'>): string {
  if (meeting.title && localize(lang, meeting.title).text) return localize(lang, meeting.title).text;
  return kindAndNumber(lang, meeting);
}

export function kindAndNumber(lang: Language, meeting: Pick<repo.PublicMeetingRow, 'kind' | 'number'>): string {
  const kind = translate(lang, `meetings.kind.${meeting.kind}`);
  return meeting.number === null ? kind : translate(lang, 'meetings.numbered', { kind, number: meeting.number });
}

/**
 * An invited region's part in the meeting as the page shows it: the roll call once the sitting has
 * called it (the roll call beats the answer), else its answer to the invitation.
 */
export type RegionStanding =
  | { from: 'rollCall'; presence: 'room' | 'video' | 'absent' }
  | { from: 'answer'; status: repo.InvitedOrganizationRow['status']; mode: 'room' | 'video' | null };

export function regionStanding(region: repo.InvitedOrganizationRow): RegionStanding {
  if (region.presence) return { from: 'rollCall', presence: region.presence };
  return { from: 'answer', status: region.status, mode: region.status === 'confirmed' ? region.attendanceMode : null };
}

/**
 * An invited region's attendance as a record of the sitting states it (minutes, press release):
 * the roll call where it was called, else the answer — the mode it confirmed, absent when it
 * declined — and null when neither says (invited, no answer, not called).
 */
export function regionPresence(region: repo.InvitedOrganizationRow): 'room' | 'video' | 'absent' | null {
  const standing = regionStanding(region);
  if (standing.from === 'rollCall') return standing.presence;
  if (standing.status === 'declined') return 'absent';
  return standing.mode;
}

/**
 * What a region's hub says of its part in a meeting: the roll call where it was called, else what the
 * meeting's state and the region's answer say (a held meeting counts a confirmed answer as taking part).
 */
export function organizationStanding(row: overview.OrganizationMeetingRow): MessageKey {
  if (row.presence) return `hub.standing.${row.presence}`;
  if (row.status === 'cancelled' || row.status === 'postponed') return `hub.standing.${row.status}`;
  const held = row.status === 'held' || row.status === 'minutes_approved';
  if (row.invitationStatus === 'declined') return held ? 'hub.standing.absent' : 'hub.standing.declined';
  if (row.invitationStatus === 'confirmed') {
    if (held) return row.attendanceMode ? `hub.standing.${row.attendanceMode}` : 'hub.standing.tookPart';
    return row.attendanceMode ? `hub.standing.confirmed.${row.attendanceMode}` : 'hub.standing.confirmed';
  }
  return 'hub.standing.invited';
}

export function buildAgenda(items: repo.AgendaItemRow[], speakers: repo.AgendaSpeakerRow[], statements: repo.StatementRow[]): AgendaEntry[] {
  const entries = new Map<string, AgendaEntry>(
    items.map((item) => [
      item.id,
      {
        ...item,
        rapporteurs: speakers.filter((s) => s.agendaItemId === item.id && s.role === 'rapporteur'),
        coSpeakers: speakers.filter((s) => s.agendaItemId === item.id && s.role === 'co_speaker'),
        statements: statements.filter((s) => s.agendaItemId === item.id),
        children: [],
      },
    ]),
  );
  const roots: AgendaEntry[] = [];
  for (const entry of entries.values()) {
    const parent = entry.parentId ? entries.get(entry.parentId) : undefined;
    if (parent) parent.children.push(entry);
    else roots.push(entry);
  }
  return roots;
}

export function createPublicMeetingService(db: Db, registry: RegistryService) {
  const home = async () => (await registry.homeOrganization()).id;

  async function find(id: string): Promise<repo.PublicMeetingRow> {
    if (!isUuid(id)) throw NotFoundError();
    const meeting = await repo.findPublicMeeting(db, await home(), id.toLowerCase());
    if (!meeting) throw NotFoundError();
    return meeting;
  }

  function toEvent(lang: Language, meeting: repo.PublicMeetingRow, pageUrl: string): CalendarEvent {
    const description = [
      kindAndNumber(lang, meeting),
      translate(lang, `meetings.format.${meeting.format}`),
      meeting.statusReason && (meeting.status === 'cancelled' || meeting.status === 'postponed')
        ? `${translate(lang, `meetings.status.${meeting.status}`)}: ${localize(lang, meeting.statusReason).text}`
        : '',
    ].filter(Boolean);
    return {
      uid: `${meeting.id}@kenes`,
      stamp: meeting.updatedAt,
      start: meeting.startsAt,
      end: meeting.endsAt,
      summary: meetingHeading(lang, meeting),
      location: meeting.place ? localize(lang, meeting.place).text : null,
      description: description.join('\n'),
      url: pageUrl,
      status: meeting.status === 'cancelled' ? 'CANCELLED' : meeting.status === 'postponed' ? 'TENTATIVE' : 'CONFIRMED',
      sequence: Math.max(0, meeting.version - 1),
    };
  }

  async function calendarName(lang: Language): Promise<string> {
    const org = await registry.homeOrganization();
    return translate(lang, 'meetings.calendarName', { name: localize(lang, org.shortName ?? org.name).text });
  }

  return {
    async list(page: number, now: Date = new Date()): Promise<MeetingListView> {
      const organizationId = await home();
      const [upcoming, past] = await Promise.all([
        repo.listUpcomingMeetings(db, organizationId, now),
        repo.listPastMeetings(db, organizationId, now, pageWindow(page, pastPageSize)),
      ]);
      return { upcoming, past: past.rows, page, pages: past.pages };
    },

    /** One public meeting with its lists; with `related` (one function made once), also what other features know of it, read in the same query. */
    async meeting(id: string, related?: repo.RelatedColumn): Promise<MeetingView & { related: RelatedRows }> {
      if (!isUuid(id)) throw NotFoundError();
      const page = await repo.readPublicMeetingPage(db, await home(), id.toLowerCase(), related);
      if (!page) throw NotFoundError();
      const { meeting, lists } = page;
      const { items, speakers, statements, regions, decisions, minutes, papers, admitted } = lists;
      return { meeting, agenda: buildAgenda(items, speakers, statements), regions, decisions, admitted, minutes, papers, related: page.related };
    },

    /** What the home page shows of the meetings: the next few (and any under way), the latest decisions. */
    async overview(limits: { upcoming: number; decisions: number }, now: Date = new Date()): Promise<{ upcoming: repo.PublicMeetingRow[]; decisions: overview.LatestDecisionRow[] }> {
      const organizationId = await home();
      const [upcoming, decisions] = await Promise.all([repo.listUpcomingMeetings(db, organizationId, now, limits.upcoming), overview.listLatestDecisions(db, organizationId, limits.decisions)]);
      return { upcoming, decisions };
    },

    /** The public meetings a region's maslikhat (any organisation) was invited to or called at, newest first. */
    async meetingsOf(organizationId: string, limit: number): Promise<overview.OrganizationMeetingRow[]> {
      return overview.listMeetingsOfOrganization(db, await home(), organizationId, limit);
    },

    /** One paper of a held meeting; before the meeting is held, not found. */
    async paper(id: string, paperId: string): Promise<repo.PublicPaperRow> {
      const meeting = await find(id);
      if (!repo.papersPublicIn.includes(meeting.status) || !isUuid(paperId)) throw NotFoundError();
      const paper = await repo.findPaper(db, meeting.id, paperId.toLowerCase());
      if (!paper) throw NotFoundError();
      return paper;
    },

    /** All public meetings as iCalendar; pageUrl builds each meeting's public address. */
    async calendar(lang: Language, pageUrl: (id: string) => string): Promise<string> {
      const meetings = await repo.listPublicMeetings(db, await home(), calendarLimit);
      return writeCalendar({ prodId: '-//Kenes//Meetings//EN', name: await calendarName(lang), events: meetings.map((m) => toEvent(lang, m, pageUrl(m.id))) });
    },

    async meetingCalendar(lang: Language, id: string, pageUrl: (id: string) => string): Promise<string> {
      const meeting = await find(id);
      return writeCalendar({ prodId: '-//Kenes//Meetings//EN', name: await calendarName(lang), events: [toEvent(lang, meeting, pageUrl(meeting.id))] });
    },
  };
}

export type PublicMeetingService = ReturnType<typeof createPublicMeetingService>;
