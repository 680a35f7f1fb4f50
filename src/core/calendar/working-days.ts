// Working-day arithmetic over Kazakhstan's calendar (pure: the calendar is loaded elsewhere and passed in).
//
// The rule. A citizen's question is answered within 15 working days of its registration: the Law
// of the Republic of Kazakhstan of 12 January 2007 No. 221-III "On the procedure for considering
// appeals of individuals and legal entities" (art. 8: fifteen working days from receipt), whose
// terms the Administrative Procedural and Process Code carried on from 1 July 2021 (as far as we
// know; the office's lawyer has the last word). A term in working days is counted as the Civil Code
// counts any term (its chapter on terms: a term begins the day after the event), so
//   - day 0 is the registration day, whatever kind of day it is;
//   - the due day is the N-th working day after it: the first working day after registration is
//     day 1 (a question registered on a Saturday or a holiday counts from the next working day);
//   - the due day is always a working day, and strictly after the registration day.
// A day is a working day when it is Monday to Friday and not a holiday, a day off in lieu or a
// Kurban Ait, or when a government transfer made it a working day (a Saturday or Sunday, or a
// weekday that would have been a day off in lieu). The calendar knows only the years an
// administrator has marked complete; arithmetic that would read a day of any other year throws
// UnknownCalendarYearError naming it, never a guess.

/** The kinds of day the calendar lists (reference-data/kz-nonworking-days.csv). */
export const dayKinds = ['holiday', 'transfer_day_off', 'transfer_working_day', 'kurban_ait'] as const;
export type DayKind = (typeof dayKinds)[number];

/** The kinds that make a day a day off; transfer_working_day makes it a working day. */
export const nonWorkingKinds: ReadonlySet<DayKind> = new Set(['holiday', 'transfer_day_off', 'kurban_ait']);

export interface WorkingCalendar {
  /** The years whose every day is known (marked complete). */
  readonly years: ReadonlySet<number>;
  /** The days that differ from an ordinary week or are named: 'YYYY-MM-DD' → kind. */
  readonly days: ReadonlyMap<string, DayKind>;
}

/** A computation needed a day of a year the calendar does not know. */
export class UnknownCalendarYearError extends Error {
  constructor(readonly year: number) {
    super(`the working-day calendar has no data for ${year}`);
    this.name = 'UnknownCalendarYearError';
  }
}

const dayMs = 86_400_000;
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds at UTC midnight of a 'YYYY-MM-DD' day; a RangeError for anything that is not a real day. */
function epoch(date: string): number {
  const m = isoDay.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`not a day: ${date}`);
  return ms;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const yearOf = (date: string) => Number(date.slice(0, 4));

/** The next calendar day. */
export const nextDay = (date: string) => dayOf(epoch(date) + dayMs);

function knownYear(calendar: WorkingCalendar, date: string): void {
  const year = yearOf(date);
  if (!calendar.years.has(year)) throw new UnknownCalendarYearError(year);
}

/** Whether people work on this day under the five-day week. */
export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  const ms = epoch(date);
  knownYear(calendar, date);
  const kind = calendar.days.get(date);
  if (kind === 'transfer_working_day') return true;
  if (kind && nonWorkingKinds.has(kind)) return false;
  const weekday = new Date(ms).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The day N working days after `from` (day 0; see the rule above). N = 0 answers `from` itself. */
export function addWorkingDays(calendar: WorkingCalendar, from: string, workingDays: number): string {
  if (!Number.isSafeInteger(workingDays) || workingDays < 0) throw new RangeError(`not a number of working days: ${workingDays}`);
  let ms = epoch(from);
  knownYear(calendar, from);
  let counted = 0;
  while (counted < workingDays) {
    ms += dayMs;
    if (isWorkingDay(calendar, dayOf(ms))) counted++;
  }
  return dayOf(ms);
}

/** How many working days lie after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(calendar: WorkingCalendar, from: string, to: string): number {
  let ms = epoch(from);
  const end = epoch(to);
  knownYear(calendar, from);
  let counted = 0;
  while (ms < end) {
    ms += dayMs;
    if (isWorkingDay(calendar, dayOf(ms))) counted++;
  }
  return counted;
}
