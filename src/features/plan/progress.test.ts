// The plan's arithmetic: reporting periods, a report's standing on a day, item status, indicator progress.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { todayInKazakhstan } from '../../core/db/dated.js';
import { addDays, indicatorProgress, isLate, itemStatus, periodOn, reportingPeriods, reportStanding, reportsProgress } from './progress.js';

describe('reportingPeriods', () => {
  it('gives a one-off item one period ending, and due, on its deadline', () => {
    expect(reportingPeriods({ startsOn: '2020-11-01', deadline: '2021-06-30', deadlineKind: 'date', dueOffsetDays: 10 })).toEqual([
      { start: '2020-11-01', end: '2021-06-30', dueOn: '2021-06-30' },
    ]);
  });

  it('gives the calendar quarters that overlap the item, each due the offset after it ends', () => {
    const periods = reportingPeriods({ startsOn: '2020-11-15', deadline: '2021-12-31', deadlineKind: 'quarterly', dueOffsetDays: 5 });
    expect(periods.map((p) => [p.start, p.end, p.dueOn])).toEqual([
      ['2020-10-01', '2020-12-31', '2021-01-05'],
      ['2021-01-01', '2021-03-31', '2021-04-05'],
      ['2021-04-01', '2021-06-30', '2021-07-05'],
      ['2021-07-01', '2021-09-30', '2021-10-05'],
      ['2021-10-01', '2021-12-31', '2022-01-05'],
    ]);
  });

  it('gives half-years and years, and a leap February its 29th day', () => {
    expect(reportingPeriods({ startsOn: '2020-01-01', deadline: '2021-03-01', deadlineKind: 'half_yearly', dueOffsetDays: 0 }).map((p) => p.end)).toEqual([
      '2020-06-30',
      '2020-12-31',
      '2021-06-30',
    ]);
    expect(reportingPeriods({ startsOn: '2020-10-21', deadline: '2025-12-31', deadlineKind: 'yearly', dueOffsetDays: 15 }).map((p) => p.dueOn)).toEqual([
      '2021-01-15',
      '2022-01-15',
      '2023-01-15',
      '2024-01-15',
      '2025-01-15',
      '2026-01-15',
    ]);
    expect(reportingPeriods({ startsOn: '2024-01-01', deadline: '2024-03-31', deadlineKind: 'quarterly', dueOffsetDays: 0 })[0]).toEqual({
      start: '2024-01-01',
      end: '2024-03-31',
      dueOn: '2024-03-31',
    });
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('covers every day from the start to the deadline exactly once, for any recurring item', () => {
    const day = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 900 }), fc.constantFrom('quarterly' as const, 'half_yearly' as const, 'yearly' as const), (startsOn, length, kind) => {
        const deadline = addDays(startsOn, length);
        const periods = reportingPeriods({ startsOn, deadline, deadlineKind: kind, dueOffsetDays: 7 });
        expect(periods.length).toBeGreaterThan(0);
        expect(periodOn(periods, startsOn)).toBeDefined();
        expect(periodOn(periods, deadline)).toBe(periods.at(-1));
        for (const p of periods) expect(p.dueOn).toBe(addDays(p.end, 7));
        for (const [previous, next] of periods.slice(1).map((p, i) => [periods[i]!, p] as const)) expect(next.start).toBe(addDays(previous.end, 1));
      }),
    );
  });
});

describe('reportStanding and isLate', () => {
  const kazakhDate = (d: Date) => todayInKazakhstan(d);

  it('is not due before the due day, and missing (late) from the day after it', () => {
    expect(reportStanding(undefined, '2021-04-05', '2021-04-05')).toBe('not_due');
    expect(reportStanding(undefined, '2021-04-05', '2021-04-06')).toBe('missing');
    expect(isLate(undefined, '2021-04-05', '2021-04-05', kazakhDate)).toBe(false);
    expect(isLate(undefined, '2021-04-05', '2021-04-06', kazakhDate)).toBe(true);
  });

  it('counts a draft as not filed', () => {
    const draft = { state: 'draft' as const, dueOn: '2021-04-05', firstSubmittedAt: null };
    expect(reportStanding(draft, '2021-04-05', '2021-04-01')).toBe('draft');
    expect(reportStanding(draft, '2021-04-05', '2021-04-06')).toBe('missing');
  });

  it('judges a filing late by the date in Astana (UTC+6 in 2021): 18:30 UTC on the due day is already the next day there', () => {
    const filed = (at: string) => ({ state: 'submitted' as const, dueOn: '2021-04-05', firstSubmittedAt: new Date(at) });
    expect(isLate(filed('2021-04-05T17:30:00Z'), '2021-04-05', '2021-04-10', kazakhDate)).toBe(false);
    expect(isLate(filed('2021-04-05T18:30:00Z'), '2021-04-05', '2021-04-10', kazakhDate)).toBe(true);
    expect(reportStanding(filed('2021-04-05T18:30:00Z'), '2021-04-05', '2021-04-10')).toBe('submitted');
  });

  it('keeps a returned report late after the due day until it is accepted', () => {
    const returned = { state: 'returned' as const, dueOn: '2021-04-05', firstSubmittedAt: new Date('2021-04-01T06:00:00Z') };
    expect(isLate(returned, '2021-04-05', '2021-04-04', kazakhDate)).toBe(false);
    expect(isLate(returned, '2021-04-05', '2021-04-06', kazakhDate)).toBe(true);
  });
});

