// Outreach analytics' rollups (migration 0022), kept current by triggers on the source rows: read
// only, never written by the app. Counts per region (the top area), month and, for events, public
// or internal.
import type { ColumnType } from 'kysely';
import type { DateString } from './column-types.js';

type ReadOnly<T> = ColumnType<T, never, never>;

/** Events and their audience per region, month (in the region's zone), public flag and kind. */
export interface OutreachStatEventTable {
  region_area_id: ReadOnly<string>;
  month: ReadOnly<DateString>;
  public: ReadOnly<boolean>;
  kind: ReadOnly<string>;
  events: ReadOnly<number>;
  /** bigint: read it through a cast. */
  audience: ReadOnly<string>;
}

/** Events per region, month, public flag and topic. */
export interface OutreachStatTopicTable {
  region_area_id: ReadOnly<string>;
  month: ReadOnly<DateString>;
  public: ReadOnly<boolean>;
  topic_id: ReadOnly<string>;
  events: ReadOnly<number>;
}

/** Citizens' questions per region and month of registration: raised, answered, answered on time. */
export interface OutreachStatQuestionTable {
  region_area_id: ReadOnly<string>;
  month: ReadOnly<DateString>;
  registered: ReadOnly<number>;
  answered: ReadOnly<number>;
  answered_on_time: ReadOnly<number>;
}

/** Open questions (registered or in work) per region, month of registration and due date in force. */
export interface OutreachStatQuestionOpenTable {
  region_area_id: ReadOnly<string>;
  month: ReadOnly<DateString>;
  due_on: ReadOnly<DateString>;
  open: ReadOnly<number>;
}

export interface OutreachStatsTables {
  outreach_stat_event: OutreachStatEventTable;
  outreach_stat_topic: OutreachStatTopicTable;
  outreach_stat_question: OutreachStatQuestionTable;
  outreach_stat_question_open: OutreachStatQuestionOpenTable;
}
