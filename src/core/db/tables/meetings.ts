// Meetings: the agenda, speakers, invitations, attendance, the record (statements, votes), minutes, papers, reminders.
import type { Generated } from 'kysely';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { Json, LaterTimestamp, Timestamp } from './column-types.js';

export const meetingKinds = ['regular', 'extraordinary', 'field'] as const;
export type MeetingKind = (typeof meetingKinds)[number];
export const meetingFormats = ['in_person', 'online', 'hybrid'] as const;
export type MeetingFormat = (typeof meetingFormats)[number];
export const meetingStatuses = ['draft', 'announced', 'in_progress', 'held', 'minutes_approved', 'cancelled', 'postponed'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];
export const quorumRules = ['more_than_half', 'two_thirds'] as const;
export type QuorumRule = (typeof quorumRules)[number];

export interface MeetingTable {
  id: string;
  organization_id: string;
  kind: MeetingKind;
  number: number | null;
  title: Json<LocalizedText> | null;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  time_zone: Generated<string>;
  place: Json<LocalizedText> | null;
  format: MeetingFormat;
  /** Shown to invitees only. */
  video_url: string | null;
  chair_person_id: string | null;
  status: Generated<MeetingStatus>;
  status_reason: Json<LocalizedText> | null;
  announced_at: Timestamp | null;
  current_agenda_item_id: string | null;
  quorum_rule: Generated<QuorumRule>;
  /** Bumped by every change to the sitting; screens compare it to know they are current. */
  live_sequence: Generated<number>;
  minutes_approved_at: LaterTimestamp;
  minutes_approved_by: Generated<string | null>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AgendaItemTable {
  id: string;
  meeting_id: string;
  parent_id: string | null;
  position: number;
  title: Json<LocalizedText>;
  description: Json<LocalizedText> | null;
  minutes_allotted: number | null;
  is_main: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AgendaSpeakerTable {
  id: string;
  agenda_item_id: string;
  person_id: string;
  role: 'rapporteur' | 'co_speaker';
  position: Generated<number>;
  label: Json<LocalizedText> | null;
}

export interface AgendaChangeTable {
  id: string;
  meeting_id: string;
  changed_at: Timestamp;
  changed_by: string | null;
  summary: Json<LocalizedText>;
  /** When invitees were mailed about the change (claimed by the agenda notices job); null: not yet. */
  notified_at: LaterTimestamp;
}

export type InvitationStatus = 'invited' | 'confirmed' | 'declined';
export type AttendanceMode = 'room' | 'video';

export interface MeetingInvitationTable {
  id: string;
  meeting_id: string;
  organization_id: string | null;
  person_id: string | null;
  status: Generated<InvitationStatus>;
  attendance_mode: AttendanceMode | null;
  attendees: string | null;
  responded_at: Timestamp | null;
  responded_by: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}

export interface AttendanceTable {
  id: string;
  meeting_id: string;
  organization_id: string | null;
  person_id: string | null;
  presence: 'room' | 'video' | 'absent';
  absence_reason: string | null;
  recorded_at: Timestamp;
  recorded_by: string | null;
}

export interface StatementTable {
  id: string;
  agenda_item_id: string;
  person_id: string | null;
  speaker_label: Json<LocalizedText> | null;
  summary: Json<LocalizedText> | null;
  quotation: string | null;
  language: 'kk' | 'ru' | 'en';
  position: number;
  created_at: Timestamp;
}

export interface VoteTable {
  id: string;
  decision_id: string;
  person_id: string;
  choice: 'for' | 'against' | 'abstain';
}

export interface MeetingMinutesTable {
  id: string;
  meeting_id: string;
  language: 'kk' | 'ru' | 'en';
  format: 'docx' | 'pdf' | 'akn';
  file_hash: string;
  byte_size: number;
  created_at: Timestamp;
}

export const paperContentTypes = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
] as const;
export type PaperContentType = (typeof paperContentTypes)[number];

/** A paper of a meeting (or of one of its agenda items); the bytes are in the file store. */
export interface MeetingPaperTable {
  id: string;
  meeting_id: string;
  agenda_item_id: string | null;
  title: Json<LocalizedText>;
  /** The name the file was uploaded with (shown, and offered when downloading). */
  file_name: string;
  /** The file store's name for the bytes ('<sha256>.<ext>'). */
  file_hash: string;
  /** Told from the content at upload, never taken from the browser. */
  content_type: PaperContentType;
  byte_size: number;
  created_at: Timestamp;
  created_by: string | null;
}

export interface MeetingReminderTable {
  meeting_id: string;
  kind: string;
  sent_at: Timestamp;
  recipients: number;
}

/** The members of a sitting as its record last saw them (see live.service): a held sitting keeps them. */
export interface SittingMembersTable {
  meeting_id: string;
  members: Json<{ personId: string | null; memberOrganizationId: string | null; name: LocalizedText | null; role: string }[]>;
  taken_at: Timestamp;
}

export interface MeetingsTables {
  meeting: MeetingTable;
  agenda_item: AgendaItemTable;
  agenda_speaker: AgendaSpeakerTable;
  agenda_change: AgendaChangeTable;
  meeting_invitation: MeetingInvitationTable;
  attendance: AttendanceTable;
  statement: StatementTable;
  vote: VoteTable;
  meeting_minutes: MeetingMinutesTable;
  meeting_reminder: MeetingReminderTable;
  meeting_paper: MeetingPaperTable;
  sitting_members: SittingMembersTable;
}
