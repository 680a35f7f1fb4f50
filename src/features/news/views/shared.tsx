// Pieces the office and public news pages share: the publication date, pages (body text as paragraphs: core/html's Paragraphs).
import { usePage } from '../../../core/html/page-context.js';
import { todayInKazakhstan } from '../../../core/db/dated.js';
import type { MessageKey } from '../../../core/i18n/messages.js';
import { isScheduled } from '../news.service.js';

/** The day an item was published, in Kazakhstan. */
export function PublishedOn({ at }: { at: Date | null }) {
  const { date } = usePage();
  if (!at) return null;
  return <time dateTime={at.toISOString()}>{date(todayInKazakhstan(at))}</time>;
}

/** An item's status as the office says it: draft, scheduled (published from a time to come) or published. */
export const statusKey = (item: { status: 'draft' | 'published'; publishedAt: Date | null }): MessageKey =>
  item.status === 'draft' ? 'news.status.draft' : isScheduled(item) ? 'news.status.scheduled' : 'news.status.published';

/** Where a news item's lead photo is served (see newsPhotoRoutes). */
export const newsPhotoPath = (file: string): string => `/files/news/${encodeURIComponent(file)}`;
