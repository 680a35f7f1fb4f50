// The plan's arithmetic, pure and shared by every page, export and job: an item's reporting
// periods, the state of each expected report on a day, an item's status and an indicator's
// progress. Nothing here is stored — status and progress are derived from the reports, so they are
// never typed twice and cannot disagree between the secretariat's matrix and the public page.
import type { PlanDeadlineKind, PlanReportState } from '../../core/db/database.js';

export interface ReportingPeriod {
  /** First and last day of the period, inclusive ('YYYY-MM-DD'). */
  start: string;
  end: string;
  /** The day the report is due; late from the next day (Kazakhstan's date). */
  dueOn: string;
}

export interface ItemSchedule {
  startsOn: string;
  deadline: string;
  deadlineKind: PlanDeadlineKind;
  /** Recurring items: the report is due this many days after each period ends. */
  dueOffsetDays: number;
}

const monthsPerPeriod: Record<Exclude<PlanDeadlineKind, 'date'>, number> = { quarterly: 3, half_yearly: 6, yearly: 12 };

/** Days between 'YYYY-MM-DD' dates are counted in UTC, where every day has 24 hours. */
const toUtc = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (date: string, days: number): string => fromUtc(toUtc(date) + days * 86_400_000);

/**
 * The periods an item is reported for: one period ending on the deadline for a one-off item, or the
 * calendar quarters, half-years or years that overlap [startsOn, deadline] — calendar periods, so
 * "2021, Q1" means the same days for every item and the matrix can filter by it. A recurring item's
 * last report is due no later than its deadline's period allows (period end + offset).
 */
export function reportingPeriods(item: ItemSchedule): ReportingPeriod[] {
  if (item.deadlineKind === 'date') return [{ start: item.startsOn, end: item.deadline, dueOn: item.deadline }];
  const step = monthsPerPeriod[item.deadlineKind];
  const periods: ReportingPeriod[] = [];
  let year = Number(item.startsOn.slice(0, 4));
  let month = Math.floor((Number(item.startsOn.slice(5, 7)) - 1) / step) * step; // 0-based first month of the period
  for (;;) {
    const start = fromUtc(Date.UTC(year, month, 1));
    if (start > item.deadline) break;
    const end = fromUtc(Date.UTC(year, month + step, 1) - 86_400_000);
    periods.push({ start, end, dueOn: addDays(end, item.dueOffsetDays) });
    month += step;
    if (month >= 12) {
      year += Math.floor(month / 12);
      month %= 12;
    }
  }
  return periods;
}

/** The period a day falls in, among an item's periods. */
export const periodOn = (periods: ReportingPeriod[], date: string): ReportingPeriod | undefined => periods.find((p) => p.start <= date && date <= p.end);

/**
 * What an expected report stands at on a day, as the matrix shows it:
 * - not_due: nothing filed and the due day has not passed;
 * - missing: nothing filed (or only a draft) and the due day has passed — late;
 * - draft, submitted (awaiting review), returned (with comments, to be revised), accepted.
 */
export type ReportStanding = 'not_due' | 'missing' | 'draft' | 'submitted' | 'returned' | 'accepted';

export interface FiledReport {
  state: PlanReportState;
  dueOn: string;
  /** When it was first filed (submitted); null while a draft. */
  firstSubmittedAt: Date | null;
}

export function reportStanding(report: FiledReport | undefined, dueOn: string, today: string): ReportStanding {
  if (!report || report.state === 'draft') {
    if (dueOn >= today) return report ? 'draft' : 'not_due';
    return 'missing';
  }
  return report.state;
}

/** Late: still not filed after the due day, or filed after it (a returned report stays late until accepted). */
export function isLate(report: FiledReport | undefined, dueOn: string, today: string, kazakhDateOf: (instant: Date) => string): boolean {
  if (!report || !report.firstSubmittedAt) return dueOn < today;
  if (report.state === 'returned' && dueOn < today) return true;
  return kazakhDateOf(report.firstSubmittedAt) > dueOn;
}

export type ItemStatus = 'not_started' | 'in_progress' | 'done' | 'overdue' | 'cancelled';

/**
 * An item's status from its expected reports on a day: cancelled when cancelled; done when every
 * expected report (every body, every period) is accepted; overdue when one is past due and neither
 * accepted nor awaiting review; in progress once it has started or anything was filed; else not started.
 */
export function itemStatus(input: { cancelled: boolean; startsOn: string; expected: { standing: ReportStanding; dueOn: string }[] }, today: string): ItemStatus {
  if (input.cancelled) return 'cancelled';
  const { expected } = input;
  if (expected.length > 0 && expected.every((r) => r.standing === 'accepted')) return 'done';
  if (expected.some((r) => r.dueOn < today && (r.standing === 'missing' || r.standing === 'returned' || r.standing === 'draft'))) return 'overdue';
  if (input.startsOn <= today || expected.some((r) => r.standing !== 'not_due' && r.standing !== 'missing')) return 'in_progress';
  return 'not_started';
}

export interface IndicatorProgress {
  /** The combined value of the latest accepted reports (sum or average over the bodies), or null when none. */
  value: number | null;
  /** Share of the way from the baseline to the target, 0–1 (null without a target or a value). */
  share: number | null;
}

/**
 * An indicator's progress: each body's latest accepted value (its latest period) combined by the
 * indicator's aggregation, placed between the baseline (0 when not given) and the target.
 */
export function indicatorProgress(
  indicator: { baseline: number | null; target: number | null; aggregation: 'sum' | 'average' },
  latestAcceptedByBody: number[],
): IndicatorProgress {
  if (latestAcceptedByBody.length === 0) return { value: null, share: null };
  const total = latestAcceptedByBody.reduce((a, b) => a + b, 0);
  const value = indicator.aggregation === 'sum' ? total : total / latestAcceptedByBody.length;
  if (indicator.target === null) return { value, share: null };
  const baseline = indicator.baseline ?? 0;
  if (indicator.target === baseline) return { value, share: value >= indicator.target ? 1 : 0 };
  const share = (value - baseline) / (indicator.target - baseline);
  return { value, share: Math.min(1, Math.max(0, share)) };
}

/** Reports accepted out of those due so far (the share the public page shows), per item or per body. */
export function reportsProgress(expected: { standing: ReportStanding; dueOn: string }[], today: string): { accepted: number; due: number } {
  const due = expected.filter((r) => r.dueOn < today || r.standing !== 'not_due');
  return { accepted: due.filter((r) => r.standing === 'accepted').length, due: due.length };
}
