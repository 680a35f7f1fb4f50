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
  /** A news_category slug (press releases: council). */
  category: Generated<string>;
  /** The lead photo: a re-encoded WebP in the file store, its size and its alt text per language. */
  photo_file: string | null;
  photo_width: number | null;
  photo_height: number | null;
  photo_alt: Json<LocalizedText> | null;
}

/** News categories: a small managed set, by slug, named in kk/ru/en, in a fixed order. */
export interface NewsCategoryTable {
  slug: string;
  name: Json<LocalizedText>;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface NewsTables {
  news_item: NewsItemTable;
  news_category: NewsCategoryTable;
}
