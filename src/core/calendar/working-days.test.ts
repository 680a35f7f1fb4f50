// Working-day arithmetic, table-tested on real Kazakh calendars (the reference CSV) and by properties.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCalendarCsv } from './calendar-csv.js';
import { addWorkingDays, isWorkingDay, UnknownCalendarYearError, workingDaysBetween, type WorkingCalendar } from './working-days.js';
import { referenceDataDir } from '../paths.js';

const rows = parseCalendarCsv(readFileSync(path.join(referenceDataDir, 'kz-nonworking-days.csv'), 'utf8'));
const calendar: WorkingCalendar = {
  years: new Set(rows.map((r) => Number(r.date.slice(0, 4)))),
  days: new Map(rows.map((r) => [r.date, r.kind])),
};

describe('the due day of a question: 15 working days after registration', () => {
  // [registered, what the day is, due] — checked by hand against the year's published calendar.
  const cases: [string, string, string][] = [
    ['2024-03-20', 'Wednesday just before Nauryz 2024 (21–23 March, 25 March in lieu of Saturday 23rd): day 1 is 26 March', '2024-04-15'],
    ['2021-03-19', 'Friday just before Nauryz 2021 (22–23 March, 24 March in lieu of Sunday 21st)', '2021-04-14'],
    ['2021-03-20', 'Saturday before Nauryz 2021: counts from the same first working day, 25 March', '2021-04-14'],
    ['2024-12-31', 'across the New Year 2025: 1–2 January, 3 January a bridge day, Sunday 5 January worked, 7 January Christmas', '2025-01-24'],
    ['2024-12-25', 'across the New Year 2025 from Christmas week', '2025-01-20'],
    ['2022-12-20', 'across the New Year 2023 (2 January in lieu of Sunday 1st)', '2023-01-12'],
    ['2020-01-04', 'Saturday before the working Sunday 5 January 2020: day 1 is that Sunday', '2020-01-24'],
    ['2020-01-05', 'registered on the working Sunday itself: day 1 is Monday 6th', '2020-01-27'],
    ['2020-01-03', 'on the bridge day off 3 January 2020', '2020-01-24'],
    ['2020-12-15', 'before Independence Day 2020 and the working Sunday 20 December', '2021-01-12'],
    ['2024-06-14', 'Friday before Kurban Ait (Sunday 16 June 2024, never moved): Monday 17th is day 1', '2024-07-05'],
    ['2026-08-28', 'Friday before 30 August 2026, no longer a holiday', '2026-09-18'],
  ];
  it.each(cases)('registered %s (%s) is due %s', (from, _what, due) => {
    expect(addWorkingDays(calendar, from, 15)).toBe(due);
    expect(workingDaysBetween(calendar, from, due)).toBe(15);
  });

  it('knows the days themselves', () => {
    expect(isWorkingDay(calendar, '2020-01-05')).toBe(true); // a Sunday worked
    expect(isWorkingDay(calendar, '2020-05-11')).toBe(true); // a Monday kept as a working day
    expect(isWorkingDay(calendar, '2020-01-03')).toBe(false); // a Friday given off
    expect(isWorkingDay(calendar, '2024-03-25')).toBe(false); // in lieu of Saturday's Nauryz
    expect(isWorkingDay(calendar, '2026-08-31')).toBe(true);
    expect(isWorkingDay(calendar, '2024-03-30')).toBe(false); // an ordinary Saturday
  });

  it('day 1 is the first working day after registration', () => {
    expect(addWorkingDays(calendar, '2024-03-20', 1)).toBe('2024-03-26');
    expect(addWorkingDays(calendar, '2020-01-04', 1)).toBe('2020-01-05');
    expect(addWorkingDays(calendar, '2024-03-20', 0)).toBe('2024-03-20');
  });

  it('refuses a year it does not know, naming it, rather than guess', () => {
    const thrown = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      return undefined;
    };
    const before = thrown(() => addWorkingDays(calendar, '2019-12-31', 15));
    expect(before).toBeInstanceOf(UnknownCalendarYearError);
    expect(before).toMatchObject({ year: 2019 });
    expect(thrown(() => addWorkingDays(calendar, '2027-12-20', 15))).toMatchObject({ year: 2028 });
    expect(addWorkingDays(calendar, '2027-12-01', 15)).toBe('2027-12-23');
    expect(thrown(() => isWorkingDay(calendar, '2030-01-01'))).toMatchObject({ year: 2030 });
    expect(() => addWorkingDays(calendar, '2024-02-30', 1)).toThrow(RangeError);
    expect(() => addWorkingDays(calendar, '2024-02-01', -1)).toThrow(RangeError);
  });
});

describe('working-day arithmetic: properties', () => {
  const start = Date.UTC(2020, 0, 1);
  const days = Math.round((Date.UTC(2027, 5, 30) - start) / 86_400_000);
  const day = fc.integer({ min: 0, max: days }).map((n) => new Date(start + n * 86_400_000).toISOString().slice(0, 10));
  const count = fc.integer({ min: 1, max: 40 });

  it('the due day is after the registration day, a working day, and N working days away', () => {
    fc.assert(
      fc.property(day, count, (from, n) => {
        const due = addWorkingDays(calendar, from, n);
        expect(due > from).toBe(true);
        expect(isWorkingDay(calendar, due)).toBe(true);
        expect(workingDaysBetween(calendar, from, due)).toBe(n);
      }),
    );
  });

  it('adding in two steps is adding at once', () => {
    fc.assert(
      fc.property(day, count, count, (from, a, b) => {
        expect(addWorkingDays(calendar, addWorkingDays(calendar, from, a), b)).toBe(addWorkingDays(calendar, from, a + b));
      }),
    );
  });
});
