// Pieces the office and public news pages share: body text as paragraphs, the publication date, pages.
import { Fragment } from 'preact';
import { usePage } from '../../../core/html/page-context.js';
import { todayInKazakhstan } from '../../../core/db/dated.js';
import type { LocalizedText } from '../../../core/i18n/localized-text.js';
import type { MessageKey } from '../../../core/i18n/messages.js';

/** Stored text split into paragraphs at blank lines (line breaks kept); a fallback language is marked as <Text> marks it. */
export function Paragraphs({ value }: { value: LocalizedText | null | undefined }) {
  const page = usePage();
  const l = page.localize(value);
  const paragraphs = l.text
    .split(/\r?\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (!paragraphs.length) return null;
  const rendered = paragraphs.map((p, i) => (
    <p key={i}>
      {p.split(/\r?\n/).map((line, j) => (
        <Fragment key={j}>
          {j > 0 && <br />}
          {line}
        </Fragment>
      ))}
      {l.fallback && i === paragraphs.length - 1 && (
        <span class="fallback-marker" title={page.t('common.fallbackMarker')}>
          {' '}
          [{l.tag.toUpperCase()}]
        </span>
      )}
    </p>
  ));
  return l.fallback ? (
    <div lang={l.tag} class="fallback-text">
      {rendered}
    </div>
  ) : (
    <>{rendered}</>
  );
}

/** The day an item was published, in Kazakhstan. */
export function PublishedOn({ at }: { at: Date | null }) {
  const { date } = usePage();
  if (!at) return null;
  return <time dateTime={at.toISOString()}>{date(todayInKazakhstan(at))}</time>;
}

export const statusKey = (status: 'draft' | 'published'): MessageKey => (status === 'published' ? 'news.status.published' : 'news.status.draft');
