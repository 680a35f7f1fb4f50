// The legal-literacy library: materials, their topics, laws and files, and their tracked delivery.
import type { Generated } from 'kysely';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { Json, LaterTimestamp, Timestamp } from './column-types.js';

export const libraryKinds = ['lecture', 'presentation', 'video_link', 'memo', 'law_link'] as const;
export type LibraryKind = (typeof libraryKinds)[number];
export const libraryStates = ['draft', 'submitted', 'published', 'withdrawn'] as const;
export type LibraryState = (typeof libraryStates)[number];
export type LibraryFileLanguage = 'kk' | 'ru' | 'en';
export type LibraryUseAction = 'open' | 'download';

export interface LibraryMaterialTable {
  id: string;
  kind: LibraryKind;
  title: Json<LocalizedText>;
  summary: Json<LocalizedText> | null;
  /** The partner organisation that prepared it (its partners may edit it while a draft). */
  organization_id: string | null;
  author_name: string | null;
  video_url: string | null;
  state: Generated<LibraryState>;
  submitted_at: LaterTimestamp;
  published_at: LaterTimestamp;
  withdrawn_at: LaterTimestamp;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface LibraryMaterialTopicTable {
  material_id: string;
  topic: string;
}

/** A law the material concerns: its title and its page on adilet.zan.kz. */
export interface LibraryMaterialLawTable {
  id: string;
  material_id: string;
  position: number;
  title: string;
  url: string;
}

/** A file of a material in one language; the highest edition is current, the others its history. */
export interface LibraryFileTable {
  id: string;
  material_id: string;
  language: LibraryFileLanguage;
  edition: number;
  /** The name in the file store ('<sha256>.<ext>'). */
  file_name: string;
  original_name: string;
  content_type: string;
  byte_size: number;
  /** The text read from the file on upload (for search), or null when it could not be read. */
  text_content: string | null;
  /** Why the text could not be read: a message key. */
  text_problem: string | null;
  /** What the corrected edition changed, as the uploader said. */
  note: string | null;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface LibraryDistributionTable {
  id: string;
  material_id: string;
  note: Json<LocalizedText> | null;
  remind_after_days: Generated<number>;
  sent_by: string | null;
  sent_at: Timestamp;
}

/** A material sent to one maslikhat: acknowledged by its staff or deputies; reminded at most once. */
export interface LibraryDeliveryTable {
  distribution_id: string;
  organization_id: string;
  acknowledged_at: LaterTimestamp;
  acknowledged_by: string | null;
  reminded_at: LaterTimestamp;
  reminder_recipients: number | null;
}

/** How often a maslikhat opened a material's page or downloaded its files, and since when. */
export interface LibraryUseTable {
  material_id: string;
  organization_id: string;
  action: LibraryUseAction;
  first_at: Timestamp;
  last_at: Timestamp;
  count: Generated<number>;
}

/** A self-check question: its prompt and options per language, and the right option (from 0). */
export interface LibraryQuizQuestionTable {
  id: string;
  material_id: string;
  position: number;
  prompt: Json<LocalizedText>;
  options: Json<LocalizedText[]>;
  correct_option: number;
  created_at: Timestamp;
}

/** A person's latest self-check on a material, for a maslikhat: the options chosen (by question id) and the score. */
export interface LibraryQuizAttemptTable {
  material_id: string;
  account_id: string;
  organization_id: string;
  answers: Json<Record<string, number>>;
  correct: number;
  total: number;
  taken_at: Timestamp;
}

export interface LibraryTables {
  library_material: LibraryMaterialTable;
  library_material_topic: LibraryMaterialTopicTable;
  library_material_law: LibraryMaterialLawTable;
  library_file: LibraryFileTable;
  library_distribution: LibraryDistributionTable;
  library_delivery: LibraryDeliveryTable;
  library_use: LibraryUseTable;
  library_quiz_question: LibraryQuizQuestionTable;
  library_quiz_attempt: LibraryQuizAttemptTable;
}
