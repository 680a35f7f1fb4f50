// The plan's next report deadlines, as the home page's "what is next" shows them: the coming due days
// of the adopted plans' open items, each day and plan with how many items' reports fall due then.
import type { LocalizedText } from '../../core/i18n/localized-text.js';
import { reportingPeriods, type ItemSchedule } from './progress.js';

export interface PlanDeadline {
  planId: string;
  planTitle: LocalizedText;
  dueOn: string;
  /** Items whose report for a period is due that day. */
  items: number;
}

/** The first `limit` due days from `today` on (each plan's own), soonest first, then by plan. */
export function nextDeadlines(schedules: (ItemSchedule & { planId: string; planTitle: LocalizedText })[], today: string, limit: number): PlanDeadline[] {
  const due = new Map<string, PlanDeadline>();
  for (const item of schedules) {
    const next = reportingPeriods(item).find((p) => p.dueOn >= today);
    if (!next) continue;
    const key = `${next.dueOn} ${item.planId}`;
    const known = due.get(key);
    if (known) known.items++;
    else due.set(key, { planId: item.planId, planTitle: item.planTitle, dueOn: next.dueOn, items: 1 });
  }
  return [...due.values()].toSorted((a, b) => a.dueOn.localeCompare(b.dueOn) || a.planId.localeCompare(b.planId)).slice(0, limit);
}
