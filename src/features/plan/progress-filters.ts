// The periods the matrix, the public pages and the API filter by, as a reader writes them:
// a quarter (2021-Q1), a half-year (2021-H2), a year (2021) or one day (2021-03-15).
import type { PlanDeadlineKind } from '../../core/db/database.js';
import type { ReportingPeriod } from './progress.js';

export interface PeriodRange {
  /** As written, normalised (2021-Q1). */
  key: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The range a period key names, or undefined when it names none. */
export function parsePeriod(value: string): PeriodRange | undefined {
  const text = value.trim().toUpperCase();
  let m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    const q = Number(m[2]);
    const endMonth = q * 3;
    return { key: text, from: `${year}-${pad(endMonth - 2)}-01`, to: `${year}-${pad(endMonth)}-${pad(lastDay(year, endMonth))}` };
  }
  m = /^(\d{4})-H([12])$/.exec(text);
  if (m) {
    const year = Number(m[1]);
    return m[2] === '1' ? { key: text, from: `${year}-01-01`, to: `${year}-06-30` } : { key: text, from: `${year}-07-01`, to: `${year}-12-31` };
  }
  m = /^(\d{4})$/.exec(text);
  if (m) return { key: text, from: `${m[1]}-01-01`, to: `${m[1]}-12-31` };
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (month < 1 || month > 12 || day < 1 || day > lastDay(year, month)) return undefined;
    return { key: text, from: text, to: text };
  }
  return undefined;
}

export const overlaps = (period: { start: string; end: string }, range: PeriodRange): boolean => period.start <= range.to && period.end >= range.from;

/** A reporting period's key: 2021-Q1, 2021-H2, 2021, or its first and last day for a one-off item. */
export function periodLabel(period: ReportingPeriod, kind: PlanDeadlineKind): string {
  const year = period.start.slice(0, 4);
  const month = Number(period.start.slice(5, 7));
  if (kind === 'quarterly') return `${year}-Q${Math.ceil(month / 3)}`;
  if (kind === 'half_yearly') return `${year}-H${month <= 6 ? 1 : 2}`;
  if (kind === 'yearly') return year;
  return `${period.start}/${period.end}`;
}

/** The quarters a plan spans, for the matrix's period choice (newest last). */
export function quartersBetween(from: string, to: string): string[] {
  const keys: string[] = [];
  let year = Number(from.slice(0, 4));
  let q = Math.ceil(Number(from.slice(5, 7)) / 3);
  const endKey = Number(to.slice(0, 4)) * 4 + Math.ceil(Number(to.slice(5, 7)) / 3);
  while (year * 4 + q <= endKey && keys.length < 200) {
    keys.push(`${year}-Q${q}`);
    q += 1;
    if (q > 4) {
      q = 1;
      year += 1;
    }
  }
  return keys;
}
