// The search index (core/search): one row per searchable thing and language, filled by our analysers.
import type { Timestamp } from './column-types.js';

export interface SearchDocumentTable {
  /** The kind of thing ('meeting', 'news', 'deputy'…): a registered search source's type. */
  type: string;
  subject_id: string;
  language: 'kk' | 'ru' | 'en';
  title: string;
  /** Plain text, bounded (core/search/analyse.ts maxBodyLength). */
  body: string;
  /** The page inside the language, e.g. '/news/{id}' (the link is /{lang}{path}). */
  path: string;
  /** The KATO code of the region the thing belongs to, if any. */
  region_kato: string | null;
  /** The day the thing is dated by (a meeting's day, a news item's publication), if any. */
  date: string | null;
  audience: 'public' | 'office';
  /** Our analysis: Kazakh keys built in TypeScript, Russian and English by PostgreSQL's configurations. */
  tsv: string;
  /** The title folded to plain Latin (core/text/fold.ts), for trigram matches and the title boost. */
  title_folded: string;
  /** A hash of what was indexed: unchanged documents are not analysed again. */
  fingerprint: string;
  updated_at: Timestamp;
}

export interface SearchTables {
  search_document: SearchDocumentTable;
}
