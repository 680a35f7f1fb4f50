// Between the meetings service and the office views: a meeting as its pages show it, an agenda
// item or a meeting's details as their forms hold them, and a maslikhat's invitations with what it
// reads ahead of each meeting. The views take these types, never the repositories' rows.
import type { AttendanceMode, InvitationStatus, MeetingFormat, MeetingKind, MeetingStatus, QuorumRule } from '../../core/db/database.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { clockInZone } from '../../core/i18n/format.js';
import type { MeetingsService } from './meetings.service.js';

export interface MeetingRow {
  id: string;
  kind: MeetingKind;
  number: number | null;
  title: LocalizedText | null;
  startsAt: Date;
  timeZone: string;
  status: MeetingStatus;
}

export interface ManagedAgendaItem {
  id: string;
  parentId: string | null;
  title: LocalizedText;
  description: LocalizedText | null;
  minutesAllotted: number | null;
  isMain: boolean;
  version: number;
}

export interface ManagedSpeaker {
  id: string;
  agendaItemId: string;
  personId: string;
  personName: LocalizedText;
  role: 'rapporteur' | 'co_speaker';
  label: LocalizedText | null;
}

export interface ManagedPaper {
  id: string;
  agendaItemId: string | null;
  title: LocalizedText;
  fileName: string;
  contentType: string;
  byteSize: number;
}

export interface AgendaChange {
  changedAt: Date;
  summary: LocalizedText;
}

export interface ManagedMeeting extends MeetingRow {
  format: MeetingFormat;
  place: LocalizedText | null;
  videoUrl: string | null;
  statusReason: LocalizedText | null;
  version: number;
  chairPersonId: string | null;
  chairName: LocalizedText | null;
  quorumRule: QuorumRule;
  /** In document order: each item, then its sub-items. */
  agenda: ManagedAgendaItem[];
  speakers: ManagedSpeaker[];
  papers: ManagedPaper[];
  /** Each invitee named as on the meeting's day. */
  invitations: { id: string; organizationId: string | null; inviteeName: LocalizedText | null; status: InvitationStatus; attendanceMode: AttendanceMode | null; attendees: string | null }[];
  changes: AgendaChange[];
}

type MeetingRecord = Awaited<ReturnType<MeetingsService['meeting']>>;

/** The service's meeting as the office pages show it. */
export function managedMeeting(m: MeetingRecord): ManagedMeeting {
  return {
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
  };
}

/** The scheduling form's answers (as typed). */
export interface ScheduleAnswers {
  kind: string;
  number: string;
  date: string;
  time: string;
  titleKk: string;
  titleRu: string;
  titleEn: string;
  placeKk: string;
  placeRu: string;
  format: string;
  videoUrl: string;
}

/** A meeting's details as the scheduling form shows them: the date and time on the clock of the meeting's own zone. */
export function scheduleAnswersOf(m: Pick<ManagedMeeting, 'kind' | 'number' | 'title' | 'startsAt' | 'timeZone' | 'place' | 'format' | 'videoUrl'>): ScheduleAnswers {
  const clock = clockInZone(m.startsAt, m.timeZone);
  return {
    kind: m.kind,
    number: m.number === null ? '' : String(m.number),
    date: clock.date,
    time: clock.time,
    titleKk: m.title?.kk ?? '',
    titleRu: m.title?.ru ?? '',
    titleEn: m.title?.en ?? '',
    placeKk: m.place?.kk ?? '',
    placeRu: m.place?.ru ?? '',
    format: m.format,
    videoUrl: m.videoUrl ?? '',
  };
}

/** A blank scheduling form: a regular hybrid meeting at 11:00 on `date`. */
export const blankSchedule = (date: string): ScheduleAnswers => ({ kind: 'regular', number: '', date, time: '11:00', titleKk: '', titleRu: '', titleEn: '', placeKk: '', placeRu: '', format: 'hybrid', videoUrl: '' });

/** An agenda item's form answers (as typed). */
export interface ItemAnswers {
  titleKk: string;
  titleRu: string;
  titleEn: string;
  descriptionKk: string;
  descriptionRu: string;
  minutes: string;
  isMain: string;
  version: string;
}

/** An agenda item as its form shows it. */
export function itemAnswersOf(item: ManagedAgendaItem): ItemAnswers {
  return {
    titleKk: item.title.kk ?? '',
    titleRu: item.title.ru ?? '',
    titleEn: item.title.en ?? '',
    descriptionKk: item.description?.kk ?? '',
    descriptionRu: item.description?.ru ?? '',
    minutes: item.minutesAllotted ? String(item.minutesAllotted) : '',
    isMain: item.isMain ? '1' : '',
    version: String(item.version),
  };
}

export interface InvitationPacket {
  agenda: ManagedAgendaItem[];
  speakers: ManagedSpeaker[];
  papers: ManagedPaper[];
  changes: AgendaChange[];
}

export interface InvitationRow {
  id: string;
  organizationName: LocalizedText | null;
  status: InvitationStatus;
  attendanceMode: AttendanceMode | null;
  attendees: string | null;
  version: number;
  meeting: { id: string; kind: MeetingKind; number: number | null; title: LocalizedText | null; startsAt: Date; timeZone: string; format: MeetingFormat; videoUrl: string | null; status: MeetingStatus };
  packet: InvitationPacket | undefined;
}

type Invitation = Awaited<ReturnType<MeetingsService['invitationsFor']>>[number];

/** A maslikhat's invitations, each with what its staff read ahead of the meeting. */
export function invitationRows(invitations: Invitation[], packets: Map<string, InvitationPacket>): InvitationRow[] {
  return invitations.map((i) => ({
    id: i.id,
    organizationName: i.organizationName,
    status: i.status,
    attendanceMode: i.attendanceMode,
    attendees: i.attendees,
    version: i.version,
    meeting: { id: i.meetingId, kind: i.kind, number: i.number, title: i.title, startsAt: i.startsAt, timeZone: i.timeZone, format: i.format, videoUrl: i.videoUrl, status: i.meetingStatus },
    packet: packets.get(i.meetingId),
  }));
}
