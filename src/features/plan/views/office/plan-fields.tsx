// What the plan's office pages share: how a plan's period, status, deadline and decision read.
import { usePage } from '../../../../core/html/page-context.js';
import type { LocalizedText } from '../../../../core/i18n/localized-text.js';
import type { PlanDeadlineKind, PlanStatus } from '../../../../core/db/database.js';

export interface DecisionLabelData {
  number: string | null;
  decisionDate: string;
  title: LocalizedText;
}

/** How the plan's pages write a period, a status, a deadline and a decision. */
export function usePlanWords() {
  const { t, date, localize } = usePage();
  return {
    period: (p: { periodStart: string; periodEnd: string }) => t('plan.periodValue', { from: date(p.periodStart), to: date(p.periodEnd) }),
    status: (s: PlanStatus) => t(`plan.status.${s}`),
    deadline: (i: { deadlineKind: PlanDeadlineKind; deadline: string; dueOffsetDays: number }) =>
      i.deadlineKind === 'date' ? date(i.deadline) : t(`planItem.deadlineRecurring.${i.deadlineKind}`, { date: date(i.deadline), days: i.dueOffsetDays }),
    decision: (d: DecisionLabelData) => `${d.number ? `№ ${d.number}, ` : ''}${date(d.decisionDate)} — ${localize(d.title).text}`,
  };
}
