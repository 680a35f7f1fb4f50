// The working-day calendar as a service: the complete years and their days, read once and kept in
// memory until a change (an office edit here, or any instance's, announced on 'kenes_content');
// due dates for the questions and the API; the office's years and days, audited and version-checked.
import { recordChange, type ChangeContext } from '../../core/audit/audit.js';
import type { DatabaseHandle, Db } from '../../core/db/connect.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { contentChannel } from '../../core/http/page-cache.js';
import { addWorkingDays, UnknownCalendarYearError, type DayKind, type WorkingCalendar } from '../../core/calendar/working-days.js';
import * as repo from './calendar.repository.js';

export { UnknownCalendarYearError } from '../../core/calendar/working-days.js';
export type { DayRow, YearRow, NewDay } from './calendar.repository.js';

const calendarTables = new Set(['calendar_year', 'non_working_day']);

export interface DueDate {
  from: string;
  workingDays: number;
  due: string;
}

export function createCalendarService(db: Db) {
  let loaded: Promise<WorkingCalendar> | undefined;
  let generation = 0;

  /** Forgets the kept calendar: the next question reads it again. */
  function forget(): void {
    generation++;
    loaded = undefined;
  }

  async function read(): Promise<WorkingCalendar> {
    const years = (await repo.listYears(db)).filter((y) => y.complete).map((y) => y.year);
    const days = years.length ? await repo.listDays(db, Math.min(...years), Math.max(...years)) : [];
    const known = new Set(years);
    return { years: known, days: new Map(days.filter((d) => known.has(d.year)).map((d) => [d.date, d.kind])) };
  }

  function calendar(): Promise<WorkingCalendar> {
    if (loaded) return loaded;
    const started = generation;
    const reading = read();
    loaded = reading;
    // A change while reading: keep nothing, the next question reads again.
    reading.then(
      () => {
        if (generation !== started && loaded === reading) loaded = undefined;
      },
      () => {
        if (loaded === reading) loaded = undefined;
      },
    );
    return reading;
  }

  async function changed<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      forget();
    }
  }

  return {
    forget,
    calendar,

    /** The day `workingDays` working days after `from` (day 0); UnknownCalendarYearError for a year not known. */
    async dueDate(from: string, workingDays: number): Promise<DueDate> {
      return { from, workingDays, due: addWorkingDays(await calendar(), from, workingDays) };
    },

    /** The named and moved days of a complete year; UnknownCalendarYearError for any other. */
    async nonWorkingDays(year: number): Promise<repo.DayRow[]> {
      if (!(await calendar()).years.has(year)) throw new UnknownCalendarYearError(year);
      return repo.listDays(db, year, year);
    },

    years: () => repo.listYears(db),

    async year(year: number) {
      const row = await repo.findYear(db, year);
      if (!row) throw NotFoundError();
      return { ...row, days: await repo.listDays(db, year, year) };
    },

    async day(date: string) {
      const row = await repo.findDay(db, date);
      if (!row) throw NotFoundError();
      return row;
    },

    /** Adds a year (not complete until marked so); a year that exists is a conflict. */
    addYear: (year: number, source: string | null, context: ChangeContext) =>
      changed(() =>
        db.transaction().execute(async (trx) => {
          if (!(await repo.insertYear(trx, year, source))) throw ConflictError();
          await recordChange(trx, context, { entity: 'calendar_year', entityId: String(year), action: 'created', after: { year, source } });
        }),
      ),

    /** Marks a year complete or not, when `version` is the one read. */
    setComplete: (year: number, version: number, complete: boolean, source: string | null, context: ChangeContext) =>
      changed(() =>
        db.transaction().execute(async (trx) => {
          const before = await repo.findYear(trx, year);
          if (!before) throw NotFoundError();
          if (!(await repo.setYearComplete(trx, year, version, complete, source))) throw ConflictError();
          await recordChange(trx, context, {
            entity: 'calendar_year',
            entityId: String(year),
            action: complete ? 'completed' : 'reopened',
            before: { complete: before.complete, source: before.source },
            after: { complete, source },
          });
        }),
      ),

    /** Adds a day (version null) or changes it (its version as read); its year must exist. */
    saveDay: (day: repo.NewDay, version: number | null, context: ChangeContext) =>
      changed(() =>
        db.transaction().execute(async (trx) => {
          if (!(await repo.findYear(trx, Number(day.date.slice(0, 4))))) throw NotFoundError();
          const before = await repo.findDay(trx, day.date);
          const after = { kind: day.kind, name: day.name, source: day.source };
          if (version === null) {
            if (before || !(await repo.insertDay(trx, day))) throw ConflictError();
            await recordChange(trx, context, { entity: 'non_working_day', entityId: day.date, action: 'created', after });
            return;
          }
          if (!before || !(await repo.updateDay(trx, day, version))) throw ConflictError();
          await recordChange(trx, context, { entity: 'non_working_day', entityId: day.date, action: 'updated', before: { kind: before.kind, name: before.name, source: before.source }, after });
        }),
      ),
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
export type { DayKind };

const services = new WeakMap<DatabaseHandle, CalendarService>();

/**
 * The one calendar service of a database (every feature shares its kept calendar), forgetting it
 * whenever any instance changes the calendar's tables.
 */
export async function calendarServiceFor(database: DatabaseHandle): Promise<CalendarService> {
  const existing = services.get(database);
  if (existing) return existing;
  const service = createCalendarService(database.db);
  services.set(database, service);
  await database.listen(contentChannel, (table) => {
    if (calendarTables.has(table)) service.forget();
  });
  return service;
}
