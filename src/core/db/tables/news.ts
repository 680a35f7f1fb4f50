// News items (press releases and news of their own).
import type { Generated } from 'kysely';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { Json, Timestamp } from './column-types.js';

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

export interface NewsTables {
  news_item: NewsItemTable;
}
