// Deputies' work with voters: outreach topics, events, the deputies present, their topics and photos.
import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText, StoredLanguage } from '../../i18n/localized-text.js';
import type { Json, Timestamp } from './column-types.js';

export const outreachTopicKinds = ['address_priority', 'state_programme', 'law', 'other'] as const;
export type OutreachTopicKind = (typeof outreachTopicKinds)[number];
export const outreachEventKinds = ['meeting_with_voters', 'reception', 'visit', 'media', 'online'] as const;
export type OutreachEventKind = (typeof outreachEventKinds)[number];

/** A topic of the managed list events are tagged with. */
export interface OutreachTopicTable {
  id: string;
  slug: string | null;
  kind: OutreachTopicKind;
  title: Json<LocalizedText>;
  active: Generated<boolean>;
  position: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** An event of a maslikhat's deputies with voters; starts_at is shown in time_zone (the region's). */
export interface OutreachEventTable {
  id: string;
  organization_id: string;
  region_area_id: string | null;
  district_area_id: string | null;
  kind: OutreachEventKind;
  starts_at: Date;
  ends_at: Date | null;
  time_zone: string;
  settlement: string | null;
  address: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  audience_total: number | null;
  audience_youth: number | null;
  audience_elderly: number | null;
  audience_entrepreneurs: number | null;
  audience_women: number | null;
  audience_other: number | null;
  summary: string | null;
  summary_language: StoredLanguage | null;
  public: Generated<boolean>;
  created_by: string | null;
  is_demo: Generated<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface OutreachEventDeputyTable {
  event_id: string;
  person_id: string;
}

export interface OutreachEventTopicTable {
  event_id: string;
  topic_id: string;
}

/** A photo of an event: a stored file's name (re-encoded WebP) and its required alt text. */
export interface OutreachEventPhotoTable {
  id: string;
  event_id: string;
  position: number;
  file_name: string;
  alt_text: string;
  created_at: Timestamp;
}

/** A paper kept with an event (office only), named in the file store by its content. */
export interface OutreachEventFileTable {
  id: string;
  event_id: string;
  file_name: string;
  original_name: string;
  content_type: string;
  size_bytes: number;
  created_by: string | null;
  created_at: Timestamp;
}

export interface OutreachTables {
  outreach_topic: OutreachTopicTable;
  outreach_event: OutreachEventTable;
  outreach_event_deputy: OutreachEventDeputyTable;
  outreach_event_topic: OutreachEventTopicTable;
  outreach_event_photo: OutreachEventPhotoTable;
  outreach_event_file: OutreachEventFileTable;
}