describe('itemStatus', () => {
  const today = '2021-05-01';

  it('is cancelled whatever the reports say', () => {
    expect(itemStatus({ cancelled: true, startsOn: '2020-01-01', expected: [{ standing: 'missing', dueOn: '2021-01-05' }] }, today)).toBe('cancelled');
  });

  it('is done only when every expected report is accepted', () => {
    expect(itemStatus({ cancelled: false, startsOn: '2020-01-01', expected: [{ standing: 'accepted', dueOn: '2021-01-05' }, { standing: 'accepted', dueOn: '2021-04-05' }] }, today)).toBe('done');
    expect(itemStatus({ cancelled: false, startsOn: '2020-01-01', expected: [{ standing: 'accepted', dueOn: '2021-01-05' }, { standing: 'not_due', dueOn: '2021-07-05' }] }, today)).toBe('in_progress');
  });

  it('is overdue when a report is past due and neither accepted nor awaiting review', () => {
    expect(itemStatus({ cancelled: false, startsOn: '2020-01-01', expected: [{ standing: 'missing', dueOn: '2021-04-05' }] }, today)).toBe('overdue');
    expect(itemStatus({ cancelled: false, startsOn: '2020-01-01', expected: [{ standing: 'returned', dueOn: '2021-04-05' }] }, today)).toBe('overdue');
    expect(itemStatus({ cancelled: false, startsOn: '2020-01-01', expected: [{ standing: 'submitted', dueOn: '2021-04-05' }] }, today)).toBe('in_progress');
  });

  it('is not started before its start with nothing filed', () => {
    expect(itemStatus({ cancelled: false, startsOn: '2021-06-01', expected: [{ standing: 'not_due', dueOn: '2021-10-05' }] }, today)).toBe('not_started');
    expect(itemStatus({ cancelled: false, startsOn: '2021-06-01', expected: [{ standing: 'draft', dueOn: '2021-10-05' }] }, today)).toBe('in_progress');
  });
});

describe('indicatorProgress', () => {
  it('sums the bodies\' latest accepted values and places them between baseline and target', () => {
    expect(indicatorProgress({ baseline: 0, target: 200, aggregation: 'sum' }, [40, 60])).toEqual({ value: 100, share: 0.5 });
    expect(indicatorProgress({ baseline: 50, target: 100, aggregation: 'average' }, [60, 80])).toEqual({ value: 70, share: 0.4 });
  });

  it('says nothing without accepted values, and no share without a target; the share stays within 0–1', () => {
    expect(indicatorProgress({ baseline: null, target: 10, aggregation: 'sum' }, [])).toEqual({ value: null, share: null });
    expect(indicatorProgress({ baseline: null, target: null, aggregation: 'sum' }, [3])).toEqual({ value: 3, share: null });
    expect(indicatorProgress({ baseline: 0, target: 10, aggregation: 'sum' }, [25])).toEqual({ value: 25, share: 1 });
    expect(indicatorProgress({ baseline: 10, target: 0, aggregation: 'sum' }, [5])).toEqual({ value: 5, share: 0.5 });
  });
});

describe('reportsProgress', () => {
  it('counts the accepted among the reports due so far or already filed', () => {
    const expected = [
      { standing: 'accepted' as const, dueOn: '2021-01-05' },
      { standing: 'missing' as const, dueOn: '2021-04-05' },
      { standing: 'submitted' as const, dueOn: '2021-07-05' },
      { standing: 'not_due' as const, dueOn: '2021-10-05' },
    ];
    expect(reportsProgress(expected, '2021-05-01')).toEqual({ accepted: 1, due: 3 });
  });
});
