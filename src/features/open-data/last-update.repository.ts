// When each open dataset last changed: the newest change time of its public rows (drafts and unaccepted reports left out).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../core/db/connect.js';
import type { DatasetId } from './datasets.js';

/** A table's newest change among the rows the public sees. */
const newest = (table: string, column: string, where?: RawBuilder<unknown>) =>
  sql<Date | null>`(select max(${sql.ref(column)}) from ${sql.table(table)}${where ? sql` where ${where}` : sql``})`;

const sources: Record<DatasetId, RawBuilder<Date | null>[]> = {
  registry: [newest('organization', 'updated_at'), newest('person', 'updated_at'), newest('membership', 'updated_at')],
  deputies: [newest('person', 'updated_at'), newest('membership', 'updated_at')],
  areas: [newest('area', 'updated_at')],
  meetings: [newest('meeting', 'updated_at', sql`status <> 'draft'`)],
  minutes: [newest('meeting', 'minutes_approved_at', sql`status = 'minutes_approved'`)],
  news: [newest('news_item', 'updated_at', sql`status = 'published'`)],
  plans: [newest('plan', 'updated_at', sql`status <> 'draft'`), newest('plan_report', 'accepted_at')],
  planReports: [newest('plan_report', 'accepted_at')],
};

const toDate = (value: unknown): Date | null => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value)));

/** Each dataset's last update (null while it holds nothing), in one query. */
export async function lastUpdates(db: Db): Promise<Record<DatasetId, Date | null>> {
  const ids = Object.keys(sources).filter((id): id is DatasetId => id in sources);
  const selects = ids.map((id) => sql`greatest(${sql.join(sources[id])}) as ${sql.ref(id)}`);
  const result = await sql<Record<string, unknown>>`select ${sql.join(selects)}`.execute(db);
  const row = result.rows[0] ?? {};
  const out: Partial<Record<DatasetId, Date | null>> = {};
  for (const id of ids) out[id] = toDate(row[id]);
  return { registry: null, deputies: null, areas: null, meetings: null, minutes: null, news: null, plans: null, planReports: null, ...out };
}
