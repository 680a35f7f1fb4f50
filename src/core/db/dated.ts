// Query fragments for dated rows. End dates are inclusive; a null bound is open.
import { sql, type RawBuilder } from 'kysely';
import type { LocalizedText } from '../i18n/localized-text.js';

export type DateExpression = string | RawBuilder<string>;
const asDate = (date: DateExpression): RawBuilder<string> => (typeof date === 'string' ? sql<string>`${date}::date` : date);

/** True when [from, to] covers the date ('YYYY-MM-DD' or an SQL date). Column names are qualified, e.g. 'area.valid_from'. */
export function coversDate(from: string, to: string, date: DateExpression): RawBuilder<boolean> {
  const day = asDate(date);
  return sql<boolean>`((${sql.ref(from)} is null or ${sql.ref(from)} <= ${day}) and (${sql.ref(to)} is null or ${sql.ref(to)} >= ${day}))`;
}

const kazakhstanDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Kazakhstan (UTC+5), as 'YYYY-MM-DD'. */
export function todayInKazakhstan(now: Date = new Date()): string {
  return kazakhstanDate.format(now);
}

/**
 * Today's date in Kazakhstan as the database reckons it when the query runs: for a query built
 * once and run on later days (a related-links provider, which a page may compile once), where a
 * date put in as a value would stay the day it was built.
 */
export const todayInKazakhstanSql: RawBuilder<string> = sql<string>`(now() at time zone 'Asia/Almaty')::date`;

/** The calendar day of an instant in its own time zone, e.g. a meeting's day: `localDay('m.starts_at', 'm.time_zone')`. */
export function localDay(instantColumn: string, timeZoneColumn: string): RawBuilder<string> {
  return sql<string>`(${sql.ref(instantColumn)} at time zone ${sql.ref(timeZoneColumn)})::date`;
}

/** The name valid on a date from a table of dated names; for a date outside every period, the latest name. */
function nameAsOf(names: 'organization_name' | 'area_name', owner: 'organization_id' | 'area_id', idColumn: string, date: DateExpression, column: 'name' | 'short_name'): RawBuilder<LocalizedText | null> {
  const day = asDate(date);
  return sql<LocalizedText | null>`(select ${sql.ref(`n.${column}`)} from ${sql.table(names)} n where ${sql.ref(`n.${owner}`)} = ${sql.ref(idColumn)}
    order by ((n.valid_from is null or n.valid_from <= ${day}) and (n.valid_to is null or n.valid_to >= ${day})) desc, n.valid_from desc nulls last limit 1)`;
}

/**
 * The name (or short name) of an organisation valid on a date; for a date outside every period,
 * its latest name. The one definition every list and page uses, so a renamed body reads the same
 * everywhere. `date` is 'YYYY-MM-DD' or an SQL date expression (e.g. a meeting's local day). Null
 * only for an organisation without any name, or for a null id.
 */
export function organizationNameAsOf(organizationIdColumn: string, date: DateExpression, column: 'name' | 'short_name' = 'name'): RawBuilder<LocalizedText | null> {
  return nameAsOf('organization_name', 'organization_id', organizationIdColumn, date, column);
}

/** The name of an area (a region, a city) valid on a date; for a date outside every period, its latest name. */
export function areaNameAsOf(areaIdColumn: string, date: DateExpression): RawBuilder<LocalizedText | null> {
  return nameAsOf('area_name', 'area_id', areaIdColumn, date, 'name');
}

/**
 * Who a row names, a person or an organisation (an invitee, a member, one in the roll call): the
 * person's name, else the organisation's as of the date.
 */
export function personOrOrganizationName(personNameColumn: string, organizationIdColumn: string, date: DateExpression): RawBuilder<LocalizedText | null> {
  return sql<LocalizedText | null>`coalesce(${sql.ref(personNameColumn)}, ${organizationNameAsOf(organizationIdColumn, date)})`;
}
