// The perspective work plan: plans, sections, priorities, items, responsible bodies, indicators, reports and reminders.
import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { DateString, Json, LaterTimestamp, Timestamp } from './column-types.js';

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

export interface PlanTables {
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
}
