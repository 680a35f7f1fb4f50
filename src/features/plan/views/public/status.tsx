// An item's status and a report's standing as the plan's pages show them: an icon (hidden from
// screen readers) and the words, so nothing depends on colour alone. Shared by the public pages
// and the secretariat's matrix.
import { usePage } from '../../../../core/html/page-context.js';
import type { MessageKey } from '../../../../core/i18n/messages.js';
import type { ItemStatus, ReportStanding } from '../../progress.js';

export const statusIcons: Record<ItemStatus, string> = { not_started: '○', in_progress: '◐', done: '✔', overdue: '!', cancelled: '✕' };
export const standingIcons: Record<ReportStanding, string> = { not_due: '·', missing: '!', draft: '✎', submitted: '⧗', returned: '↩', accepted: '✔' };

export const statusKey = (status: ItemStatus): MessageKey => `planPublic.itemStatus.${status}`;
export const standingKey = (standing: ReportStanding): MessageKey => `planMatrix.standing.${standing}`;

export function ItemStatusTag({ status }: { status: ItemStatus }) {
  const { t } = usePage();
  return (
    <span class={`tag plan-status plan-status--${status}`}>
      <span aria-hidden="true">{statusIcons[status]}</span> {t(statusKey(status))}
    </span>
  );
}

export function Standing({ standing, late }: { standing: ReportStanding; late?: boolean }) {
  const { t } = usePage();
  return (
    <span class={`plan-standing plan-standing--${standing}`}>
      <span aria-hidden="true">{standingIcons[standing]}</span> {t(standingKey(standing))}
      {late && standing !== 'missing' ? ` (${t('planMatrix.late')})` : ''}
    </span>
  );
}

/** "3 of 5" with a share as a percentage, for progress lines. */
export function share(accepted: number, due: number): number | null {
  return due > 0 ? Math.round((accepted / due) * 100) : null;
}
