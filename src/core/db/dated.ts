// Query fragments for dated rows. End dates are inclusive; a null bound is open.
import { sql, type RawBuilder } from 'kysely';
import type { LocalizedText } from '../i18n/localized-text.js';

/** True when [from, to] covers the date. Column names are qualified, e.g. 'area.valid_from'. */
export function coversDate(from: string, to: string, date: string): RawBuilder<boolean> {
  return sql<boolean>`((${sql.ref(from)} is null or ${sql.ref(from)} <= ${date}::date) and (${sql.ref(to)} is null or ${sql.ref(to)} >= ${date}::date))`;
}

const kazakhstanDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in Kazakhstan (UTC+5), as 'YYYY-MM-DD'. */
export function todayInKazakhstan(now: Date = new Date()): string {
  return kazakhstanDate.format(now);
}

type DateExpression = string | RawBuilder<string>;
const asDate = (date: DateExpression): RawBuilder<string> => (typeof date === 'string' ? sql<string>`${date}::date` : date);

/**
 * The name (or short name) of an organisation valid on a date; for a date outside every period,
 * its latest name. The one definition every list and page uses, so a renamed body reads the same
 * everywhere. `date` is 'YYYY-MM-DD' or an SQL date expression (e.g. a meeting's local day).
 */
export function organizationNameAsOf(organizationIdColumn: string, date: DateExpression, column: 'name' | 'short_name' = 'name'): RawBuilder<LocalizedText | null> {
  const day = asDate(date);
  return sql<LocalizedText | null>`(select ${sql.ref(`n.${column}`)} from organization_name n where n.organization_id = ${sql.ref(organizationIdColumn)}
    order by ((n.valid_from is null or n.valid_from <= ${day}) and (n.valid_to is null or n.valid_to >= ${day})) desc, n.valid_from desc nulls last limit 1)`;
}
