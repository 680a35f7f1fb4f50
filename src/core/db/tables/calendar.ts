// Kazakhstan's working-day calendar, as data administrators extend each year.
import type { ColumnType, Generated } from 'kysely';
import type { LocalizedText } from '../../i18n/localized-text.js';
import type { DateString, Json, Timestamp } from './column-types.js';

/** A year of the working-day calendar; arithmetic reads only complete years. */
export interface CalendarYearTable {
  year: number;
  complete: Generated<boolean>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

/** A day that differs from the five-day week (or a named holiday); its year is generated from the date. */
export interface NonWorkingDayTable {
  date: DateString;
  year: ColumnType<number, never, never>;
  kind: 'holiday' | 'transfer_day_off' | 'transfer_working_day' | 'kurban_ait';
  name: Json<LocalizedText>;
  source: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}

export interface CalendarTables {
  calendar_year: CalendarYearTable;
  non_working_day: NonWorkingDayTable;
}
