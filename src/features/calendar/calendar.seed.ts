// Loads reference-data/kz-nonworking-days.csv into the calendar. Idempotent and cheap (two
// statements), so it runs at every start and `kenes seed`: it adds the years and days that are
// missing and never overwrites one that exists, so administrators' corrections survive. A year in
// the file is complete; the file's one estimated day (Kurban Ait 2027) keeps its source's warning.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../core/db/connect.js';
import { parseCalendarCsv, type CalendarCsvRow } from '../../core/calendar/calendar-csv.js';
import { referenceDataDir } from '../../core/paths.js';
import { translateDayName } from './calendar-names.js';
import * as repo from './calendar.repository.js';

export const calendarFile = 'kz-nonworking-days.csv';
const yearSource = 'Law No. 267-II "On holidays in the Republic of Kazakhstan"; Government decrees on transfers of days off (reference-data/kz-nonworking-days.csv)';

export function readCalendarFile(): CalendarCsvRow[] {
  return parseCalendarCsv(readFileSync(path.join(referenceDataDir, calendarFile), 'utf8'));
}

export async function seedCalendar(db: Db): Promise<{ yearsAdded: number; daysAdded: number }> {
  const rows = readCalendarFile();
  const years = [...new Set(rows.map((r) => Number(r.date.slice(0, 4))))];
  return db.transaction().execute(async (trx) => {
    const yearsAdded = await repo.insertYearsIfMissing(
      trx,
      years.map((year) => ({ year, complete: true, source: yearSource })),
    );
    const daysAdded = await repo.insertDaysIfMissing(
      trx,
      rows.map((r) => ({ date: r.date, kind: r.kind, name: translateDayName(r.name_en) ?? { kk: r.name_en, ru: r.name_en, en: r.name_en }, source: r.source || null })),
    );
    return { yearsAdded, daysAdded };
  });
}
