// Query fragments for dated rows. End dates are inclusive; a null bound is open.
import { sql, type RawBuilder } from 'kysely';

/** True when [from, to] covers the date. Column names are qualified, e.g. 'area.valid_from'. */
export function coversDate(from: string, to: string, date: string): RawBuilder<boolean> {
  return sql<boolean>`((${sql.ref(from)} is null or ${sql.ref(from)} <= ${date}::date) and (${sql.ref(to)} is null or ${sql.ref(to)} >= ${date}::date))`;
}

const kazakhstanDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Kazakhstan (UTC+5), as 'YYYY-MM-DD'. */
export function todayInKazakhstan(now: Date = new Date()): string {
  return kazakhstanDate.format(now);
}
