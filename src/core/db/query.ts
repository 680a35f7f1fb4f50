// What every repository shares: the executor it takes, how jsonb values go in, and one page of a list.
import { sql, type Kysely, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { Database } from './database.js';

/** The database or an open transaction: repositories take either, so the transaction shows at the call site. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** A jsonb value as a query parameter (the drivers would turn a JS array into a PostgreSQL array); null stays null. */
export function json(value: null | undefined): null;
export function json(value: NonNullable<unknown>): string;
export function json(value: unknown): string | null;
export function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/**
 * A constant list for `in` (statuses, roles: values the code fixes, never input), written into the
 * SQL instead of being sent as parameters. PostgreSQL then estimates it from its statistics in a
 * prepared statement's generic plan too; given parameters it cannot, and may judge the generic plan
 * dearer and plan the statement afresh on every run (on the public meeting page that was 3 ms of the
 * database's CPU per request, issue 15).
 */
export function constantList<T extends string>(values: readonly T[]) {
  // SQL has no empty list: `in ()` is a syntax error, so an empty constant is the code's mistake.
  if (values.length === 0) throw new Error('constantList: an empty list');
  return sql<T>`(${sql.join(values.map((value) => sql.lit(value)))})`;
}

/** A window onto a list: `limit` rows from `offset`. */
export interface Page {
  limit: number;
  offset: number;
}

/** One page of a list with the total matching it; `page` is 1-based and `pages` at least 1. */
export interface Paged<T> {
  rows: T[];
  total: number;
  page: number;
  pages: number;
}

/** The window for a 1-based page number. */
export function pageWindow(page: number, pageSize: number): Page {
  return { limit: pageSize, offset: (Math.max(1, Math.floor(page)) - 1) * pageSize };
}

/** How many pages `total` rows fill (at least one, so an empty list still has its page). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * One page of an ordered query and the count of all its rows, read side by side. The count is the
 * same query without its selection and order; pass `count` when that would count something else
 * (a query with `distinct` or `group by`).
 */
export async function paginate<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>, window: Page, count?: SelectQueryBuilder<DB, TB, { n: number }>): Promise<Paged<O>> {
  // TypeScript cannot resolve a selection over a generic DB, so the count's one column is named here.
  const counting = count ?? query.clearSelect().clearOrderBy().select(sql<number>`count(*)`.as('n')).$castTo<{ n: number }>();
  const [rows, counted] = await Promise.all([query.limit(window.limit).offset(window.offset).execute(), counting.executeTakeFirstOrThrow()]);
  const total = Number(counted.n);
  return { rows, total, page: Math.floor(window.offset / window.limit) + 1, pages: pageCount(total, window.limit) };
}
