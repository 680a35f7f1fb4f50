// Citizens' questions: the question, its history, its overdue alerts and the feature's one settings row.
import type { Generated } from 'kysely';
import type { DateString, LaterTimestamp, Timestamp } from './column-types.js';

export const questionStates = ['registered', 'in_work', 'forwarded', 'answered', 'closed'] as const;
export type QuestionState = (typeof questionStates)[number];
export const questionChannels = ['form', 'event'] as const;
export type QuestionChannel = (typeof questionChannels)[number];
export const questionActions = ['registered', 'taken', 'assigned', 'forwarded', 'answered', 'closed', 'extended'] as const;
export type QuestionAction = (typeof questionActions)[number];
export type QuestionAlertKind = 'overdue' | 'overdue_extended';

/**
 * A citizen's question to a maslikhat (personal: applicant_name, contact_email, contact_phone,
 * settlement — never logged, never on a public page; erased after the retention).
 */
export interface CitizenQuestionTable {
  id: string;
  /** Readable reference, e.g. Q-2026-000123. */
  reference: string;
  organization_id: string;
  /** A deputy of the maslikhat; null: the maslikhat itself. */
  assignee_person_id: Generated<string | null>;
  /** The outreach event the question was raised at (its foreign key comes with outreach_event). */
  outreach_event_id: Generated<string | null>;
  channel: QuestionChannel;
  applicant_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  area_id: string;
  settlement: string | null;
  body: string;
  language: 'kk' | 'kk-latn' | 'ru' | 'en';
  consent_at: Timestamp;
  /** The staff account that recorded the consent of a question raised at an event. */
  consent_recorded_by: Generated<string | null>;
  state: Generated<QuestionState>;
  /** Day 0 of the deadline: Kazakhstan's date of registration. */
  registered_on: DateString;
  forwarded_to: Generated<string | null>;
  forwarded_at: LaterTimestamp;
  answer: Generated<string | null>;
  answered_at: LaterTimestamp;
  closed_at: LaterTimestamp;
  /** The 15th working day after registration; null when the calendar did not know the year. */
  due_date: DateString | null;
  extended_due_date: Generated<DateString | null>;
  extension_reason: Generated<string | null>;
  tracking_token_hash: string;
  personal_data_erased_at: LaterTimestamp;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** One step of a question's history, shown to the applicant (without staff names). */
export interface CitizenQuestionEventTable {
  id: string;
  question_id: string;
  action: QuestionAction;
  state: QuestionState;
  actor_account_id: string | null;
  note: string | null;
  occurred_at: Timestamp;
}

/** An overdue alert claimed before its mail goes. */
export interface CitizenQuestionAlertTable {
  question_id: string;
  kind: QuestionAlertKind;
  sent_at: Timestamp;
  recipients: Generated<number>;
}

export interface CitizenQuestionSettingTable {
  id: Generated<boolean>;
  retention_months: Generated<number>;
  form_key: string | null;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface QuestionsTables {
  citizen_question: CitizenQuestionTable;
  citizen_question_event: CitizenQuestionEventTable;
  citizen_question_alert: CitizenQuestionAlertTable;
  citizen_question_setting: CitizenQuestionSettingTable;
}
