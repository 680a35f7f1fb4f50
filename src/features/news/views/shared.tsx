// Pieces the office and public news pages share: the publication date, pages (body text as paragraphs: core/html's Paragraphs).
import { usePage } from '../../../core/html/page-context.js';
import { todayInKazakhstan } from '../../../core/db/dated.js';
import type { MessageKey } from '../../../core/i18n/messages.js';

/** The day an item was published, in Kazakhstan. */
export function PublishedOn({ at }: { at: Date | null }) {
  const { date } = usePage();
  if (!at) return null;
  return <time dateTime={at.toISOString()}>{date(todayInKazakhstan(at))}</time>;
}

export const statusKey = (status: 'draft' | 'published'): MessageKey => (status === 'published' ? 'news.status.published' : 'news.status.draft');
