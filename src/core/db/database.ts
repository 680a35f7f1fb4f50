// The one Database type: every table the product has, as Kysely sees it.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { LocalizedText } from '../i18n/localized-text.js';

/** A `date` column: always 'YYYY-MM-DD' strings (see value-types.ts). */
export type DateString = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, T | string, T | string>;
/** A timestamp that starts empty and may be set later. */
type LaterTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface SettingTable {
  key: string;
  value: Json<unknown>;
  updated_at: Timestamp;
}

export interface AreaTable {
  id: string;
  kato: string;
  /** 'region' (oblys) or 'city' (city of republican significance). */
  classification: 'region' | 'city';
  parent_id: string | null;
  valid_from: DateString | null;
  /** Inclusive: the last day the unit existed. */
  valid_to: DateString | null;
  time_zone: string;
  centre: Json<LocalizedText> | null;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface AreaNameTable {
  id: string;
  area_id: string;
  name: Json<LocalizedText>;
  valid_from: DateString | null;
  valid_to: DateString | null;
  source: string | null;
}

export interface AreaIdentifierTable {
  id: string;
  area_id: string;
  scheme: 'iso_3166_2' | 'kato';
  identifier: string;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export interface AreaPopulationTable {
  area_id: string;
  on_date: DateString;
  population: number;
  source: string | null;
}

export const organizationClassifications = ['parliament', 'chamber', 'council', 'maslikhat', 'commission', 'government_body', 'institute', 'media', 'association', 'party'] as const;
export type OrganizationClassification = (typeof organizationClassifications)[number];
export type MaslikhatLevel = 'region' | 'city_of_republican_significance' | 'city' | 'district';

export interface OrganizationTable {
  id: string;
  /** Stable, readable key used in URLs and by the seed (e.g. 'council-senate', 'maslikhat-750000000'). */
  slug: string;
  classification: OrganizationClassification;
  maslikhat_level: MaslikhatLevel | null;
  /** The body this one sits under (the Council under the Senate; a district maslikhat under its region's). */
  parent_id: string | null;
  area_id: string | null;
  founding_date: DateString | null;
  /** Inclusive: the last day the organisation existed. */
  dissolution_date: DateString | null;
  description: Json<LocalizedText> | null;
  source: string | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface OrganizationNameTable {
  id: string;
  organization_id: string;
  name: Json<LocalizedText>;
  short_name: Json<LocalizedText> | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export interface OrganizationSuccessionTable {
  id: string;
  predecessor_id: string;
  successor_id: string;
  effective_date: DateString;
  note: Json<LocalizedText> | null;
}

export interface AccountTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  is_active: Generated<boolean>;
  preferred_language: Generated<'kk' | 'kk-latn' | 'ru' | 'en'>;
  /** Base32 TOTP secret; set while enrolling, confirmed when totp_enabled_at is set. */
  totp_secret: string | null;
  totp_enabled_at: Timestamp | null;
  /** The last TOTP time step accepted, so a code cannot be used twice. */
  totp_last_step: number | null;
  failed_sign_ins: Generated<number>;
  locked_until: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  deactivated_at: Timestamp | null;
  /** The registry person the account belongs to (at most one account per person). */
  person_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface RecoveryCodeTable {
  id: string;
  account_id: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: Timestamp;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  account_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ended_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
  second_factor_at: Timestamp | null;
}

export interface OneTimeTokenTable {
  id: string;
  account_id: string;
  purpose: 'password_reset' | 'invitation';
  token_hash: string;
  created_at: Timestamp;
  created_by: string | null;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RateLimitTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface AuditEventTable {
  id: string;
  occurred_at: Timestamp;
  actor_account_id: string | null;
  actor_label: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  entity: string;
  entity_id: string | null;
  action: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
}

export interface MailMessageTable {
  id: string;
  created_at: Timestamp;
  recipient: string;
  subject: string;
  body_text: string;
  body_html: string | null;
  transport: 'outbox' | 'smtp';
  sent_at: Timestamp | null;
  error: string | null;
}

export interface ApiTokenTable {
  id: string;
  account_id: string;
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: Timestamp;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type Role = 'admin' | 'secretariat' | 'council_member' | 'maslikhat_staff' | 'deputy' | 'partner';

export interface RoleGrantTable {
  id: string;
  account_id: string;
  role: Role;
  organization_id: string;
  valid_from: DateString | null;
  valid_to: DateString | null;
  created_at: Timestamp;
  created_by: string | null;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
}

export interface ConvocationTable {
  id: string;
  slug: string;
  name: Json<LocalizedText>;
  election_date: DateString | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
}

export interface PersonTable {
  id: string;
  name: Json<LocalizedText>;
  family_name: Json<LocalizedText> | null;
  given_name: Json<LocalizedText> | null;
  patronymic: Json<LocalizedText> | null;
  birth_date: DateString | null;
  gender: 'female' | 'male' | null;
  /** Individual identification number: personal, internal only (see personal-data.ts). */
  iin: string | null;
  /** Content hash of the stored photo. */
  photo_file: string | null;
  is_demo: Generated<boolean>;
  /** Every form of the name folded to plain Latin, for fuzzy search (see registry search). */
  search_text: Generated<string>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ElectoralDistrictTable {
  id: string;
  organization_id: string;
  number: number;
  name: Json<LocalizedText> | null;
  convocation_id: string | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
  is_demo: Generated<boolean>;
}

export interface ImportUploadTable {
  id: string;
  /** Whose rows: the deputies' import (registry), or a work plan's (plan). */
  kind: 'deputies' | 'plan';
  payload: Json<unknown>;
  created_at: Timestamp;
}

export type DecisionKind = 'admission' | 'withdrawal' | 'plan_adoption' | 'recommendation' | 'other';

export interface DecisionTable {
  id: string;
  organization_id: string;
  number: string | null;
  decision_date: DateString;
  kind: DecisionKind;
  title: Json<LocalizedText>;
  body: Json<LocalizedText> | null;
  meeting_id: Generated<string | null>;
  agenda_item_id: Generated<string | null>;
  votes_for: Generated<number | null>;
  votes_against: Generated<number | null>;
  votes_abstain: Generated<number | null>;
  result: Generated<'adopted' | 'rejected' | null>;
  voting: Generated<'not_started' | 'open' | 'closed'>;
  /** When the decision's effect was written to the registry (an admission's membership). */
  applied_at: LaterTimestamp;
  applied_by: Generated<string | null>;
  /** How many members an admission admits (as its text says), so the registry can tell when all are entered. */
  admissions_expected: Generated<number | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export const membershipRoles = ['deputy', 'head', 'deputy_head', 'member', 'collective_member', 'representative', 'staff'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

export interface MembershipTable {
  id: string;
  organization_id: string;
  person_id: string | null;
  member_organization_id: string | null;
  role: MembershipRole;
  label: Json<LocalizedText> | null;
  /** The party (for a deputy) or the collective member (for its representative). */
  on_behalf_of_id: string | null;
  electoral_district_id: string | null;
  convocation_id: string | null;
  start_date: DateString | null;
  /** Inclusive: the last day of the membership. */
  end_date: DateString | null;
  start_decision_id: string | null;
  end_decision_id: string | null;
  end_reason: string | null;
  is_demo: Generated<boolean>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface ContactDetailTable {
  id: string;
  person_id: string | null;
  organization_id: string | null;
  type: 'email' | 'phone' | 'address' | 'website' | 'reception';
  value: string;
  label: Json<LocalizedText> | null;
  is_public: boolean;
}

export interface RoleTitleTable {
  id: string;
  role: string;
  organization_classification: string;
  label: Json<LocalizedText>;
  valid_from: DateString | null;
  valid_to: DateString | null;
  source: string | null;
}

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

export interface NewsItemTable {
  id: string;
  organization_id: string;
  /** The meeting a press release was drafted from. */
  meeting_id: string | null;
  title: Json<LocalizedText>;
  lead: Json<LocalizedText> | null;
  body: Json<LocalizedText> | null;
  status: Generated<'draft' | 'published'>;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
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

/** An uploaded file kept in the database (PostgreSQL only; the embedded database keeps files in its data directory). */
export interface StoredFileTable {
  /** '<sha256>.<ext>', as the columns that name a file hold it. */
  name: string;
  size: number;
  created_at: Generated<Date>;
}

/** A file's bytes, in chunks of up to 256 KiB numbered from 0. */
export interface StoredFileChunkTable {
  name: string;
  seq: number;
  bytes: Buffer;
}

/** The members of a sitting as its record last saw them (see live.service): a held sitting keeps them. */
export interface SittingMembersTable {
  meeting_id: string;
  members: Json<{ personId: string | null; memberOrganizationId: string | null; name: LocalizedText | null; role: string }[]>;
  taken_at: Timestamp;
}

export const planStatuses = ['draft', 'adopted', 'completed', 'superseded'] as const;
export type PlanStatus = (typeof planStatuses)[number];
export const planDeadlineKinds = ['date', 'quarterly', 'half_yearly', 'yearly'] as const;
export type PlanDeadlineKind = (typeof planDeadlineKinds)[number];
export const planPriorityKinds = ['address', 'programme', 'law', 'other'] as const;
export type PlanPriorityKind = (typeof planPriorityKinds)[number];
export const planReportStates = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type PlanReportState = (typeof planReportStates)[number];
export type PlanReminderKind = 'week_before' | 'day_before' | 'overdue';

/** A perspective work plan of an organisation (the Council), adopted by one of its decisions. */
export interface PlanTable {
  id: string;
  organization_id: string;
  title: Json<LocalizedText>;
  period_start: DateString;
  period_end: DateString;
  status: Generated<PlanStatus>;
  adoption_decision_id: Generated<string | null>;
  superseded_by_id: Generated<string | null>;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PlanSectionTable {
  id: string;
  plan_id: string;
  position: number;
  title: Json<LocalizedText>;
}

/** A priority an item serves: the President's Address, a state programme, a law. */
export interface PlanPriorityTable {
  id: string;
  kind: PlanPriorityKind;
  title: Json<LocalizedText>;
  reference: string | null;
  valid_from: DateString | null;
  valid_to: DateString | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface PlanItemTable {
  id: string;
  plan_id: string;
  section_id: string | null;
  position: number;
  number: string | null;
  action: Json<LocalizedText>;
  expected_result: Json<LocalizedText> | null;
  starts_on: DateString;
  /** Due once ('date': a report on the deadline), or each quarter, half-year or year until the deadline. */
  deadline_kind: PlanDeadlineKind;
  deadline: DateString;
  /** For recurring items: a period's report is due this many days after the period ends. */
  due_offset_days: Generated<number>;
  cancelled_at: LaterTimestamp;
  cancel_reason: Json<LocalizedText> | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A body responsible for an item: one organisation, or every region-level maslikhat as of the period. */
export interface PlanItemResponsibleTable {
  id: string;
  item_id: string;
  organization_id: string | null;
  body_group: 'region_maslikhats' | null;
  role: Generated<'lead' | 'co_executor'>;
}

export interface PlanItemLinkTable {
  id: string;
  item_id: string;
  priority_id: string | null;
  meeting_id: string | null;
  decision_id: string | null;
}

export interface PlanIndicatorTable {
  id: string;
  item_id: string;
  position: number;
  name: Json<LocalizedText>;
  unit: Json<LocalizedText>;
  /** numeric: read as a string by both drivers; value-types.ts normalises. */
  baseline: ColumnType<string | null, string | number | null, string | number | null>;
  target: ColumnType<string | null, string | number | null, string | number | null>;
  aggregation: Generated<'sum' | 'average'>;
}

/** One report: an item, a responsible body and a reporting period; its current state. */
export interface PlanReportTable {
  id: string;
  item_id: string;
  organization_id: string;
  period_start: DateString;
  period_end: DateString;
  due_on: DateString;
  state: Generated<PlanReportState>;
  /** The current revision's number (0 while a first draft has never been filed). */
  revision: Generated<number>;
  first_submitted_at: LaterTimestamp;
  accepted_at: LaterTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** Every version of a report as filed, with the secretariat's review of it. */
export interface PlanReportRevisionTable {
  id: string;
  report_id: string;
  revision: number;
  body: Json<LocalizedText>;
  submitted_at: Timestamp;
  submitted_by: string | null;
  review: 'accepted' | 'returned' | null;
  review_comment: string | null;
  reviewed_at: LaterTimestamp;
  reviewed_by: string | null;
}

export interface PlanReportValueTable {
  revision_id: string;
  indicator_id: string;
  value: ColumnType<string, string | number, string | number>;
}

export interface PlanReportAttachmentTable {
  id: string;
  revision_id: string;
  file_name: string;
  original_name: string;
  content_type: string;
  size_bytes: number;
}

export interface PlanReminderTable {
  item_id: string;
  organization_id: string;
  period_start: DateString;
  kind: PlanReminderKind;
  sent_at: Timestamp;
  recipients: number;
}

export interface Database {
  setting: SettingTable;
  area: AreaTable;
  area_name: AreaNameTable;
  area_identifier: AreaIdentifierTable;
  area_population: AreaPopulationTable;
  organization: OrganizationTable;
  organization_name: OrganizationNameTable;
  organization_succession: OrganizationSuccessionTable;
  account: AccountTable;
  role_grant: RoleGrantTable;
  recovery_code: RecoveryCodeTable;
  session: SessionTable;
  one_time_token: OneTimeTokenTable;
  rate_limit: RateLimitTable;
  audit_event: AuditEventTable;
  mail_message: MailMessageTable;
  api_token: ApiTokenTable;
  convocation: ConvocationTable;
  person: PersonTable;
  electoral_district: ElectoralDistrictTable;
  decision: DecisionTable;
  membership: MembershipTable;
  contact_detail: ContactDetailTable;
  role_title: RoleTitleTable;
  import_upload: ImportUploadTable;
  meeting: MeetingTable;
  agenda_item: AgendaItemTable;
  agenda_speaker: AgendaSpeakerTable;
  agenda_change: AgendaChangeTable;
  meeting_invitation: MeetingInvitationTable;
  attendance: AttendanceTable;
  statement: StatementTable;
  vote: VoteTable;
  meeting_minutes: MeetingMinutesTable;
  news_item: NewsItemTable;
  meeting_reminder: MeetingReminderTable;
  meeting_paper: MeetingPaperTable;
  stored_file: StoredFileTable;
  stored_file_chunk: StoredFileChunkTable;
  sitting_members: SittingMembersTable;
  plan: PlanTable;
  plan_section: PlanSectionTable;
  plan_priority: PlanPriorityTable;
  plan_item: PlanItemTable;
  plan_item_responsible: PlanItemResponsibleTable;
  plan_item_link: PlanItemLinkTable;
  plan_indicator: PlanIndicatorTable;
  plan_report: PlanReportTable;
  plan_report_revision: PlanReportRevisionTable;
  plan_report_value: PlanReportValueTable;
  plan_report_attachment: PlanReportAttachmentTable;
  plan_reminder: PlanReminderTable;
  calendar_year: CalendarYearTable;
  non_working_day: NonWorkingDayTable;
  subscriber: SubscriberTable;
  subscription: SubscriptionTable;
  subscription_delivery: SubscriptionDeliveryTable;
}

export type AreaRow = Selectable<AreaTable>;
export type OrganizationRow = Selectable<OrganizationTable>;
export type NewAccount = Insertable<AccountTable>;

/** A year of the working-day calendar; arithmetic reads only complete years. */
export interface CalendarYearTable {
  year: number;
  complete: Generated<boolean>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A day that differs from the five-day week (or a named holiday); its year is generated from the date. */
export interface NonWorkingDayTable {
  date: DateString;
  year: ColumnType<number, never, never>;
  kind: 'holiday' | 'transfer_day_off' | 'transfer_working_day' | 'kurban_ait';
  name: Json<LocalizedText>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** An address subscribed to news or meetings by email (personal: never logged or shown publicly). */
export interface SubscriberTable {
  id: string;
  email: string;
  language: 'kk' | 'kk-latn' | 'ru' | 'en';
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** What an address follows: a topic of an organisation; confirmed by the mailed link, ended by unsubscribing. */
export interface SubscriptionTable {
  id: string;
  subscriber_id: string;
  topic: 'news' | 'meetings';
  organization_id: string;
  language: 'kk' | 'kk-latn' | 'ru' | 'en';
  confirm_token_hash: string | null;
  confirm_expires_at: LaterTimestamp;
  confirmed_at: LaterTimestamp;
  ended_at: LaterTimestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One item mailed to one address, claimed before the mail goes (exactly once across instances). */
export interface SubscriptionDeliveryTable {
  subscriber_id: string;
  item_kind: 'news' | 'meeting';
  item_id: string;
  unsubscribe_token_hash: string;
  claimed_at: Timestamp;
  mail_id: string | null;
}
