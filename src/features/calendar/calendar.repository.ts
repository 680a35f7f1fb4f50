// Every query of the working-day calendar's tables (calendar_year, non_working_day).
import type { Executor } from '../../core/db/query.js';
import { json } from '../../core/db/query.js';
import type { DayKind } from '../../core/calendar/working-days.js';
import type { LocalizedText } from '../../core/i18n/localized-text.js';

export interface NewDay {
  date: string;
  kind: DayKind;
  name: LocalizedText;
  source: string | null;
}

export async function listYears(db: Executor) {
  return db
    .selectFrom('calendar_year')
    .select((eb) => [
      'year',
      'complete',
      'source',
      'version',
      'updated_at',
      eb.selectFrom('non_working_day').whereRef('non_working_day.year', '=', 'calendar_year.year').select(eb.fn.countAll<number>().as('n')).as('days'),
    ])
    .orderBy('year')
    .execute();
}

export type YearRow = Awaited<ReturnType<typeof listYears>>[number];

export async function findYear(db: Executor, year: number) {
  return db.selectFrom('calendar_year').select(['year', 'complete', 'source', 'version']).where('year', '=', year).executeTakeFirst();
}

export async function listDays(db: Executor, fromYear?: number, toYear?: number) {
  let query = db.selectFrom('non_working_day').select(['date', 'year', 'kind', 'name', 'source', 'version']).orderBy('date');
  if (fromYear !== undefined) query = query.where('year', '>=', fromYear);
  if (toYear !== undefined) query = query.where('year', '<=', toYear);
  return query.execute();
}

export type DayRow = Awaited<ReturnType<typeof listDays>>[number];

export async function findDay(db: Executor, date: string) {
  return db.selectFrom('non_working_day').select(['date', 'year', 'kind', 'name', 'source', 'version']).where('date', '=', date).executeTakeFirst();
}

/** Adds the years that are missing; an existing year is left as it is. Answers how many were added. */
export async function insertYearsIfMissing(db: Executor, years: { year: number; complete: boolean; source: string | null }[]): Promise<number> {
  if (!years.length) return 0;
  const rows = await db.insertInto('calendar_year').values(years).onConflict((oc) => oc.column('year').doNothing()).returning('year').execute();
  return rows.length;
}

/** Adds the days that are missing; an existing day is left as it is. Answers how many were added. */
export async function insertDaysIfMissing(db: Executor, days: NewDay[]): Promise<number> {
  if (!days.length) return 0;
  const rows = await db
    .insertInto('non_working_day')
    .values(days.map((d) => ({ date: d.date, kind: d.kind, name: json(d.name), source: d.source })))
    .onConflict((oc) => oc.column('date').doNothing())
    .returning('date')
    .execute();
  return rows.length;
}

export async function insertYear(db: Executor, year: number, source: string | null): Promise<boolean> {
  const row = await db.insertInto('calendar_year').values({ year, source }).onConflict((oc) => oc.column('year').doNothing()).returning('year').executeTakeFirst();
  return row !== undefined;
}

/** Marks a year complete (or not) when its version is the one read; false when it changed meanwhile. */
export async function setYearComplete(db: Executor, year: number, version: number, complete: boolean, source: string | null): Promise<boolean> {
  const result = await db
    .updateTable('calendar_year')
    .set((eb) => ({ complete, source, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('year', '=', year)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function insertDay(db: Executor, day: NewDay): Promise<boolean> {
  const row = await db
    .insertInto('non_working_day')
    .values({ date: day.date, kind: day.kind, name: json(day.name), source: day.source })
    .onConflict((oc) => oc.column('date').doNothing())
    .returning('date')
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateDay(db: Executor, day: NewDay, version: number): Promise<boolean> {
  const result = await db
    .updateTable('non_working_day')
    .set((eb) => ({ kind: day.kind, name: json(day.name), source: day.source, updated_at: new Date(), version: eb('version', '+', 1) }))
    .where('date', '=', day.date)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
